// Entry points of the SPL parser. `parseSpl` never throws: it returns the whole tree it could
// build plus errors with exact ranges; an error inside one command does not affect the next one
// (each top-level pipe starts afresh).

import type { Command, EvalExpr, MacroCall, Pipeline, SearchExpr, SyntaxError } from './ast';
import { findCommand } from './catalog/commands';
import { parseArguments } from './parseCommand';
import { EvalParser, reportTrailing } from './parseEval';
import { SearchParser } from './parseSearch';
import type { ParseCtx } from './parseContext';
import { macroNode } from './macroCall';
import { ERR, blankComments, err, lexArgs, lexEval, scanMacroEnd, splitPipeline } from './tokenize';

/** Deepest `[subsearch]` nesting followed. */
const MAX_SUBSEARCH_DEPTH = 25;

/** Parse a whole search (for a detection: the `search:` value). */
export function parseSpl(text: string): Pipeline {
  const blank = blankComments(text);
  const errors: SyntaxError[] = [...blank.errors];
  const p = parsePipelineRange(blank.text, 0, text.length, 0, false);
  errors.push(...p.errors);
  return { ...p, comments: blank.comments, errors: dedupe(errors) };
}

/** Parse an eval expression on its own (props.conf `EVAL-x = <expr>`, `where` bodies). */
export function parseEvalExpression(text: string): { expr: EvalExpr | undefined; errors: SyntaxError[] } {
  const ctx = rootCtx(text);
  const toks = lexEval(text, 0, text.length);
  if (toks.length === 0) {
    ctx.errors.push(err(ERR.expectedExpr, 'Expected an expression', 0, text.length));
    return { expr: undefined, errors: ctx.errors };
  }
  const p = new EvalParser(ctx, toks);
  const expr = p.parseExpr();
  reportTrailing(ctx, p, toks.length, toks);
  return { expr, errors: dedupe(ctx.errors) };
}

/** Parse a search clause on its own (eventtypes.conf `search =`, a macro body used as a clause). */
export function parseSearchClause(text: string): { expr: SearchExpr | undefined; errors: SyntaxError[] } {
  const blank = blankComments(text);
  const ctx = rootCtx(blank.text);
  ctx.errors.push(...blank.errors);
  const toks = lexArgs(blank.text, 0, text.length);
  const expr = new SearchParser(ctx, toks).parseClause();
  return { expr, errors: dedupe(ctx.errors) };
}

function rootCtx(src: string): ParseCtx {
  const errors: SyntaxError[] = [];
  return {
    src,
    errors,
    macros: [],
    subsearches: [],
    depth: 0,
    parseSub: (s, e, d) => subPipeline(src, s, e, d, errors),
    parseWith: (other, s, e, d) => subPipeline(other, s, e, d, errors),
  };
}

function subPipeline(src: string, start: number, end: number, depth: number, errors: SyntaxError[]): Pipeline {
  if (depth > MAX_SUBSEARCH_DEPTH) {
    const e = err(ERR.tooDeep, 'Subsearches nested too deeply', start, start);
    errors.push(e);
    return { kind: 'pipeline', range: { start, end }, commands: [], comments: [], errors: [e] };
  }
  const p = parsePipelineRange(src, start, end, depth, true);
  errors.push(...p.errors);
  return p;
}

function dedupe(errors: SyntaxError[]): SyntaxError[] {
  const seen = new Set<string>();
  const out: SyntaxError[] = [];
  for (const e of errors) {
    const k = `${e.code}:${e.range.start}:${e.range.end}:${e.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
  }
  return out.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

const NAME_CHAR = /[A-Za-z0-9_\-]/;

/** Parse `[start, end)` of `src` (comments already blanked) as a pipeline. */
export function parsePipelineRange(src: string, start: number, end: number, depth: number, inSubsearch: boolean): Pipeline {
  const errors: SyntaxError[] = [];
  const commands: (Command | MacroCall)[] = [];
  const segments = splitPipeline(src, start, end, errors);
  segments.forEach((seg, k) => {
    let s = seg.start;
    while (s < seg.end && /\s/.test(src[s])) s++;
    let e = seg.end;
    while (e > s && /\s/.test(src[e - 1])) e--;
    const leading = k === 0 && seg.pipe < 0;
    if (s >= e) {
      if (leading) return; // "| tstats …" or an empty search
      errors.push(err(ERR.emptyCommand, 'Empty command: a "|" must be followed by a command', seg.pipe, seg.pipe + 1));
      return;
    }
    const ctx: ParseCtx = {
      src,
      errors,
      macros: [],
      subsearches: [],
      depth,
      parseSub: (a, b, d) => subPipeline(src, a, b, d, errors),
      parseWith: (other, a, b, d) => subPipeline(other, a, b, d, errors),
    };
    if (!leading && src[s] === '`') {
      const close = scanMacroEnd(src, s, e);
      if (close >= 0 && close + 1 === e) {
        const m = macroNode(src, s, e);
        if (m) {
          commands.push(m);
          return;
        }
        errors.push(err(ERR.invalidMacro, 'Not a macro call: expected `name` or `name(arg, ...)` between backticks', s, e));
        return;
      }
    }
    let n = s;
    while (n < e && NAME_CHAR.test(src[n])) n++;
    const word = src.slice(s, n);
    const followedBySpace = n >= e || /\s/.test(src[n]);
    let name: string;
    let implicit = false;
    let argStart = n;
    if (leading) {
      const info = word ? findCommand(word) : undefined;
      if (word.toLowerCase() === 'search' && followedBySpace) name = 'search';
      else if (inSubsearch && info && followedBySpace) name = word.toLowerCase();
      else {
        name = 'search';
        implicit = true;
        argStart = s;
      }
    } else {
      if (!word || !(followedBySpace || src[n] === '[' || src[n] === '`' || src[n] === '"')) {
        errors.push(err(ERR.unexpected, 'Expected a command name after "|"', s, Math.max(n, s + 1)));
        commands.push(genericCommand(s, e, s, n > s ? n : s, word.toLowerCase(), ctx));
        return;
      }
      name = word.toLowerCase();
    }
    const info = findCommand(name);
    const family = info ? info.family : 'generic';
    const args = parseArguments(ctx, name, family, argStart, e);
    commands.push({
      kind: 'command',
      range: { start: s, end: e },
      name,
      nameRange: implicit ? { start: s, end: s } : { start: s, end: n },
      implicit,
      options: args.options,
      positional: args.positional,
      subsearches: ctx.subsearches,
      macros: ctx.macros,
      body: args.body,
    });
  });
  return { kind: 'pipeline', range: { start, end }, commands, comments: [], errors };
}

function genericCommand(s: number, e: number, ns: number, ne: number, name: string, ctx: ParseCtx): Command {
  return {
    kind: 'command',
    range: { start: s, end: e },
    name,
    nameRange: { start: ns, end: ne },
    implicit: false,
    options: [],
    positional: [],
    subsearches: ctx.subsearches,
    macros: ctx.macros,
    body: { kind: 'generic' },
  };
}
