// Starts the built language server (dist/server.js) over stdio and talks JSON-RPC to it, the way
// any editor would. Used by the LSP-level tests.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createMessageConnection,
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const EXAMPLES = path.join(REPO_ROOT, 'examples');
const SERVER = path.join(REPO_ROOT, 'dist', 'server.js');

export function uriOf(file: string): string {
  return pathToFileURL(file).toString();
}

export class LspTestClient {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly diagnosticWaiters: (() => void)[] = [];
  initializeResult?: InitializeResult;
  stderr = '';

  /** What the client answers to `workspace/configuration` for `detectionWorkbench`. */
  settings: Record<string, unknown> = {};

  private constructor(private readonly child: ChildProcess) {
    this.connection = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    child.stderr!.on('data', (d) => (this.stderr += d.toString()));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      this.diagnosticWaiters.splice(0).forEach((w) => w());
    });
    // Answer server->client requests an editor would answer.
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'detectionWorkbench' ? this.settings : null)),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  static async start(
    workspaceFolder: string = EXAMPLES,
    settings: Record<string, unknown> = {},
    initializationOptions: Record<string, unknown> = {},
  ): Promise<LspTestClient> {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new LspTestClient(child);
    client.settings = settings;
    client.initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(workspaceFolder),
      workspaceFolders: [{ uri: uriOf(workspaceFolder), name: path.basename(workspaceFolder) }],
      capabilities: {
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
          publishDiagnostics: { relatedInformation: true },
        },
        workspace: { workspaceFolders: true, configuration: true },
      },
      initializationOptions,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Opens a file from disk (or with the given text) and returns its URI. */
  async open(file: string, text?: string, languageId?: string): Promise<string> {
    const uri = uriOf(file);
    const content = text ?? fs.readFileSync(file, 'utf8');
    const lang = languageId ?? (file.endsWith('.spl') ? 'spl' : 'yaml');
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: lang, version: 1, text: content },
    });
    return uri;
  }

  /** Replaces a document's whole text (a new version). */
  async change(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  /** Waits until diagnostics for `uri` at document version `version` (or later) have been published. */
  async waitForVersion(uri: string, version: number, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const d = this.diagnostics.get(uri);
      if (d && (d.version ?? 0) >= version) return d;
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri} version ${version} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Waits until diagnostics for `uri` have been published (at least once). */
  async waitForDiagnostics(uri: string, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    while (!this.diagnostics.has(uri)) {
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 100);
        this.diagnosticWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.diagnostics.get(uri)!;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    this.child.kill();
  }
}

/**
 * Starts a server for the enclosing `describe` and waits until it has indexed the examples; stops
 * it afterwards. Tests call the returned function for the client.
 */
export function indexedServer(): () => LspTestClient {
  let client: LspTestClient | undefined;
  before(async () => {
    client = await LspTestClient.start();
    await client.connection.sendRequest('detectionWorkbench/status');
  });
  after(async () => client?.stop());
  return () => client!;
}
