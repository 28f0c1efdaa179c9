// Running on a Splunk server from the editor: token commands and the functions the panel calls.
import type * as vscode from 'vscode';
import { registerTokenCommands } from './secrets';

export { runOnSplunk, replayAndCompare, splunkSettings, type SplunkRunRequest } from './runOnSplunk';
export { SettingsError } from './connectionSettings';

export function registerSplunk(context: vscode.ExtensionContext): void {
  registerTokenCommands(context);
}
