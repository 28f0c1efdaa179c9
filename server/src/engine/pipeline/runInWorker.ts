// Host side of the engine worker: starts the worker (dist/engine-worker.js next to the running
// bundle, or in tests server/src/engine/worker.ts through tsx), posts the job, relays progress and
// terminates the worker when the time budget runs out or the caller cancels. JS regular expressions
// cannot be interrupted, so termination is the only way out of a catastrophic backtracking regex.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { acquireWorker, prestartWorker, releaseWorker } from './workerPool';
import type { EngineMessage, Row } from '../types';
import { newRow } from '../types';
import type { RunResult } from './run';
import type { HostToWorker, WorkerJob, WorkerToHost } from './workerProtocol';

export interface RunInWorkerOptions {
  /** Wall-clock budget in ms (default 30000). */
  timeBudgetMs?: number;
  signal?: AbortSignal;
  onStage?: (s: { index: number; command: string; range: { start: number; end: number } }) => void;
  onMessage?: (m: EngineMessage) => void;
  /** Input events read so far, a few times a second while the run reads its input. */
  onProgress?: (eventsRead: number) => void;
  /** Explicit worker script (.js, or .ts run through tsx). */
  workerPath?: string;
  /** The worker's heap limit in MB (`resourceLimits.maxOldGenerationSizeMb`; default 1024). */
  maxMemoryMB?: number;
}

export const DEFAULT_MAX_MEMORY_MB = 1024;

/** Finds the worker script: the bundled dist/engine-worker.js, else the TypeScript source (tests). */
export function resolveWorkerPath(): { path: string; execArgv: string[] } {
  const candidates = [join(__dirname, 'engine-worker.js'), resolve(__dirname, '../../../../dist/engine-worker.js')];
  const src = resolve(__dirname, '../worker.ts');
  if (existsSync(src)) return { path: src, execArgv: ['--require', 'tsx/cjs'] };
  for (const c of candidates) if (existsSync(c)) return { path: c, execArgv: [] };
  return { path: src, execArgv: ['--require', 'tsx/cjs'] };
}

/** Starts the engine worker ahead of the first run (see workerPool.ts). */
export function prestartEngineWorker(maxMemoryMB = DEFAULT_MAX_MEMORY_MB): void {
  const where = resolveWorkerPath();
  prestartWorker(where.path, where.execArgv, maxMemoryMB);
}

function toRow(o: Record<string, unknown>): Row {
  return Object.assign(newRow(), o) as Row;
}

export function runInWorker(job: WorkerJob, opts: RunInWorkerOptions = {}): Promise<RunResult & { truncated?: boolean }> {
  // setTimeout treats delays above 2^31-1 ms (~24.8 days) as 1 ms: clamp.
  const budget = Math.min(opts.timeBudgetMs ?? 30000, 2 ** 31 - 1);
  const where = opts.workerPath
    ? { path: opts.workerPath, execArgv: opts.workerPath.endsWith('.ts') ? ['--require', 'tsx/cjs'] : [] }
    : resolveWorkerPath();
  return new Promise((resolvePromise) => {
    const started = Date.now();
    let lastStage: { index: number; command: string; range: { start: number; end: number } } | undefined;
    const warnings: EngineMessage[] = [];
    let settled = false;
    const maxMemoryMB = opts.maxMemoryMB ?? DEFAULT_MAX_MEMORY_MB;
    // A worker kept from an earlier run that ended normally, or a new one (workerPool.ts).
    const worker = acquireWorker(where.path, where.execArgv, maxMemoryMB);
    const stageText = () => (lastStage ? `while running ${lastStage.command} (stage ${lastStage.index + 1})` : 'before the first command started');
    /** `reusable`: the run ended with its result, so the worker is idle and may serve the next run. */
    const finish = (r: RunResult & { truncated?: boolean }, reusable = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable) releaseWorker(worker, where.path, maxMemoryMB);
      else void worker.terminate();
      resolvePromise(r);
    };
    const failed = (message: string, range?: { start: number; end: number }): RunResult => ({
      fields: [], rows: [], stages: [], warnings, eventsRead: 0, error: { severity: 'error', message, range },
    });
    const timer = setTimeout(() => {
      finish(failed(`the run exceeded its time budget (${budget} ms) ${stageText()} (a catastrophic regular expression, or a log too big for the budget?)`, lastStage?.range));
    }, budget);
    const onAbort = () => finish(failed('the run was cancelled', lastStage?.range));
    opts.signal?.addEventListener('abort', onAbort);
    const onMessage = (m: WorkerToHost) => {
      if (m.type === 'stage') { lastStage = { index: m.index, command: m.command, range: m.range }; opts.onStage?.(lastStage); return; }
      if (m.type === 'progress') { opts.onProgress?.(m.eventsRead); return; }
      if (m.type === 'message') { warnings.push(m.message); opts.onMessage?.(m.message); return; }
      if (m.type === 'failed') { finish(failed(`engine worker failed: ${m.message}`)); return; }
      if (m.type === 'result') {
        const r = m.result;
        finish({ ...r, rows: r.rows.map((x) => toRow(x as Record<string, unknown>)) }, true);
      }
    };
    const onError = (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish(failed(`the run stopped: it reached the engine's memory limit of ${maxMemoryMB} MB ${stageText()}; raise detectionWorkbench.engine.maxMemoryMB (CLI: --max-memory MB) or narrow the search or the log`, lastStage?.range));
      } else finish(failed(`engine worker crashed: ${e.message}`));
    };
    const onExit = (code: number) => { if (!settled) finish(failed(`engine worker exited (code ${code}) after ${Date.now() - started} ms`)); };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ type: 'run', job } satisfies HostToWorker);
  });
}
