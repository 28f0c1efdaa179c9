// The field extractor: a pure per-event function `extract(raw, meta) → Row` driven by add-on .conf
// knowledge. Plans are compiled once per (source, sourcetype, host) and cached.

import { EngineMessage, InputMeta, RawEvent, Row, newRow } from '../types';
import { AddonConfig } from './conf/layers';
import { AddonLoadOptions, loadAddonConfig } from './conf/load';
import { ExtractionPlan, addJsonFields, compilePlan } from './plan';
import { EvalCompiler } from './ops/eval';
import { SearchClauseCompiler, simpleSearchCompiler } from './ops/search-clause';
import { Tagging, TaggerResult, compileTagger } from './ops/eventtypes';
import { eventTime } from './auto/event-time';
import { flattenJsonValue, MAX_JSON_DEPTH } from './auto/json-flatten';
import { addValue } from './row-fields';
import { isVerbatimTerm, rawVerbatimFields } from './verbatim';
import { GateSchedule, gateSchedule, lastWriterIndex } from './stepWrites';

/** When a gate is tested during the extraction; `tagged`: it reads tags (see gateSchedule). */
type Schedule = GateSchedule & { tagged: boolean };

function isTagField(f: string): boolean {
  return f === 'tag' || f === 'eventtype' || f.startsWith('tag::');
}

/**
 * A row test to apply during extraction: `test` must read only `fields` (tags/eventtypes count
 * as fields `tag`, `tag::…`, `eventtype`). See FieldExtractor.extractIf.
 */
export interface ExtractionGate {
  fields: readonly string[];
  test: (row: Row) => boolean;
}

export interface ExtractorOptions {
  /** Merged add-on knowledge (see `loadAddonConfig`, `mergeApps`). */
  config: AddonConfig;
  /** Compiles EVAL- expressions; without it EVALs are skipped with one warning each. */
  evalCompiler?: EvalCompiler;
  /** Compiles eventtype searches; default: the built-in simple field=value/AND/OR/NOT evaluator. */
  searchCompiler?: SearchClauseCompiler;
  /** `_time` (epoch seconds) for events without a recognisable timestamp; default 0. */
  defaultTime?: number;
  /** Called once for each distinct message (also kept in `messages()`). */
  onMessage?: (m: EngineMessage) => void;
}

export class FieldExtractor {
  private readonly plans = new Map<string, ExtractionPlan>();
  private readonly transformCache = new Map();
  private readonly lookupCache = new Map();
  private readonly seen = new Set<string>();
  private readonly msgs: EngineMessage[] = [];
  private readonly timeWarned = new Set<string>();
  private tagger: TaggerResult | undefined;

  constructor(private readonly opts: ExtractorOptions) {
    for (const p of opts.config.problems) this.report({ severity: 'warning', message: `${p.file}:${p.line}: ${p.message}` });
  }

  /** The add-on knowledge this extractor applies (props, transforms, eventtypes, tags). */
  get config(): AddonConfig {
    return this.opts.config;
  }

  /** Distinct messages reported so far (config problems, skipped EVALs, missing timestamps…). */
  messages(): EngineMessage[] {
    return this.msgs.slice();
  }

  private report = (m: EngineMessage): void => {
    const key = `${m.severity}\u0000${m.line ?? ''}\u0000${m.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.msgs.push(m);
    this.opts.onMessage?.(m);
  };

  /** Line of the event being extracted (for messages about it). */
  private currentLine = 0;
  private tooDeepEvents = 0;

  /** Too-deep JSON keeps the fields above the cut; the first few events are named, then a count. */
  private jsonTooDeep = (path: string): void => {
    this.tooDeepEvents++;
    if (this.tooDeepEvents <= 5) {
      this.report({
        severity: 'warning',
        message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels: the value at "${path.slice(0, 120)}${path.length > 120 ? '…' : ''}" and below was not extracted; the fields above it were kept`,
        line: this.currentLine,
      });
    } else if (this.tooDeepEvents === 6) {
      this.report({ severity: 'warning', message: `more events hold JSON nested deeper than ${MAX_JSON_DEPTH} levels; only the first 5 are named` });
    }
  };

  private lastMeta: InputMeta | undefined;
  private lastPlan: ExtractionPlan | undefined;

  /** The compiled plan for an input (cached). */
  plan(meta: InputMeta): ExtractionPlan {
    const last = this.lastMeta;
    // Fast path: consecutive events of one input (no key string built per event).
    if (last !== undefined && last.source === meta.source && last.sourcetype === meta.sourcetype && last.host === meta.host) {
      return this.lastPlan!;
    }
    const key = `${meta.source}\u0000${meta.sourcetype}\u0000${meta.host}`;
    let p = this.plans.get(key);
    if (!p) {
      p = compilePlan(meta, {
        config: this.opts.config,
        evalCompiler: this.opts.evalCompiler,
        report: this.report,
        transformCache: this.transformCache,
        lookupCache: this.lookupCache,
        jsonTooDeep: this.jsonTooDeep,
      });
      this.plans.set(key, p);
    }
    this.lastMeta = { ...meta };
    this.lastPlan = p;
    return p;
  }

  private readonly verbatim = new Map<ExtractionPlan, (field: string, term: string) => boolean>();

  /**
   * Whether a search's `field=value` needs the text `term` in `_raw` for events of this input: true
   * when the field's extracted value is always a verbatim slice of `_raw` and `term` has no
   * characters the log format escapes (see verbatim.ts). For pruning events before extraction.
   */
  rawVerbatim(meta: InputMeta): (field: string, term: string) => boolean {
    const plan = this.plan(meta);
    let f = this.verbatim.get(plan);
    if (!f) {
      const fields = rawVerbatimFields(plan, this.opts.config);
      f = (field, term) => isVerbatimTerm(term) && fields(field);
      this.verbatim.set(plan, f);
    }
    return f;
  }

  private getTagger(): TaggerResult {
    if (!this.tagger) {
      this.tagger = compileTagger(this.opts.config.eventtypes, this.opts.config.tags, this.opts.searchCompiler ?? simpleSearchCompiler, this.report);
    }
    return this.tagger;
  }

  /** Extracts all search-time fields of one event. Pure with respect to the event: no shared row state. */
  extract(raw: RawEvent, meta: InputMeta): Row {
    return this.run(raw, meta, undefined)!;
  }

  /**
   * Like `extract`, and also says which step produced each field (provenance): the add-on stanza
   * and setting (`props.conf [stanza] REPORT-x → transforms.conf [t] (file:line)`), or the index-time
   * / metadata / timestamp / eventtype-tagging origin. For explaining one event; `extract` itself
   * records nothing.
   */
  extractTraced(raw: RawEvent, meta: InputMeta): { row: Row; provenance: Record<string, string> } {
    const provenance: Record<string, string> = Object.create(null);
    const row = this.run(raw, meta, undefined, (field, origin) => { provenance[field] = origin; })!;
    return { row, provenance };
  }

  private readonly gateSteps = new Map<ExtractionPlan, Map<ExtractionGate, Schedule>>();

  /**
   * Like `extract`, but returns undefined for an event that fails `gate.test`, tested as soon as
   * no later step can change the fields it reads (the remaining steps are skipped). For an event
   * that passes, the row is exactly `extract`'s.
   */
  extractIf(raw: RawEvent, meta: InputMeta, gate: ExtractionGate): Row | undefined {
    return this.run(raw, meta, gate);
  }

  /**
   * When and how `gate` is tested: at = steps.length: after the tagger. A gate reading tags is
   * tested as soon as the fields the tagger reads (and the gate's own) are final: the event is
   * classified then, and the classification is written into the row at the end.
   */
  private gateSchedule(plan: ExtractionPlan, meta: InputMeta, gate: ExtractionGate): Schedule {
    let byGate = this.gateSteps.get(plan);
    if (!byGate) this.gateSteps.set(plan, (byGate = new Map()));
    let s = byGate.get(gate);
    if (s === undefined) {
      const tagged = gate.fields.some(isTagField);
      const reads = tagged ? this.getTagger().readsFor(meta) : undefined;
      if (!tagged) s = { ...gateSchedule(plan.writes, plan.sources, gate.fields), tagged };
      else if (reads === undefined) s = { at: plan.steps.length, early: [], tagged };
      else {
        const at = lastWriterIndex(plan.writes, [...gate.fields, ...reads]);
        s = { at: at >= plan.steps.length - 1 ? plan.steps.length : at, early: [], tagged };
      }
      byGate.set(gate, s);
    }
    return s;
  }

  /** A tag-reading gate's verdict on a row classified as `tagging`, before the tags are written. */
  private taggedPasses(row: Row, gate: ExtractionGate, tagging: Tagging): boolean {
    const view = newRow();
    for (const f of gate.fields) {
      const v = row[f];
      if (v !== undefined) view[f] = v;
    }
    this.getTagger().write(view, tagging);
    return gate.test(view);
  }

  private run(raw: RawEvent, meta: InputMeta, gate: ExtractionGate | undefined, trace?: (field: string, origin: string) => void): Row | undefined {
    this.currentLine = raw.line;
    const plan = this.plan(meta);
    let before: Row | undefined;
    const schedule = gate === undefined ? undefined : this.gateSchedule(plan, meta, gate);
    let gateAt = schedule === undefined ? -2 : schedule.at;
    const row = newRow();
    row._raw = raw.raw;
    row.host = meta.host;
    row.source = meta.source;
    row.sourcetype = meta.sourcetype;
    // Index-time structured fields.
    if (raw.columns) for (const [k, v] of Object.entries(raw.columns)) if (v !== '') addValue(row, k, v, false);
    if (plan.indexedJson && !addJsonFields(row, raw.raw, this.jsonTooDeep) && raw.json !== undefined) {
      flattenJsonValue(raw.json, (p, v) => addValue(row, p, v, true), '', this.jsonTooDeep);
    }
    let t = eventTime(raw.raw, row, plan.time);
    if (t === undefined) {
      t = this.opts.defaultTime ?? 0;
      if (!this.timeWarned.has(plan.key)) {
        this.timeWarned.add(plan.key);
        this.report({
          severity: 'warning',
          message: `No timestamp found in an event of sourcetype ${meta.sourcetype} (source ${meta.source}); _time set to ${t}.`,
          line: raw.line,
        });
      }
    }
    row._time = t;
    if (trace) {
      for (const f in row) trace(f, f === '_raw' ? 'the event text' : f === '_time' ? 'timestamp recognition (props.conf TIME_* settings or automatic)' : ['host', 'source', 'sourcetype'].includes(f) ? 'input metadata' : raw.columns ? 'index-time CSV header' : 'index-time JSON (INDEXED_EXTRACTIONS = json)');
      before = snapshot(row);
    }
    const steps = plan.steps;
    const tagged = schedule?.tagged === true;
    const tagger = this.getTagger();
    const early = schedule?.early;
    // With a tagged gate: the classification made when it was tested, written at the end.
    let tagging: Tagging | undefined;
    // i = -1: before the first step (a gate reading only fields no step writes).
    for (let i = -1; i < steps.length; i++) {
      if (i >= 0) steps[i](row);
      if (trace && i >= 0) {
        const label = plan.labels[i];
        for (const f of changedFields(before!, row)) trace(f, typeof label === 'string' ? label : label.get(f) ?? 'EVAL-');
        before = snapshot(row);
      }
      if (i === gateAt) {
        if (!tagged) {
          if (!gate!.test(row)) return undefined;
        } else if (!sameMeta(row, meta)) gateAt = steps.length; // the tagger's reads are unknown: test the final row
        else {
          tagging = tagger.classify(row);
          if (!this.taggedPasses(row, gate!, tagging)) return undefined;
        }
      } else if (early !== undefined && i >= 0 && i < gateAt) {
        const need = early[i];
        if (need !== undefined && absentAll(row, need)) {
          // The fields the gate reads are final now: test once, here.
          if (!gate!.test(row)) return undefined;
          gateAt = -2;
        }
      }
    }
    if (!tagger.empty) tagger.write(row, tagging ?? tagger.classify(row));
    if (trace && !tagger.empty) for (const f of changedFields(before!, row)) trace(f, 'eventtypes.conf / tags.conf');
    if (gateAt === steps.length && !gate!.test(row)) return undefined;
    return row;
  }
}

/** A copy of a row's values (multivalue arrays copied: steps may append to them in place). */
function snapshot(row: Row): Row {
  const out = newRow();
  for (const k in row) { const v = row[k]; out[k] = Array.isArray(v) ? v.slice() : v; }
  return out;
}

/** Fields set, changed or removed between two states of a row. */
function changedFields(before: Row, after: Row): string[] {
  const out: string[] = [];
  for (const k in after) {
    const a = after[k];
    const b = before[k];
    if (a === b) continue;
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i])) continue;
    out.push(k);
  }
  for (const k in before) if (after[k] === undefined && before[k] !== undefined) out.push(k);
  return out;
}

function sameMeta(row: Row, meta: InputMeta): boolean {
  return row.source === meta.source && row.sourcetype === meta.sourcetype && row.host === meta.host;
}

function absentAll(row: Row, fields: readonly string[]): boolean {
  for (let i = 0; i < fields.length; i++) if (row[fields[i]] !== undefined) return false;
  return true;
}

export interface CreateExtractorOptions extends Omit<ExtractorOptions, 'config'>, AddonLoadOptions {
  /** Use this config instead of loading built-in and user add-on folders. */
  config?: AddonConfig;
}

/** Loads the built-in packs plus user add-on folders (user wins) and returns an extractor. */
export function createExtractor(opts: CreateExtractorOptions = {}): FieldExtractor {
  const config = opts.config ?? loadAddonConfig({ builtinDir: opts.builtinDir, userDirs: opts.userDirs });
  return new FieldExtractor({ ...opts, config });
}
