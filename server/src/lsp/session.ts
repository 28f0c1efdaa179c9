// The LSP adapter: owns the connection and the open documents, and translates between LSP
// and the LSP-free domain modules (SPL, content index, schema, engine).
import { Connection, InitializeResult, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const SERVER_NAME = 'detection-workbench';
export const SERVER_VERSION = '0.1.0';

export function startLanguageServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);

  connection.onInitialize((): InitializeResult => ({
    serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
    },
  }));

  documents.listen(connection);
  connection.listen();
}
