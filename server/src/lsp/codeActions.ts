// Quick fixes: turns the fix data that diagnostics carry into LSP code actions.
import { randomUUID } from 'crypto';
import * as path from 'path';
import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  Diagnostic,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { DiagnosticFix } from '../analysis/diagnose';
import type { DocumentModel } from '../analysis/documentModel';
import { pathToUri, toLspRange } from './convert';

function editFor(model: DocumentModel, uri: string, fix: DiagnosticFix): WorkspaceEdit {
  switch (fix.kind) {
    case 'replace':
      return { changes: { [uri]: [TextEdit.replace(toLspRange(model.lineIndex, fix.range), fix.text)] } };
    case 'insert':
      return { changes: { [uri]: [TextEdit.insert(model.lineIndex.positionAt(fix.offset), fix.text)] } };
    case 'new-uuid':
      return { changes: { [uri]: [TextEdit.replace(toLspRange(model.lineIndex, fix.range), randomUUID())] } };
    case 'rename-file': {
      const target = path.isAbsolute(fix.newPath) ? fix.newPath : path.join(path.dirname(model.file), path.basename(fix.newPath));
      return { documentChanges: [{ kind: 'rename', oldUri: uri, newUri: pathToUri(target) }] };
    }
  }
}

export function codeActionsFor(model: DocumentModel, params: CodeActionParams): CodeAction[] {
  const out: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics as Diagnostic[]) {
    const fixes = (diagnostic.data as { fixes?: DiagnosticFix[] } | undefined)?.fixes ?? [];
    fixes.forEach((fix, i) => {
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: i === 0,
        edit: editFor(model, params.textDocument.uri, fix),
      });
    });
  }
  return out;
}
