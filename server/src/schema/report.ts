// Collects diagnostics for one file: applies the per-generation severity from RULES and maps
// ranges from the parsed text back to the original text.

import { CODE_PREFIX, severityOf, type RuleId } from './rules';
import type { Generation, Range, SchemaDiagnostic, SchemaFix } from './types';

/** At most this many diagnostics per file (a broken 5 MB file must not flood the editor). */
export const MAX_DIAGNOSTICS = 500;

export class Reporter {
  readonly diagnostics: SchemaDiagnostic[] = [];

  get full(): boolean {
    return this.diagnostics.length >= MAX_DIAGNOSTICS;
  }

  constructor(
    readonly generation: Generation,
    private readonly toOriginal: (o: number) => number = (o) => o,
  ) {}

  /** Is the rule reported in this generation? (Lets callers skip work.) */
  enabled(rule: RuleId): boolean {
    return severityOf(rule, this.generation) !== 'off';
  }

  /** Maps a range of the parsed text to the original text. */
  map(r: Range): Range {
    return { start: this.toOriginal(r.start), end: this.toOriginal(r.end) };
  }

  add(rule: RuleId, range: Range, message: string, extra: { suggestions?: string[]; fix?: SchemaFix[] } = {}): void {
    const severity = severityOf(rule, this.generation);
    if (severity === 'off' || this.full) return;
    const d: SchemaDiagnostic = { code: CODE_PREFIX + rule, severity, message, range: this.map(range) };
    if (extra.suggestions && extra.suggestions.length > 0) d.suggestions = extra.suggestions;
    if (extra.fix && extra.fix.length > 0) {
      d.fix = extra.fix.map((f): SchemaFix => {
        if (f.kind === 'replace' || f.kind === 'new-uuid') return { ...f, range: this.map(f.range) };
        if (f.kind === 'insert') return { ...f, offset: this.toOriginal(f.offset) };
        return f;
      });
    }
    this.diagnostics.push(d);
  }

  /** Adds a diagnostic whose range is already in original-text coordinates. */
  addOriginal(rule: RuleId, range: Range, message: string, extra: { suggestions?: string[]; fix?: SchemaFix[] } = {}): void {
    const severity = severityOf(rule, this.generation);
    if (severity === 'off' || this.full) return;
    const d: SchemaDiagnostic = { code: CODE_PREFIX + rule, severity, message, range };
    if (extra.suggestions && extra.suggestions.length > 0) d.suggestions = extra.suggestions;
    if (extra.fix && extra.fix.length > 0) d.fix = extra.fix;
    this.diagnostics.push(d);
  }
}
