// Messages between the host (runInWorker) and the engine worker (server/src/engine/worker.ts).
import type { EngineMessage, Row } from '../types';
import type { LookupDefinition } from './csvLookups';
import type { JobInput } from './eventInput';
import type { LookupSeed } from './seededLookups';
import type { RunResult } from './run';

export interface WorkerJob {
  /** The SPL, already macro-expanded by the caller. */
  search: string;
  inputs: JobInput[];
  addonDirs?: string[];
  lookupDirs?: string[];
  lookupDefinitions?: Record<string, LookupDefinition>;
  /** Lookups filled for this run only: from a CSV the user named, or by running a repository baseline first (seededLookups.ts). */
  lookupSeeds?: LookupSeed[];
  /** Default "UTC". */
  tz?: string;
  /** Search time, epoch seconds (default: now). */
  now?: number;
  /** At most this many result rows are sent back (default 10000). */
  maxRows?: number;
}

/** What to explain (see engine/explain/job.ts); ranges come back in offsets of `job.search`. */
export interface ExplainSpec {
  event?: number;
  nearMisses?: boolean;
  missingFields?: boolean;
}

export type HostToWorker =
  | { type: 'run'; job: WorkerJob }
  | { type: 'explain'; job: WorkerJob; spec: ExplainSpec }
  /** `request` is an engine/craft CraftRequest (plain data). */
  | { type: 'craft'; request: unknown }
  | { type: 'cancel' };

export type WorkerToHost =
  | { type: 'stage'; index: number; command: string; range: { start: number; end: number } }
  | { type: 'message'; message: EngineMessage }
  | { type: 'progress'; eventsRead: number }
  | { type: 'result'; result: RunResult & { truncated?: boolean } }
  | { type: 'explained'; result: unknown }
  | { type: 'crafted'; result: unknown }
  | { type: 'failed'; message: string };

export type { Row };
