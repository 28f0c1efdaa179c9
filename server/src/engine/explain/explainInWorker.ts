// Runs explainJob in the engine worker (workerTask: time budget, cancellation) and maps every
// range of the result from the expanded search to the search as written.
import type { Range } from '../../spl/ast';
import type { ExplainSpec, WorkerJob } from '../pipeline/workerProtocol';
import { workerTask } from '../pipeline/workerTask';
import type { ExplainResult } from './job';

export interface ExplainInWorkerOptions {
  timeBudgetMs?: number;
  signal?: AbortSignal;
  /** Maps ranges of `job.search` to the original search (the expansion SourceMap). */
  toOriginal?: (r: Range) => Range;
}

export async function explainInWorker(job: WorkerJob, spec: ExplainSpec, opts: ExplainInWorkerOptions = {}): Promise<ExplainResult> {
  const failed = (reason: string): ExplainResult => ({ events: 0, resultCount: 0, warnings: [], error: `explain ${reason}` });
  const r = await workerTask<ExplainResult>({ type: 'explain', job, spec }, 'explained', failed, opts);
  return opts.toOriginal && !r.error ? mapRanges(r, opts.toOriginal) : r;
}

function isRange(x: unknown): x is Range {
  return !!x && typeof x === 'object' && typeof (x as Range).start === 'number' && typeof (x as Range).end === 'number';
}

/** Replaces every `range` and `ranges[]` in an explain result (a JSON tree) with `map` of it. */
export function mapRanges<T>(value: T, map: (r: Range) => Range): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'range' && isRange(x)) out[k] = map(x);
      else if (k === 'ranges' && Array.isArray(x)) out[k] = x.map((r) => (isRange(r) ? map(r) : r));
      else out[k] = walk(x);
    }
    return out;
  };
  return walk(value) as T;
}
