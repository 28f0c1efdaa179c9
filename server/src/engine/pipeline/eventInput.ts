// ==== Readers/extraction wiring (lead: adjust here if those APIs change) ====
// Turns a job's input files into extracted rows: server/src/engine/readers (RawEvent streams) →
// server/src/engine/extract (props/transforms/eventtypes/tags → Row). Events whose _raw lacks a
// term every match needs (requiredTerms of the leading search, bare terms only) are skipped
// before extraction.
import type { Pipeline } from '../../spl/ast';
import { parseEvalExpression } from '../../spl/parse';
import { createEvalCompiler } from '../eval/compile';
import { createExtractor } from '../extract';
import { readEvents } from '../readers';
import { compileSearch } from '../search/compile';
import { requiredTerms } from '../search/requiredTerms';
import type { EngineMessage, LogFormat, Row } from '../types';
import { defaultParsers } from './parsers';

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
}

/**
 * Terms every event must contain for the leading search to match. Only used when nothing else in
 * the pipeline reads the input (no subsearches, map, tstats, datamodel/from), because the same
 * event source serves every reader.
 */
export function pruningTerms(pipeline: Pipeline): string[] {
  const first = pipeline.commands[0];
  if (!first || first.kind !== 'command' || first.name !== 'search' || first.body.kind !== 'search') return [];
  const text = JSON.stringify(pipeline, (k, v) => (k === 'range' || k.endsWith('Range') ? undefined : v));
  if (text.includes('"kind":"subsearch"')) return [];
  if (pipeline.commands.some((c) => c.kind === 'command' && ['map', 'tstats', 'datamodel', 'from'].includes(c.name))) return [];
  return requiredTerms(first.body.expr);
}

export function createEventSource(opts: EventInputOptions): () => AsyncIterable<Row> {
  const extractor = createExtractor({
    userDirs: opts.addonDirs,
    evalCompiler: createEvalCompiler((t) => parseEvalExpression(t), { tz: opts.tz }),
    searchCompiler: {
      compile(text: string) {
        const r = compileSearch(defaultParsers.parseSearchClause(text));
        return r.ok ? r.fn : r.error;
      },
    },
    onMessage: opts.onMessage,
  });
  const terms = opts.pipeline ? pruningTerms(opts.pipeline) : [];
  return async function* events() {
    for (const input of opts.inputs) {
      const stream = readEvents({ path: input.path }, { format: input.format ?? 'auto', signal: opts.signal, onMessage: opts.onMessage });
      const meta = { source: input.source, sourcetype: input.sourcetype, host: input.host };
      for await (const raw of stream) {
        if (terms.length > 0) {
          const lower = raw.raw.toLowerCase();
          if (!terms.every((t) => lower.includes(t))) continue;
        }
        yield extractor.extract(raw, meta);
      }
    }
  };
}
