// `inputlookup [append=t] <table> [where <search clause>]`: the table's rows as results (empty
// cells are null); with append=t they are added after the incoming rows.
import type { Row } from '../types';
import { newRow } from '../types';
import { compileSearch } from '../search/compile';
import { boolOption, positionals } from './args';
import { type CommandExecutor, errorAt, isLookupProblem } from './types';

export const inputlookup: CommandExecutor = async (cmd, ctx) => {
  const pos = positionals(cmd);
  const name = pos[0]?.text;
  if (!name) return errorAt(cmd, 'inputlookup: expected a lookup table name');
  if (!ctx.lookups) return errorAt(cmd, `inputlookup: no lookup tables are available (table "${name}")`, pos[0].range);
  const table = await ctx.lookups.resolve(name);
  if (isLookupProblem(table)) return errorAt(cmd, `inputlookup: ${table.problem}`, pos[0].range);
  if (!table) return errorAt(cmd, `inputlookup: table "${name}" was not found in the lookups/ folders of the content repositories`, pos[0].range);
  if (table.note) ctx.warn({ severity: 'warning', message: `inputlookup ${name}: ${table.note}`, range: pos[0].range });
  if (table.compute) return errorAt(cmd, `inputlookup: "${name}" is a computed lookup; it has no rows to list (use it with the lookup command)`, pos[0].range);
  let pred: (r: Row) => boolean = () => true;
  const whereAt = pos.findIndex((p) => /^where$/i.test(p.text));
  if (whereAt >= 0 && ctx.parsers && ctx.sourceText) {
    const from = pos[whereAt].range.end;
    const text = ctx.sourceText.slice(from, cmd.range.end);
    const c = compileSearch(ctx.parsers.parseSearchClause(text));
    if (!c.ok) return c.error;
    pred = c.fn;
  }
  const append = boolOption(cmd, 'append', false);
  const rows = table.rows.map((r) => {
    const row = newRow();
    for (const f of table.fields) { const v = r[f]; if (v !== undefined && v !== '') row[f] = v; }
    return row;
  }).filter(pred);
  return {
    generate: (input) => (append ? [...input, ...rows] : rows),
    fields: (input) => (append && input ? [...input, ...table.fields.filter((f) => !input.includes(f))] : [...table.fields]),
  };
};
