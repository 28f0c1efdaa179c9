// The `detectionWorkbench/runSearch` request: runs a detection's search (or given SPL) on sample
// logs in the engine worker — off the server's main thread — with progress and cancellation.
import * as path from 'path';
import { CancellationToken, ProtocolRequestType, WorkDoneProgressParams, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { planRun, type RunPlan, RunPlanError } from '../analysis/runPlan';
import { runInWorker } from '../engine/pipeline/runInWorker';
import { ResultJson, toResultJson } from '../engine/resultFormat';
import { LineIndex } from '../yaml';
import { uriToPath } from './convert';
import type { ServerSettings } from './settings';
import type { Workspace } from './workspace';

export const RUN_SEARCH_REQUEST = 'detectionWorkbench/runSearch';

export interface RunSearchParams extends WorkDoneProgressParams {
  /** The detection (or .spl file) to run. */
  uri: string;
  /** SPL to run instead of the file's search. */
  search?: string;
  /** Sample logs; default: the detection's tests[].attack_data under the attack-data folder. */
  logs?: string[];
  source?: string;
  sourcetype?: string;
  attackDataDir?: string;
  timeoutMs?: number;
}

export type RunSearchResult = ResultJson | { planError: string };

export const RunSearchRequest = new ProtocolRequestType<RunSearchParams, RunSearchResult, void, void, void>(RUN_SEARCH_REQUEST);

/** The run a request describes (shared with detectionWorkbench/explain). Throws RunPlanError. */
export function planForRequest(
  params: Pick<RunSearchParams, 'uri' | 'search' | 'logs' | 'source' | 'sourcetype' | 'attackDataDir'>,
  text: string | undefined,
  workspace: Workspace,
  settings: ServerSettings,
): RunPlan {
  const file = uriToPath(params.uri);
  const isSpl = /\.(spl|splunk)$/i.test(file);
  return planRun(
    {
      detectionFile: isSpl ? undefined : file,
      detectionText: isSpl ? undefined : text,
      search: params.search ?? (isSpl ? text : undefined),
      logs: params.logs,
      source: params.source,
      sourcetype: params.sourcetype,
      attackDataDir: params.attackDataDir ?? (settings.attackDataDir || undefined),
      addonDirs: settings.addonDirs,
      tz: settings.timezone,
    },
    workspace.index,
  );
}

export async function runSearch(
  params: RunSearchParams,
  text: string | undefined,
  workspace: Workspace,
  settings: ServerSettings,
  token: CancellationToken,
  progress: WorkDoneProgressReporter,
): Promise<RunSearchResult> {
  const file = uriToPath(params.uri);
  let plan: RunPlan;
  try {
    plan = planForRequest(params, text, workspace, settings);
  } catch (e) {
    if (e instanceof RunPlanError) return { planError: e.message };
    throw e;
  }
  const controller = new AbortController();
  const cancel = token.onCancellationRequested(() => controller.abort());
  progress.begin('Running the search locally', 0, path.basename(file), true);
  try {
    const result = await runInWorker(plan.job, {
      timeBudgetMs: params.timeoutMs ?? 60000,
      signal: controller.signal,
      onStage: (s) => progress.report(`${s.index + 1}: ${s.command}`),
    });
    const lines = new LineIndex(plan.original);
    const where = (r: { start: number; end: number }) => {
      const p = lines.positionAt(plan.map.toOriginalRange(r).start);
      return `search line ${p.line + 1}, column ${p.character + 1}`;
    };
    return toResultJson(result, settings.timezone, where);
  } finally {
    cancel.dispose();
    progress.done();
  }
}
