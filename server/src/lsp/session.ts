// The LSP adapter: owns the connection and the open documents, and translates between LSP and
// the LSP-free domain modules (SPL, content index, schema, engine).
import {
  CodeActionKind,
  Connection,
  DidChangeWatchedFilesNotification,
  InitializeParams,
  Hover,
  InitializeResult,
  MarkupKind,
  Position,
  LocationLink,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { standardProviders } from '../analysis/checkProviders';
import { DiagnosticProvider } from '../analysis/diagnose';
import { AttackIndex } from '../schema';
import { AttackSource } from '../schema/attackSource';
import type { Generation } from '../schema/types';
import { expandedSearchOf } from '../analysis/expandedSearch';
import { documentationPage } from '../analysis/docPage';
import { hoverAt } from '../analysis/hover';
import { definitionAt } from '../analysis/definition';
import { lineRange, pathToUri, toLspRange, toOffset, uriToPath } from './convert';
import { DiagnosticsPublisher } from './diagnostics';
import { codeActionsFor } from './codeActions';
import { prestartEngineWorker } from '../engine/pipeline/runInWorker';
import { PREVIEW_SOURCES_REQUEST, previewSourcesFor, runSearch, RunSearchRequest } from './runSearch';
import { registerDetectionTests } from './detectionTests';
import { craftRequest, CraftRequest, explainRequest, ExplainRequest } from './explain';
import { MissingFieldHints } from './missingFieldHints';
import { completionFor, signatureHelpFor } from './completion';
import { encodeSemanticTokens, SEMANTIC_LEGEND } from './semanticTokens';
import { DEFAULT_SETTINGS, fetchSettings, ServerSettings } from './settings';
import { Workspace } from './workspace';
import { NAVIGATION_CAPABILITIES, registerNavigation } from './navigation';
import { FORMATTING_CAPABILITIES, registerFormatting } from './formatting';

export const SERVER_NAME = 'detection-workbench';
export const SERVER_VERSION = '0.1.0';
export const STATUS_REQUEST = 'detectionWorkbench/status';
export const EXPANDED_SEARCH_REQUEST = 'detectionWorkbench/expandedSearch';

export function startLanguageServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace();
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let configurationSupported = false;
  let storagePath: string | undefined;
  const attack = new AttackSource(
    (m) => connection.console.info(m),
    () => diagnostics.scheduleAll(),
  );
  const attackIndex = (): AttackIndex | undefined =>
    attack.get({ file: settings.attackFile, download: settings.attackDownload, url: settings.attackUrl, cacheDir: storagePath });
  const generationOf = (file: string): Generation => {
    if (settings.schemaGeneration !== 'auto') return settings.schemaGeneration;
    const root = workspace.index.rootFor(file);
    return root ? workspace.index.generation(root) : 'v5';
  };
  const yamlContext = (file: string) => ({
    generation: generationOf(file),
    attack: attackIndex(),
    attackMissingReason: attack.reason,
  });
  const providers: DiagnosticProvider[] = standardProviders(workspace.index, () => settings.schemaGeneration, {
    get attack() {
      return attackIndex();
    },
  });
  const missingFieldHints = new MissingFieldHints();
  providers.push(missingFieldHints.provider);
  const diagnostics = new DiagnosticsPublisher(connection, documents, workspace, () => providers);
  let folders: string[] = [];
  let watchRegistration = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (!folders.length && params.rootUri) folders = [uriToPath(params.rootUri)];
    watchRegistration = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    configurationSupported = !!params.capabilities.workspace?.configuration;
    const init = params.initializationOptions as { storagePath?: string } | undefined;
    storagePath = init?.storagePath;
    return {
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        definitionProvider: true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['|', '`', '.', '=', ' ', '(', ','] },
        signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
        ...NAVIGATION_CAPABILITIES,
        ...FORMATTING_CAPABILITIES,
      },
    };
  });

  connection.onDidChangeConfiguration(async () => {
    settings = await fetchSettings(connection, configurationSupported);
    diagnostics.scheduleAll();
  });

  connection.onInitialized(async () => {
    settings = await fetchSettings(connection, configurationSupported);
    if (watchRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/{detections,macros,stories,data_sources,lookups,baselines}/**/*.{yml,yaml,csv}' }],
      });
    }
    const started = Date.now();
    workspace.start(folders, settings).then(
      () => {
        const s = workspace.index.stats();
        connection.console.info(
          `Indexed ${workspace.roots.length} content root(s) in ${Date.now() - started} ms: ` +
            `${s.detections} detections, ${s.macros} macros, ${s.stories} stories, ${s.dataSources} data sources, ${s.lookups} lookups.`,
        );
        diagnostics.scheduleAll();
        // The first preview should not wait for a thread to start and load the engine.
        prestartEngineWorker(settings.engineMaxMemoryMB);
      },
      (e) => connection.console.error(`Indexing failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  });

  /** The index's roots and counts, once the initial indexing is done (for clients and tests). */
  connection.onRequest(STATUS_REQUEST, async () => {
    await workspace.whenIndexed();
    return { roots: workspace.roots, ...workspace.index.stats() };
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) workspace.fileChanged(uriToPath(change.uri));
    diagnostics.scheduleAll();
  });

  connection.onDefinition((params): LocationLink[] => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const model = workspace.model(doc);
    return definitionAt(model, toOffset(model.lineIndex, params.position), workspace.index).map((t) => ({
      originSelectionRange: toLspRange(model.lineIndex, t.originRange),
      targetUri: pathToUri(t.file),
      targetRange: lineRange(t.line),
      targetSelectionRange: lineRange(t.line),
    }));
  });

  connection.onHover((params): Hover | null => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const model = workspace.model(doc);
    const h = hoverAt(model, toOffset(model.lineIndex, params.position), workspace.index, yamlContext(model.file));
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toLspRange(model.lineIndex, h.range) } : null;
  });

  connection.onRequest(EXPANDED_SEARCH_REQUEST, (params: { uri: string; position?: Position }) => {
    const doc = documents.get(params.uri);
    if (!doc) return { error: 'The document is not open.' };
    const model = workspace.model(doc);
    const at = params.position ? toOffset(model.lineIndex, params.position) : undefined;
    return expandedSearchOf(model, workspace.index, at);
  });

  connection.onRequest('detectionWorkbench/documentation', async (params: { uri: string }): Promise<{ markdown?: string; error?: string }> => {
    // The page lists macros, stories and data sources from the index: a page made before the
    // initial indexing ends would lack them (and keep lacking them until the next edit).
    await workspace.whenIndexed();
    const doc = documents.get(params.uri);
    if (!doc) return { error: 'The document is not open.' };
    const model = workspace.model(doc);
    return { markdown: documentationPage(model, workspace.index, { attack: attackIndex(), generation: generationOf(model.file) }) };
  });

  connection.onCompletion((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const model = workspace.model(doc);
    return completionFor(model, toOffset(model.lineIndex, params.position), { ...yamlContext(model.file), index: workspace.index });
  });

  connection.onSignatureHelp((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const model = workspace.model(doc);
    return signatureHelpFor(model, toOffset(model.lineIndex, params.position));
  });

  connection.onRequest(RunSearchRequest, async (params, token) => {
    await workspace.whenIndexed();
    const doc = documents.get(params.uri);
    const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
    const open = doc && { text: doc.getText(), version: doc.version, model: workspace.model(doc) };
    return runSearch(params, open, workspace, settings, token, progress);
  });

  connection.onRequest(PREVIEW_SOURCES_REQUEST, async (params: { uri: string }) => {
    await workspace.whenIndexed();
    return previewSourcesFor(params.uri, documents.get(params.uri)?.getText(), workspace, settings);
  });

  registerDetectionTests(connection, documents, workspace, () => settings);

  connection.onRequest(ExplainRequest, async (params, token) => {
    await workspace.whenIndexed();
    return explainRequest(params, documents.get(params.uri)?.getText(), workspace, settings, token, (file, search, fields) => {
      missingFieldHints.record(file, search, fields);
      diagnostics.schedule(params.uri);
    });
  });
  connection.onRequest(CraftRequest, async (params, token) => {
    await workspace.whenIndexed();
    return craftRequest(params, documents.get(params.uri)?.getText(), workspace, settings, token);
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? codeActionsFor(workspace.model(doc), params) : [];
  });

  connection.languages.semanticTokens.on((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { data: [] };
    return encodeSemanticTokens(workspace.model(doc), workspace.tokenContext);
  });

  registerNavigation(connection, documents, workspace);
  registerFormatting(connection, documents, workspace);

  documents.onDidOpen((e) => diagnostics.schedule(e.document.uri));
  documents.onDidChangeContent((e) => {
    workspace.documentChanged(e.document);
    diagnostics.schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    workspace.documentClosed(e.document.uri);
    diagnostics.clear(e.document.uri);
  });

  documents.listen(connection);
  connection.listen();
}
