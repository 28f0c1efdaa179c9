// "Format Search": lays out the search of the active detection (or .spl file) one pipeline
// command per line, through the server's formatter; says why when the search is left as is.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { TextEdit } from 'vscode-languageclient/node';

export const FORMAT_SEARCH_REQUEST = 'detectionWorkbench/formatSearch';

export function registerFormatSearch(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('detectionWorkbench.formatSearch', async () => {
      const editor = vscode.window.activeTextEditor;
      const c = client();
      if (!editor || !c) {
        void vscode.window.showWarningMessage('Open a detection or .spl file first.');
        return false;
      }
      const result = await c.sendRequest<{ edits: TextEdit[]; error?: string }>(FORMAT_SEARCH_REQUEST, {
        uri: editor.document.uri.toString(),
      });
      if (result.error) {
        void vscode.window.showWarningMessage(result.error);
        return false;
      }
      const edit = new vscode.WorkspaceEdit();
      edit.set(editor.document.uri, await c.protocol2CodeConverter.asTextEdits(result.edits));
      return vscode.workspace.applyEdit(edit);
    }),
  );
}
