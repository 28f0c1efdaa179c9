// The order in which a preview's sample is chosen without asking (pure: unit-tested without VS
// Code): a log the user picked for this file from the panel wins; then the detection's attack data
// when every file of it exists; then a log picked before. Otherwise the user is asked.
import * as path from 'path';
import type { PreviewSources } from '../../../server/src/analysis/previewSources';

export interface SampleChoice {
  /** Log files; none means "the detection's attack data". */
  logs?: string[];
  source?: string;
  sourcetype?: string;
  /** Shown in the panel: where the sample came from. */
  origin: string;
  /** Chosen by the user from the panel: preferred over the attack data until they go back to it. */
  picked?: boolean;
}

export const attackDataReady = (s: PreviewSources) => s.attackData.length > 0 && s.attackData.every((a) => a.exists);

/** The sample to run on without asking, or undefined when the user must pick one. */
export function automaticSample(sources: PreviewSources, remembered: SampleChoice | undefined): SampleChoice | undefined {
  if (remembered?.picked) return remembered;
  if (attackDataReady(sources)) return { origin: "the detection's attack data" };
  return remembered;
}

/** Why the attack data cannot be used, naming the path that was looked for. */
export function attackDataProblem(sources: PreviewSources): string | undefined {
  if (!sources.attackData.length) return undefined;
  if (!sources.attackDataDir) {
    return 'The detection names attack data, but there is no attack-data folder: set detectionWorkbench.attackData to a local copy of the attack_data repository (or add attack_data/ at the content root), or pick a log file.';
  }
  const missing = sources.attackData.find((a) => !a.exists);
  return missing ? `The attack data ${path.basename(missing.data)} was not found: looked for ${missing.file}.` : undefined;
}

