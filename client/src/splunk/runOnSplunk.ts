// What the preview panel calls to run on Splunk. Runs in the extension host because the tokens live
// in its SecretStorage; the content index is built here, off the language server, when needed.
import * as vscode from 'vscode';
import { compareOnSplunk, CompareOutcome } from '../../../server/src/analysis/compareOnSplunk';
import { readDetection } from '../../../server/src/analysis/runPlan';
import { serverSearch } from '../../../server/src/analysis/serverSearch';
import { ContentIndex, findContentRoots } from '../../../server/src/content';
import { runExport, SplunkResultJson } from '../../../server/src/splunk';
import { connectionFrom, hecFrom, replayIndex, SplunkSettings } from './connectionSettings';
import { HEC_TOKEN_KEY, SPLUNK_TOKEN_KEY } from './secrets';

export interface SplunkRunRequest {
  /** The detection file; its current text may be given (an unsaved editor buffer). */
  detectionFile?: string;
  detectionText?: string;
  /** Ad-hoc SPL instead of the detection's search. */
  search?: string;
  /** Time range as Splunk time modifiers, e.g. `-24h`/`now`, `-7d@d`, or epoch seconds. */
  earliest?: string;
  latest?: string;
  /** Send the search as written, expanding macros with the server's definitions. */
  serverMacros?: boolean;
  maxRows?: number;
  signal?: AbortSignal;
}

export function splunkSettings(): SplunkSettings {
  const c = vscode.workspace.getConfiguration('detectionWorkbench.splunk');
  return {
    url: c.get<string>('url', '').trim(),
    verifyTls: c.get<boolean>('verifyTls', true),
    caFile: c.get<string>('caFile', '').trim(),
    app: c.get<string>('app', '').trim(),
    index: c.get<string>('index', '').trim(),
    hecUrl: c.get<string>('hecUrl', '').trim(),
  };
}

let cached: { key: string; index: Promise<ContentIndex> } | undefined;

/**
 * The content index for server runs: built once per set of roots (sliced, so the extension host
 * stays responsive; about 1.5 s for security_content's 1711 detections) and kept current by
 * `watchContent`. It sees files as saved on disk.
 */
function contentIndex(): Promise<ContentIndex> {
  const extra = vscode.workspace.getConfiguration('detectionWorkbench').get<string[]>('contentRoots', []);
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const roots = [...new Set([...folders.flatMap((f) => findContentRoots(f)), ...extra])];
  const key = roots.join('\0');
  if (cached?.key !== key) {
    const index = new ContentIndex();
    cached = { key, index: index.build(roots).then(() => index) };
    cached.index.catch(() => (cached = undefined));
  }
  return cached.index;
}

/** Keeps the cached index current as content files change on disk. */
export function watchContent(): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yml,yaml}');
  const update = (uri: vscode.Uri) => void cached?.index.then((i) => i.updateFile(uri.fsPath));
  watcher.onDidChange(update);
  watcher.onDidCreate(update);
  watcher.onDidDelete((uri) => void cached?.index.then((i) => i.removeFile(uri.fsPath)));
  return watcher;
}

const workspaceDir = () => vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;

/**
 * Runs the detection's search (or `search`) on the configured Splunk server. Throws SettingsError
 * (missing URL/token), RunPlanError (no search, unknown macro) or SplunkError (with the fix).
 */
export async function runOnSplunk(context: vscode.ExtensionContext, req: SplunkRunRequest): Promise<SplunkResultJson & { notes: string[] }> {
  const settings = splunkSettings();
  const conn = connectionFrom(settings, await context.secrets.get(SPLUNK_TOKEN_KEY), workspaceDir());
  let original = req.search;
  if (original === undefined && req.detectionFile) original = readDetection(req.detectionFile, req.detectionText).search;
  if (original === undefined) throw new Error('nothing to run: the file has no search');
  const planned = serverSearch(original, await contentIndex(), !!req.serverMacros);
  const result = await runExport(conn, { search: planned.search, earliest: req.earliest, latest: req.latest, maxRows: req.maxRows, signal: req.signal });
  return { ...result, notes: planned.notes };
}

/** Replays the detection's attack data into `detectionWorkbench.splunk.index` and compares local and server results. */
export async function replayAndCompare(
  context: vscode.ExtensionContext,
  req: { detectionFile: string; detectionText?: string; attackDataDir?: string; tz?: string; serverMacros?: boolean; signal?: AbortSignal; onProgress?: (s: string) => void },
): Promise<CompareOutcome> {
  const settings = splunkSettings();
  const conn = connectionFrom(settings, await context.secrets.get(SPLUNK_TOKEN_KEY), workspaceDir());
  const hec = hecFrom(settings, conn, await context.secrets.get(HEC_TOKEN_KEY));
  const cfg = vscode.workspace.getConfiguration('detectionWorkbench');
  return compareOnSplunk(
    {
      run: {
        detectionFile: req.detectionFile,
        detectionText: req.detectionText,
        attackDataDir: req.attackDataDir ?? (cfg.get<string>('attackData', '') || undefined),
        addonDirs: cfg.get<string[]>('addons', []),
        tz: req.tz ?? cfg.get<string>('timezone', 'UTC'),
      },
      conn,
      hec,
      index: replayIndex(settings),
      serverMacros: req.serverMacros,
      signal: req.signal,
      onProgress: req.onProgress,
    },
    await contentIndex(),
  );
}
