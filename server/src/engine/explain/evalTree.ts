// Explains a `where` (eval) condition on one row: AND / OR / XOR / NOT nodes with their verdicts
// and, for every other sub-expression (a comparison, like(), match(), cidrmatch(), isnull(), …),
// its value and the fields it read. Every verdict is the engine's: each node is compiled with
// `compileEval` and run on the row. Rules quoted (from compile.ts, after Splunk's "eval" and
// "where" documentation): a comparison with a null field is null and where drops the row; two
// numbers compare numerically, otherwise text compares case-sensitively; a multivalue operand
// satisfies a comparison when any value does; LIKE uses `%` and `_` and is case-sensitive.
import type { EvalExpr } from '../../spl/ast';
import { forEachEvalExpr } from '../../spl/walk';
import type { Row } from '../types';
import { compileEval, isTruthy } from '../eval/compile';
import type { EvalFn, EvalOptions } from '../eval/context';
import { isNumericText, valuesOf } from '../eval/values';
import { nodeRange, nodeText, quoteValues, shownValues, type TreeContext } from './context';
import type { ConditionNode, LeafReason } from './types';

const BOOLEAN_OPS = new Set(['AND', 'OR', 'XOR']);
const COMPARISONS = new Set(['=', '==', '!=', '<', '<=', '>', '>=']);

export function explainEvalExpr(expr: EvalExpr, row: Row, ctx: TreeContext, opts: EvalOptions): ConditionNode {
  const base = { text: nodeText(ctx, expr.range), range: nodeRange(ctx, expr.range), verdict: verdictOf(expr, row, opts) };
  if (expr.kind === 'binary' && BOOLEAN_OPS.has(expr.op)) {
    const kind = expr.op === 'AND' ? 'and' : expr.op === 'OR' ? 'or' : 'xor';
    // Flatten chains of the same operator (a AND b AND c) into one node.
    const items: EvalExpr[] = [];
    const flat = (e: EvalExpr) => { if (e.kind === 'binary' && e.op === expr.op) { flat(e.left); flat(e.right); } else items.push(e); };
    flat(expr);
    return { kind, ...base, children: items.map((i) => explainEvalExpr(i, row, ctx, opts)) };
  }
  if (expr.kind === 'unary' && expr.op === 'NOT') return { kind: 'not', ...base, children: [explainEvalExpr(expr.operand, row, ctx, opts)] };
  return { kind: 'leaf', ...base, reason: leafReason(expr, row, base.verdict, opts) };
}

// Compiled nodes, per options object (near misses explain many rows with the same nodes).
const compiled = new WeakMap<EvalOptions, WeakMap<EvalExpr, EvalFn | null>>();

function verdictOf(expr: EvalExpr, row: Row, opts: EvalOptions): boolean | null {
  let byNode = compiled.get(opts);
  if (!byNode) compiled.set(opts, (byNode = new WeakMap()));
  let fn = byNode.get(expr);
  if (fn === undefined) {
    const c = compileEval(expr, opts);
    fn = c.ok ? c.fn : null;
    byNode.set(expr, fn);
  }
  if (!fn) return null;
  const v = fn(row);
  return v === undefined ? null : isTruthy(v);
}

function fieldsOf(expr: EvalExpr): string[] {
  const out: string[] = [];
  forEachEvalExpr(expr, (e) => { if (e.kind === 'field' && !out.includes(e.name)) out.push(e.name); });
  return out;
}

function literalOf(e: EvalExpr): string | undefined {
  if (e.kind === 'string') return e.value;
  if (e.kind === 'number') return e.raw;
  return undefined;
}

function ruleFor(expr: EvalExpr): string | undefined {
  if (expr.kind === 'binary' && expr.op === 'LIKE') return 'LIKE: `%` matches any run, `_` one character; case-sensitive';
  if (expr.kind === 'binary' && COMPARISONS.has(expr.op)) return 'numbers compare numerically; otherwise text compares case-sensitively (unlike the search command)';
  if (expr.kind === 'in') return 'equal to one of the values (case-sensitive text, or numerically)';
  if (expr.kind === 'call') {
    switch (expr.name) {
      case 'like': return 'LIKE: `%` matches any run, `_` one character; case-sensitive';
      case 'match': return 'regular expression (PCRE), unanchored, case-sensitive unless `(?i)`';
      case 'cidrmatch': return 'the IP value must be inside the CIDR range';
      case 'isnull': case 'isnotnull': return 'tests whether the field exists';
      case 'searchmatch': return 'search-command semantics (case-insensitive values, `*` wildcards)';
      default: return undefined;
    }
  }
  return undefined;
}

function leafReason(expr: EvalExpr, row: Row, verdict: boolean | null, opts: EvalOptions): LeafReason {
  const fields = fieldsOf(expr);
  const absent = fields.filter((f) => row[f] === undefined);
  const rule = ruleFor(expr);
  const first = fields[0];
  const values = first !== undefined ? shownValues(row[first]) : undefined;
  const pattern = expr.kind === 'binary' ? literalOf(expr.right) : expr.kind === 'call' ? expr.args.map(literalOf).find((x) => x !== undefined) : undefined;
  const described = fields.map((f) => `${f} = ${row[f] === undefined ? 'null' : quoteValues(shownValues(row[f]), valuesOf(row[f]).length)}`).join(', ');
  const base = { field: first, values, pattern, rule };
  if (verdict === true) return { code: 'match', ...base, message: described ? `true with ${described}` : 'true' };
  if (expr.kind === 'call' && expr.name === 'isnotnull' && absent.length) return { code: 'field-absent', ...base, field: absent[0], message: `the event has no field ${absent[0]}` };
  if (verdict === null && absent.length) {
    return { code: 'field-absent', ...base, field: absent[0], message: `the event has no field ${absent.join(', ')}, so the expression is null and where drops the row` };
  }
  if (expr.kind === 'call' && expr.name === 'cidrmatch') return { code: 'cidr-not-contained', ...base, message: `${described} is not inside ${pattern ?? 'the range'}` };
  if (expr.kind === 'binary' && COMPARISONS.has(expr.op) && expr.op !== '=' && expr.op !== '==' && expr.op !== '!=') {
    const lit = literalOf(expr.right);
    const v = first !== undefined ? valuesOf(row[first]) : [];
    if (lit !== undefined && isNumericText(lit) && v.length && v.every((x) => typeof x !== 'number' && !isNumericText(x))) {
      return { code: 'type-mismatch', ...base, message: `${described} is not a number, so it was compared with ${lit} as text` };
    }
  }
  if (verdict === null) return { code: 'null', ...base, message: `the expression is null${described ? ` with ${described}` : ''}; where drops the row` };
  return { code: fields.length ? 'value-mismatch' : 'false', ...base, message: `false with ${described || 'no field values'}${rule ? ` (${rule})` : ''}` };
}

