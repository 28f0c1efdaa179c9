// LSP adapter for navigating and refactoring content: references, rename, code lens on
// definitions, document and workspace symbols. The answers come from the LSP-free modules in
// `analysis/`; this file only converts offsets, paths and kinds.
import {
  CodeLens,
  Connection,
  DocumentSymbol,
  Location,
  LSPErrorCodes,
  ResponseError,
  ServerCapabilities,
  SymbolInformation,
  SymbolKind,
  TextDocuments,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { definitionLenses } from '../analysis/codeLens';
import { documentSymbols, OutlineKind, OutlineSymbol } from '../analysis/documentSymbols';
import type { FileSite } from '../analysis/referenceIndex';
import { referencesAt } from '../analysis/references';
import { prepareRename, renameAt } from '../analysis/rename';
import { workspaceSymbols } from '../analysis/workspaceSymbols';
import type { LineIndex } from '../yaml';
import { pathToUri, toLspRange, toOffset } from './convert';
import type { Workspace } from './workspace';

/** The client command a lens runs: it shows `locations` at `position` (client/src/references.ts). */
export const SHOW_REFERENCES_COMMAND = 'detectionWorkbench.showReferences';

export const NAVIGATION_CAPABILITIES: ServerCapabilities = {
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  codeLensProvider: { resolveProvider: false },
  documentSymbolProvider: true,
  workspaceSymbolProvider: true,
};

const toLocation = (s: FileSite): Location => ({ uri: pathToUri(s.file), range: { start: s.start, end: s.end } });

const SYMBOL_KINDS: Record<OutlineKind | 'detection', SymbolKind> = {
  detection: SymbolKind.Class,
  baseline: SymbolKind.Class,
  macro: SymbolKind.Function,
  lookup: SymbolKind.Struct,
  story: SymbolKind.Namespace,
  data_source: SymbolKind.Interface,
  search: SymbolKind.Method,
  command: SymbolKind.Operator,
  tests: SymbolKind.Array,
  test: SymbolKind.Event,
};

function toDocumentSymbol(lines: LineIndex, s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name || '(unnamed)',
    detail: s.detail,
    kind: SYMBOL_KINDS[s.kind],
    range: toLspRange(lines, s.range),
    selectionRange: toLspRange(lines, s.selectionRange),
    children: s.children.map((c) => toDocumentSymbol(lines, c)),
  };
}

export function registerNavigation(connection: Connection, documents: TextDocuments<TextDocument>, workspace: Workspace): void {
  const modelOf = (uri: string) => {
    const doc = documents.get(uri);
    return doc && workspace.model(doc);
  };

  connection.onReferences(async (params): Promise<Location[]> => {
    await workspace.whenIndexed();
    const model = modelOf(params.textDocument.uri);
    if (!model) return [];
    const offset = toOffset(model.lineIndex, params.position);
    return referencesAt(model, offset, workspace.references, params.context.includeDeclaration).map(toLocation);
  });

  connection.onPrepareRename(async (params) => {
    await workspace.whenIndexed();
    const model = modelOf(params.textDocument.uri);
    if (!model) return null;
    const r = prepareRename(model, toOffset(model.lineIndex, params.position), workspace.references);
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return { range: toLspRange(model.lineIndex, r.range), placeholder: r.placeholder };
  });

  connection.onRenameRequest(async (params): Promise<WorkspaceEdit> => {
    await workspace.whenIndexed();
    const model = modelOf(params.textDocument.uri);
    if (!model) throw new ResponseError(LSPErrorCodes.RequestFailed, 'The document is not open.');
    const offset = toOffset(model.lineIndex, params.position);
    const plan = renameAt(model, offset, params.newName, workspace.references, workspace.index);
    if ('error' in plan) throw new ResponseError(LSPErrorCodes.RequestFailed, plan.error);
    return {
      documentChanges: [
        ...plan.edits.map(({ file, edits }) => {
          const uri = pathToUri(file);
          return {
            textDocument: { uri, version: documents.get(uri)?.version ?? null },
            edits: edits.map((e) => ({ range: { start: e.start, end: e.end }, newText: e.newText })),
          };
        }),
        ...plan.fileRenames.map((r) => ({ kind: 'rename' as const, oldUri: pathToUri(r.from), newUri: pathToUri(r.to) })),
      ],
    };
  });

  // When content changes, the "used by N" counts of open definitions change: ask the client to
  // re-request the lenses (once the first indexing is done, at most every half second; a client
  // without `workspace/codeLens/refresh` answers with an error, which is ignored).
  let refreshTimer: NodeJS.Timeout | undefined;
  let indexed = false;
  void workspace.whenIndexed().then(() => (indexed = true));
  workspace.index.onFileIndexed(() => {
    if (!indexed || refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    }, 500);
  });

  connection.onCodeLens(async (params): Promise<CodeLens[]> => {
    await workspace.whenIndexed();
    const model = modelOf(params.textDocument.uri);
    if (!model) return [];
    return definitionLenses(model, workspace.references, workspace.index).map((lens) => {
      const range = toLspRange(model.lineIndex, lens.range);
      return {
        range,
        command: {
          title: lens.title,
          command: SHOW_REFERENCES_COMMAND,
          arguments: [params.textDocument.uri, range.start, lens.references.map(toLocation)],
        },
      };
    });
  });

  connection.onDocumentSymbol((params): DocumentSymbol[] => {
    const model = modelOf(params.textDocument.uri);
    return model ? documentSymbols(model).map((s) => toDocumentSymbol(model.lineIndex, s)) : [];
  });

  connection.onWorkspaceSymbol(async (params): Promise<SymbolInformation[]> => {
    await workspace.whenIndexed();
    return workspaceSymbols(workspace.index, params.query).map((s) => ({
      name: s.name,
      kind: SYMBOL_KINDS[s.kind],
      containerName: s.detail ?? s.kind.replace('_', ' '),
      location: { uri: pathToUri(s.file), range: { start: { line: s.line, character: 0 }, end: { line: s.line, character: 0 } } },
    }));
  });
}
