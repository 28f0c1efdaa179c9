// Information diagnostics for fields the search reads that no event of the last explained sample
// carries (from detectionWorkbench/explain), on the field in the search, with a quick fix to the
// first "did you mean" suggestion. Kept per file while the search text is unchanged (a stale hint
// is dropped as soon as the search is edited); a diagnostic provider like the others.
import type { DiagnosticProvider, DocumentDiagnostic } from '../analysis/diagnose';
import type { MissingField } from '../engine/explain/missingFields';

export class MissingFieldHints {
  private readonly byFile = new Map<string, { search: string; fields: MissingField[] }>();

  /** Records the missing fields of a run of `file`'s search `search` (ranges: offsets in `search`). */
  record(file: string, search: string, fields: MissingField[]): void {
    if (fields.length) this.byFile.set(file, { search, fields });
    else this.byFile.delete(file);
  }

  readonly provider: DiagnosticProvider = (model) => {
    const entry = this.byFile.get(model.file);
    const region = model.mainSearch;
    if (!entry || !region || region.text !== entry.search) return [];
    const out: DocumentDiagnostic[] = [];
    for (const f of entry.fields) {
      for (const r of f.ranges) {
        const written = entry.search.slice(r.start, r.end);
        const range = region.toDocumentRange(r);
        const hint = f.suggestions.length ? `; did you mean ${f.suggestions.map((s) => `"${s}"`).join(', ')}?` : '';
        // Replace the field name where it ends the written text (Processes.process_nme → …process_name).
        const fix = f.suggestions[0] !== undefined && written.endsWith(f.field)
          ? [{ kind: 'replace' as const, title: `Change to ${f.suggestions[0]}`, range: region.toDocumentRange({ start: r.end - f.field.length, end: r.end }), text: f.suggestions[0] }]
          : undefined;
        out.push({ code: 'dw.sample.missing-field', severity: 'information', source: 'spl', range, message: `No event of the sample has the field "${f.field}"${hint}`, suggestions: f.suggestions, fixes: fix });
      }
    }
    return out;
  };
}
