// Explains one event of a run's sample (and/or ranks near misses) for a WorkerJob: reads the
// job's inputs with the same extraction as the run (createEventSource, without pruning, so every
// event is there), re-extracts the chosen event with provenance recording, follows it through the
// search (trace.ts), and adds near misses and missing-field hints when asked.
import { parseEvalExpression, parseSpl } from '../../spl/parse';
import type { Range } from '../../spl/ast';
import { createEvalCompiler } from '../eval/compile';
import { createExtractor } from '../extract';
import { readEvents } from '../readers';
import { defaultDataModels } from '../datamodels/registry';
import { createCsvLookupResolver } from '../pipeline/csvLookups';
import { seededLookupResolver } from '../pipeline/seededLookups';
import { createEventSource } from '../pipeline/eventInput';
import { eventtypeSearchCompiler } from '../pipeline/eventtypeSearch';
import type { RunContext } from '../pipeline/run';
import type { WorkerJob } from '../pipeline/workerProtocol';
import { valueText } from '../resultFormat';
import type { EngineMessage, Row } from '../types';
import { shownValues, type TreeContext } from './context';
import { fieldsReadFromEvents } from './fieldsRead';
import { datasetFieldMap, fieldsPresent, type MissingField, missingFields } from './missingFields';
import { type NearMissReport, rankNearMisses } from './nearMiss';
import { traceEvent } from './trace';
import type { EventExplanation } from './types';

export interface ExplainOptions {
  /** 1-based event number in the sample (events of all inputs, in order); omit for near misses only. */
  event?: number;
  nearMisses?: boolean;
  missingFields?: boolean;
  /** Maps ranges of `job.search` to the search as written (the expansion SourceMap). */
  toOriginal?: (r: Range) => Range;
  signal?: AbortSignal;
}

export interface ExplainResult {
  /** Events in the sample. */
  events: number;
  /** Rows the whole search returns (0 when only missing fields were asked for: the search is not run then). */
  resultCount: number;
  explanation?: EventExplanation;
  nearMisses?: NearMissReport;
  missingFields?: MissingField[];
  warnings: string[];
  error?: string;
}

const MAX_EVENTS = 200000;

export async function explainJob(job: WorkerJob, opts: ExplainOptions): Promise<ExplainResult> {
  const warnings: EngineMessage[] = [];
  const pipeline = parseSpl(job.search);
  const toOriginal = opts.toOriginal ?? ((r: Range) => r);
  const ctx: TreeContext = { text: job.search, toOriginal };
  const warningTexts = () => [...new Set(warnings.map((w) => `${w.severity}: ${w.message}${w.line ? ` (log line ${w.line})` : ''}`))];
  if (pipeline.errors.length) return { events: 0, resultCount: 0, warnings: [], error: pipeline.errors[0].message };
  const events: Row[] = [];
  const source = createEventSource({ inputs: job.inputs, addonDirs: job.addonDirs, tz: job.tz, signal: opts.signal, onMessage: (m) => warnings.push(m) })();
  for await (const b of source.rowBatches()) {
    for (const r of b.rows) events.push(r);
    if (events.length > MAX_EVENTS) return { events: events.length, resultCount: 0, warnings: warningTexts(), error: `the sample has more than ${MAX_EVENTS} events; explain a smaller sample` };
  }
  const result: ExplainResult = { events: events.length, resultCount: 0, warnings: [] };
  const target = opts.event === undefined ? -1 : opts.event - 1;
  if (opts.event !== undefined && (target < 0 || target >= events.length)) {
    return { ...result, warnings: warningTexts(), error: `there is no event ${opts.event}: the sample has ${events.length} event(s) (numbered from 1)` };
  }
  let provenance: Record<string, string> = {};
  let where: { line?: number; file?: string } = {};
  if (target >= 0) {
    const traced = await extractWithProvenance(job, target);
    if (traced) { events[target] = traced.row; provenance = traced.provenance; where = { line: traced.line, file: traced.file }; }
  }
  const repoLookups = createCsvLookupResolver(job.lookupDirs ?? [], job.lookupDefinitions);
  // The search runs only to trace an event or find near misses: only then do baselines fill lookups first.
  const runs = target >= 0 || !!opts.nearMisses;
  const run: RunContext = {
    tz: job.tz ?? 'UTC', now: job.now, signal: opts.signal, sourceText: job.search, dataModels: defaultDataModels(),
    lookups: runs ? await seededLookupResolver(job, repoLookups, { signal: opts.signal, warn: (m) => warnings.push(m) }) : repoLookups,
    warn: (m) => warnings.push(m),
  };
  if (target < 0 && !opts.nearMisses) {
    // Missing fields only: no need to run the search.
    if (opts.missingFields) result.missingFields = missingFields(pipeline, fieldsPresent(events), toOriginal, datasetFieldMap(run.dataModels!));
    result.warnings = warningTexts();
    return result;
  }
  const trace = await traceEvent({ pipeline, ctx, events, target, run });
  result.resultCount = trace.resultCount;
  if (target >= 0) {
    const row = events[target];
    const read = fieldsReadFromEvents(pipeline, datasetFieldMap(run.dataModels!)).map((f) => f.field);
    const fields = [...new Set([...read, ...Object.keys(provenance).filter((f) => read.includes(f))])].map((field) => ({
      field, values: field === '_time' ? [valueText(field, row[field], run.tz ?? 'UTC')].flat().filter((x): x is string => x !== undefined) : shownValues(row[field]), origin: row[field] === undefined ? undefined : provenance[field],
    }));
    result.explanation = {
      event: target + 1, ...where, fields, stages: trace.stages, outcome: trace.outcome, stoppedAt: trace.stoppedAt,
      results: trace.results.length ? trace.results.map((r) => textRow(r, run.tz ?? 'UTC')) : undefined,
    };
  }
  if (opts.nearMisses && trace.resultCount === 0 && trace.deciding) result.nearMisses = rankNearMisses(trace.deciding, ctx, run);
  if (opts.missingFields) result.missingFields = missingFields(pipeline, fieldsPresent(events), toOriginal, datasetFieldMap(run.dataModels!));
  result.warnings = warningTexts();
  return result;
}

function textRow(r: Row, tz: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const k in r) { const t = valueText(k, r[k], tz); if (t !== undefined && k !== '_raw') out[k] = t; }
  return out;
}

/** Reads the inputs again up to event `index` and extracts it recording each field's origin. */
async function extractWithProvenance(job: WorkerJob, index: number): Promise<{ row: Row; provenance: Record<string, string>; line: number; file: string } | undefined> {
  const extractor = createExtractor({
    userDirs: job.addonDirs,
    evalCompiler: createEvalCompiler((t) => parseEvalExpression(t), { tz: job.tz }),
    searchCompiler: eventtypeSearchCompiler,
  });
  let n = 0;
  for (const input of job.inputs) {
    const meta = { source: input.source, sourcetype: input.sourcetype, host: input.host };
    for await (const batch of readEvents({ path: input.path }, { format: input.format ?? 'auto' }).batches()) {
      if (n + batch.length <= index) { n += batch.length; continue; }
      const raw = batch[index - n];
      return { ...extractor.extractTraced(raw, meta), line: raw.line, file: input.path };
    }
  }
  return undefined;
}
