// "Preview Documentation": asks the server for the detection's documentation page (Markdown, the
// way research.splunk.com shows a detection), serves it as a read-only virtual document and shows
// it in VS Code's Markdown preview beside the editor. Edits to the detection update the preview.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const DOC_SCHEME = 'detection-workbench-doc';
export const DOCUMENTATION_REQUEST = 'detectionWorkbench/documentation';
const REFRESH_DELAY_MS = 300;

interface DocumentationResult {
  markdown?: string;
  error?: string;
}

/** The virtual document URI of a detection's page: `/<file stem>.md`, the source in the query. */
export function documentationUri(source: vscode.Uri): vscode.Uri {
  const stem = source.path.split('/').pop()?.replace(/\.ya?ml$/i, '') || 'detection';
  return vscode.Uri.from({ scheme: DOC_SCHEME, path: `/${stem}.md`, query: source.toString() });
}

export function registerDocumentationPreview(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const contents = new Map<string, string>();
  /** Source URI → the page URI, for every page shown so far. */
  const pages = new Map<string, vscode.Uri>();
  const timers = new Map<string, NodeJS.Timeout>();
  const changed = new vscode.EventEmitter<vscode.Uri>();

  const request = async (source: vscode.Uri): Promise<DocumentationResult> => {
    const c = client();
    if (!c) return { error: 'The Detection Workbench language server is not running.' };
    const ask = () => c.sendRequest<DocumentationResult>(DOCUMENTATION_REQUEST, { uri: source.toString() });
    let result = await ask();
    if (result.error && result.markdown === undefined) {
      // a document opened just now may not have reached the server yet
      await new Promise((r) => setTimeout(r, 200));
      result = await ask();
    }
    return result;
  };

  const refresh = async (source: vscode.Uri): Promise<void> => {
    const page = pages.get(source.toString());
    if (!page) return;
    try {
      const result = await request(source);
      if (result.markdown === undefined) return;
      contents.set(page.toString(), result.markdown);
      changed.fire(page);
    } catch {
      // the server restarted or is gone; the next edit tries again
    }
  };

  context.subscriptions.push(
    changed,
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
    vscode.workspace.registerTextDocumentContentProvider(DOC_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '',
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      const key = e.document.uri.toString();
      if (!pages.has(key) || !e.contentChanges.length) return;
      clearTimeout(timers.get(key));
      timers.set(
        key,
        setTimeout(() => {
          timers.delete(key);
          void refresh(e.document.uri);
        }, REFRESH_DELAY_MS),
      );
    }),
    vscode.commands.registerCommand('detectionWorkbench.previewDocumentation', async (target?: vscode.Uri) => {
      const active = vscode.window.activeTextEditor?.document.uri;
      const source = target instanceof vscode.Uri ? target : active?.scheme === DOC_SCHEME ? vscode.Uri.parse(active.query) : active;
      if (!source) {
        void vscode.window.showWarningMessage('Open a detection first.');
        return undefined;
      }
      if (target) await vscode.workspace.openTextDocument(source); // the server answers for open documents
      const result = await request(source);
      if (result.markdown === undefined) {
        void vscode.window.showWarningMessage(result.error ?? 'This file has no documentation to show.');
        return undefined;
      }
      const page = documentationUri(source);
      pages.set(source.toString(), page);
      contents.set(page.toString(), result.markdown);
      changed.fire(page);
      const doc = await vscode.workspace.openTextDocument(page);
      try {
        await vscode.commands.executeCommand('markdown.showPreviewToSide', page);
      } catch {
        // no Markdown preview (the built-in extension is disabled): show the Markdown text instead
        await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
      }
      return doc;
    }),
  );
}
