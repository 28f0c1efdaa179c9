// The `detectionWorkbench/explain` and `detectionWorkbench/craft` requests for the results panel.
// explain: explains one event of the
// sample (`event`, 1-based), and/or ranks near misses, and lists the fields the search reads that
// no event has. The engine's explain JSON (engine/explain/job.ts ExplainResult) comes back with
// every `range` / `ranges[]` as an LSP range in the document, exact inside single-quoted and
// folded `search:` scalars (DocumentModel's scalar mapping). Conditions that live in a data model
// (tstats constraints) point at `datamodel=…`. craft: an event (or the events a threshold needs)
// that makes the detection fire, in the log's own format, with the source/sourcetype to read it
// with (engine/craft); the panel opens `text` as a new sample.
import * as fs from 'fs';
import { CancellationToken, ProtocolRequestType } from 'vscode-languageserver/node';
import { createDocumentModel, type DocumentModel } from '../analysis/documentModel';
import { planCraft } from '../analysis/craftPlan';
import { RunPlanError } from '../analysis/runPlan';
import type { CraftResult } from '../engine/craft/craft';
import { craftInWorker } from '../engine/craft/craftInWorker';
import { explainInWorker, mapRanges } from '../engine/explain/explainInWorker';
import type { ExplainResult } from '../engine/explain/job';
import type { MissingField } from '../engine/explain/missingFields';
import { toLspRange, uriToPath } from './convert';
import { planForRequest } from './runSearch';
import type { ServerSettings } from './settings';
import type { Workspace } from './workspace';
import { abortOn } from './abortOn';

export const EXPLAIN_REQUEST = 'detectionWorkbench/explain';

export interface ExplainParams {
  uri: string;
  /** Sample logs; default: the detection's tests[].attack_data. */
  logs?: string[];
  source?: string;
  sourcetype?: string;
  attackDataDir?: string;
  /** 1-based event number in the sample (all logs, in order). */
  event?: number;
  /** Rank the closest events when the search returns no rows. */
  nearMisses?: boolean;
  timeoutMs?: number;
}

/** ExplainResult with LSP ranges, or why the run could not be planned. */
export type ExplainResponse = ExplainResult | { planError: string };

export const ExplainRequest = new ProtocolRequestType<ExplainParams, ExplainResponse, void, void, void>(EXPLAIN_REQUEST);

export async function explainRequest(
  params: ExplainParams,
  text: string | undefined,
  workspace: Workspace,
  settings: ServerSettings,
  token: CancellationToken,
  /** Receives the missing fields with offsets in the search as written (for MissingFieldHints). */
  onMissingFields?: (file: string, search: string, fields: MissingField[]) => void,
): Promise<ExplainResponse> {
  if (params.event !== undefined && !(Number.isInteger(params.event) && params.event >= 1)) return { planError: `event must be an event number from 1 (got ${params.event})` };
  let plan;
  try {
    plan = planForRequest(params, text, workspace, settings);
  } catch (e) {
    if (e instanceof RunPlanError) return { planError: e.message };
    throw e;
  }
  const abort = abortOn(token);
  try {
    const result = await explainInWorker(plan.job, { event: params.event, nearMisses: params.nearMisses, missingFields: true }, { timeBudgetMs: params.timeoutMs ?? 60000, signal: abort.signal });
    if (result.missingFields && !result.error) {
      onMissingFields?.(uriToPath(params.uri), plan.original, result.missingFields.map((f) => ({ ...f, ranges: f.ranges.map((r) => plan.map.toOriginalRange(r)) })));
    }
    const model = documentModel(params.uri, text);
    const region = model?.mainSearch;
    if (!model || !region) return result;
    // Expanded search → search as written → document offsets → LSP positions.
    return mapRanges(result, (r) => toLspRange(model.lineIndex, region.toDocumentRange(plan.map.toOriginalRange(r))) as never);
  } finally {
    abort.dispose();
  }
}

export const CRAFT_REQUEST = 'detectionWorkbench/craft';

export interface CraftParams {
  uri: string;
  /** A sample log to start from (default: the example_log of the detection's data source). */
  from?: string;
  /** 1-based event of `from` (default 1). */
  event?: number;
  source?: string;
  sourcetype?: string;
  timeoutMs?: number;
}

/** engine/craft CraftResult plus where the base event came from and the events as one log text. */
export type CraftResponse = (CraftResult & { base: string; text: string }) | { planError: string };

export const CraftRequest = new ProtocolRequestType<CraftParams, CraftResponse, void, void, void>(CRAFT_REQUEST);

export async function craftRequest(params: CraftParams, text: string | undefined, workspace: Workspace, settings: ServerSettings, token: CancellationToken): Promise<CraftResponse> {
  let plan;
  try {
    plan = await planCraft({ detectionFile: uriToPath(params.uri), detectionText: text, from: params.from, event: params.event, source: params.source, sourcetype: params.sourcetype, addonDirs: settings.addonDirs, tz: settings.timezone }, workspace.index);
  } catch (e) {
    if (e instanceof RunPlanError) return { planError: e.message };
    throw e;
  }
  const abort = abortOn(token);
  try {
    const r = await craftInWorker(plan.request, { timeBudgetMs: params.timeoutMs ?? 60000, signal: abort.signal });
    return { ...r, base: plan.baseOrigin, text: r.events.map((e) => `${e}\n`).join('') };
  } finally {
    abort.dispose();
  }
}

function documentModel(uri: string, text: string | undefined): DocumentModel | undefined {
  const file = uriToPath(uri);
  try {
    return createDocumentModel(file, text ?? fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
