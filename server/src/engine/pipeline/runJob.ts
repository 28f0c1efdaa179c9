// Runs a WorkerJob in the current thread (the worker calls this; tests may too).
import { parseSpl } from '../../spl/parse';
import type { EngineMessage } from '../types';
import { defaultDataModels } from '../datamodels/registry';
import { createCsvLookupResolver } from './csvLookups';
import { createEventSource } from './eventInput';
import { seededLookupResolver } from './seededLookups';
import { countingSource, reportEvery } from './readProgress';
import { type RunResult, runPipeline } from './run';
import type { WorkerJob } from './workerProtocol';

export async function runJob(
  job: WorkerJob,
  hooks: {
    signal?: AbortSignal;
    onStage?: (i: { index: number; command: string; range: { start: number; end: number } }) => void;
    onMessage?: (m: EngineMessage) => void;
    /** Input events read so far, a few times a second while the run reads its input. */
    onProgress?: (eventsRead: number) => void;
  } = {},
): Promise<RunResult & { truncated?: boolean }> {
  const pipeline = parseSpl(job.search);
  const inputMessages: EngineMessage[] = [];
  // Baselines that fill lookups run first, on the same inputs (their messages come first too).
  const lookups = await seededLookupResolver(job, createCsvLookupResolver(job.lookupDirs ?? [], job.lookupDefinitions), {
    signal: hooks.signal,
    warn: (m) => { inputMessages.push(m); hooks.onMessage?.(m); },
  });
  const counter = { read: 0 };
  const events = countingSource(createEventSource({
    inputs: job.inputs, addonDirs: job.addonDirs, tz: job.tz, signal: hooks.signal, pipeline, dataModels: defaultDataModels(),
    onMessage: (m) => { inputMessages.push(m); hooks.onMessage?.(m); },
  }), counter);
  const stopProgress = hooks.onProgress ? reportEvery(counter, 200, hooks.onProgress) : () => undefined;
  const result = await runPipeline(pipeline, { events }, {
    tz: job.tz, now: job.now, signal: hooks.signal, sourceText: job.search,
    lookups,
    onStage: hooks.onStage,
    warn: hooks.onMessage,
  }).finally(stopProgress);
  // Events skipped before extraction (they cannot match the leading search) were still read and
  // rejected by that search: count them as its input, so the stages show where rows vanished.
  const first = pipeline.commands[0];
  if (first?.kind === 'command' && first.name === 'search' && result.stages[0]?.command === 'search') {
    result.stages[0] = { ...result.stages[0], rowsIn: Math.max(result.stages[0].rowsIn, result.eventsRead) };
  }
  const max = job.maxRows ?? 10000;
  const truncated = result.rows.length > max;
  return { ...result, rows: truncated ? result.rows.slice(0, max) : result.rows, warnings: [...inputMessages, ...result.warnings], truncated };
}
