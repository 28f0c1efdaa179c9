// Entry point of the engine worker thread (bundled to dist/engine-worker.js). The host
// (pipeline/runInWorker.ts) posts `run` jobs one at a time (a worker whose run ended normally serves
// the next one: workerPool.ts); the worker reports stage progress and the result.
// Running in a worker lets the host terminate a run stuck in a catastrophic regular expression.
import { parentPort } from 'node:worker_threads';
import { runJob } from './pipeline/runJob';
import { explainJob } from './explain/job';
import { craftEvent, type CraftRequest } from './craft/craft';
import type { HostToWorker, WorkerToHost } from './pipeline/workerProtocol';

const port = parentPort;
if (port) {
  let controller = new AbortController();
  const post = (m: WorkerToHost) => port.postMessage(m);
  port.on('message', (msg: HostToWorker) => {
    if (msg.type === 'cancel') { controller.abort(); return; }
    if (msg.type === 'explain') {
      explainJob(msg.job, { ...msg.spec, signal: controller.signal }).then(
        (result) => post({ type: 'explained', result }),
        (e: unknown) => post({ type: 'failed', message: e instanceof Error ? e.message : String(e) }),
      );
      return;
    }
    if (msg.type === 'craft') {
      craftEvent(msg.request as CraftRequest).then(
        (result) => post({ type: 'crafted', result }),
        (e: unknown) => post({ type: 'failed', message: e instanceof Error ? e.message : String(e) }),
      );
      return;
    }
    if (msg.type !== 'run') return;
    controller = new AbortController();
    runJob(msg.job, {
      signal: controller.signal,
      onStage: (s) => post({ type: 'stage', ...s }),
      onMessage: (m) => post({ type: 'message', message: m }),
      onProgress: (eventsRead) => post({ type: 'progress', eventsRead }),
    }).then(
      (result) => post({ type: 'result', result }),
      (e: unknown) => post({ type: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
  });
}
