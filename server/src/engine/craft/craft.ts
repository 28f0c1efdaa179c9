// Crafts an event that makes a search fire: starting from a base event (a data source's
// example_log or a sample event), it runs the search on the event with the engine, finds the
// stage that drops it (explain/trace), solves that stage's condition for field edits (solve.ts),
// writes the edits into the raw text in the log's own format (rewrite.ts) and keeps an edit only
// when re-extraction with the add-ons gives the field the wanted value; then repeats. When the
// event is dropped after an aggregation (a threshold such as `where count > 5`), it tries a
// growing number of copies of the event. Every claim is checked by running the search.
import { parseEvalExpression, parseSpl } from '../../spl/parse';
import type { Command, Range } from '../../spl/ast';
import type { InputMeta, LogFormat, Row } from '../types';
import { evalOptions } from '../commands/util';
import { defaultDataModels } from '../datamodels/registry';
import { createEvalCompiler } from '../eval/compile';
import { scalarText, valuesOf } from '../eval/values';
import { createExtractor } from '../extract';
import { createCsvLookupResolver } from '../pipeline/csvLookups';
import { eventtypeSearchCompiler } from '../pipeline/eventtypeSearch';
import { defaultParsers } from '../pipeline/parsers';
import { type RunContext, runPipeline } from '../pipeline/run';
import { traceEvent } from '../explain/trace';
import { type Edit, valueForPatterns } from './solve';
import { sourceConditionsFor, sourceFieldsFor } from './sources';
import { type Kept, keptFor, type Sources, writeEdit } from './write';
import { lookupEdits, stageTest } from './lookupSolve';
import { evalInputs, mutateSources } from './computed';
import { fieldOrigins, lookupColumns } from './origins';
import { solveStage } from './solveStage';

export interface CraftRequest {
  /** The macro-expanded search. */
  search: string;
  base: { raw: string; format: LogFormat };
  meta: InputMeta;
  addonDirs?: string[];
  tz?: string;
  now?: number;
  /** Folders with CSV lookups (see csvLookups.ts). */
  lookupDirs?: string[];
}

export interface CraftResult {
  /** The crafted event texts (several when a threshold needs copies). */
  events: string[];
  /** The search returns rows for `events` (checked by running it). */
  fires: boolean;
  /** Result rows of that run. */
  rows: number;
  /** Field edits made to the base event. */
  edits: { field: string; from?: string; to?: string }[];
  notes: string[];
  /** Why no single edited event can fire, when that is the case. */
  unsatisfiable?: string;
  /** The source / sourcetype / host the events must be read with (edited when the search names them). */
  meta: InputMeta;
}

const AGGREGATING = new Set(['stats', 'tstats', 'chart', 'timechart', 'top', 'rare', 'transaction', 'eventstats', 'streamstats']);
const COPIES = [2, 3, 5, 10, 20, 50, 101, 201];
const MAX_ROUNDS = 12;

export async function craftEvent(req: CraftRequest): Promise<CraftResult> {
  const pipeline = parseSpl(req.search);
  const format = req.base.format;
  const extractor = createExtractor({ userDirs: req.addonDirs, evalCompiler: createEvalCompiler((t) => parseEvalExpression(t), { tz: req.tz }), searchCompiler: eventtypeSearchCompiler });
  const extract = (text: string): Row => extractor.extract({ raw: text, format, line: 1 }, meta);
  const run: RunContext = { tz: req.tz ?? 'UTC', now: req.now, lookups: createCsvLookupResolver(req.lookupDirs ?? []), dataModels: defaultDataModels(), parsers: defaultParsers, sourceText: req.search };
  const evalOpts = evalOptions({ tz: run.tz!, now: run.now ?? Math.floor(Date.now() / 1000), parsers: defaultParsers });
  const meta: InputMeta = { ...req.meta };
  const result: CraftResult = { events: [], fires: false, rows: 0, edits: [], notes: [], meta };
  const sources: Sources = { fields: (f) => sourceFieldsFor(extractor.plan(meta), f), conditions: (f) => sourceConditionsFor(extractor.plan(meta), f) };
  /** Edits made so far (event fields), kept while later edits are written. */
  const kept: Kept[] = [];
  const write: Write = (text, edit, keep = []) => writeEdit(text, format, edit, extract, sources, keep);
  if (pipeline.errors.length) return { ...result, unsatisfiable: `the search does not parse: ${pipeline.errors[0].message}` };
  const fires = async (rows: Row[]) => (await runPipeline(pipeline, { events: rows }, run)).rows.length;
  /** Rows come out of the search cut after stage `s` (the stage no longer drops the event). */
  const reaches = async (rows: Row[], s: number) => (await runPipeline({ ...pipeline, commands: pipeline.commands.slice(0, s + 1) }, { events: rows }, run)).rows.length > 0;
  let raw = req.base.raw;
  if (format === 'json' && !extractsJson(raw, extract(raw))) {
    // A JSON event whose sourcetype's add-on extracts none of its keys (a data source naming
    // XmlWinEventLog for JSON, say): no edit could ever be read back. Splunk's pretrained `_json`
    // sourcetype extracts JSON, so the crafted event is read with it.
    result.notes.push(`the base event is JSON but sourcetype "${meta.sourcetype}" extracts none of its keys: read the crafted events with sourcetype "_json" (--sourcetype _json)`);
    result.edits.push({ field: 'sourcetype', from: meta.sourcetype, to: '_json' });
    meta.sourcetype = '_json';
  }
  const seen = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const row = extract(raw);
    const n = await fires([row]);
    if (n > 0) return { ...result, events: [raw], fires: true, rows: n };
    const state = `${meta.source}\u0000${meta.sourcetype}\u0000${meta.host}\u0000${raw}`;
    if (seen.has(state)) { result.unsatisfiable = 'the edits do not converge (one edit undoes another)'; break; }
    seen.add(state);
    const t = await traceEvent({ pipeline, ctx: { text: req.search, toOriginal: (r: Range) => r }, events: [row], target: 0, run });
    const s = t.stoppedAt ?? pipeline.commands.length - 1;
    const cmd = pipeline.commands[s];
    const stage = t.stages[s];
    if (!cmd || cmd.kind !== 'command' || t.outcome === 'error') { result.unsatisfiable = stage?.detail ?? 'the search cannot run'; break; }
    const before = pipeline.commands.slice(0, s) as Command[];
    const origin = fieldOrigins(before, await lookupColumns(before, run));
    const sol = await solveStage(cmd, s, row, stage.verdict, stage.group?.missing ?? [], before, run, evalOpts, extractor.config);
    if (before.some((c) => c.kind === 'command' && AGGREGATING.has(c.name))) {
      // Dropped after an aggregation. A condition on by-fields is met by editing the event; one
      // on an aggregate (count, dc…) is a threshold over several events: try copies.
      const byAggregate = (f: string) => { const c = origin(f).computedBy; return c !== undefined && AGGREGATING.has(c); };
      const editable = !('impossible' in sol) && sol.edits.length > 0 && sol.edits.every((e) => !('field' in e) || !byAggregate(e.field));
      if (!editable) {
        for (const k of COPIES) {
          const m = await fires(Array.from({ length: k }, () => row));
          if (m > 0) {
            result.notes.push(`${cmd.name} after an aggregation needs several events: ${k} copies of the event make the search fire`);
            return { ...result, events: Array.from({ length: k }, () => raw), fires: true, rows: m };
          }
        }
        // Distinct counts need distinct values: copies with the dc() field varied.
        const varied = await variedCopies(raw, before, extract, write, fires);
        if (varied) {
          result.notes.push(`${cmd.name} after an aggregation needs ${varied.events.length} events with distinct ${varied.field} values`);
          return { ...result, events: varied.events, fires: true, rows: varied.rows };
        }
        const onAggregate = !('impossible' in sol) && sol.edits.some((e) => 'field' in e && byAggregate(e.field));
        result.unsatisfiable = onAggregate
          ? `stage ${s + 1} (${cmd.name}) tests an aggregate that copies of one event do not reach (${stage.detail})`
          : `stage ${s + 1} (${cmd.name}) drops the event after an aggregation, and neither a field edit nor copies change that (${stage.detail})`;
        break;
      }
    }
    if ('impossible' in sol) { result.unsatisfiable = `stage ${s + 1} (${cmd.name}): ${sol.impossible}`; break; }
    if (sol.edits.length === 0) { result.unsatisfiable = `stage ${s + 1} (${cmd.name}) drops the event and no field edit changes that (${stage.detail})`; break; }
    let applied = 0;
    const computed: string[] = [];
    /** The values the stage wants for the computed fields (tried as their sources' values first). */
    const wanted: string[] = [];
    // Wildcard patterns first: a value an add-on derives from part of another (a registry value
    // name is the last segment of the key path) is then appended to the path the pattern built.
    const wild = (e: Edit) => ('field' in e && e.patterns?.some((p) => p.includes('*')) ? 0 : 1);
    for (const original of [...sol.edits].sort((a, b) => wild(a) - wild(b))) {
      let edit = original;
      if ('field' in edit && META_FIELDS.has(edit.field) && edit.value !== undefined) {
        // Input metadata is not in the event text: read the crafted log with it.
        result.edits.push({ field: edit.field, from: meta[edit.field as keyof InputMeta], to: edit.value });
        meta[edit.field as keyof InputMeta] = edit.value;
        result.notes.push(`read the crafted events with ${edit.field} "${edit.value}" (--${edit.field} ${edit.value})`);
        applied++;
        continue;
      }
      if ('field' in edit) {
        const o = origin(edit.field);
        if (o.computedBy) {
          computed.push(edit.field);
          if (edit.value !== undefined) wanted.push(edit.value);
          continue;
        }
        edit = { ...edit, field: o.field };
        // An earlier edit made this field match other patterns: one value matching them all.
        const earlier = kept.filter((k) => k.field === o.field && k.patterns).flatMap((k) => k.patterns!);
        if (earlier.length && edit.patterns) {
          const patterns = [...new Set([...earlier, ...edit.patterns])];
          const value = valueForPatterns(patterns);
          if (value !== undefined) edit = { ...edit, value, patterns };
        }
      }
      const next = write(raw, edit, kept);
      if (next === undefined) {
        result.notes.push('term' in edit ? `could not add the term "${edit.term}" to the event` : `could not ${edit.value === undefined ? 'remove' : `set ${edit.field}="${edit.value}" in`} the event text so that the add-ons extract it${edit.value === undefined ? '' : ` (is ${edit.field} computed by an add-on from other fields?)`}`);
        continue;
      }
      if (!('term' in edit)) {
        const before = extract(raw)[edit.field];
        // The value the add-ons now extract (a pattern may be met by a longer value than the one proposed).
        const after = extract(next)[edit.field];
        const got = after === undefined ? undefined : valuesOf(after).map(scalarText);
        const to = edit.value === undefined || got === undefined ? edit.value : got.includes(edit.value) ? edit.value : got[0];
        result.edits.push({ field: edit.field, from: before === undefined ? undefined : scalarText(valuesOf(before)[0]), to });
        for (let k = kept.length - 1; k >= 0; k--) if (kept[k].field === edit.field) kept.splice(k, 1);
        kept.push(keptFor(edit.field, edit));
      }
      raw = next;
      applied++;
    }
    if (computed.length && computed.some((f) => origin(f).computedBy?.startsWith('lookup'))) {
      // A condition on a lookup output: set the lookup's input fields to the keys of a row whose outputs pass.
      const test = stageTest(cmd, evalOpts);
      const stageRow = s > 0 ? (await runPipeline({ kind: 'pipeline', range: cmd.range, commands: before, comments: [], errors: [] }, { events: [row] }, run)).rows[0] : row;
      const edits = test && stageRow ? await lookupEdits(before, computed, stageRow, test, run.lookups!) : undefined;
      let next: string | undefined = raw;
      for (const e of edits ?? []) {
        if (!('field' in e)) continue;
        const o = origin(e.field);
        next = next === undefined || o.computedBy ? undefined : write(next, { ...e, field: o.field }, kept);
      }
      if (edits && next !== undefined && next !== raw) {
        result.notes.push(`${computed.join(', ')} comes from a lookup: the event now carries the keys of a lookup row whose outputs pass`);
        for (const e of edits) if ('field' in e) result.edits.push({ field: origin(e.field).field, to: e.value });
        raw = next;
        continue;
      }
    }
    if (computed.length) {
      // A condition on a field the search computes (eval): vary the event fields it is computed from.
      const m = await mutateSources(raw, before, computed, wanted, extract, write, (rows) => reaches(rows, s));
      if (m) {
        result.notes.push(`${computed.join(', ')} is computed by the search; changing ${m.field} from the event made it pass`);
        raw = m.raw;
        continue;
      }
      const statistics = [...new Set(computed.flatMap((f) => evalInputs(before, f)))].filter((f) => AGGREGATING.has(origin(f).computedBy ?? ''));
      if (statistics.length) {
        result.unsatisfiable = `stage ${s + 1} (${cmd.name}): ${computed.join(', ')} depends on statistics over several events (${statistics.map((f) => `${f} from ${origin(f).computedBy}`).join(', ')})`;
        break;
      }
      result.notes.push(`${computed.join(', ')} is computed by the search (${computed.map((f) => origin(f).computedBy).join(', ')}), not read from the event; no change of the fields it reads made the search fire`);
      if (applied === 0) { result.unsatisfiable = `stage ${s + 1} (${cmd.name}): ${result.notes[result.notes.length - 1]}`; break; }
    }
    if (applied === 0) { result.unsatisfiable = `stage ${s + 1} (${cmd.name}): ${result.notes[result.notes.length - 1] ?? 'no edit could be written'}`; break; }
  }
  const row = extract(raw);
  const n = await fires([row]);
  return { ...result, events: [raw], fires: n > 0, rows: n, unsatisfiable: n > 0 ? undefined : result.unsatisfiable ?? `still dropped after ${MAX_ROUNDS} rounds of edits` };
}

const DISTINCT = new Set(['dc', 'distinct_count', 'estdc', 'estdc_error']);

/** Copies of the event whose dc()-counted fields take distinct values, in growing numbers, until the search fires. */
async function variedCopies(raw: string, before: Command[], extract: (t: string) => Row, write: Write, fires: (rows: Row[]) => Promise<number>): Promise<{ events: string[]; rows: number; field: string } | undefined> {
  const events: string[] = [];
  before.forEach((c, i) => {
    if (c.body.kind !== 'stats') return;
    // The counted field as the commands before this stats see it (a later `values(x) AS x` does not make it computed).
    const originHere = fieldOrigins(before.slice(0, i));
    for (const a of c.body.aggregations) {
      if (!DISTINCT.has(a.func) || a.arg?.kind !== 'field') continue;
      const o = originHere(a.arg.field.name);
      if (!o.computedBy && !events.includes(o.field)) events.push(o.field);
    }
  });
  if (events.length === 0) return undefined;
  for (const k of COPIES) {
    const texts: string[] = [];
    for (let i = 0; i < k; i++) {
      let t: string | undefined = raw;
      for (const f of events) {
        const cur = extract(t)[f];
        const base = cur === undefined ? 'x' : scalarText(valuesOf(cur)[0]);
        t = write(t, { field: f, value: `${base}${i + 1}` });
        if (t === undefined) return undefined;
      }
      texts.push(t);
    }
    const m = await fires(texts.map(extract));
    if (m > 0) return { events: texts, rows: m, field: events.join(', ') };
  }
  return undefined;
}

/** Writes one edit into an event text (write.ts), keeping the given earlier edits where it can. */
type Write = (text: string, edit: Edit, keep?: Kept[]) => string | undefined;

const META_FIELDS = new Set(['source', 'sourcetype', 'host']);
/** True when the row carries at least one of the JSON object's top-level keys (or the text is not a JSON object). */
function extractsJson(raw: string, row: Row): boolean {
  let obj: unknown;
  try { obj = JSON.parse(raw); } catch { return true; }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return true;
  const keys = Object.keys(obj);
  const fields = Object.keys(row).filter((f) => !META_FIELDS.has(f) && !f.startsWith('_'));
  return keys.length === 0 || keys.some((k) => fields.some((f) => f === k || f.startsWith(`${k}.`) || f.startsWith(`${k}{}`)));
}
