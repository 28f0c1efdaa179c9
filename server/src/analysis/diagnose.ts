// All diagnostics of one document, in document offsets: YAML syntax, SPL syntax and semantics
// (per embedded search), and schema rules. LSP-free: the LSP layer and the CLI format them.
import { analyzeSpl, SplAnalysisContext } from '../spl/diagnostics';
import type { DocumentModel } from './documentModel';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface DocumentDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** Document offsets. */
  range: { start: number; end: number };
  source: 'yaml' | 'spl' | 'schema';
  suggestions?: string[];
  /** Opaque fix data for code actions (schema fixes, SPL replacements). */
  fixes?: DiagnosticFix[];
}

export type DiagnosticFix =
  | { kind: 'replace'; title: string; range: { start: number; end: number }; text: string }
  | { kind: 'insert'; title: string; offset: number; text: string }
  | { kind: 'rename-file'; title: string; newPath: string }
  | { kind: 'new-uuid'; title: string; range: { start: number; end: number } };

/** A source of diagnostics for a document (YAML, SPL, schema …). */
export type DiagnosticProvider = (model: DocumentModel) => DocumentDiagnostic[];

export function yamlDiagnostics(model: DocumentModel): DocumentDiagnostic[] {
  return (model.yaml?.errors ?? []).map((e) => ({
    code: `dw.yaml.${e.code.toLowerCase().replace(/_/g, '-')}`,
    severity: e.severity,
    message: e.message,
    range: e.range,
    source: 'yaml' as const,
  }));
}

/** SPL syntax and semantic diagnostics of every SPL region, in document offsets. */
export function splDiagnostics(ctx: () => SplAnalysisContext): DiagnosticProvider {
  return (model) => {
    const out: DocumentDiagnostic[] = [];
    for (const region of model.regions) {
      for (const d of analyzeSpl(region.pipeline, ctx())) {
        out.push({
          code: d.code,
          severity: d.severity,
          message: d.message,
          range: region.toDocumentRange(d.range),
          source: 'spl',
          suggestions: d.suggestions,
          fixes: d.suggestions?.map((s) => ({
            kind: 'replace' as const,
            title: `Change to ${s}`,
            range: region.toDocumentRange(d.range),
            text: s,
          })),
        });
      }
    }
    return out;
  };
}

export function diagnoseDocument(model: DocumentModel, providers: DiagnosticProvider[]): DocumentDiagnostic[] {
  const all: DocumentDiagnostic[] = [];
  for (const p of providers) {
    try {
      all.push(...p(model));
    } catch (e) {
      all.push({
        code: 'dw.internal',
        severity: 'warning',
        message: `Internal error while checking this file: ${e instanceof Error ? e.message : String(e)}`,
        range: { start: 0, end: 0 },
        source: 'schema',
      });
    }
  }
  return all.sort((a, b) => a.range.start - b.range.start);
}
