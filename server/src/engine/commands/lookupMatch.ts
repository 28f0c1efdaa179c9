// Matching event values against a CSV lookup table with transforms.conf semantics:
// exact match (case-sensitive unless case_sensitive_match=false), WILDCARD(field) (`*` in the
// table value), CIDR(field) (table value is a subnet); all input fields must match; at most
// max_matches rows (default 100) in table order; fewer than min_matches → default_match values.
import * as ipaddr from 'ipaddr.js';
import { cachedCidrMatcher } from '../eval/functions';
import type { LookupTable } from './types';

export interface CompiledLookup {
  table: LookupTable;
  /** Rows matching the given input values (one value per input column). */
  find(values: Map<string, string[]>): Record<string, string>[];
}

function wildcardRe(pattern: string, ci: boolean): RegExp {
  return new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('.*') + '$', ci ? 'is' : 's');
}

export function compileLookup(table: LookupTable, inputColumns: string[]): CompiledLookup {
  const ci = table.caseSensitive === false;
  const types = new Map((table.matchTypes ?? []).map((m) => [m.field, m.type]));
  const max = table.maxMatches ?? 100;
  const exactCols = inputColumns.filter((c) => !types.has(c));
  // Index on the first exact column for speed.
  const indexCol = exactCols[0];
  const index = new Map<string, number[]>();
  if (indexCol !== undefined) {
    table.rows.forEach((r, i) => {
      const k = (r[indexCol] ?? '');
      const key = ci ? k.toLowerCase() : k;
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    });
  }
  const wildcardCache = new Map<string, RegExp>();
  const matchCell = (col: string, cell: string, vals: string[]): boolean => {
    const type = types.get(col);
    if (type === 'WILDCARD' && cell.includes('*')) {
      let re = wildcardCache.get(cell);
      if (!re) { re = wildcardRe(cell, ci); wildcardCache.set(cell, re); }
      return vals.some((v) => re!.test(v));
    }
    if (type === 'CIDR' && (cell.includes('/') ? ipaddr.isValidCIDR(cell) : ipaddr.isValid(cell))) return vals.some(cachedCidrMatcher(cell));
    return ci ? vals.some((v) => v.toLowerCase() === cell.toLowerCase()) : vals.includes(cell);
  };
  if (table.compute) {
    const compute = table.compute;
    return {
      table,
      // One computation per combination of input values (the script sees one value per input field).
      find(values) {
        const combos: Record<string, string>[] = [{}];
        for (const col of inputColumns) {
          const vals = values.get(col) ?? [];
          if (vals.length === 0) return [];
          const next: Record<string, string>[] = [];
          for (const c of combos) for (const v of vals) next.push({ ...c, [col]: v });
          combos.splice(0, combos.length, ...next);
        }
        return combos.flatMap((c) => compute(c)).slice(0, max);
      },
    };
  }
  return {
    table,
    find(values) {
      let candidates: number[] | undefined;
      if (indexCol !== undefined) {
        const vals = values.get(indexCol) ?? [];
        const set = new Set<number>();
        for (const v of vals) for (const i of index.get(ci ? v.toLowerCase() : v) ?? []) set.add(i);
        candidates = [...set].sort((a, b) => a - b);
      }
      const out: Record<string, string>[] = [];
      const consider = candidates ?? table.rows.map((_r, i) => i);
      for (const i of consider) {
        const r = table.rows[i];
        let ok = true;
        for (const col of inputColumns) {
          const vals = values.get(col);
          if (!vals || vals.length === 0 || !matchCell(col, r[col] ?? '', vals)) { ok = false; break; }
        }
        if (ok) { out.push(r); if (out.length >= max) break; }
      }
      return out;
    },
  };
}
