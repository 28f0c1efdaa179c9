// State shared by the parsers of one command: the text, the error list, collectors for the
// macros and subsearches met in the command's arguments, and a callback that parses a nested
// `[...]` as a pipeline (passed in to keep the modules free of import cycles).

import type { MacroCall, Pipeline, Range, Subsearch, SyntaxError } from './ast';
import { ERR, err } from './tokenize';
import { macroNode } from './macroCall';

/** Deepest nesting of parentheses / subsearches the parser follows before giving up on a range. */
export const MAX_DEPTH = 100;

export interface ParseCtx {
  src: string;
  errors: SyntaxError[];
  macros: MacroCall[];
  subsearches: Subsearch[];
  depth: number;
  parseSub(start: number, end: number, depth: number): Pipeline;
  /** Parse `[start, end)` of another text with the same offsets (foreach templates). */
  parseWith(src: string, start: number, end: number, depth: number): Pipeline;
}

/** Build a Subsearch node for the `[ ... ]` token at `[start, end)` and record it. */
export function subsearchNode(ctx: ParseCtx, start: number, end: number): Subsearch {
  const closed = ctx.src[end - 1] === ']' && end - start >= 2;
  const inner = ctx.parseSub(start + 1, closed ? end - 1 : end, ctx.depth + 1);
  const node: Subsearch = { kind: 'subsearch', range: { start, end }, pipeline: inner };
  ctx.subsearches.push(node);
  return node;
}

/** Build a MacroCall node for the backtick token at `[start, end)` and record it (or an error). */
export function macroCallNode(ctx: ParseCtx, start: number, end: number): MacroCall | undefined {
  const m = macroNode(ctx.src, start, end);
  if (!m) {
    ctx.errors.push(err(ERR.invalidMacro, 'Not a macro call: expected `name` or `name(arg, ...)` between backticks', start, end));
    return undefined;
  }
  ctx.macros.push(m);
  return m;
}

export const rangeOf = (a: { start: number; end: number } | Range, b?: { end: number }): Range => ({
  start: a.start,
  end: b ? b.end : a.end,
});
