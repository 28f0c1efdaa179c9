// Language-server entry point. Creates the connection (IPC from VS Code, stdio from tests and
// other editors) and hands it to the LSP adapter layer.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './lsp/session';

startLanguageServer(createConnection(ProposedFeatures.all));
