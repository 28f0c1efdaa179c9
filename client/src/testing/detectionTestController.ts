// Detection tests in VS Code's Test Explorer. Discovery asks the server
// (`detectionWorkbench/detectionTests`) when the explorer first resolves, and per file when a
// detection is opened, edited or changed on disk; items sit under their folder and carry the range of
// their `tests:` entry (gutter run buttons). A run sends `detectionWorkbench/runTest` for each test —
// the preview's local run, judged by contentctl's pass rule on the server — a few at a time, and
// stops when cancelled.
import * as os from 'os';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

type Position = { line: number; character: number };
type WireRange = { start: Position; end: Position };

interface DetectionWithTests {
  uri: string;
  name: string;
  rootUri: string;
  folder: string;
  tests: { index: number; name: string; range: WireRange }[];
}

interface RunTestResult {
  status: 'pass' | 'fail' | 'skip';
  rows: number;
  ms: number;
  reason?: string;
  location?: WireRange;
  stage?: { index?: number; command?: string };
  missingFields?: string[];
  lookedFor?: string;
}

/** One test's last outcome, as the internal command for tests returns it. */
export interface TestOutcomeSummary extends RunTestResult {
  id: string;
  label: string;
  /** `errored` when the request itself failed (server stopped, …). */
  state: 'passed' | 'failed' | 'skipped' | 'errored';
}

/** Internal commands for the extension-host tests (not in the command palette: leading `_`). */
export const RUN_FOR_TESTS_COMMAND = '_detectionWorkbench.testing.run';
export const ITEMS_FOR_TESTS_COMMAND = '_detectionWorkbench.testing.items';

const toRange = (r: WireRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
const isDetectionFile = (uri: vscode.Uri) => uri.scheme === 'file' && /[\\/]detections[\\/].*\.ya?ml$/i.test(uri.fsPath);

export class DetectionTestController implements vscode.Disposable {
  private readonly controller = vscode.tests.createTestController('detectionWorkbench.detectionTests', 'Detection tests');
  private readonly disposables: vscode.Disposable[] = [this.controller];
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private resolvedAll?: Promise<void>;
  private readonly last = new Map<string, TestOutcomeSummary>();

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.resolveAll();
    };
    this.controller.refreshHandler = async () => {
      this.resolvedAll = undefined;
      await this.resolveAll();
    };
    this.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, async (request, token) => {
      await this.run(request, token);
    }, true);

    const watcher = vscode.workspace.createFileSystemWatcher('**/detections/**/*.{yml,yaml}');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.schedule(uri)),
      watcher.onDidChange((uri) => this.schedule(uri)),
      watcher.onDidDelete((uri) => this.removeDetection(uri.toString())),
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document.uri)),
      vscode.commands.registerCommand(RUN_FOR_TESTS_COMMAND, (ids?: string[]) => this.runForTests(ids)),
      vscode.commands.registerCommand(ITEMS_FOR_TESTS_COMMAND, () => this.itemsForTests()),
    );
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc.uri);
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }

  private async request<R>(method: string, params: object, token?: vscode.CancellationToken): Promise<R> {
    const client = this.client();
    if (!client) throw new Error('the Detection Workbench language server is not running');
    await client.start();
    // An undefined token would be sent as a second (positional) parameter.
    return token ? client.sendRequest<R>(method, params, token) : client.sendRequest<R>(method, params);
  }

  /** Every detection with tests, from the server (once; file events keep the tree current after). */
  resolveAll(): Promise<void> {
    this.resolvedAll ??= this.request<DetectionWithTests[]>('detectionWorkbench/detectionTests', {}).then(
      (list) => {
        const seen = new Set(list.map((d) => d.uri));
        for (const folder of [...this.controller.items].map(([, f]) => f)) {
          for (const [, det] of folder.children) if (!seen.has(det.id)) folder.children.delete(det.id);
          if (!folder.children.size) this.controller.items.delete(folder.id);
        }
        for (const d of list) this.upsert(d);
      },
      (e) => {
        this.resolvedAll = undefined;
        throw e;
      },
    );
    return this.resolvedAll;
  }

  /** Re-reads one file's tests shortly after it changed (edits come in bursts). */
  private schedule(uri: vscode.Uri): void {
    if (!isDetectionFile(uri)) return;
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.refreshFile(key).catch(() => undefined);
      }, 300),
    );
  }

  private async refreshFile(uri: string): Promise<void> {
    const list = await this.request<DetectionWithTests[]>('detectionWorkbench/detectionTests', { uri });
    if (list.length) this.upsert(list[0]);
    else this.removeDetection(uri);
  }

  private folderItem(d: DetectionWithTests): vscode.TestItem {
    const id = `${d.rootUri}|${d.folder}`;
    let folder = this.controller.items.get(id);
    if (!folder) {
      folder = this.controller.createTestItem(id, d.folder || '.', vscode.Uri.joinPath(vscode.Uri.parse(d.rootUri), d.folder));
      this.controller.items.add(folder);
    }
    return folder;
  }

  private upsert(d: DetectionWithTests): void {
    const uri = vscode.Uri.parse(d.uri);
    const folder = this.folderItem(d);
    let det = folder.children.get(d.uri);
    if (!det) {
      det = this.controller.createTestItem(d.uri, d.name, uri);
      folder.children.add(det);
    }
    det.label = d.name;
    det.range = d.tests.length ? toRange(d.tests[0].range).with({ end: toRange(d.tests[d.tests.length - 1].range).end }) : undefined;
    det.children.replace(
      d.tests.map((t) => {
        const item = this.controller.createTestItem(`${d.uri}#${t.index}`, t.name, uri);
        item.range = toRange(t.range);
        return item;
      }),
    );
  }

  private removeDetection(uri: string): void {
    for (const [, folder] of this.controller.items) {
      if (!folder.children.get(uri)) continue;
      folder.children.delete(uri);
      if (!folder.children.size) this.controller.items.delete(folder.id);
    }
  }

  /** The test leaves a request covers (a folder or detection stands for all tests below it). */
  private leaves(request: vscode.TestRunRequest): vscode.TestItem[] {
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const out: vscode.TestItem[] = [];
    const walk = (item: vscode.TestItem) => {
      if (excluded.has(item.id)) return;
      if (item.children.size) item.children.forEach(walk);
      else if (item.id.includes('#')) out.push(item);
    };
    if (request.include) request.include.forEach(walk);
    else this.controller.items.forEach(walk);
    return out;
  }

  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<TestOutcomeSummary[]> {
    if (!request.include) await this.resolveAll();
    const items = this.leaves(request);
    const run = this.controller.createTestRun(request);
    for (const item of items) run.enqueued(item);
    const results: TestOutcomeSummary[] = [];
    // A pool: each request runs in its own engine worker on the server.
    const lanes = Math.max(1, Math.min(4, os.cpus().length - 1));
    let next = 0;
    const lane = async () => {
      while (next < items.length && !token.isCancellationRequested) {
        const item = items[next++];
        results.push(await this.runOne(item, run, token));
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
      for (const item of items.slice(next)) run.skipped(item);
      if (token.isCancellationRequested) run.appendOutput('Run cancelled.\r\n');
    } finally {
      run.end();
    }
    return results;
  }

  private async runOne(item: vscode.TestItem, run: vscode.TestRun, token: vscode.CancellationToken): Promise<TestOutcomeSummary> {
    const [uri, index] = item.id.split('#');
    const label = `${item.parent?.label ?? ''} › ${item.label}`;
    run.started(item);
    const where = item.uri ? new vscode.Location(item.uri, item.range ?? new vscode.Position(0, 0)) : undefined;
    let r: RunTestResult;
    try {
      r = await this.request<RunTestResult>('detectionWorkbench/runTest', { uri, testIndex: Number(index) }, token);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      run.errored(item, new vscode.TestMessage(`The test could not run: ${message}`));
      return this.remember(item, { status: 'fail', rows: 0, ms: 0, reason: message }, 'errored');
    }
    if (token.isCancellationRequested) {
      run.skipped(item);
      return this.remember(item, { ...r, reason: 'cancelled' }, 'skipped');
    }
    const status = r.status.toUpperCase();
    run.appendOutput(`${status} ${label}: ${r.rows} row(s) in ${r.ms} ms${r.reason ? ` — ${r.reason}` : ''}\r\n`, where, item);
    if (r.status === 'pass') {
      run.passed(item, r.ms);
      return this.remember(item, r, 'passed');
    }
    if (r.status === 'skip') {
      run.skipped(item);
      return this.remember(item, r, 'skipped');
    }
    const message = new vscode.TestMessage(r.reason ?? 'the test failed');
    if (item.uri) message.location = new vscode.Location(item.uri, r.location ? toRange(r.location) : item.range ?? new vscode.Position(0, 0));
    run.failed(item, message, r.ms);
    return this.remember(item, r, 'failed');
  }

  private remember(item: vscode.TestItem, r: RunTestResult, state: TestOutcomeSummary['state']): TestOutcomeSummary {
    const s = { ...r, id: item.id, label: item.label, state };
    this.last.set(item.id, s);
    return s;
  }

  /** For the extension-host tests: runs the given test ids (default: all) through the run handler. */
  private async runForTests(ids?: string[]): Promise<TestOutcomeSummary[]> {
    await this.resolveAll();
    let include: vscode.TestItem[] | undefined;
    if (ids) {
      const all = new Map<string, vscode.TestItem>();
      const walk = (i: vscode.TestItem) => {
        all.set(i.id, i);
        i.children.forEach(walk);
      };
      this.controller.items.forEach(walk);
      include = ids.map((id) => all.get(id)).filter((i): i is vscode.TestItem => !!i);
    }
    const source = new vscode.CancellationTokenSource();
    try {
      return await this.run(new vscode.TestRunRequest(include), source.token);
    } finally {
      source.dispose();
    }
  }

  /** For the extension-host tests: the tree as plain data. */
  private async itemsForTests(): Promise<{ id: string; label: string; uri?: string; line?: number; children: unknown[] }[]> {
    await this.resolveAll();
    const plain = (i: vscode.TestItem): { id: string; label: string; uri?: string; line?: number; children: unknown[] } => {
      const children: unknown[] = [];
      i.children.forEach((c) => children.push(plain(c)));
      return { id: i.id, label: i.label, uri: i.uri?.toString(), line: i.range?.start.line, children };
    };
    const out: ReturnType<typeof plain>[] = [];
    this.controller.items.forEach((i) => out.push(plain(i)));
    return out;
  }
}

export function registerDetectionTesting(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(new DetectionTestController(client));
}
