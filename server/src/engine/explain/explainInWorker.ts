// Runs explainJob in the engine worker (like runInWorker: a stuck regular expression or a huge
// sample cannot block the caller; the worker is terminated after the time budget) and maps every
// range of the result from the expanded search to the search as written.
import { Worker } from 'node:worker_threads';
import type { Range } from '../../spl/ast';
import { resolveWorkerPath } from '../pipeline/runInWorker';
import type { ExplainSpec, HostToWorker, WorkerJob, WorkerToHost } from '../pipeline/workerProtocol';
import type { ExplainResult } from './job';

export interface ExplainInWorkerOptions {
  timeBudgetMs?: number;
  signal?: AbortSignal;
  /** Maps ranges of `job.search` to the original search (the expansion SourceMap). */
  toOriginal?: (r: Range) => Range;
}

export function explainInWorker(job: WorkerJob, spec: ExplainSpec, opts: ExplainInWorkerOptions = {}): Promise<ExplainResult> {
  const budget = opts.timeBudgetMs ?? 60000;
  const where = resolveWorkerPath();
  return new Promise((resolvePromise) => {
    let settled = false;
    const worker = new Worker(where.path, { execArgv: where.execArgv });
    const finish = (r: ExplainResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolvePromise(r);
    };
    const failed = (error: string): ExplainResult => ({ events: 0, resultCount: 0, warnings: [], error });
    const timer = setTimeout(() => finish(failed(`explain exceeded its time budget (${budget} ms) (a catastrophic regular expression, or a very large sample?)`)), budget);
    const onAbort = () => finish(failed('explain was cancelled'));
    opts.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: WorkerToHost) => {
      if (m.type === 'failed') finish(failed(`engine worker failed: ${m.message}`));
      else if (m.type === 'explained') finish(opts.toOriginal ? mapRanges(m.result as ExplainResult, opts.toOriginal) : (m.result as ExplainResult));
    });
    worker.on('error', (e) => finish(failed(`engine worker crashed: ${e.message}`)));
    worker.on('exit', (code) => { if (!settled) finish(failed(`engine worker exited (code ${code})`)); });
    worker.postMessage({ type: 'explain', job, spec } satisfies HostToWorker);
  });
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
