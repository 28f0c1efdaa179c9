// A condition on a field a `lookup` outputs: pick a row of the lookup table whose outputs make the
// stage's condition hold, and set the event's input fields to that row's keys (a WILDCARD key's
// `*` filled, a CIDR key's range given an address inside), so the lookup returns that row.
import type { Command } from '../../spl/ast';
import { isLookupProblem, LookupResolver } from '../commands/types';
import { compileEval, isTruthy } from '../eval/compile';
import type { EvalOptions } from '../eval/context';
import { compileSearch } from '../search/compile';
import { newRow, type Row } from '../types';
import type { Edit } from './solve';
import { valueMatching } from './values';

const MAX_ROWS = 20000;

/** The stage's condition as a row test (search clause or where), or undefined. */
export function stageTest(cmd: Command, evalOpts: EvalOptions): ((row: Row) => boolean) | undefined {
  const b = cmd.body;
  if (b.kind === 'search' && b.expr) { const c = compileSearch(b.expr); return c.ok ? c.fn : undefined; }
  if (b.kind === 'where' && b.expr) { const c = compileEval(b.expr, evalOpts); if (!c.ok) return undefined; const fn = c.fn; return (r) => { const v = fn(r); return v !== undefined && isTruthy(v); }; }
  return undefined;
}

/** Edits of the event's lookup input fields so that `lookup` (one of `before`) yields outputs that pass `test` on `stageRow`. */
export async function lookupEdits(before: Command[], fields: string[], stageRow: Row, test: (row: Row) => boolean, lookups: LookupResolver): Promise<Edit[] | undefined> {
  for (const c of before) {
    const b = c.body;
    if (b.kind !== 'lookup' || !b.table) continue;
    const outputs = b.outputs.map((o) => ({ column: o.field.name, as: (o.as ?? o.field).name }));
    if (!outputs.some((o) => fields.includes(o.as))) continue;
    const table = await lookups.resolve(b.table.name);
    if (!table || isLookupProblem(table)) continue;
    const types = new Map((table.matchTypes ?? []).map((m) => [m.field, m.type]));
    for (const r of table.rows.slice(0, MAX_ROWS)) {
      const candidate = newRow();
      for (const k in stageRow) candidate[k] = stageRow[k];
      for (const o of outputs) { const v = r[o.column]; if (v !== undefined && v !== '') candidate[o.as] = v; else delete candidate[o.as]; }
      if (!test(candidate)) continue;
      const edits: Edit[] = [];
      for (const i of b.inputs) {
        const key = r[i.field.name];
        if (key === undefined || key === '') return undefined;
        const t = types.get(i.field.name);
        const value = t === 'WILDCARD' || t === 'CIDR' ? valueMatching(key) : key;
        if (value === undefined) return undefined;
        edits.push({ field: (i.as ?? i.field).name, value });
      }
      return edits;
    }
  }
  return undefined;
}
