// `join [type=inner|left|outer] [max=1] [overwrite=t] [field …] [subsearch]`: rows are matched on
// equal values of the join fields (exact, case-sensitive; all common fields when none are listed);
// the first `max` matching subsearch rows (0 = all) are merged into the row, subsearch values
// overwriting unless overwrite=f; inner drops unmatched rows, left/outer keep them.
import type { Command } from '../../spl/ast';
import type { Row } from '../types';
import { scalarText, valuesOf } from '../eval/values';
import { boolOption, copyRow, fieldsOfRows, numOption, option, positionals } from './args';
import { type CommandExecutor, errorAt } from './types';
import { runFirstSubsearch } from './util';
import { MAX_HELD_EVENTS } from './heldEvents';

function keyOf(row: Row, fields: string[]): string | undefined {
  const parts: string[] = [];
  for (const f of fields) {
    const v = row[f];
    if (v === undefined) return undefined;
    parts.push(valuesOf(v).map(scalarText).join('\u0002'));
  }
  return parts.join('\u0001');
}

/** The join fields: those named, else every field the rows and the subsearch rows share (not `_…`). */
export function joinFields(cmd: Command, rows: Row[], subRows: Row[]): string[] {
  const named = positionals(cmd).map((p) => p.text);
  if (named.length) return named;
  const left = new Set(fieldsOfRows(rows));
  return fieldsOfRows(subRows).filter((f) => left.has(f) && !f.startsWith('_'));
}

export const join: CommandExecutor = async (cmd, ctx) => {
  const type = (option(cmd, 'type') ?? 'inner').toLowerCase();
  if (!['inner', 'left', 'outer'].includes(type)) return errorAt(cmd, `join: unknown type "${type}"`);
  const max = numOption(cmd, 'max') ?? 1;
  const overwrite = boolOption(cmd, 'overwrite', true);
  let fields: string[] | undefined;
  const sub = await runFirstSubsearch(cmd, ctx);
  if (!sub) return errorAt(cmd, 'join: expected a [subsearch]');
  if (sub.error) return { ...sub.error, message: `join subsearch: ${sub.error.message}` };
  const subRows = sub.rows;
  return {
    maxInputRows: MAX_HELD_EVENTS,
    rowPolicy: 'passthrough',
    run: (rows: Row[]) => {
      fields ??= joinFields(cmd, rows, subRows);
      const index = new Map<string, Row[]>();
      for (const r of subRows) {
        const k = keyOf(r, fields);
        if (k === undefined) continue;
        const list = index.get(k);
        if (list) list.push(r);
        else index.set(k, [r]);
      }
      const out: Row[] = [];
      for (const row of rows) {
        const k = keyOf(row, fields);
        const matches = k === undefined ? undefined : index.get(k);
        if (!matches || matches.length === 0) {
          if (type !== 'inner') out.push(row);
          continue;
        }
        for (const m of max > 0 ? matches.slice(0, max) : matches) {
          const merged = copyRow(row);
          for (const f in m) {
            if (m[f] === undefined) continue;
            if (overwrite || merged[f] === undefined) merged[f] = m[f];
          }
          out.push(merged);
        }
      }
      return out;
    },
  };
};
