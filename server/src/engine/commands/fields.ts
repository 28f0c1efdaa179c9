// `fields [+] a, b*` keeps the listed fields (plus the internal _time/_raw, as Splunk does);
// `fields - a, b*` removes them. Wildcards match field names case-sensitively.
import type { Row } from '../types';
import { newRow } from '../types';
import { fieldList, fieldPattern } from './args';
import { type CommandExecutor, errorAt } from './types';

/**
 * Field order after `fields +`: the kept internal fields keep their place in event output, `_time`
 * first and `_raw` last (the order of Splunk's event results), the listed fields in between in the
 * order written; an internal field is named only when the input order has it.
 */
function withInternal(listed: string[], input: string[]): string[] {
  const has = (k: string) => !listed.includes(k) && input.includes(k);
  return [...(has('_time') ? ['_time'] : []), ...listed, ...(has('_raw') ? ['_raw'] : [])];
}

export const fields: CommandExecutor = (cmd) => {
  const list = fieldList(cmd).map((f) => f.name);
  if (list.length === 0) return errorAt(cmd, 'fields: expected at least one field');
  const remove = cmd.body.kind === 'fields' && cmd.body.mode === '-';
  const res = list.map((p) => (p.includes('*') ? fieldPattern(p) : p));
  const matches = (k: string) => res.some((r) => (typeof r === 'string' ? r === k : r.test(k)));
  const keepInternal = (k: string) => !remove && (k === '_time' || k === '_raw');
  const explicitNames = list.filter((l) => !l.includes('*'));
  const apply = (row: Row): Row => {
    const out = newRow();
    // Kept fields are inserted in the listed order (the first-seen order of the output).
    if (!remove) for (const k of explicitNames) if (row[k] !== undefined) out[k] = row[k];
    for (const k in row) {
      if (row[k] === undefined || (!remove && k in out)) continue;
      const m = matches(k);
      if (remove ? !m : m || keepInternal(k)) out[k] = row[k];
    }
    return out;
  };
  return {
    rowPolicy: 'fresh',
    stream: (batch) => batch.map(apply),
    fields: (input) => {
      if (remove) return input?.filter((k) => !matches(k));
      // Unknown input order (events): the default event order applies (`_time`, the fields in
      // first-seen order, which `apply` makes the listed order, `_raw` last).
      if (!input) return undefined;
      const out: string[] = [];
      for (const p of res) {
        for (const k of input) if ((typeof p === 'string' ? p === k : p.test(k)) && !out.includes(k)) out.push(k);
        if (typeof p === 'string' && !out.includes(p)) out.push(p);
      }
      return withInternal(out, input);
    },
  };
};
