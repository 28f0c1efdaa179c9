// `mvexpand <field> [limit=N]`: one row per value of the field (rows without it pass unchanged).
import type { Row } from '../types';
import { valuesOf } from '../eval/values';
import { copyRow, numOption, positionals } from './args';
import { type CommandExecutor, errorAt } from './types';
import { mapRows } from './util';

export const mvexpand: CommandExecutor = (cmd) => {
  const field = positionals(cmd)[0]?.text;
  if (!field) return errorAt(cmd, 'mvexpand: expected a field name');
  const limit = numOption(cmd, 'limit') ?? Infinity;
  return {
    stream: (batch) => mapRows(batch, (row): Row | Row[] => {
      const vals = valuesOf(row[field]);
      if (vals.length <= 1) return row;
      return vals.slice(0, limit).map((v) => { const r = copyRow(row); r[field] = v; return r; });
    }),
  };
};
