// Runs craftEvent in the engine worker (workerTask: time budget, cancellation).
import { workerTask, type WorkerTaskOptions } from '../pipeline/workerTask';
import type { CraftRequest, CraftResult } from './craft';

export function craftInWorker(request: CraftRequest, opts: WorkerTaskOptions = {}): Promise<CraftResult> {
  const failed = (reason: string): CraftResult => ({ events: [], fires: false, rows: 0, edits: [], notes: [], meta: request.meta, unsatisfiable: `craft ${reason}` });
  return workerTask<CraftResult>({ type: 'craft', request }, 'crafted', failed, opts);
}
