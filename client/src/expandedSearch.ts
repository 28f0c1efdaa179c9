// "Show Expanded Search": asks the server for the active detection's search with every macro
// expanded and shows it in a read-only virtual document highlighted as SPL.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const EXPANDED_SCHEME = 'detection-workbench-expanded';
export const EXPANDED_SEARCH_REQUEST = 'detectionWorkbench/expandedSearch';

interface ExpandedSearchResult {
  text?: string;
  error?: string;
}

export function registerExpandedSearch(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const contents = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(EXPANDED_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '',
    }),
    vscode.commands.registerCommand('detectionWorkbench.showExpandedSearch', async (target?: vscode.Uri) => {
      const source = target ?? vscode.window.activeTextEditor?.document.uri;
      const c = client();
      if (!source || !c) {
        void vscode.window.showWarningMessage('Open a detection, macro or .spl file first.');
        return undefined;
      }
      const result = await c.sendRequest<ExpandedSearchResult>(EXPANDED_SEARCH_REQUEST, { uri: source.toString() });
      if (result.error || result.text === undefined) {
        void vscode.window.showWarningMessage(result.error ?? 'This file has no search to expand.');
        return undefined;
      }
      const name = source.path.split('/').pop()?.replace(/\.(ya?ml|spl|splunk)$/i, '') ?? 'search';
      const uri = vscode.Uri.from({ scheme: EXPANDED_SCHEME, path: `/${name} (expanded).spl`, query: source.toString() });
      contents.set(uri.toString(), result.text);
      changed.fire(uri);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(doc, 'spl');
      await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
      return doc;
    }),
  );
}
