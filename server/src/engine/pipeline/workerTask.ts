// One request/response task in a fresh engine worker (explain, craft), with the same safety as
// runInWorker: a time budget after which the worker is terminated (a catastrophic regular
// expression cannot be interrupted otherwise) and cancellation.
import { Worker } from 'node:worker_threads';
import { resolveWorkerPath } from './runInWorker';
import type { HostToWorker, WorkerToHost } from './workerProtocol';

export interface WorkerTaskOptions {
  timeBudgetMs?: number;
  signal?: AbortSignal;
}

/** Posts `message`; resolves with the `reply` message's result, or with `failed(reason)`. */
export function workerTask<T>(message: HostToWorker, reply: 'explained' | 'crafted', failed: (reason: string) => T, opts: WorkerTaskOptions = {}): Promise<T> {
  const budget = opts.timeBudgetMs ?? 60000;
  const where = resolveWorkerPath();
  return new Promise((resolvePromise) => {
    let settled = false;
    const worker = new Worker(where.path, { execArgv: where.execArgv });
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
    worker.on('error', (e) => finish(failed(`crashed the engine worker: ${e.message}`)));
    worker.on('exit', (code) => { if (!settled) finish(failed(`ended with the engine worker exiting (code ${code})`)); });
    worker.postMessage(message);
  });
}
