// LSP adapter for SPL formatting: document and range formatting (a .spl file; a detection's or
// baseline's `search:`), and the request behind the "Format Search" command, which also says why
// a search is left as is.
import { Connection, ServerCapabilities, TextDocuments, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatDocumentSearch } from '../analysis/formatSearch';
import { toLspRange, toOffset } from './convert';
import type { Workspace } from './workspace';

export const FORMAT_SEARCH_REQUEST = 'detectionWorkbench/formatSearch';

export const FORMATTING_CAPABILITIES: ServerCapabilities = {
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
};

export function registerFormatting(connection: Connection, documents: TextDocuments<TextDocument>, workspace: Workspace): void {
  const format = (uri: string, range?: { start: number; end: number }) => {
    const doc = documents.get(uri);
    if (!doc) return { edits: [] as TextEdit[], error: 'The document is not open.' };
    const model = workspace.model(doc);
    const r = formatDocumentSearch(model, range);
    if (r.error) connection.console.info(`Formatting ${uri}: ${r.error}`);
    return { edits: r.edits.map((e) => ({ range: toLspRange(model.lineIndex, e.range), newText: e.newText })), error: r.error };
  };

  connection.onDocumentFormatting((params) => format(params.textDocument.uri).edits);

  connection.onDocumentRangeFormatting((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const lines = workspace.model(doc).lineIndex;
    return format(params.textDocument.uri, { start: toOffset(lines, params.range.start), end: toOffset(lines, params.range.end) }).edits;
  });

  /** The edits formatting the document's search, or why there are none. */
  connection.onRequest(FORMAT_SEARCH_REQUEST, (params: { uri: string }) => format(params.uri));
}
