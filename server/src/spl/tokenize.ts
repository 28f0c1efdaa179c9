// Lexical layer of the SPL parser. Three scanners, all working on absolute offsets into the text
// being parsed (never on copies), so every token range is a range of the original text:
//   - `blankComments`: finds ```comments``` and returns the text with them replaced by spaces;
//   - `splitPipeline`: splits a range at top-level pipes (outside quotes, macros and [brackets]);
//   - `lexArgs`: tokens of command arguments and search clauses (words, strings, operators, …);
//   - `lexEval`: tokens of eval expressions (numbers, strings, 'fields', identifiers, operators).
// Scanners never throw; unterminated constructs are reported once, by the scanner that owns them.

import type { Range, SyntaxError } from './ast';

export const ERR = {
  quote: 'dw.spl.unbalanced-quote',
  paren: 'dw.spl.unbalanced-paren',
  bracket: 'dw.spl.unbalanced-bracket',
  backtick: 'dw.spl.unbalanced-backtick',
  comment: 'dw.spl.unterminated-comment',
  emptyCommand: 'dw.spl.empty-command',
  expectedValue: 'dw.spl.expected-value',
  expectedExpr: 'dw.spl.expected-expression',
  expectedField: 'dw.spl.expected-field',
  unexpected: 'dw.spl.unexpected-token',
  invalidMacro: 'dw.spl.invalid-macro',
  tooDeep: 'dw.spl.nesting-too-deep',
} as const;

export function err(code: string, message: string, start: number, end: number): SyntaxError {
  return { code, message, range: { start, end: Math.max(start, end) } };
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';

/** End offset (exclusive) of a double-quoted string starting at `start` (`src[start] === '"'`); -1 when unterminated. */
export function scanString(src: string, start: number, end: number): number {
  let i = start + 1;
  for (;;) {
    i = nextOf(STRING_SPECIAL, src, i, end);
    if (i >= end) return -1;
    if (src[i] === '"') return i + 1;
    i += 2; // backslash escapes the next character
  }
}

const STRING_SPECIAL = /["\\]/g;
const PIPE_SPECIAL = /[\\"`[\]|]/g;

/** Offset of the next match of the global regex `re` at or after `i` (or `end`). */
function nextOf(re: RegExp, src: string, i: number, end: number): number {
  if (i >= end) return end;
  re.lastIndex = i;
  const m = re.exec(src);
  return m && m.index < end ? m.index : end;
}

/** Offset of the backtick closing a macro opened at `start`; -1 when there is none before `end`. */
export function scanMacroEnd(src: string, start: number, end: number): number {
  const j = src.indexOf('`', start + 1);
  return j >= 0 && j < end ? j : -1;
}

// ---------------------------------------------------------------- comments

/** Replace ```comments``` (outside double quotes) by spaces, keeping offsets. */
export function blankComments(text: string): { text: string; comments: Range[]; errors: SyntaxError[] } {
  const comments: Range[] = [];
  const errors: SyntaxError[] = [];
  if (!text.includes('```')) return { text, comments, errors };
  let out = '';
  let last = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
    } else if (c === '"') {
      const e = scanString(text, i, n);
      if (e < 0) break;
      i = e - 1;
    } else if (c === '`' && text.startsWith('```', i)) {
      const close = text.indexOf('```', i + 3);
      const stop = close < 0 ? n : close + 3;
      if (close < 0) errors.push(err(ERR.comment, 'Unterminated ```comment```: add the closing ```', i, i + 3));
      comments.push({ start: i, end: stop });
      out += text.slice(last, i) + text.slice(i, stop).replace(/[^\r\n]/g, ' ');
      last = stop;
      i = stop - 1;
    }
  }
  out += text.slice(last);
  return { text: out, comments, errors };
}

// ---------------------------------------------------------------- pipes

export interface Segment {
  start: number;
  end: number;
  /** Offset of the `|` that precedes this segment, or -1 for the first one. */
  pipe: number;
}

/**
 * Split `[start, end)` at top-level pipes. Reports unterminated quotes, macros and brackets
 * (once per search: nested ranges are not re-reported by their own split because they are
 * scanned only when balanced).
 */
export function splitPipeline(src: string, start: number, end: number, errors: SyntaxError[]): Segment[] {
  const segs: Segment[] = [];
  let segStart = start;
  let pipe = -1;
  const brackets: number[] = [];
  for (let i = nextOf(PIPE_SPECIAL, src, start, end); i < end; i = nextOf(PIPE_SPECIAL, src, i + 1, end)) {
    const c = src[i];
    if (c === '\\') {
      i++;
    } else if (c === '"') {
      const e = scanString(src, i, end);
      if (e < 0) {
        errors.push(err(ERR.quote, unterminatedQuoteMessage(src, i, end), i, i + 1));
        break;
      }
      i = e - 1;
    } else if (c === '`') {
      const e = scanMacroEnd(src, i, end);
      if (e < 0) {
        errors.push(err(ERR.backtick, 'Unbalanced backtick: a macro call needs a closing `', i, i + 1));
        continue;
      }
      i = e;
    } else if (c === '[') {
      brackets.push(i);
    } else if (c === ']') {
      if (brackets.length === 0) errors.push(err(ERR.bracket, 'Unbalanced "]": no subsearch is open', i, i + 1));
      else brackets.pop();
    } else if (c === '|' && brackets.length === 0) {
      segs.push({ start: segStart, end: i, pipe });
      pipe = i;
      segStart = i + 1;
    }
  }
  for (const b of brackets) errors.push(err(ERR.bracket, 'Unbalanced "[": the subsearch is not closed with "]"', b, b + 1));
  segs.push({ start: segStart, end, pipe });
  return segs;
}

function unterminatedQuoteMessage(src: string, open: number, end: number): string {
  const body = src.slice(open, Math.min(end, open + 400));
  if (/\\"(\s|\)|,|$)/.test(body)) {
    return 'Unbalanced quotes: the string is not closed. A backslash before a quote escapes it, so "C:\\dir\\" does not end at the last quote; write "C:\\dir\\\\"';
  }
  return 'Unbalanced quotes: the string is not closed';
}

// ---------------------------------------------------------------- argument / search-clause tokens

export type ArgTokKind = 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma' | 'sub' | 'macro' | 'error';

export interface ArgTok {
  kind: ArgTokKind;
  start: number;
  end: number;
  /** Raw text. */
  raw: string;
  /** word/string: text with quotes removed and `\"`, `\\` unescaped. */
  value: string;
  /** word/string: some part was written in double quotes. */
  quoted: boolean;
  /** Whitespace (or the range start) precedes the token. */
  spaceBefore: boolean;
}

/** Remove quotes of a word/string as written and unescape `\"` and `\\` (other backslashes stay). */
export function unquote(raw: string): string {
  if (raw.indexOf('"') < 0 && raw.indexOf('\\') < 0) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && i + 1 < raw.length && (raw[i + 1] === '"' || raw[i + 1] === '\\')) {
      out += raw[i + 1];
      i++;
    } else if (c !== '"') out += c;
  }
  return out;
}

const WORD_STOP = new Set(['(', ')', '[', ']', '|', ',', '=', '<', '>', '`', '"']);

/** Matching `]` for the `[` at `start`, respecting quotes and macros; -1 when unbalanced. */
export function scanBracketEnd(src: string, start: number, end: number): number {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '"') {
      const e = scanString(src, i, end);
      if (e < 0) return -1;
      i = e - 1;
    } else if (c === '`') {
      const e = scanMacroEnd(src, i, end);
      if (e >= 0) i = e;
    } else if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * Tokens of `[start, end)` in argument mode. After a comparison operator the next value is read
 * in value mode: everything up to whitespace, a quote, `,`, `|`, brackets or parentheses (so
 * `url=*?a=b*` is a single value), and a quoted value ends at its closing quote.
 */
/** Macro calls and subsearches lex the same way in command arguments and in eval text. */
function nestedToken(src: string, i: number, end: number): { kind: 'macro' | 'sub' | 'error'; end: number } | undefined {
  const c = src[i];
  if (c === '`') {
    const e = scanMacroEnd(src, i, end);
    return e < 0 ? { kind: 'error', end: i + 1 } : { kind: 'macro', end: e + 1 };
  }
  if (c === '[') {
    const e = scanBracketEnd(src, i, end);
    return { kind: 'sub', end: e < 0 ? end : e + 1 };
  }
  return undefined;
}

/** One-character tokens of command arguments (a stray `]` is an error token). */
const SINGLE_CHAR_ARG_TOKENS: Record<string, ArgTokKind | undefined> = { ']': 'error', '(': 'lparen', ')': 'rparen', ',': 'comma' };

export function lexArgs(src: string, start: number, end: number): ArgTok[] {
  const toks: ArgTok[] = [];
  let i = start;
  let valueMode = false;
  let space = true;
  const push = (kind: ArgTokKind, s: number, e: number, quoted = false): void => {
    const raw = src.slice(s, e);
    toks.push({
      kind,
      start: s,
      end: e,
      raw,
      value: kind === 'word' || kind === 'string' ? unquote(raw) : raw,
      quoted,
      spaceBefore: space,
    });
    space = false;
  };
  while (i < end) {
    const c = src[i];
    if (isSpace(c)) {
      space = true;
      i++;
      continue;
    }
    const afterOp = valueMode;
    if (valueMode) {
      valueMode = false;
      if (c !== '"' && c !== ',' && c !== '|' && c !== ']' && c !== ')' && c !== '(' && c !== '`' && c !== '[') {
        const e = scanValue(src, i, end);
        // Quoted only when the value holds a real quote: `\"` is an escaped, literal quote
        // (`requestObject=*\"privileged\":true*` is an unquoted value).
        push('word', i, e, hasUnescapedQuote(src, i, e));
        i = e;
        continue;
      }
    }
    if (c === '"') {
      const e = afterOp ? { end: scanString(src, i, end) < 0 ? end : scanString(src, i, end), glued: false } : scanGlued(src, i, end);
      const s = scanString(src, i, end);
      push(e.glued ? 'word' : 'string', i, e.end, true);
      i = e.end;
      if (s < 0) break;
      continue;
    }
    const nested = nestedToken(src, i, end);
    if (nested) {
      push(nested.kind, i, nested.end);
      i = nested.end;
      continue;
    }
    const single = SINGLE_CHAR_ARG_TOKENS[c];
    if (single) {
      push(single, i, i + 1);
      i++;
      continue;
    }
    if (c === '=' || c === '<' || c === '>' || (c === '!' && src[i + 1] === '=')) {
      let e = i + 1;
      if (src[e] === '=' && e < end) e++;
      push('op', i, e);
      i = e;
      valueMode = true;
      continue;
    }
    if (c === '|') {
      push('error', i, i + 1);
      i++;
      continue;
    }
    // word: runs until whitespace or a stop character; a quoted part glued to it joins it.
    let e = i;
    let quoted = false;
    while (e < end) {
      e = plainRunEnd(src, e, end);
      if (e >= end) break;
      const d = src[e];
      if (d === '\\' && e + 1 < end) {
        e += 2;
        continue;
      }
      if (isSpace(d)) break;
      if (d === '!' && src[e + 1] === '=') break;
      if (d === '"') {
        const s = scanString(src, e, end);
        if (s < 0) break;
        quoted = true;
        e = s;
        continue;
      }
      if (WORD_STOP.has(d)) break;
      e++;
    }
    if (e === i) e = i + 1;
    push('word', i, e, quoted);
    i = e;
  }
  return toks;
}

/** Whether `src[start, end)` holds a `"` that no backslash escapes. */
function hasUnescapedQuote(src: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const ch = src[k];
    if (ch === '\\') k++;
    else if (ch === '"') return true;
  }
  return false;
}

const PLAIN_WORD_END = /[\s()[\]|,=<>`"!\\]/g;

/** End of the run of characters at `i` that never need special handling inside a word. */
function plainRunEnd(src: string, i: number, end: number): number {
  return nextOf(PLAIN_WORD_END, src, i, end);
}

/** A double-quoted string plus any word characters or strings glued to it (`"Web".*`). */
function scanGlued(src: string, start: number, end: number): { end: number; glued: boolean } {
  let e = scanString(src, start, end);
  if (e < 0) return { end, glued: false };
  let glued = false;
  while (e < end) {
    const d = src[e];
    if (d === '"') {
      const s = scanString(src, e, end);
      if (s < 0) break;
      e = s;
      glued = true;
      continue;
    }
    if (isSpace(d) || WORD_STOP.has(d) || (d === '!' && src[e + 1] === '=')) break;
    if (d === '\\' && e + 1 < end) e++;
    e++;
    glued = true;
  }
  return { end: e, glued };
}

function scanValue(src: string, start: number, end: number): number {
  // Parentheses written inside a value (`*GetCurrent()*`) belong to it when balanced; an opening
  // parenthesis left open when the value ends is not part of it (`relative_time(now(), …)`).
  const opens: number[] = [];
  let e = start;
  while (e < end) {
    const d = src[e];
    if (d === '\\' && e + 1 < end) {
      e += 2;
      continue;
    }
    if (isSpace(d) || d === ',' || d === '|' || d === ']' || d === '[' || d === '`' || d === '"') break;
    if (d === '(') {
      if (e === start) break;
      opens.push(e);
    } else if (d === ')') {
      if (opens.length === 0) break;
      opens.pop();
    }
    e++;
  }
  if (opens.length) e = opens[0];
  return e === start ? start + 1 : e;
}

// ---------------------------------------------------------------- eval tokens

export type EvalTokKind = 'num' | 'str' | 'qfield' | 'ident' | 'op' | 'lparen' | 'rparen' | 'comma' | 'macro' | 'sub' | 'error';

export interface EvalTok {
  kind: EvalTokKind;
  start: number;
  end: number;
  raw: string;
  /** str: unescaped content; qfield: name; others: raw. */
  value: string;
}

const EVAL_OPS = ['==', '!=', '<=', '>=', '=', '<', '>', '+', '-', '*', '/', '%', '.', '!'];
const isLetter = (k: number): boolean => (k >= 65 && k <= 90) || (k >= 97 && k <= 122) || k > 127;
const isDigit = (k: number): boolean => k >= 48 && k <= 57;
/** First character of an eval identifier: letter, `_`, `@`, `$`, `{`. */
const identStart = (c: string): boolean => {
  const k = c.charCodeAt(0);
  return isLetter(k) || k === 95 || k === 64 || k === 36 || k === 123;
};
/** Later characters: also digits, `:` and `}`. */
const identPart = (c: string): boolean => {
  const k = c.charCodeAt(0);
  return isLetter(k) || isDigit(k) || k === 95 || k === 64 || k === 36 || k === 58 || k === 123 || k === 125;
};

/** Unescape the content of an eval/where double-quoted string: `\"` → `"`, `\\` → `\`. */
export function unescapeEvalString(raw: string): string {
  return unquote(raw);
}

export function lexEval(src: string, start: number, end: number): EvalTok[] {
  const toks: EvalTok[] = [];
  let i = start;
  const push = (kind: EvalTokKind, s: number, e: number, value?: string): void => {
    const raw = src.slice(s, e);
    toks.push({ kind, start: s, end: e, raw, value: value ?? raw });
  };
  while (i < end) {
    const c = src[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      const e = scanString(src, i, end);
      const stop = e < 0 ? end : e;
      push('str', i, stop, unescapeEvalString(src.slice(i + 1, e < 0 ? end : e - 1)));
      i = stop;
      continue;
    }
    if (c === "'") {
      let e = i + 1;
      while (e < end && src[e] !== "'") e += src[e] === '\\' ? 2 : 1;
      const stop = Math.min(end, e + 1);
      push(e < end ? 'qfield' : 'error', i, stop, src.slice(i + 1, Math.min(e, end)).replace(/\\(['\\])/g, '$1'));
      i = stop;
      continue;
    }
    const nested = nestedToken(src, i, end);
    if (nested) {
      push(nested.kind, i, nested.end);
      i = nested.end;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      push(c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', i, i + 1);
      i++;
      continue;
    }
    if (isDigit(c.charCodeAt(0)) || (c === '.' && isDigit((src[i + 1] ?? '').charCodeAt(0)))) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i, Math.min(end, i + 64)));
      let e = i + (m ? m[0].length : 1);
      if (e < end && (identPart(src[e]) || (src[e] === '.' && identStart(src[e + 1] ?? '')))) {
        // a name starting with a digit (`3d_field`), not a number
        e = scanIdent(src, i, end);
        push('ident', i, e);
      } else push('num', i, e);
      i = e;
      continue;
    }
    if (identStart(c)) {
      const e = scanIdent(src, i, end);
      push('ident', i, e);
      i = e;
      continue;
    }
    const op = EVAL_OPS.find((o) => src.startsWith(o, i) && i + o.length <= end);
    if (op) {
      push('op', i, i + op.length);
      i += op.length;
      continue;
    }
    push('error', i, i + 1);
    i++;
  }
  return toks;
}

function scanIdent(src: string, start: number, end: number): number {
  let e = start;
  while (e < end) {
    const d = src[e];
    if (identPart(d)) e++;
    else if (d === '.' && e + 1 < end && (identPart(src[e + 1]) || src[e + 1] === '{')) e++;
    else break;
  }
  return e === start ? start + 1 : e;
}
