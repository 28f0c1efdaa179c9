// Runs one detection test locally: plans the run on that test's attack data (`planRun`), runs it in
// the engine worker (`runInWorker`) and judges the result (`judgeRun`). Positions in the outcome are
// offsets in the detection file, exact inside the YAML scalar holding the search. Shared by the
// CLI's `test` command and the language server's `detectionWorkbench/runTest` request.
import * as fs from 'fs';
import type { ContentIndex } from '../content';
import { loadMapping } from '../content/readEntries';
import { runInWorker } from '../engine/pipeline/runInWorker';
import type { Range } from '../spl/ast';
import type { OffsetRange } from '../yaml';
import { contentctlSkipReason, type DetectionTestEntry, detectionNameOf, riskFieldRange } from './detectionTests';
import type { DocumentModel } from './documentModel';
import { requiredRiskFields, riskEntriesOf } from './riskEntries';
import type { RunResult } from '../engine/pipeline/run';
import type { LookupSources } from './lookupSeedPlan';
import { planRun, type RunPlan, RunPlanError } from './runPlan';
import { judgeRun } from './testVerdict';

export type TestStatus = 'pass' | 'fail' | 'skip';

export interface DetectionTestOutcome {
  detection: string;
  /** Absolute path of the detection file. */
  file: string;
  test: string;
  testIndex: number;
  /** The `tests:` item in the file. */
  testRange: OffsetRange;
  status: TestStatus;
  /** Result rows (0 when the search did not run). */
  rows: number;
  /** Wall-clock time of the run (planning, worker start, search). */
  ms: number;
  reason?: string;
  /**
   * Where the failure is in the detection file: the stage where rows went to zero, the failing
   * command, or the declaration of the first missing risk field.
   */
  stage?: { index?: number; command?: string; range?: OffsetRange };
  missingFields?: string[];
  /** For a skip caused by missing attack data: the path that was looked for. */
  lookedFor?: string;
}

export interface TestRunOptions {
  attackDataDir?: string;
  addonDirs?: string[];
  tz?: string;
  /** Time budget of one run (default 120 s). */
  timeoutMs?: number;
  /** CSVs for KV store collections and ES's asset/identity tables (runPlan's RunRequest.lookupSources). */
  lookupSources?: LookupSources;
  signal?: AbortSignal;
  /** Called with each stage as the engine starts it (progress). */
  onStage?: (s: { index: number; command: string }) => void;
  /**
   * Runs the planned search somewhere else (on a Splunk server, after replaying the attack data:
   * `test --on splunk`); default: the local engine. `where` names it in reasons.
   */
  runner?: { where: string; run(plan: RunPlan): Promise<RunResult & { truncated?: boolean }> };
}

/**
 * Is `file` a Git LFS pointer rather than the data (attack_data keeps its logs in LFS; a clone
 * without `git lfs pull` holds pointers)? Spec: https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md
 * — a pointer is a small text file whose first line is `version https://git-lfs.github.com/spec/v1`.
 */
export function isLfsPointer(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(64);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('latin1').startsWith('version https://git-lfs.github.com/spec/');
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Maps a range of the macro-expanded search that ran to the detection file, when it can be placed exactly. */
function documentRange(model: DocumentModel, original: string, toOriginal: (r: Range) => Range, r: Range): OffsetRange | undefined {
  const region = model.mainSearch;
  // The plan read the search from the same text; if its value differs (a YAML the two parsers read
  // differently), a mapped offset would point at the wrong character, so none is given.
  if (!region || region.text !== original) return undefined;
  return region.toDocumentRange(toOriginal(r));
}

/** The fields a passing run must hold: those the detection's risk entries name (riskEntries.ts). */
export function riskFieldsOf(model: DocumentModel, index: ContentIndex, detection: unknown = loadMapping(model.text)): string[] {
  const root = index.rootFor(model.file);
  const entries = riskEntriesOf(detection, root ? index.generation(root) : 'v5');
  return entries ? requiredRiskFields(entries) : [];
}

export async function runDetectionTest(
  model: DocumentModel,
  test: DetectionTestEntry,
  index: ContentIndex,
  options: TestRunOptions = {},
): Promise<DetectionTestOutcome> {
  const started = performance.now();
  const base = { detection: detectionNameOf(model), file: model.file, test: test.name, testIndex: test.index, testRange: test.range };
  const done = (o: Omit<DetectionTestOutcome, keyof typeof base | 'ms'>): DetectionTestOutcome => ({
    ...base,
    ...o,
    ms: Math.round(performance.now() - started),
  });
  const skip = contentctlSkipReason(model);
  if (skip) return done({ status: 'skip', rows: 0, reason: skip });
  if (!test.attackData) return done({ status: 'skip', rows: 0, reason: `test "${test.name}" has no attack_data` });

  let plan;
  try {
    plan = planRun(
      {
        detectionFile: model.file,
        detectionText: model.text,
        testIndex: test.index,
        attackDataDir: options.attackDataDir,
        addonDirs: options.addonDirs,
        tz: options.tz,
        lookupSources: options.lookupSources,
      },
      index,
    );
  } catch (e) {
    if (!(e instanceof RunPlanError)) throw e;
    if (e.code === 'missing-attack-data' || e.code === 'no-attack-data-dir') {
      return done({ status: 'skip', rows: 0, reason: `attack data not found: ${e.message}`, lookedFor: e.path ?? 'attack_data' });
    }
    return done({ status: 'fail', rows: 0, reason: e.message });
  }

  if (!plan.job.inputs.length) {
    return done({ status: 'fail', rows: 0, reason: `test "${test.name}" has no attack_data item with a data: path or URL` });
  }
  const pointer = plan.job.inputs.find((i) => isLfsPointer(i.path));
  if (pointer) {
    return done({
      status: 'skip',
      rows: 0,
      reason: `attack data not downloaded: ${pointer.path} is a Git LFS pointer (run \`git lfs pull\` in the attack_data copy)`,
      lookedFor: pointer.path,
    });
  }

  const result = options.runner
    ? await options.runner.run(plan)
    : await runInWorker(plan.job, {
        timeBudgetMs: options.timeoutMs ?? 120000,
        signal: options.signal,
        onStage: options.onStage,
      });
  const verdict = judgeRun(result, riskFieldsOf(model, index, plan.detection), options.runner?.where);
  const place = (r: Range | undefined) => (r ? documentRange(model, plan.original, (x) => plan.map.toOriginalRange(x), r) : undefined);
  const stage = verdict.stage
    ? { index: verdict.stage.index, command: verdict.stage.command, range: place(verdict.stage.range) }
    : verdict.errorRange
      ? { range: place(verdict.errorRange) }
      : verdict.missingFields
        ? { range: riskFieldRange(model, verdict.missingFields[0]) }
        : undefined;
  return done({ status: verdict.status, rows: verdict.rows, reason: verdict.reason, stage, missingFields: verdict.missingFields });
}
