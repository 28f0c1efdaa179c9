// *Craft an Event That Fires*: asks the server (detectionWorkbench/craft) for an event that makes
// the detection fire — edited from the example_log of its data source, or from the first event of
// the current sample when no data source has one — writes it to a log file in the extension's
// storage for this workspace (never into the user's repository), and returns it as the sample to
// preview on, with the source/sourcetype the crafted events must be read with.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CraftResponse } from '../../../server/src/lsp/explain';
import { craftedFileName, craftSummary } from './craftText';
import type { SampleChoice } from './sampleOrder';

export const CRAFT_REQUEST = 'detectionWorkbench/craft';

export type Crafted =
  | { choice: SampleChoice; file: string; summary: string; fires: true }
  | { file?: string; summary: string; fires: false };

export async function craftSample(
  client: LanguageClient,
  uri: vscode.Uri,
  storage: vscode.Uri,
  current: SampleChoice | undefined,
  timeoutMs: number,
  token: vscode.CancellationToken,
): Promise<Crafted> {
  const ask = (from?: string) => client.sendRequest<CraftResponse>(CRAFT_REQUEST, {
    uri: uri.toString(), from, source: from ? current?.source : undefined, sourcetype: from ? current?.sourcetype : undefined, timeoutMs,
  }, token);
  let r = await ask();
  // No example_log in the detection's data sources: start from the sample being previewed.
  if ('planError' in r && current?.logs?.length) r = await ask(current.logs[0]);
  if ('planError' in r) {
    // The server speaks CLI (--from FILE); in the editor the way out is a sample to start from.
    const hint = current?.logs?.length ? '' : ' Preview the detection on a sample log (Change sample…), then craft again: the first event of the sample is the starting point.';
    return { fires: false, summary: `${r.planError.replace(/: give --from FILE$/, '.')}${hint}` };
  }
  const summary = craftSummary(r);
  if (r.events.length === 0) return { fires: false, summary };
  const dir = vscode.Uri.joinPath(storage, 'crafted');
  await vscode.workspace.fs.createDirectory(dir);
  const file = vscode.Uri.joinPath(dir, craftedFileName(uri.path));
  await vscode.workspace.fs.writeFile(file, Buffer.from(r.text, 'utf8'));
  if (!r.fires) return { fires: false, file: file.fsPath, summary };
  return {
    fires: true,
    file: file.fsPath,
    summary,
    choice: { logs: [file.fsPath], source: r.meta.source, sourcetype: r.meta.sourcetype, origin: 'the crafted event', picked: true },
  };
}
