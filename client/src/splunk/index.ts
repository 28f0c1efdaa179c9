// Running on a Splunk server from the editor: token commands and the functions the panel calls.
import type * as vscode from 'vscode';
import type { CompareOutcome } from '../../../server/src/analysis/compareOnSplunk';
import type { SplunkResultJson } from '../../../server/src/splunk';
import { replayAndCompare, runOnSplunk, SplunkRunRequest, watchContent } from './runOnSplunk';
import { registerTokenCommands } from './secrets';

export { runOnSplunk, replayAndCompare, splunkSettings, type SplunkRunRequest } from './runOnSplunk';
export { SettingsError } from './connectionSettings';

/** Runs on the configured server with the stored tokens (bound to the extension's context). */
export interface SplunkApi {
  run(req: SplunkRunRequest): Promise<SplunkResultJson & { notes: string[] }>;
  replayAndCompare(req: Parameters<typeof replayAndCompare>[1]): Promise<CompareOutcome>;
}

export function registerSplunk(context: vscode.ExtensionContext): SplunkApi {
  registerTokenCommands(context);
  context.subscriptions.push(watchContent());
  return {
    run: (req) => runOnSplunk(context, req),
    replayAndCompare: (req) => replayAndCompare(context, req),
  };
}
