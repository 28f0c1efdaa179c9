// `sort [N] [+|-]f … [limit=N]` with num()/str()/ip()/auto() key functions. Default limit 10000
// (Splunk's), 0 = unlimited. auto: numbers (numerically) before strings (by code units); rows
// missing the field sort first in ascending order. Stable.
import * as ipaddr from 'ipaddr.js';
import type { Row, Scalar } from '../types';
import { isNumericText, scalarText, valuesOf } from '../eval/values';
import { type CommandExecutor, errorAt } from './types';
import { MAX_HELD_EVENTS } from './heldEvents';

export interface SortKey { field: string; descending: boolean; func?: string }

function keyOf(v: Scalar | undefined, func: string | undefined): [number, number | string] {
  if (v === undefined) return [0, 0];
  const s = scalarText(v);
  const f = (func ?? 'auto').toLowerCase();
  if (f === 'str') return [2, s];
  if (f === 'ip') {
    try { const a = ipaddr.parse(s.trim()); return [1, a.toByteArray().reduce((x, b) => x * 256 + b, 0)]; } catch { return [2, s]; }
  }
  const n = typeof v === 'number' ? v : isNumericText(s) ? Number(s) : undefined;
  if (n !== undefined) return [1, n];
  if (f === 'num') return [2, s];
  return [2, s];
}

export function sortRows(rows: Row[], keys: SortKey[]): Row[] {
  const decorated = rows.map((row, i) => ({ row, i, k: keys.map((key) => keyOf(valuesOf(row[key.field])[0], key.func)) }));
  decorated.sort((a, b) => {
    for (let j = 0; j < keys.length; j++) {
      const [ta, va] = a.k[j];
      const [tb, vb] = b.k[j];
      let c = ta - tb;
      if (c === 0) c = va < vb ? -1 : va > vb ? 1 : 0;
      if (c !== 0) return keys[j].descending ? -c : c;
    }
    return a.i - b.i;
  });
  return decorated.map((d) => d.row);
}

export const sort: CommandExecutor = (cmd) => {
  if (cmd.body.kind !== 'sort' || cmd.body.keys.length === 0) return errorAt(cmd, 'sort: expected at least one field');
  const keys: SortKey[] = cmd.body.keys.map((k) => ({ field: k.field.name, descending: k.descending, func: k.func }));
  const limit = cmd.body.limit ?? 10000;
  return {
    maxInputRows: MAX_HELD_EVENTS,
    rowPolicy: 'passthrough',
    run: (rows) => {
      const sorted = sortRows(rows, keys);
      return limit > 0 ? sorted.slice(0, limit) : sorted;
    },
  };
};
