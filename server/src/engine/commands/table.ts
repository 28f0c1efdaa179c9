// `table f1, f2*`: keeps the listed fields (wildcards expanded against the rows' fields) in the
// listed order; the result's field order is exactly that list.
import type { Row } from '../types';
import { newRow } from '../types';
import { expandFields, fieldList, fieldsOfRows } from './args';
import type { CommandExecutor } from './types';

export const table: CommandExecutor = (cmd) => {
  const patterns = fieldList(cmd).map((f) => f.name);
  let columns: string[] = [];
  return {
    run: (rows: Row[]) => {
      columns = expandFields(patterns, fieldsOfRows(rows));
      return rows.map((r) => {
        const out = newRow();
        for (const c of columns) if (r[c] !== undefined) out[c] = r[c];
        return out;
      });
    },
    fields: () => columns,
    rowPolicy: 'fresh',
  };
};
