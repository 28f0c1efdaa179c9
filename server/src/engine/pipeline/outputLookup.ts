// What `outputlookup` writes into a table, applied to an in-memory table (a baseline's rows for
// this run only; nothing is ever written to a file). Rules from Splunk's Search Reference,
// "outputlookup" (Splunk Enterprise 9.x/10.0):
//
// - append (default false): "append=false writes the search results to the .csv file or KV store
//   collection. Fields that are not in the current search results are removed." With append=true the
//   results are added; for an existing .csv file "the outputlookup command writes only the fields
//   that are present in the previously existing .csv file" (Usage, "Append results").
// - key_field: "For KV store-based lookups, uses the specified field name as the key to a value and
//   replaces that value"; "When key_field is used … by default, append is set to true".
// - allow_updates: true by default when append=true or key_field is set; true → "updates existing
//   records and inserts new records", false → "only inserts records".
// - override_if_empty (default true): with no results "the existing output file is deleted";
//   false → it is kept.
// - max: "a limit to the number of rows to output".
// - Multivalued fields: "When you output to a static lookup table, the outputlookup command merges
//   values in a multivalued field into single space-delimited value. This does not apply to a KV
//   store collection." The local table holds one string per cell, so a KV collection's multivalue
//   cells are merged the same way and the summary says so.
// - create_empty, createinapp, create_context, output_format: where/how a file is created; no file
//   is created here, so they change nothing in the table.
import type { Command } from '../../spl/ast';
import type { Row } from '../types';
import { boolOption, numOption, option, positionals } from '../commands/args';
import { scalarText } from '../eval/values';

export interface OutputLookupOptions {
  /** The table as written (`foo`, `foo.csv`). */
  table: string;
  append: boolean;
  keyField?: string;
  allowUpdates: boolean;
  overrideIfEmpty: boolean;
  max?: number;
}

/** The options of an `outputlookup` command, or undefined when it names no table. */
export function outputLookupOptions(cmd: Command): OutputLookupOptions | undefined {
  const table = positionals(cmd)[0]?.text;
  if (!table) return undefined;
  const keyField = option(cmd, 'key_field') || undefined;
  const append = boolOption(cmd, 'append', keyField !== undefined);
  const max = numOption(cmd, 'max');
  return {
    table,
    append,
    keyField,
    allowUpdates: boolOption(cmd, 'allow_updates', append || keyField !== undefined),
    overrideIfEmpty: boolOption(cmd, 'override_if_empty', true),
    max: max !== undefined && max >= 0 ? Math.floor(max) : undefined,
  };
}

/** "1 row", "3 rows". */
export const rowCount = (n: number): string => `${n} row${n === 1 ? '' : 's'}`;

/** A lookup name as a table: `foo.csv` and `foo` are the same table (Search Reference, outputlookup `tablename`). */
export const tableName = (name: string): string => name.replace(/\.csv$/i, '');

/** A lookup table's columns and rows (one string per cell). */
export interface TableContents {
  fields: string[];
  rows: Record<string, string>[];
}

export interface OutputLookupResult extends TableContents {
  /** What the write did, for the run's warnings (e.g. "3 rows", "2 rows appended, 5 in all"). */
  summary: string;
}

/**
 * The table after `outputlookup` writes `results` into `existing`. `kind` is 'kv' for a KV store
 * collection (key updates; `fieldsList`, the definition's columns, stays the table's columns),
 * 'csv' for a CSV lookup.
 */
export function applyOutputLookup(
  existing: TableContents,
  results: Row[],
  opts: OutputLookupOptions,
  kind: 'kv' | 'csv',
  fieldsList?: string[],
): OutputLookupResult {
  const limited = opts.max !== undefined ? results.slice(0, opts.max) : results;
  let merged = 0;
  const written = limited.map((r) => {
    const o: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(r)) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) {
        merged++;
        o[k] = v.map(scalarText).join(' ');
      } else o[k] = scalarText(v);
    }
    return o;
  });
  const mvNote = kind === 'kv' && merged ? `; multivalue cells of ${merged} row(s) were merged into space-delimited values (the local table holds one value per cell)` : '';
  const cut = opts.max !== undefined && results.length > limited.length ? ` (max=${opts.max} of ${results.length})` : '';
  const columns = (base: string[]) => (kind === 'kv' && fieldsList?.length ? fieldsList : base);

  if (!written.length) {
    if (!opts.append && opts.overrideIfEmpty) {
      return { fields: columns(existing.fields), rows: [], summary: 'no rows: with override_if_empty=true (the default) the table is emptied' };
    }
    return { ...existing, summary: `no rows: the table keeps its ${existing.rows.length} row(s)${opts.append ? ' (append=true)' : ' (override_if_empty=false)'}` };
  }

  if (!opts.append) {
    return { fields: columns(fieldsOf(written)), rows: written, summary: `${rowCount(written.length)}${cut}${mvNote}` };
  }

  // append=true: CSV keeps the existing file's columns (a new file takes the results' columns).
  const fields = kind === 'csv' && existing.fields.length ? existing.fields : columns([...new Set([...existing.fields, ...fieldsOf(written)])]);
  const project = (r: Record<string, string>) => {
    if (kind !== 'csv' || !existing.fields.length) return r;
    const o: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const f of fields) if (r[f] !== undefined) o[f] = r[f];
    return o;
  };
  const rows = [...existing.rows];
  // KV store records are keyed by key_field, else by their `_key` when the results carry one.
  const key = kind === 'kv' ? opts.keyField ?? '_key' : undefined;
  let updated = 0;
  let skipped = 0;
  for (const r of written) {
    const k = key !== undefined ? r[key] : undefined;
    const at = k !== undefined ? rows.findIndex((x) => x[key!] === k) : -1;
    if (at < 0) rows.push(project(r));
    else if (opts.allowUpdates) {
      rows[at] = project(r);
      updated++;
    } else skipped++;
  }
  const added = written.length - updated - skipped;
  const parts = [`${rowCount(added)} appended`];
  if (updated) parts.push(`${updated} updated by ${key}`);
  if (skipped) parts.push(`${skipped} not written (allow_updates=false and the ${key} exists)`);
  return { fields, rows, summary: `${parts.join(', ')}, ${rows.length} in all${cut}${mvNote}` };
}

/** Column names in first-seen order. */
function fieldsOf(rows: Record<string, string>[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}
