// The extension entry: starts the Detection Workbench language server and registers commands.
// Everything of substance lives in the server; this file only wires VS Code to it.
import * as path from 'path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { registerExpandedSearch } from './expandedSearch';
import { registerDocumentationPreview } from './documentationPreview';
import { PreviewController } from './preview/previewController';
import { registerSplunk, SplunkApi } from './splunk';

/** Content-repository folders whose YAML files the server handles, at any depth. */
export const CONTENT_FOLDERS = ['detections', 'macros', 'stories', 'data_sources', 'lookups', 'baselines'];

let client: LanguageClient | undefined;

export interface WorkbenchApi {
  /** The running language client, once started. */
  readonly client: LanguageClient | undefined;
  /** Resolves when the server has answered `initialize`. */
  ready(): Promise<void>;
  /** Run on the configured Splunk server (the preview panel's "on Splunk" mode). */
  readonly splunk: SplunkApi;
}

export async function activate(context: vscode.ExtensionContext): Promise<WorkbenchApi> {
  const output = vscode.window.createOutputChannel('Detection Workbench', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };

  const yamlSelectors = CONTENT_FOLDERS.flatMap((folder) =>
    ['yml', 'yaml'].map((ext) => ({ scheme: 'file', language: 'yaml', pattern: `**/${folder}/**/*.${ext}` })),
  );
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'spl' }, ...yamlSelectors],
    outputChannel: output,
    synchronize: {
      configurationSection: 'detectionWorkbench',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher(`**/{${CONTENT_FOLDERS.join(',')}}/**/*.{yml,yaml,csv}`),
      ],
    },
    initializationOptions: {
      extensionPath: context.extensionPath,
      // Where the server may cache downloads (the ATT&CK bundle, when the user allows it).
      storagePath: context.globalStorageUri.fsPath,
    },
  };

  client = new LanguageClient('detectionWorkbench', 'Detection Workbench', serverOptions, clientOptions);
  const started = client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });

  context.subscriptions.push(
    vscode.commands.registerCommand('detectionWorkbench.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('detectionWorkbench.restartServer', async () => {
      output.info('Restarting the language server.');
      await client?.restart();
    }),
  );

  registerExpandedSearch(context, () => client);
  registerDocumentationPreview(context, () => client);
  const splunk = registerSplunk(context);
  context.subscriptions.push(new PreviewController(context, () => client, splunk));

  return {
    get client() {
      return client;
    },
    ready: () => started,
    splunk,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
