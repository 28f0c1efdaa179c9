// The `detectionWorkbench/runSearch` request: runs a detection's search (a selection of it, or given
// SPL) on sample logs in the engine worker — off the server's main thread — with progress (events
// read, events per second) and cancellation. Positions in the answer are document positions (exact
// inside every YAML scalar style), so the editor can reveal a stage and put counts inline.
import * as path from 'path';
import { CancellationToken, LSPErrorCodes, ProtocolRequestType, ResponseError, Range as LspRange, WorkDoneProgressParams, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { DocumentModel, SplRegion } from '../analysis/documentModel';
import { planRun, RunPlan, RunPlanError } from '../analysis/runPlan';
import { previewSources, PreviewSources } from '../analysis/previewSources';
import { requiredRiskFields, RiskEntries, riskEntriesOf } from '../analysis/riskEntries';
import { runInWorker } from '../engine/pipeline/runInWorker';
import { ResultJson, toResultJson } from '../engine/resultFormat';
import { parseSpl } from '../spl/parse';
import { toLspRange, uriToPath } from './convert';
import { lookupSourcesOf, type ServerSettings } from './settings';
import type { Workspace } from './workspace';
import { abortOn } from './abortOn';

export const RUN_SEARCH_REQUEST = 'detectionWorkbench/runSearch';
export const PREVIEW_SOURCES_REQUEST = 'detectionWorkbench/previewSources';

export interface RunSearchParams extends WorkDoneProgressParams {
  /** The detection (or .spl file) to run. */
  uri: string;
  /** SPL to run instead of the file's search (its positions are not document positions). */
  search?: string;
  /** Run the SPL selected in the document (inside a search scalar, or in a .spl file). */
  selection?: LspRange;
  /** Run only up to and including this stage: the rows as they are after that command. */
  untilStage?: number;
  /** Sample logs; default: the detection's tests[].attack_data under the attack-data folder. */
  logs?: string[];
  source?: string;
  sourcetype?: string;
  attackDataDir?: string;
  timeoutMs?: number;
  /** At most this many rows are sent back (default 10,000). */
  maxRows?: number;
}

export interface PreviewStage {
  command: string;
  rowsIn: number;
  rowsOut: number;
  ms: number;
  /** tstats/datamodel/from: the events the data model's constraints kept (before `where`). */
  matched?: number;
  /** Where the command is in the document (a macro's commands map to the macro call). */
  range?: LspRange;
}

export interface PreviewResult extends ResultJson {
  uri: string;
  /** The document version that ran (undefined when the file is not open). */
  version?: number;
  stages: PreviewStage[];
  errorRange?: LspRange;
  /** Where the search that ran is in the document (the scalar's value, or the selection). */
  searchRange?: LspRange;
  /** The search as written (before macro expansion). */
  search: string;
  /** The logs that ran, with their source and sourcetype. */
  inputs: { path: string; source: string; sourcetype: string }[];
  notes: string[];
  macrosUsed: string[];
  /** Repository baselines that ran first to fill lookups (saving one re-runs the preview). */
  baselinesUsed: string[];
  /** The detection's risk entries, and those of their fields that no result row carries. */
  risk?: RiskEntries & { missingFields: string[] };
  elapsedMs: number;
  untilStage?: number;
}

export interface PlanErrorResult {
  planError: string;
  code?: RunPlanError['code'];
  path?: string;
}

export type RunSearchResult = PreviewResult | PlanErrorResult;

export const RunSearchRequest = new ProtocolRequestType<RunSearchParams, RunSearchResult, void, void, void>(RUN_SEARCH_REQUEST);

/** The SPL a run covers inside the document: its region and where the run's text starts there. */
interface Anchor {
  region?: SplRegion;
  /** SPL offset in the region where the planned search starts (a selection's start). */
  offset: number;
}

/** The selected SPL: the region holding the selection and the SPL text between its ends. */
function selectedSpl(model: DocumentModel, sel: LspRange): { search: string; anchor: Anchor } | PlanErrorResult {
  const a = model.lineIndex.offsetAt(sel.start);
  const b = model.lineIndex.offsetAt(sel.end);
  const at = model.splAt(a, 'cursor');
  const to = at?.region.toSpl(b, 'cursor');
  if (!at || to === undefined || to < at.offset) return { planError: 'The selection is not inside a search: select SPL within `search:` (or in a .spl file) to run it.' };
  const search = at.region.text.slice(at.offset, to);
  if (!search.trim()) return { planError: 'The selection holds no SPL to run.' };
  return { search, anchor: { region: at.region, offset: at.offset } };
}

export function previewSourcesFor(uri: string, text: string | undefined, workspace: Workspace, settings: ServerSettings): PreviewSources {
  return previewSources(uriToPath(uri), text, workspace.index, settings.attackDataDir);
}

/** The run a request describes (shared with detectionWorkbench/explain). Throws RunPlanError. */
export function planForRequest(
  params: Pick<RunSearchParams, 'uri' | 'search' | 'logs' | 'source' | 'sourcetype' | 'attackDataDir' | 'maxRows'>,
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
      maxRows: params.maxRows,
      lookupSources: lookupSourcesOf(settings, workspace.openedFolders()),
    },
    workspace.index,
  );
}

export async function runSearch(
  params: RunSearchParams,
  doc: { text: string; version: number; model: DocumentModel } | undefined,
  workspace: Workspace,
  settings: ServerSettings,
  token: CancellationToken,
  progress: WorkDoneProgressReporter,
): Promise<RunSearchResult> {
  const file = uriToPath(params.uri);
  const isSpl = /\.(spl|splunk)$/i.test(file);
  let search = params.search;
  let anchor: Anchor = { region: params.search === undefined ? doc?.model.mainSearch ?? (isSpl ? doc?.model.regions[0] : undefined) : undefined, offset: 0 };
  if (params.selection && doc && params.search === undefined) {
    const sel = selectedSpl(doc.model, params.selection);
    if ('planError' in sel) return sel;
    search = sel.search;
    anchor = sel.anchor;
  }
  let plan: RunPlan;
  try {
    plan = planForRequest({ ...params, search }, doc?.text, workspace, settings);
  } catch (e) {
    if (e instanceof RunPlanError) return { planError: e.message, code: e.code, path: e.path };
    throw e;
  }
  if (params.untilStage !== undefined) {
    // The rows at a stage: the same search cut after that command (a pipeline's prefix is a pipeline).
    const cmd = parseSpl(plan.job.search).commands[params.untilStage];
    if (!cmd) return { planError: `The search has no stage ${params.untilStage + 1}.` };
    plan.job.search = plan.job.search.slice(0, cmd.range.end);
  }

  const toDoc = (r: { start: number; end: number }): LspRange | undefined => {
    if (!doc || !anchor.region) return undefined;
    const o = plan.map.toOriginalRange(r);
    return toLspRange(doc.model.lineIndex, anchor.region.toDocumentRange({ start: o.start + anchor.offset, end: o.end + anchor.offset }));
  };
  const where = (r: { start: number; end: number }) => {
    const d = toDoc(r);
    if (d) return `line ${d.start.line + 1}, column ${d.start.character + 1}`;
    const o = plan.map.toOriginalRange(r);
    return `search offset ${o.start}`;
  };

  const abort = abortOn(token);
  const started = Date.now();
  let stage = '';
  let read = 0;
  const report = () => {
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0.2 ? ` · ${Math.round(read / secs).toLocaleString('en-US')} events/s` : '';
    progress.report(`${read.toLocaleString('en-US')} events read${rate}${stage ? ` · ${stage}` : ''}`);
  };
  progress.begin('Running the search locally', undefined, path.basename(file), true);
  try {
    const result = await runInWorker(plan.job, {
      timeBudgetMs: params.timeoutMs ?? 60000,
      maxMemoryMB: settings.engineMaxMemoryMB,
      signal: abort.signal,
      onStage: (s) => {
        stage = `${s.index + 1}: ${s.command}`;
        report();
      },
      onProgress: (n) => {
        read = n;
        report();
      },
    });
    // A cancelled request answers as LSP says: with the RequestCancelled error, not a result.
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The run was cancelled.');
    const json = toResultJson(result, settings.timezone, where);
    const risk = riskEntriesOf(plan.detection, generationPreference(workspace, file, settings));
    // A field counts as present when some row has a value for it (`table` lists a field it never saw).
    const present = new Set(json.fields.filter((f) => json.rows.some((row) => Object.prototype.hasOwnProperty.call(row, f))));
    return {
      ...json,
      uri: params.uri,
      version: doc?.version,
      stages: json.stages.map((s, i) => ({ ...s, range: result.stages[i] ? toDoc(result.stages[i].range) : undefined })),
      errorRange: result.error?.range ? toDoc(result.error.range) : undefined,
      searchRange: doc && anchor.region
        ? toLspRange(doc.model.lineIndex, anchor.region.toDocumentRange({ start: anchor.offset, end: anchor.offset + plan.original.length }))
        : undefined,
      search: plan.original,
      inputs: plan.job.inputs.map((i) => ({ path: i.path, source: i.source, sourcetype: i.sourcetype })),
      notes: plan.notes,
      macrosUsed: plan.macrosUsed,
      baselinesUsed: plan.baselinesUsed,
      risk: risk && { ...risk, missingFields: requiredRiskFields(risk).filter((f) => !present.has(f)) },
      elapsedMs: Date.now() - started,
      untilStage: params.untilStage,
    };
  } finally {
    abort.dispose();
    progress.done();
  }
}

function generationPreference(workspace: Workspace, file: string, settings: ServerSettings): 'v4' | 'v5' {
  if (settings.schemaGeneration !== 'auto') return settings.schemaGeneration;
  const root = workspace.index.rootFor(file);
  return root ? workspace.index.generation(root) : 'v5';
}
