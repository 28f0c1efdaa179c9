// Row projection before a blocking `stats`: the fused leading stages hand their output to the first
// blocking stage all at once, so a detection like `sysmon EventID=1 | stats count by dest` would
// hold every matching event (all extracted fields and _raw) in memory. `stats` reads only its
// by-fields, its aggregations' fields (and fields named inside `eval(...)` arguments) and `_time`
// (earliest/latest/rate), and nothing after it sees its input, so rows can be cut down to those.
import type { Command, EvalExpr } from '../../spl/ast';
import { detachString } from '../readers/textUtil';
import type { Row } from '../types';
import { newRow } from '../types';

function evalFields(e: EvalExpr, out: Set<string>): boolean {
  switch (e.kind) {
    case 'field':
      out.add(e.name);
      return true;
    case 'string':
    case 'number':
      return true;
    case 'call':
      // searchmatch() reads fields named inside its search string.
      if (e.name === 'searchmatch') return false;
      return e.args.every((a) => evalFields(a, out));
    case 'binary':
      return evalFields(e.left, out) && evalFields(e.right, out);
    case 'unary':
      return evalFields(e.operand, out);
    case 'in':
      return evalFields(e.operand, out) && e.values.every((v) => evalFields(v, out));
    default:
      return false; // unexpanded macro, parse error
  }
}

/** The fields a `stats` command reads, or undefined when it cannot be told (wildcards, searchmatch). */
export function statsInputFields(cmd: Command): string[] | undefined {
  if (cmd.name !== 'stats' || cmd.body.kind !== 'stats' || cmd.body.datamodel || cmd.body.where) return undefined;
  const out = new Set<string>(['_time']);
  for (const b of cmd.body.by) out.add(b.name);
  for (const a of cmd.body.aggregations) {
    if (a.arg?.kind === 'field') out.add(a.arg.field.name);
    else if (a.arg?.kind === 'eval' && !evalFields(a.arg.expr, out)) return undefined;
  }
  for (const f of out) if (f.includes('*') || f === '') return undefined;
  return [...out];
}

/**
 * A function copying only `fields` of a row (multivalue arrays copied). Strings are detached: an
 * extracted value is a V8 slice of the event's 64 KiB read chunk and would keep it alive.
 */
export function projector(fields: readonly string[]): (row: Row) => Row {
  return (row) => {
    const r = newRow();
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const v = row[f];
      if (v === undefined) continue;
      if (Array.isArray(v)) r[f] = v.map((x) => (typeof x === 'string' ? detachString(x) : x));
      else r[f] = typeof v === 'string' ? detachString(v) : v;
    }
    return r;
  };
}
