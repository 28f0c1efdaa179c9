// Keeps one idle engine worker between runs, so a preview does not pay for starting a thread,
// loading the engine bundle and compiling its hot code every time (the second and later runs in a
// worker are faster: its JIT has warmed up). Only a worker whose run ended normally is kept; a run
// that timed out, was cancelled, crashed or hit its memory limit ends its worker (terminate is the
// only way out of a catastrophic regular expression). An idle worker is unref'd, so it never keeps
// a process (the CLI) alive.
import { Worker } from 'node:worker_threads';

interface Idle {
  worker: Worker;
  key: string;
  /** The pool's own listeners while the worker is idle (removed when a run takes it). */
  onExit: () => void;
  onError: () => void;
}

let idle: Idle | undefined;
let starts = 0;

function keyOf(path: string, maxMemoryMB: number): string {
  return `${path}\u0000${maxMemoryMB}`;
}

function start(path: string, execArgv: string[], maxMemoryMB: number): Worker {
  starts++;
  // Node's resourceLimits: a worker whose heap reaches the limit is stopped with
  // ERR_WORKER_OUT_OF_MEMORY; the host (the language server, the CLI) lives on.
  return new Worker(path, {
    execArgv,
    resourceLimits: { maxOldGenerationSizeMb: maxMemoryMB, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(maxMemoryMB / 16))) },
  });
}

/** A worker for one run: the idle one when it was started the same way, else a new one. */
export function acquireWorker(path: string, execArgv: string[], maxMemoryMB: number): Worker {
  const key = keyOf(path, maxMemoryMB);
  const kept = idle;
  idle = undefined;
  if (kept) {
    kept.worker.off('exit', kept.onExit);
    kept.worker.off('error', kept.onError);
  }
  if (kept && kept.key === key) {
    kept.worker.ref();
    return kept.worker;
  }
  if (kept) void kept.worker.terminate();
  return start(path, execArgv, maxMemoryMB);
}

/**
 * Keeps a worker whose run ended normally for the next run (ending the one kept before). The run's
 * own listeners must be removed first (runInWorker does).
 */
export function releaseWorker(worker: Worker, path: string, maxMemoryMB: number): void {
  if (idle) void idle.worker.terminate();
  const entry: Idle = {
    worker,
    key: keyOf(path, maxMemoryMB),
    // an idle worker that dies is forgotten
    onExit: () => {
      if (idle === entry) idle = undefined;
    },
    onError: () => undefined,
  };
  idle = entry;
  worker.unref();
  worker.on('exit', entry.onExit);
  worker.on('error', entry.onError);
}

/** Starts a worker ahead of the first run (the language server calls this once it is idle). */
export function prestartWorker(path: string, execArgv: string[], maxMemoryMB: number): void {
  if (idle) return;
  releaseWorker(start(path, execArgv, maxMemoryMB), path, maxMemoryMB);
}

/** Ends the idle worker (tests; a process that wants to exit at once). */
export function endIdleWorker(): void {
  if (idle) void idle.worker.terminate();
  idle = undefined;
}

/** How many workers were started (tests check that runs reuse one). */
export function workerStarts(): number {
  return starts;
}
