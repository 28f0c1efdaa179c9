// "Preview Documentation": asks the server for the detection's documentation page (Markdown, the
// way research.splunk.com shows a detection), writes it to the extension's storage and shows it in
// VS Code's Markdown preview beside the editor. Edits to the detection update the page. The page
// is a real file so that the preview follows its links to macros, stories and lookups (it drops
// `file:` links and cannot resolve links from a virtual document).
import { createHash } from 'crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { relativizeFileLinks } from './previewLinks';

export const DOCUMENTATION_REQUEST = 'detectionWorkbench/documentation';
const REFRESH_DELAY_MS = 300;

interface DocumentationResult {
  markdown?: string;
  error?: string;
}

/** Where a detection's page is written: `<storage>/documentation/<hash of the source>/<stem>.md`. */
export function documentationUri(storage: vscode.Uri, source: vscode.Uri): vscode.Uri {
  const stem = source.path.split('/').pop()?.replace(/\.ya?ml$/i, '') || 'detection';
  const folder = createHash('sha256').update(source.toString()).digest('hex').slice(0, 12);
  return vscode.Uri.joinPath(storage, 'documentation', folder, `${stem}.md`);
}

const STALE_PAGE_MS = 24 * 60 * 60 * 1000;

/** Deletes the page folders under `dir` whose page was last written more than a day ago. */
async function removeStalePages(dir: vscode.Uri): Promise<void> {
  try {
    for (const [name, type] of await vscode.workspace.fs.readDirectory(dir)) {
      if (type !== vscode.FileType.Directory) continue;
      const folder = vscode.Uri.joinPath(dir, name);
      const pages = await vscode.workspace.fs.readDirectory(folder);
      const times = await Promise.all(pages.map(async ([page]) => (await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, page))).mtime));
      if (times.every((t) => Date.now() - t > STALE_PAGE_MS)) await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  } catch {
    // no folder yet, or it changed underneath: nothing to clean
  }
}

export function registerDocumentationPreview(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const storage = context.globalStorageUri;
  /** Source URI → its page, and page → source (so the command also works from the page). */
  const pages = new Map<string, vscode.Uri>();
  const sources = new Map<string, vscode.Uri>();
  const timers = new Map<string, NodeJS.Timeout>();
  // pages not touched for a day are left over from earlier sessions (another window may still be
  // showing a newer one); writes wait for this
  const cleared = removeStalePages(vscode.Uri.joinPath(storage, 'documentation'));

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

  /** Writes the page; an open page document is edited and saved so the preview follows at once. */
  const write = async (page: vscode.Uri, markdown: string): Promise<void> => {
    await cleared;
    const text = relativizeFileLinks(markdown, vscode.Uri.joinPath(page, '..').fsPath);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === page.toString());
    if (open) {
      if (open.getText() === text) return;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(page, new vscode.Range(0, 0, open.lineCount, 0), text);
      if ((await vscode.workspace.applyEdit(edit)) && (await open.save())) return;
    }
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(page, '..'));
    await vscode.workspace.fs.writeFile(page, Buffer.from(text, 'utf8'));
  };

  const refresh = async (source: vscode.Uri): Promise<void> => {
    const page = pages.get(source.toString());
    if (!page) return;
    try {
      const result = await request(source);
      if (result.markdown !== undefined) await write(page, result.markdown);
    } catch {
      // the server restarted or is gone; the next edit tries again
    }
  };

  context.subscriptions.push(
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
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
      const source = target instanceof vscode.Uri ? target : active ? (sources.get(active.toString()) ?? active) : undefined;
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
      const page = documentationUri(storage, source);
      pages.set(source.toString(), page);
      sources.set(page.toString(), source);
      await write(page, result.markdown);
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
