// The field extractor: a pure per-event function `extract(raw, meta) → Row` driven by add-on .conf
// knowledge. Plans are compiled once per (source, sourcetype, host) and cached.

import { EngineMessage, InputMeta, RawEvent, Row, newRow } from '../types';
import { AddonConfig } from './conf/layers';
import { AddonLoadOptions, loadAddonConfig } from './conf/load';
import { ExtractionPlan, addJsonFields, compilePlan } from './plan';
import { EvalCompiler } from './ops/eval';
import { SearchClauseCompiler, simpleSearchCompiler } from './ops/search-clause';
import { TaggerResult, compileTagger } from './ops/eventtypes';
import { eventTime } from './auto/event-time';
import { flattenJsonValue } from './auto/json-flatten';
import { addValue } from './row-fields';
import { isVerbatimTerm, rawVerbatimFields } from './verbatim';
import { GateSchedule, gateSchedule, lastWriterIndex } from './stepWrites';

/** A gate schedule; `probe`: for a gate reading tags, the fields to copy into a row tagged to test it. */
type Schedule = GateSchedule & { probe?: readonly string[] };

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

  /** Distinct messages reported so far (config problems, skipped EVALs, missing timestamps…). */
  messages(): EngineMessage[] {
    return this.msgs.slice();
  }

  private report = (m: EngineMessage): void => {
    const key = `${m.severity}\u0000${m.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.msgs.push(m);
    this.opts.onMessage?.(m);
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
   * When `gate` can be tested (at = steps.length: after the tagger). A gate reading tags is tested
   * as soon as the fields the tagger reads are final, on a probe row tagged with them.
   */
  private gateSchedule(plan: ExtractionPlan, meta: InputMeta, gate: ExtractionGate): Schedule {
    let byGate = this.gateSteps.get(plan);
    if (!byGate) this.gateSteps.set(plan, (byGate = new Map()));
    let s = byGate.get(gate);
    if (s === undefined) {
      const tagged = gate.fields.some(isTagField);
      const reads = tagged ? this.getTagger().readsFor(meta) : undefined;
      if (!tagged) s = gateSchedule(plan.writes, plan.sources, gate.fields);
      else if (reads === undefined) s = { at: plan.steps.length, early: [] };
      else {
        const probe = [...new Set([...gate.fields.filter((f) => !isTagField(f)), ...reads])];
        const at = lastWriterIndex(plan.writes, probe);
        s = at >= plan.steps.length - 1 ? { at: plan.steps.length, early: [] } : { at, early: [], probe };
      }
      byGate.set(gate, s);
    }
    return s;
  }

  /** The gate's verdict; with a probe, callers first check that source/sourcetype/host are the input's (see readsFor). */
  private gatePasses(row: Row, probe: readonly string[] | undefined, gate: ExtractionGate): boolean {
    return probe === undefined ? gate.test(row) : this.probeTest(row, probe, gate);
  }

  /** Tests a tag-reading gate on a copy of the probe fields, tagged as the final row will be. */
  private probeTest(row: Row, probe: readonly string[], gate: ExtractionGate): boolean {
    const p = newRow();
    for (let i = 0; i < probe.length; i++) {
      const v = row[probe[i]];
      if (v !== undefined) p[probe[i]] = v;
    }
    const tagger = this.getTagger();
    if (!tagger.empty) tagger.apply(p);
    return gate.test(p);
  }

  private run(raw: RawEvent, meta: InputMeta, gate: ExtractionGate | undefined): Row | undefined {
    const plan = this.plan(meta);
    const schedule = gate === undefined ? undefined : this.gateSchedule(plan, meta, gate);
    let gateAt = schedule === undefined ? -2 : schedule.at;
    const row = newRow();
    row._raw = raw.raw;
    row.host = meta.host;
    row.source = meta.source;
    row.sourcetype = meta.sourcetype;
    // Index-time structured fields.
    if (raw.columns) for (const [k, v] of Object.entries(raw.columns)) if (v !== '') addValue(row, k, v, false);
    if (plan.indexedJson && !addJsonFields(row, raw.raw) && raw.json !== undefined) {
      flattenJsonValue(raw.json, (p, v) => addValue(row, p, v, true));
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
    const steps = plan.steps;
    const probe = schedule?.probe;
    if (gateAt === -1) {
      if (probe !== undefined && !sameMeta(row, meta)) gateAt = steps.length;
      else if (!this.gatePasses(row, probe, gate!)) return undefined;
    }
    const early = schedule?.early;
    for (let i = 0; i < steps.length; i++) {
      steps[i](row);
      if (i === gateAt) {
        if (probe !== undefined && !sameMeta(row, meta)) gateAt = steps.length; // test the final row instead
        else if (!this.gatePasses(row, probe, gate!)) return undefined;
      } else if (early !== undefined && i < gateAt) {
        const need = early[i];
        if (need !== undefined && absentAll(row, need)) {
          // The fields the gate reads are final now: test once, here.
          if (!gate!.test(row)) return undefined;
          gateAt = -2;
        }
      }
    }
    const tagger = this.getTagger();
    if (!tagger.empty) tagger.apply(row);
    if (gateAt === steps.length && !gate!.test(row)) return undefined;
    return row;
  }
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
