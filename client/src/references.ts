// The command a "used by N detections" code lens runs: the server sends LSP locations (JSON);
// VS Code's built-in `editor.action.showReferences` wants VS Code objects.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const SHOW_REFERENCES_COMMAND = 'detectionWorkbench.showReferences';

interface LspPosition {
  line: number;
  character: number;
}
interface LspLocation {
  uri: string;
  range: { start: LspPosition; end: LspPosition };
}

const position = (p: LspPosition) => new vscode.Position(p.line, p.character);

export function registerReferences(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_REFERENCES_COMMAND, (uri: string, at: LspPosition, locations: LspLocation[]) => {
      const c = client();
      const toUri = (u: string) => (c ? c.protocol2CodeConverter.asUri(u) : vscode.Uri.parse(u));
      return vscode.commands.executeCommand(
        'editor.action.showReferences',
        toUri(uri),
        position(at),
        locations.map((l) => new vscode.Location(toUri(l.uri), new vscode.Range(position(l.range.start), position(l.range.end)))),
      );
    }),
  );
}
