// Replay and compare: run a detection locally on its sample data, replay the same files into a
// test index over HEC, run the detection on Splunk restricted to what was replayed, and compare the
// two answers row by row. This is contentctl's test contract (replay attack_data, then search),
// with the local engine's answer beside the server's. Shared by the CLI and the editor.
import type { ContentIndex } from '../content';
import { runInWorker } from '../engine/pipeline/runInWorker';
import { ResultJson, toResultJson } from '../engine/resultFormat';
import {
  compareResults,
  Comparison,
  HecTarget,
  replayFiles,
  ReplayReport,
  replayHost,
  restrictToReplay,
  runExport,
  SplunkConnection,
  SplunkResultJson,
  waitUntilSearchable,
  WaitReport,
} from '../splunk';
import { planRun, type RunPlan, RunRequest } from './runPlan';
import { serverSearch } from './serverSearch';

export interface CompareRequest {
  run: RunRequest;
  conn: SplunkConnection;
  hec: HecTarget;
  index: string;
  serverMacros?: boolean;
  /** Longest wait for the replayed events to become searchable (default 120 s). */
  waitMs?: number;
  pollMs?: number;
  localTimeBudgetMs?: number;
  signal?: AbortSignal;
  /** Progress for a status bar or stderr. */
  onProgress?: (step: string) => void;
}

export interface CompareOutcome {
  local: ResultJson;
  splunk: SplunkResultJson;
  comparison: Comparison;
  replay: ReplayReport;
  wait: WaitReport;
  notes: string[];
}

/** What replaying a plan's inputs and running its search on Splunk gave. */
export interface ServerRun {
  splunk: SplunkResultJson;
  replay: ReplayReport;
  wait: WaitReport;
  notes: string[];
}

/**
 * Replays a plan's inputs into `index` over HEC under a fresh host, waits until they are searchable
 * (`expected` events, or a count stable over two polls), and runs the plan's search restricted to
 * them — contentctl's test contract, shared by compare and `test --on splunk`.
 */
export async function replayAndRunOnSplunk(
  plan: RunPlan,
  req: Omit<CompareRequest, 'run' | 'localTimeBudgetMs'> & { expected?: number },
  index: ContentIndex,
): Promise<ServerRun> {
  const progress = req.onProgress ?? (() => undefined);
  const notes: string[] = [];
  const planned = serverSearch(plan.original, index, !!req.serverMacros);
  notes.push(...planned.notes);
  const host = replayHost();
  const restricted = restrictToReplay(planned.search, req.index, host);
  if (!restricted.restricted) {
    notes.push(`the search starts with a generating command, so it reads the data it names rather than index ${req.index}; only the job's index-time window limits it to the replay (and other data indexed meanwhile may show up)`);
  }

  progress(`replaying ${plan.job.inputs.length} file(s) into index ${req.index}`);
  const replay = await replayFiles(
    req.hec,
    plan.job.inputs.map((i) => ({ path: i.path, source: i.source, sourcetype: i.sourcetype })),
    { index: req.index, host, signal: req.signal },
  );

  progress('waiting until the replayed events are searchable');
  const wait: WaitReport = replay.bytes === 0 ? { count: 0, waitedMs: 0, complete: true } : await waitUntilSearchable(req.conn, { index: req.index, host, expected: req.expected || undefined, timeoutMs: req.waitMs, pollMs: req.pollMs, signal: req.signal });
  if (!wait.complete) {
    notes.push(`after ${Math.round(wait.waitedMs / 1000)} s, ${wait.count}${req.expected ? ` of ${req.expected}` : ''} replayed event(s) were searchable (Splunk may break the files into events differently, or indexing is slow)`);
  }

  progress('running on Splunk');
  const splunk = await runExport(req.conn, {
    search: restricted.search,
    // All time for event time (sample data carries its own old timestamps), but only events
    // indexed since the replay began (dispatch parameter index_earliest, REST API search/jobs).
    earliest: '0',
    indexEarliest: String(replay.startedAt - 1),
    signal: req.signal,
  });
  return { splunk, replay, wait, notes };
}

export async function compareOnSplunk(req: CompareRequest, index: ContentIndex): Promise<CompareOutcome> {
  const progress = req.onProgress ?? (() => undefined);
  const plan = planRun(req.run, index);
  const tz = req.run.tz ?? 'UTC';

  progress('running locally');
  const local = toResultJson(await runInWorker(plan.job, { timeBudgetMs: req.localTimeBudgetMs ?? 120_000, signal: req.signal }), tz);
  const server = await replayAndRunOnSplunk(plan, { ...req, expected: local.eventsRead }, index);
  return { local, splunk: server.splunk, comparison: compareResults(local, server.splunk), replay: server.replay, wait: server.wait, notes: [...plan.notes, ...server.notes] };
}
