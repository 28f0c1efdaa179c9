// Fields the search reads from the events that no event of the sample carries, with "did you
// mean" suggestions from the fields that do occur (schema/suggest: case-insensitive equality,
// prefixes, small edit distances), e.g. `process_nme` → `process_name`.
import type { Pipeline, Range } from '../../spl/ast';
import { editDistance } from '../../schema/suggest';
import type { Row } from '../types';
import { fieldsReadFromEvents } from './fieldsRead';
import type { Command } from '../../spl/ast';
import { option } from '../commands/args';
import type { DataModelRegistry } from '../datamodels/registry';

export type DatasetFieldMap = (cmd: Command, field: string) => string | undefined;

/**
 * The event field behind a data-set field of `tstats … from datamodel=M.Obj`: `Obj.f` (or
 * `Root.Obj.f`) is event field `f` unless the data model calculates `f` from other fields.
 */
export function datasetFieldMap(models: DataModelRegistry): DatasetFieldMap {
  return (cmd, field) => {
    const dm = cmd.body.kind === 'stats' ? cmd.body.datamodel?.name ?? option(cmd, 'datamodel') : undefined;
    if (!dm || !field.includes('.')) return field.startsWith('_') ? undefined : dm ? undefined : field;
    const resolved = models.resolve(dm);
    if (!resolved) return undefined;
    const name = field.split('.').pop()!;
    // A calculation that reads the field of the same name (CIM's `if(isnull(dest),"unknown",dest)`)
    // still takes it from the event; one computed from other fields does not.
    const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const calculated = resolved.chain.some((o) => o.calculations.some((c) => c.outputFields.some((f) => f.fieldName === name) && !new RegExp(`(^|[^\\w.])${esc}($|[^\\w])`).test(c.expression ?? '')));
    return calculated ? undefined : name;
  };
}

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

export function missingFields(pipeline: Pipeline, present: ReadonlySet<string>, toOriginal: (r: Range) => Range = (r) => r, datasetField?: DatasetFieldMap): MissingField[] {
  const out: MissingField[] = [];
  if (present.size === 0) return out;
  for (const read of fieldsReadFromEvents(pipeline, datasetField)) {
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
  const scored: { f: string; score: number; exact: number }[] = [];
  for (const f of present) {
    if (f === field || (f.startsWith('_') && !field.startsWith('_'))) continue;
    const l = f.toLowerCase();
    const d = l === w ? 0 : editDistance(w, l, limit);
    // Ties: the name closer with case respected (usr → user before User), then alphabetical.
    if (d <= limit) scored.push({ f, score: d, exact: editDistance(field, f, limit + 2) });
    else if (w.length >= 4 && (l.includes(w) || w.includes(l)) && l.length >= 4) scored.push({ f, score: limit + 1 + Math.abs(l.length - w.length) / 100, exact: 0 });
  }
  scored.sort((a, b) => a.score - b.score || a.exact - b.exact || (a.f < b.f ? -1 : 1));
  return scored.slice(0, max).map((s) => s.f);
}
