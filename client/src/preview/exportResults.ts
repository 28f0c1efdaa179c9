// "Export CSV / JSON" from the results panel: all rows of the run (not only the page shown), in
// the CLI's formats, to a file the user chooses.
import * as vscode from 'vscode';
import { toCsv } from '../../../server/src/engine/resultFormat';
import type { PreviewResult } from './protocol';

export function exportText(r: PreviewResult, format: 'csv' | 'json'): string {
  if (format === 'csv') return toCsv(r);
  const { fields, rows, stages, eventsRead, warnings, error, truncated, timezone } = r;
  return JSON.stringify({ fields, rows, stages: stages.map(({ range: _range, ...s }) => s), eventsRead, warnings, error, truncated, timezone }, null, 2) + '\n';
}

export async function exportResults(r: PreviewResult, format: 'csv' | 'json', baseName: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: `Export ${r.rows.length.toLocaleString('en-US')} rows as ${format.toUpperCase()}`,
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${baseName}-results.${format}`) : undefined,
    filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, Buffer.from(exportText(r, format), 'utf8'));
  void vscode.window.showInformationMessage(`Exported ${r.rows.length.toLocaleString('en-US')} rows to ${vscode.workspace.asRelativePath(target)}.`);
  return target;
}
