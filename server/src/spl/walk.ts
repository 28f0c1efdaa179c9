// Traversal helpers over the SPL tree: every command (subsearches included), every search
// expression, every eval expression, every macro call.

import type { Command, EvalExpr, MacroCall, Pipeline, SearchExpr } from './ast';

/** Visit every command and command-position macro, depth-first, including nested subsearches. */
export function forEachCommand(p: Pipeline, visit: (c: Command | MacroCall, depth: number) => void, depth = 0): void {
  for (const c of p.commands) {
    visit(c, depth);
    if (c.kind !== 'command') continue;
    for (const s of c.subsearches) forEachCommand(s.pipeline, visit, depth + 1);
    if (c.body.kind === 'foreach' && c.body.template?.pipeline) forEachCommand(c.body.template.pipeline, visit, depth + 1);
  }
}

/** Visit a search expression and all its sub-expressions (not into subsearch pipelines). */
export function forEachSearchExpr(e: SearchExpr | undefined, visit: (e: SearchExpr) => void): void {
  if (!e) return;
  const stack: SearchExpr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    visit(x);
    if (x.kind === 'and' || x.kind === 'or') for (let i = x.items.length - 1; i >= 0; i--) stack.push(x.items[i]);
    else if (x.kind === 'not') stack.push(x.item);
  }
}

/** Visit an eval expression and all its sub-expressions. */
export function forEachEvalExpr(e: EvalExpr | undefined, visit: (e: EvalExpr) => void): void {
  if (!e) return;
  const stack: EvalExpr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    visit(x);
    switch (x.kind) {
      case 'call':
        for (let i = x.args.length - 1; i >= 0; i--) stack.push(x.args[i]);
        break;
      case 'binary':
        stack.push(x.right, x.left);
        break;
      case 'unary':
        stack.push(x.operand);
        break;
      case 'in':
        for (let i = x.values.length - 1; i >= 0; i--) stack.push(x.values[i]);
        stack.push(x.operand);
        break;
      default:
        break;
    }
  }
}

/** The search expressions held by a command (its clause, or tstats/mstats `where`). */
export function searchExprsOf(c: Command): SearchExpr[] {
  const b = c.body;
  if (b.kind === 'search' && b.expr) return [b.expr];
  if (b.kind === 'stats' && b.where) return [b.where];
  return [];
}

/** The eval expressions held by a command (where, eval assignments, stats eval(...)). */
export function evalExprsOf(c: Command): EvalExpr[] {
  const b = c.body;
  switch (b.kind) {
    case 'where':
      return b.expr ? [b.expr] : [];
    case 'eval':
      return b.assignments.map((a) => a.expr);
    case 'stats':
      return b.aggregations.flatMap((a) => (a.arg && a.arg.kind === 'eval' ? [a.arg.expr] : []));
    default:
      return [];
  }
}

/** Every macro call in the tree: command position, arguments, nested subsearches. */
export function allMacroCalls(p: Pipeline): MacroCall[] {
  const out: MacroCall[] = [];
  forEachCommand(p, (c) => {
    if (c.kind === 'macro') out.push(c);
    else out.push(...c.macros);
  });
  return out;
}
