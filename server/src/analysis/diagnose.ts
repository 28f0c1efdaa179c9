// All diagnostics of one document, in document offsets: YAML syntax, SPL syntax and semantics
// (per embedded search), and schema rules. LSP-free: the LSP layer and the CLI format them.
import * as path from 'path';
import type { ContentIndex } from '../content';
import { validateFile } from '../schema';
import type { Generation } from '../schema/types';
import { analyzeSpl, SplAnalysisContext } from '../spl/diagnostics';
import { outputFieldsOf } from '../spl/outputFields';
import { schemaContextFor, SchemaContextOptions } from './schemaContext';
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
  return dropDuplicates(all).sort((a, b) => a.range.start - b.range.start);
}

/** SPL checks and schema checks both resolve references; where they agree, keep the schema's. */
const SAME_CONCERN: Record<string, string> = {
  'dw.spl.unknown-macro': 'dw.schema.unknown-macro',
  'dw.spl.macro-arg-count': 'dw.schema.macro-args',
  'dw.spl.unknown-lookup': 'dw.schema.unknown-lookup',
};

function dropDuplicates(all: DocumentDiagnostic[]): DocumentDiagnostic[] {
  const overlaps = (a: DocumentDiagnostic, b: DocumentDiagnostic) =>
    a.range.start < b.range.end && b.range.start < a.range.end;
  return all.filter(
    (d) => !(d.code in SAME_CONCERN) || !all.some((o) => o.code === SAME_CONCERN[d.code] && overlaps(d, o)),
  );
}

export interface SchemaDiagnosticsOptions {
  index: ContentIndex;
  /** 'auto' decides per repository from its content. */
  generation: () => 'auto' | Generation;
  context?: SchemaContextOptions;
}

/** Schema rules for content files (single-file and cross-file), in document offsets. */
export function schemaDiagnostics(opts: SchemaDiagnosticsOptions): DiagnosticProvider {
  return (model) => {
    if (model.kind === 'spl' || model.kind === 'other') return [];
    const root = opts.index.rootFor(model.file);
    if (!root) return [];
    const setting = opts.generation();
    const generation = setting === 'auto' ? opts.index.generation(root) : setting;
    const context = schemaContextFor(opts.index, root, opts.context);
    const main = model.mainSearch;
    const found = validateFile({
      text: model.text,
      path: path.relative(root, model.file).split(path.sep).join('/'),
      kind: model.kind,
      generation,
      parsed: model.contentYaml,
      // the document's main search is parsed already: reuse its tree
      context: main ? { ...context, outputFieldsOf: (search) => (search === main.text ? outputFieldsOf(main.pipeline) : context.outputFieldsOf?.(search)) } : context,
    });
    return found.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: d.range,
      source: 'schema' as const,
      suggestions: d.suggestions,
      fixes: d.fix,
    }));
  };
}
