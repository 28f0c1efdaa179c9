// `fields [+] a, b*` keeps the listed fields (plus the internal _time/_raw, as Splunk does);
// `fields - a, b*` removes them. Wildcards match field names case-sensitively.
import type { Row } from '../types';
import { newRow } from '../types';
import { fieldList, fieldPattern } from './args';
import { type CommandExecutor, errorAt } from './types';

/**
 * Field order after `fields +`: the kept internal fields keep their place in event output, `_time`
 * first and `_raw` last (the order of Splunk's event results), the listed fields in between in the
 * order written. They are named only when the input may have them (unknown input order, or listed
 * there); the run drops an internal field no row has (see finalFields in pipeline/run.ts).
 */
function withInternal(listed: string[], input: string[] | undefined): string[] {
  const has = (k: string) => !listed.includes(k) && (input === undefined || input.includes(k));
  return [...(has('_time') ? ['_time'] : []), ...listed, ...(has('_raw') ? ['_raw'] : [])];
}

export const fields: CommandExecutor = (cmd) => {
  const list = fieldList(cmd).map((f) => f.name);
  if (list.length === 0) return errorAt(cmd, 'fields: expected at least one field');
  const remove = cmd.body.kind === 'fields' && cmd.body.mode === '-';
  const res = list.map((p) => (p.includes('*') ? fieldPattern(p) : p));
  const matches = (k: string) => res.some((r) => (typeof r === 'string' ? r === k : r.test(k)));
  const keepInternal = (k: string) => !remove && (k === '_time' || k === '_raw');
  const apply = (row: Row): Row => {
    const out = newRow();
    for (const k in row) {
      if (row[k] === undefined) continue;
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
      const explicit = list.filter((l) => !l.includes('*'));
      if (!input) return list.some((l) => l.includes('*')) ? undefined : withInternal(explicit, undefined);
      const out: string[] = [];
      for (const p of res) {
        for (const k of input) if ((typeof p === 'string' ? p === k : p.test(k)) && !out.includes(k)) out.push(k);
        if (typeof p === 'string' && !out.includes(p)) out.push(p);
      }
      return withInternal(out, input);
    },
  };
};
