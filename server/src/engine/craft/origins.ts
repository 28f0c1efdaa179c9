// Where a field named at a stage comes from, given the commands before that stage: an event field
// (after undoing renames), or a command that computes it (eval, rex, spath, lookup output, stats …).
import type { Command } from '../../spl/ast';
import { option } from '../commands/args';
import { isLookupProblem } from '../commands/types';
import type { RunContext } from '../pipeline/run';

/**
 * The columns of the tables that lookups without an OUTPUT clause read: such a lookup outputs
 * every column of the table that is not a match field (Search Reference, lookup: with neither
 * OUTPUT nor OUTPUTNEW, all non-match fields of the table are output fields).
 */
export async function lookupColumns(before: Command[], run: RunContext): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const c of before) {
    const b = c.body;
    if (b.kind !== 'lookup' || b.outputs.length || !b.table || out.has(b.table.name) || !run.lookups) continue;
    const t = await run.lookups.resolve(b.table.name);
    if (t && !isLookupProblem(t)) out.set(b.table.name, t.fields);
  }
  return out;
}

/**
 * Where a field named at a stage comes from, given the commands before it: an event field (after
 * undoing renames, e.g. drop_dm_object_name's `rename Processes.* AS *` is handled by tstats'
 * prefix stripping), or a command that computes it (eval, rex, spath, lookup output, stats …).
 */
export function fieldOrigins(before: Command[], columns: Map<string, string[]> = new Map()): (field: string) => { field: string; computedBy?: string } {
  return (field) => {
    let f = field;
    for (let i = before.length - 1; i >= 0; i--) {
      const c = before[i];
      const b = c.body;
      if (b.kind === 'rename') {
        for (const p of b.pairs) {
          if (p.to.name === f) f = p.from.name;
          else if (p.to.name.endsWith('*') && p.from.name.endsWith('*') && f.startsWith(p.to.name.slice(0, -1))) f = p.from.name.slice(0, -1) + f.slice(p.to.name.length - 1);
        }
        continue;
      }
      if (b.kind === 'eval' && b.assignments.some((a) => a.field.name === f)) return { field: f, computedBy: `eval ${f}=…` };
      if (b.kind === 'rex' && new RegExp(`\\(\\?P?<${f.replace(/[^\w]/g, '')}>`).test(b.regex?.value ?? '')) return { field: f, computedBy: 'rex' };
      if (c.name === 'spath' && (option(c, 'output') === f || (!option(c, 'output') && f.includes('.')))) return { field: f, computedBy: 'spath' };
      if (b.kind === 'lookup' && b.outputs.some((o) => (o.as ?? o.field).name === f)) return { field: f, computedBy: `lookup ${b.table?.name ?? ''}` };
      if (b.kind === 'lookup' && !b.outputs.length && b.table) {
        const inputs = b.inputs.map((i) => i.field.name);
        if ((columns.get(b.table.name) ?? []).some((col) => col === f && !inputs.includes(col))) return { field: f, computedBy: `lookup ${b.table.name}` };
      }
      // Fields transaction and top/rare add (Search Reference: transaction adds duration and eventcount; top/rare add count and percent).
      if (c.name === 'transaction' && ['eventcount', 'duration', 'closed_txn', 'field_match_sum', 'linecount'].includes(f)) return { field: f, computedBy: 'transaction' };
      if ((c.name === 'top' || c.name === 'rare') && (f === 'count' || f === 'percent')) return { field: f, computedBy: c.name };
      if (b.kind === 'stats' && b.aggregations.some((a) => (a.as?.name ?? (a.arg?.kind === 'field' ? `${a.func}(${a.arg.field.name})` : a.func)) === f)) return { field: f, computedBy: c.name };
    }
    // Renamed back to a data-set field (Processes.user): the event field is its last segment.
    if (f.includes('.') && before.some((c) => c.name === 'tstats' && c.body.kind === 'stats' && (c.body.datamodel || option(c, 'datamodel')))) f = f.split('.').pop()!;
    return { field: f };
  };
}
