// Publishes diagnostics for open documents, debounced per document.
import { Connection, Diagnostic, DiagnosticSeverity, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticProvider, diagnoseDocument, DocumentDiagnostic } from '../analysis/diagnose';
import { DocumentModel } from '../analysis/documentModel';
import { toLspRange } from './convert';
import { Workspace } from './workspace';

const SEVERITY: Record<DocumentDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(model: DocumentModel, d: DocumentDiagnostic): Diagnostic {
  return {
    range: toLspRange(model.lineIndex, d.range),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'detection-workbench',
    message: d.message,
    data: d.fixes ? { fixes: d.fixes } : undefined,
  };
}

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: Workspace,
    private readonly providers: () => DiagnosticProvider[],
    private readonly delayMs = 150,
  ) {}

  schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.publish(uri);
      }, this.delayMs),
    );
  }

  /** Re-checks every open document (after the index changed). */
  scheduleAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc.uri);
  }

  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  publish(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const model = this.workspace.model(doc);
    const diagnostics = diagnoseDocument(model, this.providers()).map((d) => toLspDiagnostic(model, d));
    void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }
}
