// `dedup [N] f1 f2 … [keepempty=f] [consecutive=f] [sortby [+|-]f …]`: keeps the first N rows of
// each combination of values (multivalue values compared as a whole); rows missing a field are
// dropped unless keepempty=t; consecutive=t only removes adjacent duplicates; sortby sorts the result.
import type { Command } from '../../spl/ast';
import type { Row } from '../types';
import { scalarText, valuesOf } from '../eval/values';
import { boolOption, positionals } from './args';
import { sortRows, type SortKey } from './sort';
import { type CommandExecutor, errorAt } from './types';

/** dedup's arguments: the count N, the fields, the sortby keys, and keepempty / consecutive. */
export function dedupArgs(cmd: Command): { n: number; fields: string[]; sortKeys: SortKey[]; keepEmpty: boolean; consecutive: boolean } {
  const pos = positionals(cmd);
  let n = 1;
  const fields: string[] = [];
  const sortKeys: SortKey[] = [];
  let inSort = false;
  for (let i = 0; i < pos.length; i++) {
    const t = pos[i].text;
    if (i === 0 && /^\d+$/.test(t)) { n = Number(t); continue; }
    if (/^sortby$/i.test(t)) { inSort = true; continue; }
    if (inSort) {
      if (t === '-' || t === '+') { const f = pos[++i]?.text; if (f) sortKeys.push({ field: f, descending: t === '-' }); continue; }
      const desc = t.startsWith('-');
      sortKeys.push({ field: t.replace(/^[+-]/, ''), descending: desc });
      continue;
    }
    fields.push(t);
  }
  return { n, fields, sortKeys, keepEmpty: boolOption(cmd, 'keepempty', false), consecutive: boolOption(cmd, 'consecutive', false) };
}

export const dedup: CommandExecutor = (cmd) => {
  const { n, fields: fieldsList, sortKeys, keepEmpty, consecutive } = dedupArgs(cmd);
  if (fieldsList.length === 0) return errorAt(cmd, 'dedup: expected at least one field');
  return {
    rowPolicy: 'passthrough',
    run: (rows: Row[]) => {
      const counts = new Map<string, number>();
      let prev: string | undefined;
      const out: Row[] = [];
      for (const row of rows) {
        const parts: string[] = [];
        let missing = false;
        for (const f of fieldsList) {
          const v = row[f];
          if (v === undefined) { missing = true; break; }
          parts.push(valuesOf(v).map(scalarText).join('\u0002'));
        }
        if (missing) { if (keepEmpty) out.push(row); continue; }
        const key = parts.join('\u0001');
        if (consecutive) {
          if (key !== prev) out.push(row);
          prev = key;
          continue;
        }
        const c = counts.get(key) ?? 0;
        if (c < n) { out.push(row); counts.set(key, c + 1); }
      }
      return sortKeys.length ? sortRows(out, sortKeys) : out;
    },
  };
};
