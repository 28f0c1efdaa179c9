// One request/response task in a fresh engine worker (explain, craft), with the same safety as
// runInWorker: a time budget after which the worker is terminated (a catastrophic regular
// expression cannot be interrupted otherwise) and cancellation.
import { Worker } from 'node:worker_threads';
import { DEFAULT_MAX_MEMORY_MB, resolveWorkerPath } from './runInWorker';
import type { HostToWorker, WorkerToHost } from './workerProtocol';

export interface WorkerTaskOptions {
  timeBudgetMs?: number;
  signal?: AbortSignal;
  /** The worker's heap limit in MB (as for runInWorker; default 1024). */
  maxMemoryMB?: number;
}

/** Posts `message`; resolves with the `reply` message's result, or with `failed(reason)`. */
export function workerTask<T>(message: HostToWorker, reply: 'explained' | 'crafted', failed: (reason: string) => T, opts: WorkerTaskOptions = {}): Promise<T> {
  const budget = opts.timeBudgetMs ?? 60000;
  const where = resolveWorkerPath();
  return new Promise((resolvePromise) => {
    let settled = false;
    const mb = opts.maxMemoryMB ?? DEFAULT_MAX_MEMORY_MB;
    // the same heap limit as runs: reaching it ends the worker, never the host
    const worker = new Worker(where.path, {
      execArgv: where.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: mb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(mb / 16))) },
    });
    const finish = (r: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolvePromise(r);
    };
    const timer = setTimeout(() => finish(failed(`exceeded its time budget (${budget} ms) (a catastrophic regular expression, or a very large sample?)`)), budget);
    const onAbort = () => finish(failed('was cancelled'));
    opts.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: WorkerToHost) => {
      if (m.type === 'failed') finish(failed(`failed in the engine worker: ${m.message}`));
      else if (m.type === reply) finish(m.result as T);
    });
    worker.on('error', (e: Error & { code?: string }) =>
      finish(failed(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `reached the engine's memory limit of ${mb} MB (raise detectionWorkbench.engine.maxMemoryMB, or --max-memory MB)` : `crashed the engine worker: ${e.message}`)));
    worker.on('exit', (code) => { if (!settled) finish(failed(`ended with the engine worker exiting (code ${code})`)); });
    worker.postMessage(message);
  });
}
