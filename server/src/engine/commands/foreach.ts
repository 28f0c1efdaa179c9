// `foreach <field patterns> [<template>]`: for each field name matching the patterns (expanded
// against the fields present in the rows), the template with `<<FIELD>>`, `<<MATCHSTR>>` (the
// part matched by `*`) and `<<MATCHSEG1>>`… substituted is parsed as a pipeline fragment and run
// over all rows, in field order.
import type { Row } from '../types';
import { expandFields, fieldPattern, fieldsOfRows } from './args';
import { type CommandExecutor, errorAt } from './types';

export const foreach: CommandExecutor = (cmd, ctx) => {
  if (cmd.body.kind !== 'foreach' || !cmd.body.template) return errorAt(cmd, 'foreach: expected field names and a [template]');
  if (!ctx.parsers) return errorAt(cmd, 'foreach: no SPL parser available');
  const patterns = cmd.body.fields.map((f) => f.name);
  const template = cmd.body.template.text;
  const parsers = ctx.parsers;
  return {
    run: async (rows: Row[]) => {
      let cur = rows;
      const names = expandFields(patterns, fieldsOfRows(rows)).filter((n) => !n.includes('*'));
      for (const name of names) {
        const pat = patterns.find((p) => fieldPattern(p).test(name)) ?? name;
        const m = fieldPattern(pat).exec(name);
        const segs = m ? m.slice(1) : [];
        let text = template
          .replace(/<<FIELD>>/g, name)
          .replace(/<<MATCHSTR>>/g, segs.join(''))
          .replace(/<<MATCHSEG(\d+)>>/g, (_x, d: string) => segs[Number(d) - 1] ?? '');
        text = text.trim().startsWith('|') ? text : `| ${text}`;
        const pipeline = parsers.parseSpl(text);
        if (pipeline.errors.length > 0) throw new Error(`foreach template: ${pipeline.errors[0].message}`);
        const r = await ctx.runSubsearch(pipeline, cur);
        if (r.error) throw new Error(`foreach template: ${r.error.message}`);
        cur = r.rows;
      }
      return cur;
    },
  };
};
