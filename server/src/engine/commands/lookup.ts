// `lookup <table> <col> [AS <field>] … [OUTPUT|OUTPUTNEW <col> [AS <field>] …]`: without an output
// list, every non-input column is output. OUTPUT overwrites (a row with no match loses the output
// fields); OUTPUTNEW writes only fields the row does not have yet. Several matching table rows give
// multivalue outputs (table order); a multivalue input field is looked up value by value; empty
// table cells are nulls.
import type { Row, Scalar } from '../types';
import { fromValues, scalarText, valuesOf } from '../eval/values';
import { compileLookup } from './lookupMatch';
import { type CommandExecutor, errorAt, isLookupProblem } from './types';

export const lookup: CommandExecutor = async (cmd, ctx) => {
  if (cmd.body.kind !== 'lookup' || !cmd.body.table) return errorAt(cmd, 'lookup: expected a lookup table name');
  const name = cmd.body.table.name;
  if (!ctx.lookups) return errorAt(cmd, `lookup: no lookup tables are available (table "${name}")`, cmd.body.table.range);
  const table = await ctx.lookups.resolve(name);
  if (isLookupProblem(table)) return errorAt(cmd, `lookup: ${table.problem}`, cmd.body.table.range);
  if (!table) return errorAt(cmd, `lookup: table "${name}" was not found in the lookups/ folders of the content repositories`, cmd.body.table.range);
  const inputs = cmd.body.inputs.map((i) => ({ column: i.field.name, field: i.as?.name ?? i.field.name }));
  if (inputs.length === 0) return errorAt(cmd, 'lookup: expected at least one input field');
  const missing = table.openColumns ? undefined : inputs.find((i) => !table.fields.includes(i.column));
  if (missing) return errorAt(cmd, `lookup: table "${name}" has no column "${missing.column}"`);
  if (table.note) ctx.warn({ severity: 'warning', message: `lookup ${name}: ${table.note}`, range: cmd.body.table.range });
  const outputNew = cmd.body.outputMode === 'OUTPUTNEW';
  const outputs = cmd.body.outputs.length > 0
    ? cmd.body.outputs.map((o) => ({ column: o.field.name, field: o.as?.name ?? o.field.name }))
    : table.fields.filter((f) => !inputs.some((i) => i.column === f)).map((f) => ({ column: f, field: f }));
  const compiled = compileLookup(table, inputs.map((i) => i.column));
  const minMatches = table.minMatches ?? 0;
  const apply = (row: Row): Row => {
    if (outputNew && outputs.every((o) => row[o.field] !== undefined)) return row;
    const values = new Map<string, string[]>();
    for (const i of inputs) values.set(i.column, valuesOf(row[i.field]).map(scalarText));
    let matches = inputs.every((i) => (values.get(i.column) ?? []).length > 0) ? compiled.find(values) : [];
    if (matches.length < minMatches && table.defaultMatch !== undefined) {
      const dflt = Object.create(null) as Record<string, string>;
      for (const o of outputs) dflt[o.column] = table.defaultMatch;
      matches = [...matches, dflt];
    }
    const out = row;
    for (const o of outputs) {
      if (outputNew && row[o.field] !== undefined) continue;
      const vals: Scalar[] = [];
      for (const m of matches) { const c = m[o.column]; if (c !== undefined && c !== '') vals.push(c); }
      const v = fromValues(vals);
      if (v === undefined) delete out[o.field];
      else out[o.field] = v;
    }
    return out;
  };
  return {
    stream: (batch) => batch.map(apply),
    fields: (input) => (input ? [...input, ...outputs.map((o) => o.field).filter((f) => !input.includes(f))] : undefined),
  };
};
