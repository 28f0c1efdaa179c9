// ==== Readers/extraction wiring (lead: adjust here if those APIs change) ====
// Turns a job's input files into extracted rows: server/src/engine/readers (RawEvent streams) →
// server/src/engine/extract (props/transforms/eventtypes/tags → Row). Events whose _raw lacks a
// term every match needs (requiredTerms of the leading search: bare terms, and `field=value` when
// the input's extraction plan takes `field` verbatim from _raw) are skipped before extraction
// (JSON lines: before parsing); the others are tested against the leading search as soon as the
// fields it reads are extracted (searchGate), and dropped then. Both only when nothing else in the
// pipeline reads the input. `eventsRead` still counts every event of the file.
import type { Pipeline, SearchExpr } from '../../spl/ast';
import { parseEvalExpression } from '../../spl/parse';
import { createEvalCompiler } from '../eval/compile';
import { createExtractor } from '../extract';
import type { ExtractionGate } from '../extract/extractor';
import { readEvents } from '../readers';
import { compileSearch } from '../search/compile';
import { requiredTerms } from '../search/requiredTerms';
import { rawTermsFilter } from '../search/termFilter';
import type { EngineMessage, LogFormat, Row } from '../types';
import type { DataModelRegistry } from '../datamodels/registry';
import { option } from '../commands/args';
import { defaultParsers } from './parsers';
import { eventtypeSearchCompiler } from './eventtypeSearch';
import type { BatchedRows } from './replay';
import { hasSubsearch } from './subsearches';

export interface JobInput {
  path: string;
  format?: LogFormat | 'auto';
  source: string;
  sourcetype: string;
  host: string;
}

export interface EventInputOptions {
  inputs: JobInput[];
  addonDirs?: string[];
  tz?: string;
  signal?: AbortSignal;
  onMessage?: (m: EngineMessage) => void;
  /** The pipeline, to derive pruning terms from its leading search. */
  pipeline?: Pipeline;
  /** The data models the pipeline runs with: a leading `tstats` then drops events outside its dataset early. */
  dataModels?: DataModelRegistry;
}

/**
 * Terms every event must contain for the leading search to match. Only used when nothing else in
 * the pipeline reads the input (no subsearches, map, tstats, datamodel/from), because the same
 * event source serves every reader.
 */
export function pruningTerms(pipeline: Pipeline, isRawVerbatim?: (field: string, term: string) => boolean): string[] {
  const expr = prunableSearch(pipeline);
  return expr ? requiredTerms(expr, isRawVerbatim) : [];
}

/** The leading search's expression when events failing it may be dropped from the input. */
function prunableSearch(pipeline: Pipeline): SearchExpr | undefined {
  const first = pipeline.commands[0];
  if (!first || first.kind !== 'command' || first.name !== 'search' || first.body.kind !== 'search') return undefined;
  if (hasSubsearch(pipeline)) return undefined;
  if (pipeline.commands.some((c) => c.kind === 'command' && ['map', 'tstats', 'datamodel', 'from'].includes(c.name))) return undefined;
  return first.body.expr;
}

/** The fields a search expression reads (`_raw` for terms), or undefined when unknown. */
function searchFields(e: SearchExpr, out: Set<string>): boolean {
  switch (e.kind) {
    case 'and':
    case 'or':
      return e.items.every((i) => searchFields(i, out));
    case 'not':
      return searchFields(e.item, out);
    case 'compare':
    case 'in':
      if (e.field.includes('*')) return false;
      out.add(e.field);
      return true;
    case 'term':
      out.add('_raw');
      return true;
    default:
      return false;
  }
}

/**
 * The leading search as an extraction gate: events it rejects are dropped as soon as the fields it
 * reads are extracted (the rest of their extraction is skipped).
 */
export function searchGate(pipeline: Pipeline): ExtractionGate | undefined {
  const expr = prunableSearch(pipeline);
  if (!expr) return undefined;
  const fields = new Set<string>();
  if (!searchFields(expr, fields)) return undefined;
  const compiled = compileSearch(expr);
  return compiled.ok ? { fields: [...fields], test: compiled.fn } : undefined;
}

/**
 * A leading `tstats … from datamodel=M[.Obj]` that is the only reader of the input (no subsearches,
 * no other tstats/datamodel/from/map): events failing the constraints of the object and its
 * ancestors can never reach it, so they are dropped during extraction (not with `nodename` in its
 * where clause, which selects another dataset).
 */
export function tstatsGate(pipeline: Pipeline, dataModels: DataModelRegistry): ExtractionGate | undefined {
  const first = pipeline.commands[0];
  if (!first || first.kind !== 'command' || first.name !== 'tstats' || first.body.kind !== 'stats') return undefined;
  const dmName = first.body.datamodel?.name ?? option(first, 'datamodel');
  if (!dmName) return undefined;
  // `nodename=…` in the where clause makes tstats resolve another dataset.
  if (hasSubsearch(pipeline) || JSON.stringify(first.body.where ?? null).toLowerCase().includes('nodename')) return undefined;
  if (pipeline.commands.slice(1).some((c) => c.kind !== 'command' || ['map', 'tstats', 'datamodel', 'from'].includes(c.name))) return undefined;
  const resolved = dataModels.resolve(dmName);
  if (!resolved) return undefined;
  const fields = new Set<string>();
  const tests: ((row: Row) => boolean)[] = [];
  for (const obj of resolved.chain) {
    for (const c of obj.constraints) {
      const expr = defaultParsers.parseSearchClause(c.search);
      if (!expr || !searchFields(expr, fields)) return undefined;
      const compiled = compileSearch(expr);
      if (!compiled.ok) return undefined;
      tests.push(compiled.fn);
    }
  }
  if (tests.length === 0) return undefined;
  return { fields: [...fields], test: (row) => tests.every((t) => t(row)) };
}

export function createEventSource(opts: EventInputOptions): () => BatchedRows {
  const extractor = createExtractor({
    userDirs: opts.addonDirs,
    evalCompiler: createEvalCompiler((t) => parseEvalExpression(t), { tz: opts.tz }),
    searchCompiler: eventtypeSearchCompiler,
    onMessage: opts.onMessage,
  });
  const pipeline = opts.pipeline;
  const gate = pipeline ? searchGate(pipeline) ?? (opts.dataModels ? tstatsGate(pipeline, opts.dataModels) : undefined) : undefined;
  // Rows in batches (one per chunk the reader decoded): no per-event await, and events that fail
  // the pruning terms are dropped before extraction.
  async function* rowBatches(): AsyncGenerator<{ rows: Row[]; read: number }> {
    for (const input of opts.inputs) {
      const meta = { source: input.source, sourcetype: input.sourcetype, host: input.host };
      const keep = pipeline ? rawTermsFilter(pruningTerms(pipeline, extractor.rawVerbatim(meta))) : undefined;
      // Events the reader skips unparsed (its prefilter) still count as read.
      let skipped = 0;
      const prefilter = keep && ((text: string) => keep(text) || (skipped++, false));
      const stream = readEvents({ path: input.path }, { format: input.format ?? 'auto', signal: opts.signal, onMessage: opts.onMessage, prefilter });
      for await (const batch of stream.batches()) {
        const rows: Row[] = [];
        for (let i = 0; i < batch.length; i++) {
          const raw = batch[i];
          if (keep !== undefined && !keep(raw.raw)) continue;
          if (gate === undefined) rows.push(extractor.extract(raw, meta));
          else {
            const row = extractor.extractIf(raw, meta, gate);
            if (row !== undefined) rows.push(row);
          }
        }
        yield { rows, read: batch.length + skipped };
        skipped = 0;
        if (opts.signal?.aborted) return;
      }
      if (skipped > 0) yield { rows: [], read: skipped };
    }
  }
  return () => ({
    rowBatches,
    async *[Symbol.asyncIterator]() {
      for await (const b of rowBatches()) yield* b.rows;
    },
  });
}
