// Automatic lookups (`LOOKUP-<class>` in props.conf) against CSV lookup tables defined in
// transforms.conf (`filename =`), with OUTPUT / OUTPUTNEW, `AS` renames, case_sensitive_match,
// max_matches, default_match and match_type = WILDCARD(field).

import { Row, Scalar } from '../../types';
import { MergedStanza } from '../conf/layers';
import { valuesOf } from '../row-fields';
import { RowStep, StepProblem } from './transform';

export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** Parses CSV text (RFC 4180 quoting). */
export function parseCsv(text: string): CsvTable {
  const records: string[][] = [];
  let rec: string[] = [];
  let cur = '';
  let inQ = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQ) {
      if (c === '"') {
        if (text[i + 1] === '"') { cur += '"'; i++; } else inQ = false;
      } else cur += c;
    } else if (c === '"') inQ = true;
    else if (c === ',') { rec.push(cur); cur = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rec.push(cur);
      cur = '';
      if (rec.length > 1 || rec[0] !== '') records.push(rec);
      rec = [];
    } else cur += c;
  }
  rec.push(cur);
  if (rec.length > 1 || rec[0] !== '') records.push(rec);
  const header = (records.shift() ?? []).map((h) => h.trim());
  return { header, rows: records };
}

interface LookupSpec {
  table: string;
  inputs: { column: string; field: string }[];
  outputs: { column: string; field: string }[] | undefined;
  outputNew: boolean;
}

function tokens(s: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|([^\s,]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2]);
  return out;
}

/** Parses `$TRANSFORM <match> [AS <event>]… [OUTPUT|OUTPUTNEW <out> [AS <event>]…]`. */
export function parseLookupSpec(value: string): LookupSpec | string {
  const t = tokens(value);
  if (t.length < 2) return 'expected "<lookup> <match_field> …"';
  const spec: LookupSpec = { table: t[0], inputs: [], outputs: undefined, outputNew: false };
  let i = 1;
  let target = spec.inputs;
  while (i < t.length) {
    const w = t[i];
    const up = w.toUpperCase();
    if (up === 'OUTPUT' || up === 'OUTPUTNEW') {
      spec.outputNew = up === 'OUTPUTNEW';
      spec.outputs = [];
      target = spec.outputs;
      i++;
      continue;
    }
    if (t[i + 1]?.toUpperCase() === 'AS' && t[i + 2] !== undefined) {
      target.push({ column: w, field: t[i + 2] });
      i += 3;
    } else {
      target.push({ column: w, field: w });
      i++;
    }
  }
  if (spec.inputs.length === 0) return 'no match field';
  return spec;
}

function wildcardToRegex(p: string, ci: boolean): RegExp {
  return new RegExp('^' + p.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*') + '$', ci ? 'is' : 's');
}

/** Compiles an automatic lookup into a row step. */
export function compileLookup(
  value: string,
  transforms: Map<string, MergedStanza>,
  lookupFile: (name: string) => string | undefined,
  problems: StepProblem[],
  where: { file?: string; line?: number },
): RowStep | undefined {
  const spec = parseLookupSpec(value);
  if (typeof spec === 'string') {
    problems.push({ message: `LOOKUP "${value}": ${spec}`, ...where });
    return undefined;
  }
  const def = transforms.get(spec.table);
  const get = (k: string) => def?.settings.get(k)?.value;
  const filename = get('filename');
  if (!def || !filename) {
    problems.push({ message: `LOOKUP: no CSV lookup definition "${spec.table}" in transforms.conf`, ...where });
    return undefined;
  }
  const text = lookupFile(filename);
  if (text === undefined) {
    problems.push({ message: `LOOKUP ${spec.table}: lookup file ${filename} not found`, ...where });
    return undefined;
  }
  const table = parseCsv(text);
  const col = new Map(table.header.map((h, i) => [h, i]));
  for (const inp of spec.inputs) {
    if (!col.has(inp.column)) {
      problems.push({ message: `LOOKUP ${spec.table}: column ${inp.column} not in ${filename}`, ...where });
      return undefined;
    }
  }
  const caseSensitive = !/^(0|false|f|no)$/i.test(get('case_sensitive_match') ?? 'true');
  const maxMatches = Math.max(1, Number(get('max_matches') ?? 1) || 1);
  const defaultMatch = get('default_match');
  const wildcardCols = new Set<string>();
  for (const m of (get('match_type') ?? '').matchAll(/WILDCARD\(([^)]+)\)/gi)) wildcardCols.add(m[1].trim());
  const inputNames = new Set(spec.inputs.map((x) => x.column));
  const outputs = spec.outputs ?? table.header.filter((h) => !inputNames.has(h)).map((h) => ({ column: h, field: h }));
  const outIdx = outputs.map((o) => ({ ...o, idx: col.get(o.column) })).filter((o) => o.idx !== undefined) as { column: string; field: string; idx: number }[];
  const norm = (s: string) => (caseSensitive ? s : s.toLowerCase());

  // Exact-match index on the input columns; wildcard columns fall back to a scan.
  const exact = wildcardCols.size === 0;
  const index = new Map<string, string[][]>();
  const wild = spec.inputs.map((inp) => ({ idx: col.get(inp.column)!, wild: wildcardCols.has(inp.column) }));
  const patterns = exact ? [] : table.rows.map((r) => wild.map((w) => (w.wild ? wildcardToRegex(r[w.idx] ?? '', !caseSensitive) : undefined)));
  if (exact) {
    for (const r of table.rows) {
      const key = wild.map((w) => norm(r[w.idx] ?? '')).join('\u0000');
      const list = index.get(key);
      if (list) list.push(r);
      else index.set(key, [r]);
    }
  }

  /** The table rows matching any combination of input values (at most max_matches). */
  const matchRows = (combos: string[][]): string[][] => {
    const matches: string[][] = [];
    for (const combo of combos) {
      if (exact) {
        for (const r of index.get(combo.map(norm).join('\u0000')) ?? []) if (matches.length < maxMatches) matches.push(r);
      } else {
        table.rows.forEach((r, ri) => {
          if (matches.length >= maxMatches) return;
          const ok = wild.every((w, k) => {
            const p = patterns[ri][k];
            return p ? p.test(combo[k]) : norm(r[w.idx] ?? '') === norm(combo[k]);
          });
          if (ok) matches.push(r);
        });
      }
    }
    return matches;
  };

  const single = spec.inputs.length === 1 ? spec.inputs[0].field : undefined;
  return (row: Row) => {
    let matches: readonly string[][];
    if (single !== undefined) {
      const v = row[single];
      if (v === undefined) return;
      if (exact && !Array.isArray(v)) {
        // Fast path: one input field with one value, looked up in the index directly.
        const rows = index.get(norm(String(v)));
        if (!rows && defaultMatch === undefined) return;
        matches = rows === undefined ? [] : rows.length <= maxMatches ? rows : rows.slice(0, maxMatches);
      } else matches = matchRows(Array.isArray(v) ? v.map((x) => [String(x)]) : [[String(v)]]);
    } else {
      for (const inp of spec.inputs) if (row[inp.field] === undefined) return;
      // Every combination of input values (multivalue inputs match any of their values).
      const inVals = spec.inputs.map((inp) => valuesOf(row[inp.field]).map(String));
      if (inVals.some((v) => v.length === 0)) return;
      matches = matchRows(inVals.reduce<string[][]>((acc, vs) => acc.flatMap((a) => vs.map((v) => [...a, v])), [[]]));
    }
    for (const o of outIdx) {
      if (spec.outputNew && row[o.field] !== undefined) continue;
      if (matches.length === 1) {
        const v = matches[0][o.idx];
        if (v !== undefined && v !== '') row[o.field] = v;
        continue;
      }
      const vals: Scalar[] = [];
      for (const r of matches) {
        const v = r[o.idx];
        if (v !== undefined && v !== '' && !vals.includes(v)) vals.push(v);
      }
      if (vals.length === 0 && matches.length === 0 && defaultMatch !== undefined) vals.push(defaultMatch);
      if (vals.length === 0) continue;
      row[o.field] = vals.length === 1 ? vals[0] : vals;
    }
  };
}
