// A fast reader for the few keys the content index needs from a YAML file. It finds the items of
// the top-level mapping with native string searches (lines starting in column 0), skips the
// values it does not need, and reads the wanted ones — scalars of every style, block and one-line
// flow sequences of scalars, nested block mappings — giving the same JavaScript values as js-yaml's
// default (core) schema. Quoted and plain scalars without escapes are folded with a regex (the
// same rules as the exact scanner `scanScalar`, which reads escapes and block scalars).
// Anything it does not fully understand (anchors, tags, flow mappings, multi-line sequence items,
// odd indentation, suspicious syntax, a BOM, …) makes it answer `undefined`: the caller then
// parses the file with js-yaml, so the result never differs from js-yaml's for valid content.
import { CORE_SCHEMA } from 'js-yaml';
import { scanScalar, ScalarStyle } from '../yaml/scalarMap';

/** Keys to read: `true` for a value, or a nested spec for a mapping value (tags → analytic_story). */
export interface KeySpec {
  readonly [key: string]: true | KeySpec;
}

/** Thrown internally when the text needs a real YAML parser. */
const UNSUPPORTED: unique symbol = Symbol('unsupported');

function unsupported(): never {
  throw UNSUPPORTED;
}

const SP = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d, HASH = 0x23, DASH = 0x2d, COLON = 0x3a, QMARK = 0x3f;
const SQUOTE = 0x27, DQUOTE = 0x22, PIPE = 0x7c, GT = 0x3e, LBRACKET = 0x5b, RBRACKET = 0x5d, COMMA = 0x2c;

/** Characters js-yaml refuses anywhere in a stream. */
const NON_PRINTABLE =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/** A simple mapping key at the current position, with its colon. */
const KEY_RE = /([A-Za-z_][\w.-]*)[ \t]*:(?=[ \t\r\n]|$)/y;
/** Keys js-yaml would turn into another key (null/bool resolution) or treat specially. */
const SPECIAL_KEY = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|__proto__)$/;
/** A block scalar header without an explicit indentation indicator, with an optional comment. */
const BLOCK_HEADER = /^[|>][+-]?(?:[ \t]+(?:#.*)?)?$/;
/** Characters that may not start a plain scalar (c-indicators besides `-?:`, handled apart). */
const PLAIN_FORBIDDEN_START = new Set([...',[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));
/** In a plain scalar: `: ` (a nested mapping for js-yaml) and ` #` (a comment). */
const PLAIN_COLON = /:(?=[ \t\r\n]|$)/;
const PLAIN_COMMENT = /(?:^|[ \t\r\n])#/;
/** Continuation lines of a top-level plain scalar that this reader leaves to js-yaml. */
const PLAIN_ODD_CONTINUATION = /\n(?:[^ \r\n]| *\t| *[-?:#])/;
/** A line break with the white space around it and the empty lines after it. */
const FOLD = /[ \t]*\r?\n[ \t\r\n]*/g;

const isWhite = (c: number) => c === SP || c === TAB;

function nextLine(t: string, i: number): number {
  const j = t.indexOf('\n', i);
  return j < 0 ? t.length : j + 1;
}

/** End of the line holding `i`, without its line break. */
function contentEnd(t: string, i: number): number {
  let e = t.indexOf('\n', i);
  if (e < 0) e = t.length;
  if (e > i && t.charCodeAt(e - 1) === CR) e--;
  return e;
}

const enum Kind {
  Blank,
  Comment,
  Content,
}

interface LineInfo {
  kind: Kind;
  /** Number of leading spaces. */
  indent: number;
  /** Offset of the first non-white character (the line end for blank lines). */
  first: number;
  /** Line end without the break. */
  end: number;
}

function lineInfo(t: string, ls: number): LineInfo {
  const end = contentEnd(t, ls);
  let k = ls;
  while (k < end && t.charCodeAt(k) === SP) k++;
  const indent = k - ls;
  while (k < end && isWhite(t.charCodeAt(k))) k++;
  if (k === end) return { kind: Kind.Blank, indent, first: end, end };
  if (t.charCodeAt(k) === HASH) return { kind: Kind.Comment, indent, first: k, end };
  if (k !== ls + indent) unsupported(); // a tab in the indentation of a content line
  return { kind: Kind.Content, indent, first: k, end };
}

/** `-` followed by white space or the line end: a block sequence entry. */
function isSeqDash(t: string, i: number, end: number): boolean {
  return t.charCodeAt(i) === DASH && (i + 1 >= end || isWhite(t.charCodeAt(i + 1)));
}

/** Is there a content (non-blank, non-comment) line in [from, to)? */
function hasContent(t: string, from: number, to: number): boolean {
  for (let ls = from; ls < to; ls = nextLine(t, ls)) if (lineInfo(t, ls).kind === Kind.Content) return true;
  return false;
}

/** Does a quoted scalar continue on a line (after `from`, before `qe`) not indented more than `ind`? */
function deficientContinuation(t: string, from: number, qe: number, ind: number): boolean {
  for (let ls = nextLine(t, from); ls < qe; ls = nextLine(t, ls)) {
    let k = ls;
    while (k < qe && isWhite(t.charCodeAt(k))) k++;
    if (k < qe && t.charCodeAt(k) !== LF && t.charCodeAt(k) !== CR && k - ls <= ind) return true;
  }
  return false;
}

/** After a closed scalar or collection: only white space and a comment may follow on the line. */
function checkRestOfLine(t: string, p: number): void {
  const end = contentEnd(t, p);
  const from = p;
  while (p < end && isWhite(t.charCodeAt(p))) p++;
  if (p < end && !(t.charCodeAt(p) === HASH && p > from)) unsupported();
}

/**
 * Offset just after the closing quote of the quoted scalar opening at `start` (a `''` pair or a
 * backslash-escaped `"` does not close it), or undefined when the text ends first.
 */
function quotedEnd(t: string, start: number): number | undefined {
  const q = t.charCodeAt(start);
  let i = start + 1;
  for (;;) {
    const j = t.indexOf(q === SQUOTE ? "'" : '"', i);
    if (j < 0) return undefined;
    if (q === SQUOTE) {
      if (t.charCodeAt(j + 1) === SQUOTE) {
        i = j + 2;
        continue;
      }
      return j + 1;
    }
    let backslashes = 0;
    for (let k = j - 1; k > start && t.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return j + 1;
    i = j + 1;
  }
}

function scanned(t: string, start: number, end: number, style: ScalarStyle, blockIndent?: number): string {
  const s = scanScalar(t, start, end, style, blockIndent === undefined ? {} : { blockIndent });
  if (s.errors.length) unsupported();
  return s.value;
}

/**
 * A copy of a value that does not keep the whole file text alive: V8 represents a slice of 13 or
 * more characters as a view into its parent string, and the index keeps its values for long.
 * (Prepending a character makes V8 build a new string; slicing it again only refers to that.)
 */
function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * Line folding of a flow scalar's content without escapes: a line break and the white space
 * around it become a space, or one line feed per empty line that follows it.
 */
export function foldLines(s: string): string {
  if (!s.includes('\n')) return s;
  return s.replace(FOLD, (m) => {
    let breaks = 0;
    for (let i = 0; i < m.length; i++) if (m.charCodeAt(i) === LF) breaks++;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

/** The value of the quoted scalar [start, qe) (quotes included). */
function quotedValue(t: string, start: number, qe: number): string {
  const single = t.charCodeAt(start) === SQUOTE;
  const content = t.slice(start + 1, qe - 1);
  if (!single && content.includes('\\')) {
    // An escaped line break followed by empty lines: js-yaml, PyYAML and scanScalar disagree.
    if (/\\\r?\n[ \t]*\r?\n/.test(content)) unsupported();
    return scanned(t, start, qe, 'QUOTE_DOUBLE');
  }
  const folded = content.includes('\n') ? foldLines(content) : ownCopy(content);
  return single && folded.includes("''") ? folded.replace(/''/g, "'") : folded;
}

/** A plain scalar's value as js-yaml's core schema reads it (null, bool, number or string). */
function resolvePlain(value: string): unknown {
  return (CORE_SCHEMA as unknown as { resolveImplicitScalarTag(s: string): { value: unknown } })
    .resolveImplicitScalarTag(value).value;
}

/** Refuses a plain scalar starting at `vs` with an indicator (`-?:` + space, `[`, `'`, `&`, …). */
function checkPlainStart(t: string, vs: number, end: number): void {
  const c = t.charCodeAt(vs);
  if (PLAIN_FORBIDDEN_START.has(c)) unsupported();
  if ((c === DASH || c === QMARK || c === COLON) && (vs + 1 >= end || isWhite(t.charCodeAt(vs + 1)))) unsupported();
}

/** Trims white space before `end` (not before `from`). */
function trimEnd(t: string, from: number, end: number): number {
  while (end > from && isWhite(t.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * A one-line plain scalar [vs, lineEnd) in block context, a comment allowed after it: its value.
 * Text js-yaml would read as a nested mapping (`: `) is left to js-yaml.
 */
function plainLineValue(t: string, vs: number, lineEnd: number): unknown {
  checkPlainStart(t, vs, lineEnd);
  let s = t.slice(vs, lineEnd);
  const comment = s.search(PLAIN_COMMENT);
  if (comment >= 0) s = s.slice(0, comment);
  if (PLAIN_COLON.test(s)) unsupported();
  return resolvePlain(ownCopy(s.slice(0, trimEnd(s, 0, s.length))));
}

/** Offset just after the last non-white character in [from, to) (`from` when there is none). */
function lastContent(t: string, from: number, to: number): number {
  let e = to;
  while (e > from) {
    const c = t.charCodeAt(e - 1);
    if (c !== SP && c !== TAB && c !== LF && c !== CR) break;
    e--;
  }
  return e;
}

/**
 * A plain scalar of a top-level key: first line at [vs, lineEnd), continuation lines in
 * [from, to) (lines starting with a space, and blank or comment lines).
 */
function readTopPlain(t: string, vs: number, lineEnd: number, from: number, to: number): unknown {
  if (!hasContent(t, from, to)) return plainLineValue(t, vs, lineEnd);
  checkPlainStart(t, vs, lineEnd);
  const s = t.slice(vs, lastContent(t, from, to));
  if (PLAIN_COMMENT.test(s) || PLAIN_COLON.test(s) || PLAIN_ODD_CONTINUATION.test(s)) unsupported();
  return resolvePlain(foldLines(s));
}

/** A nested plain scalar whose first line starts at `vs`; continuation lines lie in [from, to). */
function readNestedPlain(t: string, vs: number, lineEnd: number, from: number, to: number, ind: number): unknown {
  if (!hasContent(t, from, to)) return plainLineValue(t, vs, lineEnd);
  checkPlainStart(t, vs, lineEnd);
  let end = lineEnd;
  for (let ls = from; ls < to; ls = nextLine(t, ls)) {
    const l = lineInfo(t, ls);
    if (l.kind === Kind.Blank) continue;
    if (l.kind === Kind.Comment || l.indent <= ind) unsupported();
    end = l.end;
  }
  const s = t.slice(vs, trimEnd(t, vs, end));
  if (PLAIN_COMMENT.test(s) || PLAIN_COLON.test(s) || PLAIN_ODD_CONTINUATION.test(s)) unsupported();
  return resolvePlain(foldLines(s));
}

/** End of a plain scalar item in a one-line flow sequence (at `,` or `]`), trimmed. */
function flowPlainEnd(t: string, p: number, lineEnd: number): number {
  checkPlainStart(t, p, lineEnd);
  let e = p;
  for (; e < lineEnd; e++) {
    const ch = t.charCodeAt(e);
    if (ch === COMMA || ch === RBRACKET) break;
    // `a:b`, `a: b`, nested collections and comments in flow: left to js-yaml
    if (ch === COLON || ch === LBRACKET || ch === 0x7b || ch === 0x7d || (ch === HASH && isWhite(t.charCodeAt(e - 1)))) unsupported();
  }
  return trimEnd(t, p, e);
}

/** A one-line flow sequence of scalars `[a, 'b', "c"]` starting at `vs`; returns items and end. */
function readFlowSequence(t: string, vs: number): { items: unknown[]; end: number } {
  const lineEnd = contentEnd(t, vs);
  const items: unknown[] = [];
  let p = vs + 1;
  const skip = () => {
    while (p < lineEnd && isWhite(t.charCodeAt(p))) p++;
  };
  skip();
  if (t.charCodeAt(p) === RBRACKET) return { items, end: p + 1 };
  for (;;) {
    skip();
    if (p >= lineEnd) unsupported(); // multi-line flow sequences are left to js-yaml
    const c = t.charCodeAt(p);
    if (c === SQUOTE || c === DQUOTE) {
      const qe = quotedEnd(t, p);
      if (qe === undefined || qe > lineEnd) unsupported();
      items.push(quotedValue(t, p, qe));
      p = qe;
    } else {
      const e = flowPlainEnd(t, p, lineEnd);
      if (e === p) unsupported();
      items.push(resolvePlain(ownCopy(t.slice(p, e))));
      p = e;
    }
    skip();
    const sep = t.charCodeAt(p);
    if (sep === RBRACKET) return { items, end: p + 1 };
    if (sep !== COMMA) unsupported();
    p++;
    skip();
    if (t.charCodeAt(p) === RBRACKET) return { items, end: p + 1 }; // trailing comma
  }
}

/** A block sequence of one-line scalars whose entries sit at indentation `i`, in [from, to). */
function readBlockSequence(t: string, from: number, to: number, i: number): unknown[] {
  const items: unknown[] = [];
  for (let ls = from; ls < to; ls = nextLine(t, ls)) {
    const l = lineInfo(t, ls);
    if (l.kind !== Kind.Content) continue;
    if (l.indent !== i || !isSeqDash(t, l.first, l.end)) unsupported();
    let vs = l.first + 1;
    while (vs < l.end && isWhite(t.charCodeAt(vs))) vs++;
    const c = t.charCodeAt(vs);
    if (vs >= l.end || c === HASH) {
      items.push(null); // more-indented lines after it are refused by the check above
    } else if (c === SQUOTE || c === DQUOTE) {
      const qe = quotedEnd(t, vs);
      if (qe === undefined || qe > l.end) unsupported();
      checkRestOfLine(t, qe);
      items.push(quotedValue(t, vs, qe));
    } else {
      items.push(plainLineValue(t, vs, l.end));
    }
  }
  return items;
}

/** The block node below a key with an empty value, in [from, to): null, a sequence or a mapping. */
function readBlockNode(t: string, from: number, to: number, ind: number, want: true | KeySpec): unknown {
  for (let ls = from; ls < to; ls = nextLine(t, ls)) {
    const l = lineInfo(t, ls);
    if (l.kind !== Kind.Content) continue;
    if (isSeqDash(t, l.first, l.end)) {
      if (want !== true) unsupported();
      return readBlockSequence(t, from, to, l.indent);
    }
    if (want === true || l.indent <= ind) unsupported(); // a scalar on the next line, or a mapping
    return readBlockMapping(t, from, to, l.indent, want).values;
  }
  return null;
}

/** One key line of a mapping: the key, where its value starts, and the line it is on. */
interface KeyLine {
  key: string;
  /** Offset of the value's first character (after the colon and white space). */
  vs: number;
  /** End of the key's line (without the break) and start of the next line. */
  lineEnd: number;
  after: number;
}

function keyLine(t: string, first: number): KeyLine {
  KEY_RE.lastIndex = first;
  const m = KEY_RE.exec(t);
  if (!m) unsupported();
  const key = m[1];
  if (SPECIAL_KEY.test(key)) unsupported();
  const lineEnd = contentEnd(t, first);
  let vs = first + m[0].length;
  while (vs < lineEnd && isWhite(t.charCodeAt(vs))) vs++;
  return { key, vs, lineEnd, after: nextLine(t, lineEnd) };
}

/** End of a block scalar's body: the first non-blank line not indented more than `ind`. */
function blockBodyEnd(t: string, from: number, end: number, ind: number): number {
  let be = from;
  while (be < end) {
    const b = lineInfo(t, be);
    if (b.kind !== Kind.Blank && b.indent <= ind) break;
    be = nextLine(t, be);
  }
  return be;
}

function blockValue(t: string, k: KeyLine, bodyEnd: number, ind: number): string {
  if (!BLOCK_HEADER.test(t.slice(k.vs, k.lineEnd))) unsupported();
  return scanned(t, k.vs, bodyEnd, t.charCodeAt(k.vs) === PIPE ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED', ind);
}

/**
 * A wanted value that is not quoted and not a block scalar: empty (a block node below, in
 * [k.after, to)), a one-line flow sequence, or a plain scalar (continuing in [k.after, to)).
 */
function readOtherValue(t: string, k: KeyLine, to: number, ind: number, want: true | KeySpec): unknown {
  const c = t.charCodeAt(k.vs);
  if (k.vs >= k.lineEnd || c === HASH) return readBlockNode(t, k.after, to, ind, want);
  if (want !== true) unsupported();
  if (c === LBRACKET) {
    const flow = readFlowSequence(t, k.vs);
    checkRestOfLine(t, flow.end);
    if (hasContent(t, k.after, to)) unsupported();
    return flow.items;
  }
  return ind === 0 ? readTopPlain(t, k.vs, k.lineEnd, k.after, to) : readNestedPlain(t, k.vs, k.lineEnd, k.after, to, ind);
}

const wantOf = (spec: KeySpec, key: string) => (Object.prototype.hasOwnProperty.call(spec, key) ? spec[key] : undefined);

/** Per indentation n: a line break followed by a line indented at most n that starts an item. */
const ITEM_LINE: RegExp[] = [];

/**
 * Start of the first line at or after the line start `from` (and before `end`) that is indented
 * at most `ind` and is neither blank nor a comment: the next item of a mapping at `ind`, or the
 * end of it. More-indented lines are skipped by a native regex search, so the values that are not
 * wanted cost almost nothing.
 */
function nextItem(t: string, from: number, end: number, ind: number): number {
  if (from >= end) return end;
  let k = from;
  while (k - from <= ind && t.charCodeAt(k) === SP) k++;
  const c = t.charCodeAt(k);
  if (k - from <= ind && c !== LF && c !== CR && c !== HASH && c !== TAB && k < t.length) return from;
  if (c === TAB) lineInfo(t, from); // refuses a tab in the indentation of a content line
  const re = (ITEM_LINE[ind] ??= new RegExp(`\\n {0,${ind}}(?=[^ \\r\\n#])`, 'g'));
  re.lastIndex = from;
  const m = re.exec(t);
  return m && m.index + 1 < end ? m.index + 1 : end;
}

/** Number of leading spaces of the line at `ls`. */
function indentAt(t: string, ls: number): number {
  let k = ls;
  while (t.charCodeAt(k) === SP) k++;
  return k - ls;
}

/**
 * Reads the block mapping whose keys sit at indentation `ind` in [start, end), collecting the
 * wanted keys. Quoted values of the top-level mapping (ind 0) may continue in column 0 (PyYAML
 * accepts that, and so does this project's js-yaml reader); in nested mappings, quoted values
 * continuing on lines not indented more than the key are left to js-yaml (it refuses them).
 */
function readBlockMapping(t: string, start: number, end: number, ind: number, spec: KeySpec): { values: Record<string, unknown>; keys: number } {
  const values: Record<string, unknown> = {};
  const seen = new Set<string>();
  let ls = nextItem(t, start, end, ind);
  if (hasContent(t, start, ls)) unsupported(); // more-indented text before the first key
  while (ls < end) {
    if (indentAt(t, ls) !== ind) unsupported();
    const k = keyLine(t, ls + ind);
    if (seen.has(k.key)) unsupported(); // js-yaml refuses duplicate keys
    seen.add(k.key);
    const want = wantOf(spec, k.key);
    const c = t.charCodeAt(k.vs);
    if (c === SQUOTE || c === DQUOTE) {
      const qe = quotedEnd(t, k.vs);
      if (qe === undefined || qe > end) unsupported();
      checkRestOfLine(t, qe);
      if (ind > 0 && qe > k.lineEnd && deficientContinuation(t, k.lineEnd, qe, ind)) unsupported();
      if (want !== undefined) {
        if (want !== true || (ind > 0 && qe > k.lineEnd)) unsupported(); // nested multi-line quoted: js-yaml decides
        values[k.key] = quotedValue(t, k.vs, qe);
      }
      const after = nextLine(t, qe);
      ls = nextItem(t, after, end, ind);
      if (hasContent(t, after, ls)) unsupported(); // more-indented text after a closed scalar
    } else if (k.vs < k.lineEnd && (c === PIPE || c === GT)) {
      const be = blockBodyEnd(t, k.after, end, ind);
      if (want !== undefined) {
        if (want !== true) unsupported();
        values[k.key] = blockValue(t, k, be, ind);
      }
      ls = nextItem(t, be, end, ind);
      if (hasContent(t, be, ls)) unsupported(); // more-indented text after a comment that ended the scalar
    } else {
      // After an empty value (`key:`), compact sequence entries (`- x` at the key's indentation)
      // belong to it; after any other value they are an error, left to js-yaml.
      let next = nextItem(t, k.after, end, ind);
      if (k.vs >= k.lineEnd || c === HASH) {
        while (next < end && indentAt(t, next) === ind && isSeqDash(t, next + ind, contentEnd(t, next))) {
          next = nextItem(t, nextLine(t, next), end, ind);
        }
      }
      if (want !== undefined) values[k.key] = readOtherValue(t, k, next, ind, want);
      ls = next;
    }
  }
  return { values, keys: seen.size };
}

/**
 * The wanted keys of a YAML file whose top level is a block mapping, with js-yaml's values
 * (strings, numbers, booleans, null, arrays, nested objects); absent keys are absent.
 * Undefined when the text uses YAML this reader does not handle: parse it with js-yaml then.
 */
export function scanTopLevelKeys(text: string, spec: KeySpec): Record<string, unknown> | undefined {
  if (text.charCodeAt(0) === 0xfeff || NON_PRINTABLE.test(text)) return undefined;
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined;
  try {
    const { values, keys } = readBlockMapping(text, 0, text.length, 0, spec);
    return keys > 0 ? values : undefined;
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}
