// Helpers for extension-host tests: find and activate the extension, open documents, and wait for
// asynchronous conditions (diagnostics, hovers, server state) with a timeout.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../client/src/extension';

/** `publisher.name` from package.json. */
export const EXTENSION_ID = 'detection-workbench.detection-workbench';

/**
 * How long a wait may take before the test fails: generous, because a loaded machine (CI next to
 * other jobs) only makes conditions take longer to hold; a passing wait returns as soon as it holds.
 */
export const DEADLINE_MS = Number(process.env.DW_TEST_DEADLINE_MS ?? 90_000);

export interface WaitOptions {
  /** Give up after this many milliseconds (default DEADLINE_MS). */
  timeoutMs?: number;
  /** Poll every this many milliseconds (default 100). */
  intervalMs?: number;
  /** Describes the awaited condition in the timeout error. */
  message?: string;
}

/**
 * Polls `probe` until it returns a value other than `undefined`, `null` or `false`, and returns that
 * value. A probe that throws counts as "not yet"; the last error is reported on timeout.
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEADLINE_MS;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const what = options.message ?? 'condition';
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects with a clear message when `promise` does not settle within `timeoutMs`. */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms: ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The extension under test; fails the test when VS Code does not know it. */
export function getExtension(): vscode.Extension<WorkbenchApi> {
  const ext = vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this extension host`);
  return ext;
}

/** Activates the extension (if needed) and waits until its language server has initialized. */
export async function activateExtension(timeoutMs = DEADLINE_MS): Promise<WorkbenchApi> {
  const ext = getExtension();
  const api = await withTimeout(Promise.resolve(ext.activate()), timeoutMs, `activating ${EXTENSION_ID}`);
  assert.ok(api, 'activate() returned no API');
  await withTimeout(api.ready(), timeoutMs, 'the language server answering initialize');
  return api;
}

/** The root folder of the opened workspace (the examples content repository). */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (the runner opens examples/)');
  return folder.uri.fsPath;
}

/** Absolute path of `relativePath` inside the workspace folder. */
export function workspacePath(...relativePath: string[]): string {
  return path.join(workspaceRoot(), ...relativePath);
}

/** Workspace files matching a glob, sorted by path (so tests are deterministic). */
export async function findWorkspaceFiles(glob: string, maxResults = 500): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles(glob, '**/node_modules/**', maxResults);
  return found.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

/** Opens a file (absolute path, workspace-relative path or Uri) in an editor and returns its document. */
export async function openDocument(file: string | vscode.Uri): Promise<vscode.TextDocument> {
  const uri =
    typeof file === 'string' ? vscode.Uri.file(path.isAbsolute(file) ? file : workspacePath(file)) : file;
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Writes `content` to a fresh temporary file named `fileName` (outside the workspace) and opens it. */
export async function openTempDocument(fileName: string, content: string): Promise<vscode.TextDocument> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-int-'));
  const file = path.join(dir, fileName);
  fs.writeFileSync(file, content);
  return openDocument(file);
}

/** Waits until `uri` has diagnostics that satisfy `accept` (default: at least one), and returns them. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
  options: WaitOptions = {},
): Promise<readonly vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      return accept(diagnostics) ? diagnostics : undefined;
    },
    { message: `diagnostics on ${uri.fsPath}`, ...options },
  );
}

/** Hover contents at a position, flattened to plain strings. */
export async function hoverTexts(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((h) =>
    h.contents.map((c) => (typeof c === 'string' ? c : c instanceof vscode.MarkdownString ? c.value : c.value)),
  );
}

/** Whether the extension's package.json contributes a language with this id. */
export function contributesLanguage(languageId: string): boolean {
  const languages = getExtension().packageJSON?.contributes?.languages;
  return Array.isArray(languages) && languages.some((l: { id?: unknown }) => l?.id === languageId);
}

/** Closes all editors (use in teardown so tests do not see each other's documents). */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
