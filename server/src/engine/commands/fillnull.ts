// `fillnull [value=0] [field ...]`: with a field list, sets each listed field that is null (created
// if it never existed); without one, fills every field that appears in any row but is null in this one.
import type { Row } from '../types';
import { fieldsOfRows, option, positionals } from './args';
import type { CommandExecutor } from './types';

export const fillnull: CommandExecutor = (cmd) => {
  const value = option(cmd, 'value') ?? '0';
  const listed = positionals(cmd).map((p) => p.text);
  const fill = (row: Row, fields: string[]): Row => {
    for (const f of fields) if (row[f] === undefined) row[f] = value;
    return row;
  };
  if (listed.length > 0) {
    return {
      stream: (batch) => batch.map((r) => fill(r, listed)),
      fields: (input) => (input ? [...input, ...listed.filter((f) => !input.includes(f))] : undefined),
    };
  }
  return { run: (rows) => { const all = fieldsOfRows(rows); return rows.map((r) => fill(r, all)); } };
};
