// Command arguments, by syntax family (see catalog/commands.ts). Each family parser receives the
// argument range of one command and fills `body`, `options`, `positional`; subsearches and macro
// calls met on the way are collected through the ParseCtx.

import type {
  Aggregation,
  Assignment,
  Command,
  CommandBody,
  EvalExpr,
  FieldRef,
  LookupField,
  OptionArg,
  RenamePair,
  SearchExpr,
} from './ast';
import type { SyntaxFamily } from './catalog/commands';
import { ERR, err, lexArgs, lexEval, type ArgTok, type EvalTok } from './tokenize';
import { EvalParser, reportTrailing } from './parseEval';
import { SearchParser } from './parseSearch';
import { macroCallNode, subsearchNode, type ParseCtx } from './parseContext';

type Positional = Command['positional'][number];

export interface ParsedArgs {
  body: CommandBody;
  options: OptionArg[];
  positional: Positional[];
}

const lower = (t: ArgTok | undefined): string => (t && t.kind === 'word' && !t.quoted ? t.raw.toLowerCase() : '');
const isName = (t: ArgTok | undefined): t is ArgTok & { kind: 'word' | 'string' } => !!t && (t.kind === 'word' || t.kind === 'string');
const fieldRef = (t: ArgTok): FieldRef => ({ name: t.value, range: { start: t.start, end: t.end } });

/**
 * A field name at toks[i], where a word directly followed by a parenthesised group is one name
 * (`aceFlags(inheritance)`, `predicted(x)`: names Splunk gives aggregation and model outputs).
 */
function nameAt(ctx: ParseCtx, toks: ArgTok[], i: number, to: number): { ref: FieldRef; next: number } | undefined {
  const t = toks[i];
  if (!isName(t) || i >= to) return undefined;
  const open = toks[i + 1];
  if (t.kind === 'word' && open && i + 1 < to && open.kind === 'lparen' && !open.spaceBefore) {
    const close = matchParen(toks, i + 1, to);
    if (close > 0) {
      const end = toks[close].end;
      return { ref: { name: ctx.src.slice(t.start, end), range: { start: t.start, end } }, next: close + 1 };
    }
  }
  return { ref: fieldRef(t), next: i + 1 };
}

/** Check parentheses balance over argument or eval tokens; report each unmatched one. */
function checkParens(ctx: ParseCtx, toks: { kind: string; start: number; end: number }[]): void {
  const open: { start: number; end: number }[] = [];
  for (const t of toks) {
    if (t.kind === 'lparen') open.push(t);
    else if (t.kind === 'rparen') {
      if (open.length) open.pop();
      else ctx.errors.push(err(ERR.paren, 'Unbalanced ")": no "(" is open', t.start, t.end));
    }
  }
  for (const t of open) ctx.errors.push(err(ERR.paren, 'Unbalanced "(": missing ")"', t.start, t.end));
}

/** `key=value` at toks[i] (unquoted word, "=" written right after it, value)? */
function optionAt(toks: ArgTok[], i: number, to: number): { opt: OptionArg; next: number; missing: boolean } | undefined {
  if (i + 1 >= to) return undefined;
  const k = toks[i];
  const eq = toks[i + 1];
  if (k.kind !== 'word' || k.quoted || eq.kind !== 'op' || eq.raw !== '=' || eq.spaceBefore) return undefined;
  const v = i + 2 < to ? toks[i + 2] : undefined;
  const keyRange = { start: k.start, end: k.end };
  if (v && v.kind === 'macro') {
    return { opt: { key: k.value, keyRange, value: v.raw, valueRange: { start: v.start, end: v.end }, quoted: false }, next: i + 3, missing: false };
  }
  // `startswith=(EventCode=1)`, `endswith=eval(x>1)`: a parenthesised value
  const paren = v && v.kind === 'lparen' ? i + 2 : isName(v) && toks[i + 3]?.kind === 'lparen' && !toks[i + 3].spaceBefore ? i + 3 : -1;
  if (paren >= 0 && paren < to) {
    const close = matchParen(toks, paren, to);
    if (close > 0) {
      const vs = toks[i + 2].start;
      const ve = toks[close].end;
      return { opt: { key: k.value, keyRange, value: toks[0] ? srcOf(toks, vs, ve, i + 2, close) : '', valueRange: { start: vs, end: ve }, quoted: false }, next: close + 1, missing: false };
    }
  }
  if (!isName(v)) {
    return { opt: { key: k.value, keyRange, value: '', valueRange: { start: eq.end, end: eq.end }, quoted: false }, next: i + 2, missing: true };
  }
  return { opt: { key: k.value, keyRange, value: v.value, valueRange: { start: v.start, end: v.end }, quoted: v.quoted }, next: i + 3, missing: false };
}

/** Source text of toks[a..b] (they are contiguous in the source apart from whitespace). */
function srcOf(toks: ArgTok[], _s: number, _e: number, a: number, b: number): string {
  let out = '';
  for (let j = a; j <= b; j++) out += (j > a && toks[j].spaceBefore ? ' ' : '') + toks[j].raw;
  return out;
}

/** Record the option at toks[i] if there is one; returns the next index or -1. */
function takeOption(ctx: ParseCtx, toks: ArgTok[], i: number, to: number, out: ParsedArgs): number {
  const r = optionAt(toks, i, to);
  if (!r) return -1;
  out.options.push(r.opt);
  if (toks[i + 2]?.kind === 'macro' && !r.missing) macroCallNode(ctx, toks[i + 2].start, toks[i + 2].end);
  if (r.missing) ctx.errors.push(err(ERR.expectedValue, `Expected a value after "${r.opt.key}="`, toks[i].start, toks[i + 1].end));
  return r.next;
}

/** Consume generic tokens: options, subsearches, macros, positional words. */
function genericItem(ctx: ParseCtx, toks: ArgTok[], i: number, to: number, out: ParsedArgs): number {
  const t = toks[i];
  const next = takeOption(ctx, toks, i, to, out);
  if (next >= 0) return next;
  if (t.kind === 'sub') {
    subsearchNode(ctx, t.start, t.end);
    return i + 1;
  }
  if (t.kind === 'macro') {
    macroCallNode(ctx, t.start, t.end);
    return i + 1;
  }
  if (t.kind === 'word' || t.kind === 'string' || t.kind === 'op') {
    out.positional.push({ text: t.raw, range: { start: t.start, end: t.end }, quoted: t.quoted });
  }
  return i + 1;
}

export function parseArguments(ctx: ParseCtx, name: string, family: SyntaxFamily, start: number, end: number): ParsedArgs {
  const out: ParsedArgs = { body: { kind: 'generic' }, options: [], positional: [] };
  if (family === 'eval' || family === 'where') {
    const toks = lexEval(ctx.src, start, end);
    checkParens(ctx, toks);
    out.body = family === 'eval' ? parseEvalAssignments(ctx, toks, start, end) : parseWhere(ctx, toks, name, start);
    return out;
  }
  const toks = lexArgs(ctx.src, start, end);
  checkParens(ctx, toks);
  switch (family) {
    case 'search': {
      const expr = new SearchParser(ctx, toks).parseClause();
      out.body = { kind: 'search', expr };
      return out;
    }
    case 'stats':
      out.body = parseStats(ctx, name, toks, out);
      return out;
    case 'rename':
      out.body = parseRename(ctx, toks, start, out);
      return out;
    case 'fields':
      out.body = parseFieldList(ctx, toks, name, out);
      return out;
    case 'rex':
      out.body = parseRex(ctx, toks, out);
      return out;
    case 'regex':
      out.body = parseRegex(ctx, toks, out);
      return out;
    case 'lookup':
      out.body = parseLookup(ctx, toks, name, start, out);
      return out;
    case 'convert':
      out.body = parseConvert(ctx, toks, out);
      return out;
    case 'sort':
      out.body = parseSort(ctx, toks, out);
      return out;
    case 'foreach':
      out.body = parseForeach(ctx, toks, out);
      return out;
    default:
      for (let i = 0; i < toks.length; ) i = genericItem(ctx, toks, i, toks.length, out);
      return out;
  }
}

// ---------------------------------------------------------------- eval / where

function parseWhere(ctx: ParseCtx, toks: EvalTok[], name: string, start: number): CommandBody {
  if (toks.length === 0) {
    ctx.errors.push(err(ERR.expectedExpr, `"${name}" needs an expression`, start, start));
    return { kind: 'where' };
  }
  const p = new EvalParser(ctx, toks);
  const expr = p.parseExpr();
  reportTrailing(ctx, p, toks.length, toks);
  return { kind: 'where', expr };
}

function parseEvalAssignments(ctx: ParseCtx, toks: EvalTok[], start: number, end: number): CommandBody {
  const assignments: Assignment[] = [];
  let i = 0;
  if (toks.length === 0) ctx.errors.push(err(ERR.expectedExpr, 'eval needs an assignment such as x=1', start, end));
  while (i < toks.length) {
    const t = toks[i];
    if (t.kind === 'comma') {
      i++;
      continue;
    }
    // The target is the text before "=": Splunk accepts names such as `feature_-value` there.
    let q = i;
    while (q < toks.length && !(toks[q].kind === 'op' && toks[q].raw === '=') && toks[q].kind !== 'comma' && (q === i || toks[q].start === toks[q - 1].end) && toks[q].kind !== 'lparen' && toks[q].kind !== 'rparen') q++;
    const eq = toks[q];
    if (q === i || !eq || eq.kind !== 'op' || eq.raw !== '=' || (q > i + 1 && !toks.slice(i, q).every((x) => x.kind === 'ident' || x.kind === 'num' || x.kind === 'op'))) {
      ctx.errors.push(err(ERR.expectedField, `Expected "<field>=<expression>" but found "${t.raw}"`, t.start, t.end));
      i = skipToComma(toks, i);
      continue;
    }
    const lastTarget = toks[q - 1];
    const field: FieldRef =
      q === i + 1
        ? { name: t.kind === 'ident' ? t.raw : t.value, range: { start: t.start, end: t.end } }
        : { name: ctx.src.slice(t.start, lastTarget.end), range: { start: t.start, end: lastTarget.end } };
    i = q - 1;
    const p = new EvalParser(ctx, toks, i + 2);
    let expr: EvalExpr;
    if (i + 2 >= toks.length || toks[i + 2].kind === 'comma') {
      ctx.errors.push(err(ERR.expectedExpr, `Expected an expression after "${t.raw}="`, eq.start, eq.end));
      expr = { kind: 'error', range: { start: eq.end, end: eq.end } };
    } else expr = p.parseExpr();
    assignments.push({ range: { start: t.start, end: Math.max(expr.range.end, eq.end) }, field, expr });
    i = Math.max(p.i, i + 2);
    if (i < toks.length && toks[i].kind !== 'comma') {
      const bad = toks[i];
      const stop = skipToComma(toks, i);
      ctx.errors.push(err(ERR.unexpected, `Unexpected "${bad.raw}": separate assignments with ","`, bad.start, toks[stop - 1].end));
      i = stop;
    }
  }
  return { kind: 'eval', assignments };
}

function skipToComma(toks: EvalTok[], i: number): number {
  let depth = 0;
  for (; i < toks.length; i++) {
    const k = toks[i].kind;
    if (k === 'lparen') depth++;
    else if (k === 'rparen') depth = Math.max(0, depth - 1);
    else if (k === 'comma' && depth === 0) return i;
  }
  return i;
}

/** Parse `[start, end)` as an eval expression, reporting leftovers. */
function evalRange(ctx: ParseCtx, start: number, end: number): EvalExpr {
  const toks = lexEval(ctx.src, start, end);
  if (toks.length === 0) {
    ctx.errors.push(err(ERR.expectedExpr, 'Expected an expression', start, end));
    return { kind: 'error', range: { start, end } };
  }
  const p = new EvalParser(ctx, toks);
  const expr = p.parseExpr();
  reportTrailing(ctx, p, toks.length, toks);
  return expr;
}

// ---------------------------------------------------------------- stats family

function matchParen(toks: ArgTok[], open: number, to: number): number {
  let depth = 0;
  for (let j = open; j < to; j++) {
    if (toks[j].kind === 'lparen') depth++;
    else if (toks[j].kind === 'rparen') {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

const STATS_KEYWORDS = new Set(['by', 'over', 'where', 'from', 'as']);

function parseStats(ctx: ParseCtx, name: string, toks: ArgTok[], out: ParsedArgs): CommandBody {
  const aggregations: Aggregation[] = [];
  const by: FieldRef[] = [];
  let datamodel: { name: string; range: { start: number; end: number } } | undefined;
  let where: SearchExpr | undefined;
  const n = toks.length;
  let i = 0;
  let mode: 'aggs' | 'by' = 'aggs';

  const readDatamodel = (): boolean => {
    // datamodel=X.Y | datamodel:X.Y | datamodel X.Y
    const t = toks[i];
    if (!t || t.kind !== 'word') return false;
    if (/^datamodel$/i.test(t.raw) && toks[i + 1]?.kind === 'op' && toks[i + 1].raw === '=' && isName(toks[i + 2])) {
      const v = toks[i + 2];
      datamodel = { name: v.value, range: { start: v.start, end: v.end } };
      out.options.push({ key: t.value, keyRange: { start: t.start, end: t.end }, value: v.value, valueRange: { start: v.start, end: v.end }, quoted: v.quoted });
      i += 3;
      return true;
    }
    const colon = /^datamodel:(.+)$/i.exec(t.raw);
    if (colon) {
      const s = t.start + t.raw.indexOf(':') + 1;
      datamodel = { name: colon[1].replace(/"/g, ''), range: { start: s, end: t.end } };
      i += 1;
      return true;
    }
    if (/^datamodel$/i.test(t.raw) && isName(toks[i + 1])) {
      const v = toks[i + 1];
      datamodel = { name: v.value, range: { start: v.start, end: v.end } };
      i += 2;
      return true;
    }
    return false;
  };

  if (name === 'from') readDatamodel();

  while (i < n) {
    const t = toks[i];
    const lw = lower(t);
    if (lw === 'by' || lw === 'over') {
      mode = 'by';
      i++;
      continue;
    }
    if (lw === 'where' && (name === 'tstats' || name === 'mstats' || name === 'from')) {
      let j = i + 1;
      let depth = 0;
      for (; j < n; j++) {
        const k = toks[j];
        if (k.kind === 'lparen') depth++;
        else if (k.kind === 'rparen') depth--;
        else if (depth <= 0 && (lower(k) === 'by' || (name === 'mstats' && lower(k) === 'span' && toks[j + 1]?.kind === 'op'))) break;
      }
      if (j === i + 1) ctx.errors.push(err(ERR.expectedExpr, 'WHERE needs a search clause', t.start, t.end));
      const sp = new SearchParser(ctx, toks, i + 1, j);
      const expr = sp.parseClause();
      where = where && expr ? { kind: 'and', range: { start: where.range.start, end: expr.range.end }, items: [where, expr], explicit: true } : (expr ?? where);
      i = j;
      continue;
    }
    if (lw === 'from' && (name === 'tstats' || name === 'mstats')) {
      i++;
      if (!readDatamodel()) {
        const v = toks[i];
        if (isName(v)) {
          out.positional.push({ text: v.raw, range: { start: v.start, end: v.end }, quoted: v.quoted });
          i++;
        } else ctx.errors.push(err(ERR.expectedValue, 'FROM needs a dataset such as datamodel=Endpoint.Processes', t.start, t.end));
      }
      continue;
    }
    const next = takeOption(ctx, toks, i, n, out);
    if (next >= 0) {
      i = next;
      continue;
    }
    if (t.kind === 'comma') {
      i++;
      continue;
    }
    if (t.kind === 'sub' || t.kind === 'macro') {
      i = genericItem(ctx, toks, i, n, out);
      continue;
    }
    if (mode === 'by') {
      if (isName(t)) by.push(fieldRef(t));
      else out.positional.push({ text: t.raw, range: { start: t.start, end: t.end }, quoted: t.quoted });
      i++;
      continue;
    }
    if (t.kind === 'word' && !t.quoted && !STATS_KEYWORDS.has(lw)) {
      const r = parseAggregation(ctx, toks, i, n);
      aggregations.push(r.agg);
      i = r.next;
      continue;
    }
    if (lw === 'as') {
      ctx.errors.push(err(ERR.unexpected, 'AS must follow an aggregation', t.start, t.end));
      i += isName(toks[i + 1]) ? 2 : 1;
      continue;
    }
    out.positional.push({ text: t.raw, range: { start: t.start, end: t.end }, quoted: t.quoted });
    i++;
  }
  if (aggregations.length === 0 && name !== 'from' && name !== 'mstats' && name !== 'geostats' && name !== 'timechart' && name !== 'chart') {
    // `stats` needs at least one aggregation; tstats/mstats/from/…: checked by their own semantics
    if (name !== 'tstats') {
      const at = toks[0] ? toks[0].start : 0;
      if (toks.length === 0 || mode === 'by') ctx.errors.push(err(ERR.expectedExpr, `"${name}" needs at least one aggregation such as count`, at, toks[0] ? toks[0].end : at));
    }
  }
  const body: CommandBody = { kind: 'stats', aggregations, by };
  if (datamodel) body.datamodel = datamodel;
  if (where) body.where = where;
  return body;
}

function parseAggregation(ctx: ParseCtx, toks: ArgTok[], i: number, n: number): { agg: Aggregation; next: number } {
  const t = toks[i];
  const agg: Aggregation = { range: { start: t.start, end: t.end }, func: t.raw.toLowerCase(), funcRange: { start: t.start, end: t.end } };
  let j = i + 1;
  const open = toks[j];
  if (open && open.kind === 'lparen' && !open.spaceBefore) {
    const close = matchParen(toks, j, n);
    const closeIdx = close < 0 ? n : close;
    const inner = toks.slice(j + 1, closeIdx);
    const innerEnd = close < 0 ? (inner.length ? inner[inner.length - 1].end : open.end) : toks[close].start;
    if (inner.length >= 2 && lower(inner[0]) === 'eval' && inner[1].kind === 'lparen') {
      const evOpen = j + 2;
      const evClose = matchParen(toks, evOpen, closeIdx);
      const exprEnd = evClose < 0 ? innerEnd : toks[evClose].start;
      const expr = evalRange(ctx, toks[evOpen].end, exprEnd);
      agg.arg = { kind: 'eval', expr, range: { start: inner[0].start, end: evClose < 0 ? innerEnd : toks[evClose].end } };
    } else if (inner.length > 0) {
      const f = inner[0];
      if (isName(f)) agg.arg = { kind: 'field', field: fieldRef(f) };
      for (const x of inner) if (x.kind === 'macro') macroCallNode(ctx, x.start, x.end);
      else if (x.kind === 'sub') subsearchNode(ctx, x.start, x.end);
    }
    agg.range.end = close < 0 ? innerEnd : toks[close].end;
    j = close < 0 ? n : close + 1;
  }
  if (lower(toks[j]) === 'as' && j < n) {
    const target = nameAt(ctx, toks, j + 1, n);
    if (target) {
      agg.as = target.ref;
      agg.range.end = target.ref.range.end;
      j = target.next;
    } else {
      ctx.errors.push(err(ERR.expectedField, 'Expected a field name after AS', toks[j].start, toks[j].end));
      j += 1;
    }
  }
  return { agg, next: j };
}

// ---------------------------------------------------------------- rename, fields, table

function parseRename(ctx: ParseCtx, toks: ArgTok[], start: number, out: ParsedArgs): CommandBody {
  const pairs: RenamePair[] = [];
  let i = 0;
  const n = toks.length;
  if (n === 0) ctx.errors.push(err(ERR.expectedField, 'rename needs "<field> AS <new-name>"', start, start));
  while (i < n) {
    const t = toks[i];
    if (t.kind === 'comma') {
      i++;
      continue;
    }
    if (t.kind === 'macro' || t.kind === 'sub') {
      i = genericItem(ctx, toks, i, n, out);
      continue;
    }
    const from = nameAt(ctx, toks, i, n);
    if (!from) {
      ctx.errors.push(err(ERR.unexpected, `Unexpected "${t.raw}" in rename`, t.start, t.end));
      i++;
      continue;
    }
    const as = toks[from.next];
    if (lower(as) !== 'as') {
      ctx.errors.push(err(ERR.expectedField, `Expected AS after "${from.ref.name}"`, from.ref.range.start, from.ref.range.end));
      i = from.next;
      continue;
    }
    const to = lower(toks[from.next + 1]) === 'as' ? undefined : nameAt(ctx, toks, from.next + 1, n);
    if (!to) {
      ctx.errors.push(err(ERR.expectedField, 'Expected the new field name after AS', as.start, as.end));
      i = from.next + 1;
      continue;
    }
    pairs.push({ range: { start: from.ref.range.start, end: to.ref.range.end }, from: from.ref, to: to.ref });
    i = to.next;
  }
  return { kind: 'rename', pairs };
}

function parseFieldList(ctx: ParseCtx, toks: ArgTok[], name: string, out: ParsedArgs): CommandBody {
  let mode: '+' | '-' = '+';
  const fields: FieldRef[] = [];
  let i = 0;
  if (name === 'fields' && toks[0] && toks[0].kind === 'word' && (toks[0].raw === '-' || toks[0].raw === '+')) {
    mode = toks[0].raw as '+' | '-';
    i = 1;
  }
  for (; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === 'comma') continue;
    const named = nameAt(ctx, toks, i, toks.length);
    if (named) {
      fields.push(named.ref);
      i = named.next - 1;
      continue;
    }
    else if (t.kind === 'macro' || t.kind === 'sub') genericItem(ctx, toks, i, toks.length, out);
    else ctx.errors.push(err(ERR.unexpected, `Unexpected "${t.raw}" in a field list`, t.start, t.end));
  }
  return { kind: 'fields', mode, fields };
}

// ---------------------------------------------------------------- rex, regex

/** Content of a quoted regex, with only `\"` unescaped (PCRE receives the other backslashes). */
function regexOf(t: ArgTok): { value: string; range: { start: number; end: number } } {
  if (t.kind === 'string' && t.raw.length >= 2 && t.raw.endsWith('"')) {
    return { value: t.raw.slice(1, -1).replace(/\\"/g, '"'), range: { start: t.start + 1, end: t.end - 1 } };
  }
  if (t.kind === 'string') return { value: t.raw.slice(1).replace(/\\"/g, '"'), range: { start: t.start + 1, end: t.end } };
  return { value: t.raw.replace(/\\"/g, '"'), range: { start: t.start, end: t.end } };
}

function parseRex(ctx: ParseCtx, toks: ArgTok[], out: ParsedArgs): CommandBody {
  const body: { kind: 'rex'; field?: string; regex?: { value: string; range: { start: number; end: number } } } = { kind: 'rex' };
  for (let i = 0; i < toks.length; ) {
    const t = toks[i];
    if (t.kind === 'string' && !body.regex) {
      body.regex = regexOf(t);
      i++;
      continue;
    }
    i = genericItem(ctx, toks, i, toks.length, out);
  }
  const f = out.options.find((x) => x.key === 'field');
  if (f) body.field = f.value;
  if (!body.regex) {
    const last = toks[toks.length - 1];
    const at = last ? last.end : 0;
    ctx.errors.push(err(ERR.expectedValue, 'rex needs a quoted regular expression', toks[0]?.start ?? at, at));
  }
  return body;
}

function parseRegex(ctx: ParseCtx, toks: ArgTok[], out: ParsedArgs): CommandBody {
  const body: { kind: 'regex'; field?: string; negated: boolean; regex?: { value: string; range: { start: number; end: number } } } = {
    kind: 'regex',
    negated: false,
  };
  const t0 = toks[0];
  const op = toks[1];
  if (isName(t0) && op && op.kind === 'op' && (op.raw === '=' || op.raw === '!=') && isName(toks[2])) {
    body.field = t0.value;
    body.negated = op.raw === '!=';
    body.regex = regexOf(toks[2]);
    for (let i = 3; i < toks.length; ) i = genericItem(ctx, toks, i, toks.length, out);
  } else if (isName(t0)) {
    body.regex = regexOf(t0);
    for (let i = 1; i < toks.length; ) i = genericItem(ctx, toks, i, toks.length, out);
  } else {
    const at = t0 ? t0.start : 0;
    ctx.errors.push(err(ERR.expectedValue, 'regex needs [<field>=|<field>!=]"<regex>"', at, t0 ? t0.end : at));
    for (let i = 0; i < toks.length; ) i = genericItem(ctx, toks, i, toks.length, out);
  }
  return body;
}

// ---------------------------------------------------------------- lookup

function parseLookup(ctx: ParseCtx, toks: ArgTok[], name: string, start: number, out: ParsedArgs): CommandBody {
  const body: Extract<CommandBody, { kind: 'lookup' }> = { kind: 'lookup', inputs: [], outputs: [] };
  const n = toks.length;
  let i = 0;
  for (;;) {
    const next = takeOption(ctx, toks, i, n, out);
    if (next < 0) break;
    i = next;
  }
  const table = toks[i];
  if (!isName(table)) {
    ctx.errors.push(err(ERR.expectedValue, `${name} needs a lookup table name`, table ? table.start : start, table ? table.end : start));
    for (; i < n; ) i = genericItem(ctx, toks, i, n, out);
    return body;
  }
  body.table = { name: table.value, range: { start: table.start, end: table.end } };
  i++;
  let list: LookupField[] = body.inputs;
  while (i < n) {
    const t = toks[i];
    const lw = lower(t);
    if (t.kind === 'comma') {
      i++;
      continue;
    }
    if (t.raw === 'OUTPUT' || t.raw === 'OUTPUTNEW' || lw === 'output' || lw === 'outputnew') {
      body.outputMode = lw === 'output' ? 'OUTPUT' : 'OUTPUTNEW';
      list = body.outputs;
      i++;
      continue;
    }
    if (!isName(t)) {
      i = genericItem(ctx, toks, i, n, out);
      continue;
    }
    const item: LookupField = { field: fieldRef(t) };
    if (lower(toks[i + 1]) === 'as') {
      const target = toks[i + 2];
      if (isName(target) && !/^output(new)?$/i.test(target.raw)) {
        item.as = fieldRef(target);
        i += 3;
      } else {
        ctx.errors.push(err(ERR.expectedField, 'Expected a field name after AS', toks[i + 1].start, toks[i + 1].end));
        i += 2;
      }
    } else i++;
    list.push(item);
  }
  if (body.inputs.length === 0) ctx.errors.push(err(ERR.expectedField, 'lookup needs at least one input field after the table name', table.start, table.end));
  return body;
}

// ---------------------------------------------------------------- convert

function parseConvert(ctx: ParseCtx, toks: ArgTok[], out: ParsedArgs): CommandBody {
  const conversions: Extract<CommandBody, { kind: 'convert' }>['conversions'] = [];
  const n = toks.length;
  for (let i = 0; i < n; ) {
    const t = toks[i];
    const open = toks[i + 1];
    if (t.kind === 'word' && !t.quoted && open && open.kind === 'lparen' && !open.spaceBefore) {
      const close = matchParen(toks, i + 1, n);
      const inner = toks.slice(i + 2, close < 0 ? n : close);
      const f = inner.find(isName);
      let end = close < 0 ? (inner.length ? inner[inner.length - 1].end : open.end) : toks[close].end;
      let j = close < 0 ? n : close + 1;
      if (!f) {
        ctx.errors.push(err(ERR.expectedField, `${t.raw}() needs a field`, t.start, end));
        i = j;
        continue;
      }
      const conv: (typeof conversions)[number] = { func: t.raw.toLowerCase(), field: fieldRef(f), range: { start: t.start, end } };
      if (lower(toks[j]) === 'as' && j < n) {
        const target = toks[j + 1];
        if (isName(target) && j + 1 < n) {
          conv.as = fieldRef(target);
          end = target.end;
          j += 2;
        } else {
          ctx.errors.push(err(ERR.expectedField, 'Expected a field name after AS', toks[j].start, toks[j].end));
          j++;
        }
        conv.range.end = end;
      }
      conversions.push(conv);
      i = j;
      continue;
    }
    i = genericItem(ctx, toks, i, n, out);
  }
  return { kind: 'convert', conversions };
}

// ---------------------------------------------------------------- sort

function parseSort(ctx: ParseCtx, toks: ArgTok[], out: ParsedArgs): CommandBody {
  const body: Extract<CommandBody, { kind: 'sort' }> = { kind: 'sort', keys: [] };
  const n = toks.length;
  let pendingDesc: boolean | undefined;
  for (let i = 0; i < n; ) {
    const t = toks[i];
    const next = takeOption(ctx, toks, i, n, out);
    if (next >= 0) {
      const opt = out.options[out.options.length - 1];
      if (opt.key === 'limit' && /^\d+$/.test(opt.value)) body.limit = Number(opt.value);
      i = next;
      continue;
    }
    if (t.kind === 'comma') {
      i++;
      continue;
    }
    if (t.kind === 'word' && /^\d+$/.test(t.raw) && body.keys.length === 0 && body.limit === undefined && pendingDesc === undefined) {
      body.limit = Number(t.raw);
      i++;
      continue;
    }
    if (t.kind === 'word' && (t.raw === '-' || t.raw === '+')) {
      pendingDesc = t.raw === '-';
      i++;
      continue;
    }
    if (t.kind === 'word' && !t.quoted && (t.raw === 'd' || t.raw === 'desc') && i === n - 1 && body.keys.length > 0) {
      for (const k of body.keys) k.descending = !k.descending;
      i++;
      continue;
    }
    if (isName(t)) {
      let raw = t.value;
      let s = t.start;
      let desc = pendingDesc ?? false;
      if (!t.quoted && (raw.startsWith('-') || raw.startsWith('+')) && raw.length > 1) {
        desc = raw[0] === '-';
        raw = raw.slice(1);
        s++;
      }
      const open = toks[i + 1];
      if (open && open.kind === 'lparen' && !open.spaceBefore && /^(auto|str|ip|num)$/i.test(raw)) {
        const close = matchParen(toks, i + 1, n);
        const f = toks.slice(i + 2, close < 0 ? n : close).find(isName);
        if (f) body.keys.push({ field: fieldRef(f), descending: desc, func: raw.toLowerCase() });
        else ctx.errors.push(err(ERR.expectedField, `${raw}() needs a field`, t.start, open.end));
        i = close < 0 ? n : close + 1;
      } else {
        body.keys.push({ field: { name: raw, range: { start: s, end: t.end } }, descending: desc });
        i++;
      }
      pendingDesc = undefined;
      continue;
    }
    i = genericItem(ctx, toks, i, n, out);
  }
  return body;
}

// ---------------------------------------------------------------- foreach

function parseForeach(ctx: ParseCtx, toks: ArgTok[], out: ParsedArgs): CommandBody {
  const body: Extract<CommandBody, { kind: 'foreach' }> = { kind: 'foreach', fields: [] };
  for (let i = 0; i < toks.length; ) {
    const t = toks[i];
    if (t.kind === 'sub' && !body.template) {
      const closed = ctx.src[t.end - 1] === ']' && t.end - t.start >= 2;
      const s = t.start + 1;
      const e = closed ? t.end - 1 : t.end;
      const text = ctx.src.slice(s, e);
      const substituted = ctx.src.slice(0, s) + text.replace(/<<(\w+)>>/g, '__$1__') + ctx.src.slice(e);
      body.template = { text, range: { start: s, end: e }, pipeline: ctx.parseWith(substituted, s, e, ctx.depth + 1) };
      i++;
      continue;
    }
    const next = takeOption(ctx, toks, i, toks.length, out);
    if (next >= 0) {
      i = next;
      continue;
    }
    if (isName(t)) {
      body.fields.push(fieldRef(t));
      i++;
      continue;
    }
    i = genericItem(ctx, toks, i, toks.length, out);
  }
  if (!body.template) {
    const last = toks[toks.length - 1];
    const at = last ? last.end : 0;
    ctx.errors.push(err(ERR.expectedValue, 'foreach needs a [subpipeline] template such as [eval <<FIELD>>=...]', at, at));
  }
  return body;
}
