// Fields the search reads from the events that no event of the sample carries, with "did you
// mean" suggestions from the fields that do occur (schema/suggest: case-insensitive equality,
// prefixes, small edit distances), e.g. `process_nme` → `process_name`.
import type { Pipeline, Range } from '../../spl/ast';
import { editDistance } from '../../schema/suggest';
import type { Row } from '../types';
import { fieldsReadFromEvents } from './fieldsRead';

export interface MissingField {
  field: string;
  suggestions: string[];
  /** Where the search names it (offsets as given by `toOriginal`). */
  ranges: Range[];
}

/** The fields occurring in the rows (at most `limit` rows are looked at). */
export function fieldsPresent(rows: Iterable<Row>, limit = 20000): Set<string> {
  const out = new Set<string>();
  let n = 0;
  for (const r of rows) {
    if (n++ >= limit) break;
    for (const k in r) if (r[k] !== undefined) out.add(k);
  }
  return out;
}

export function missingFields(pipeline: Pipeline, present: ReadonlySet<string>, toOriginal: (r: Range) => Range = (r) => r): MissingField[] {
  const out: MissingField[] = [];
  if (present.size === 0) return out;
  for (const read of fieldsReadFromEvents(pipeline)) {
    if (present.has(read.field)) continue;
    out.push({ field: read.field, suggestions: fieldSuggestions(read.field, present), ranges: read.ranges.map(toOriginal) });
  }
  return out;
}

/**
 * Field names that look like `field`, best first: equal ignoring case, then by edit distance
 * (within a third of the length; a typo is usually one or two keys), then names that contain it
 * or that it contains. Internal `_` fields only when `field` is one.
 */
export function fieldSuggestions(field: string, present: Iterable<string>, max = 3): string[] {
  const w = field.toLowerCase();
  const limit = Math.max(1, Math.min(4, Math.floor(w.length / 3)));
  const scored: { f: string; score: number }[] = [];
  for (const f of present) {
    if (f === field || (f.startsWith('_') && !field.startsWith('_'))) continue;
    const l = f.toLowerCase();
    const d = l === w ? 0 : editDistance(w, l, limit);
    if (d <= limit) scored.push({ f, score: d });
    else if (w.length >= 4 && (l.includes(w) || w.includes(l)) && l.length >= 4) scored.push({ f, score: limit + 1 + Math.abs(l.length - w.length) / 100 });
  }
  scored.sort((a, b) => a.score - b.score || (a.f < b.f ? -1 : 1));
  return scored.slice(0, max).map((s) => s.f);
}
