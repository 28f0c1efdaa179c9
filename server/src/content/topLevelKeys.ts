// A fast reader for the few keys the content index needs from a YAML file. It walks the lines of
// the top-level mapping, skips the values it does not need, and reads the wanted ones — scalars
// of every style (through the exact scalar scanner), block and one-line flow sequences of scalars,
// nested block mappings — giving the same JavaScript values as js-yaml's default (core) schema.
// Anything it does not fully understand (anchors, tags, flow mappings, multi-line sequence items,
// odd indentation, suspicious syntax, a BOM, …) makes it answer `undefined`: the caller then
// parses the file with js-yaml, so the result never differs from js-yaml's for valid content.
import { CORE_SCHEMA } from 'js-yaml';
import { findQuotedEnd, scanScalar, ScalarStyle } from '../yaml/scalarMap';

/** Keys to read: `true` for a value, or a nested spec for a mapping value (tags → analytic_story). */
export interface KeySpec {
  readonly [key: string]: true | KeySpec;
}

/** Thrown internally when the text needs a real YAML parser. */
const UNSUPPORTED: unique symbol = Symbol('unsupported');

function unsupported(): never {
  throw UNSUPPORTED;
}

const SP = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d, HASH = 0x23, DASH = 0x2d, COLON = 0x3a;
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

/**
 * End of the lines that belong to a block value of a key at indentation `ind`, starting with the
 * line at `from`: blank and comment lines, more-indented lines and compact sequence entries.
 */
function regionEnd(t: string, from: number, end: number, ind: number): number {
  let ls = from;
  while (ls < end) {
    const l = lineInfo(t, ls);
    if (l.kind !== Kind.Content || l.indent > ind || (l.indent === ind && isSeqDash(t, l.first, l.end))) {
      ls = nextLine(t, ls);
    } else break;
  }
  return ls;
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

function scanned(t: string, start: number, end: number, style: ScalarStyle, blockIndent?: number): string {
  const s = scanScalar(t, start, end, style, blockIndent === undefined ? {} : { blockIndent });
  if (s.errors.length) unsupported();
  return s.value;
}

/** A plain scalar's value as js-yaml's core schema reads it (null, bool, number or string). */
function resolvePlain(value: string): unknown {
  return (CORE_SCHEMA as unknown as { resolveImplicitScalarTag(s: string): { value: unknown } })
    .resolveImplicitScalarTag(value).value;
}

/**
 * The first line of a plain scalar starting at `vs` (block context): its trimmed end and whether
 * a comment follows. Text js-yaml would read as a nested mapping (`: `) is unsupported.
 */
function plainLine(t: string, vs: number, end: number, inFlow = false): { end: number; comment: boolean } {
  const c = t.charCodeAt(vs);
  if (PLAIN_FORBIDDEN_START.has(c)) unsupported();
  if ((c === DASH || c === 0x3f || c === COLON) && (vs + 1 >= end || isWhite(t.charCodeAt(vs + 1)))) unsupported();
  let p = vs;
  let comment = false;
  for (; p < end; p++) {
    const ch = t.charCodeAt(p);
    if (ch === HASH && isWhite(t.charCodeAt(p - 1))) {
      comment = true;
      break;
    }
    if (ch === COLON && (p + 1 >= end || isWhite(t.charCodeAt(p + 1)))) unsupported();
    if (inFlow && (ch === COMMA || ch === RBRACKET || ch === LBRACKET || ch === 0x7b || ch === 0x7d)) {
      if (ch === COMMA || ch === RBRACKET) break;
      unsupported();
    }
    if (inFlow && ch === COLON) unsupported(); // `a:b` / `a:,` in flow: leave to js-yaml
  }
  let e = p;
  while (e > vs && isWhite(t.charCodeAt(e - 1))) e--;
  return { end: e, comment };
}

/** A plain scalar value whose first line starts at `vs`; continuation lines lie in [from, to). */
function readPlain(t: string, vs: number, lineEnd: number, from: number, to: number, ind: number): unknown {
  const first = plainLine(t, vs, lineEnd);
  let end = first.end;
  for (let ls = from; ls < to; ls = nextLine(t, ls)) {
    const l = lineInfo(t, ls);
    if (l.kind === Kind.Blank) continue;
    if (first.comment || l.kind === Kind.Comment || l.indent <= ind) unsupported();
    const c = t.charCodeAt(l.first);
    if (c === DASH || c === 0x3f || c === COLON) unsupported();
    const line = plainLine(t, l.first, l.end);
    if (line.comment) unsupported();
    end = line.end;
  }
  return resolvePlain(scanned(t, vs, end, 'PLAIN'));
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
      const style = c === SQUOTE ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE';
      const qe = findQuotedEnd(t, p, style);
      if (qe === undefined || qe > lineEnd) unsupported();
      items.push(scanned(t, p, qe, style));
      p = qe;
    } else {
      const pl = plainLine(t, p, lineEnd, true);
      if (pl.comment || pl.end === p) unsupported();
      items.push(resolvePlain(scanned(t, p, pl.end, 'PLAIN')));
      p = pl.end;
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
      const style = c === SQUOTE ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE';
      const qe = findQuotedEnd(t, vs, style);
      if (qe === undefined || qe > l.end) unsupported();
      checkRestOfLine(t, qe);
      items.push(scanned(t, vs, qe, style));
    } else {
      items.push(resolvePlain(scanned(t, vs, plainLine(t, vs, l.end).end, 'PLAIN')));
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
    return readMapping(t, from, to, l.indent, want).values;
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
  return { key, vs, lineEnd, after: lineEnd < t.length ? nextLine(t, lineEnd) : t.length };
}

const quoteStyle = (c: number): 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' => (c === SQUOTE ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE');

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
  return readPlain(t, k.vs, k.lineEnd, k.after, to, ind);
}

const wantOf = (spec: KeySpec, key: string) => (Object.prototype.hasOwnProperty.call(spec, key) ? spec[key] : undefined);

/**
 * Reads a nested block mapping whose keys sit at indentation `ind` in [start, end), collecting
 * the wanted keys. Quoted values continuing on lines not indented more than the key are left to
 * js-yaml (it refuses them there).
 */
function readMapping(t: string, start: number, end: number, ind: number, spec: KeySpec): { values: Record<string, unknown>; keys: number } {
  const values: Record<string, unknown> = {};
  const seen = new Set<string>();
  let ls = start;
  while (ls < end) {
    const l = lineInfo(t, ls);
    if (l.kind !== Kind.Content) {
      ls = nextLine(t, ls);
      continue;
    }
    if (l.indent !== ind) unsupported();
    const k = keyLine(t, l.first);
    if (seen.has(k.key)) unsupported(); // js-yaml refuses duplicate keys
    seen.add(k.key);
    const want = wantOf(spec, k.key);
    const c = t.charCodeAt(k.vs);
    if (c === SQUOTE || c === DQUOTE) {
      const qe = findQuotedEnd(t, k.vs, quoteStyle(c));
      if (qe === undefined || qe > end) unsupported();
      checkRestOfLine(t, qe);
      if (qe > k.lineEnd && deficientContinuation(t, k.lineEnd, qe, ind)) unsupported();
      if (want !== undefined) {
        if (want !== true || qe > k.lineEnd) unsupported(); // nested multi-line quoted: js-yaml decides
        values[k.key] = scanned(t, k.vs, qe, quoteStyle(c));
      }
      ls = nextLine(t, qe);
    } else if (k.vs < k.lineEnd && (c === PIPE || c === GT)) {
      if (!BLOCK_HEADER.test(t.slice(k.vs, k.lineEnd))) unsupported();
      const be = blockBodyEnd(t, k.after, end, ind);
      if (want !== undefined) {
        if (want !== true) unsupported();
        values[k.key] = scanned(t, k.vs, be, c === PIPE ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED', ind);
      }
      ls = be;
    } else {
      const re = regionEnd(t, k.after, end, ind);
      if (want !== undefined) values[k.key] = readOtherValue(t, k, re, ind, want);
      ls = re;
    }
  }
  return { values, keys: seen.size };
}

/** A line starting in column 0 with something other than white space or a comment. */
const SIGNIFICANT = /\n(?=[^ \r\n#])/g;

/** Start of the first line at or after the line start `from` that begins a top-level item. */
function nextSignificant(t: string, from: number): number {
  if (from >= t.length) return t.length;
  const c = t.charCodeAt(from);
  if (c !== SP && c !== CR && c !== LF && c !== HASH) return from;
  SIGNIFICANT.lastIndex = from;
  const m = SIGNIFICANT.exec(t);
  return m ? m.index + 1 : t.length;
}

/** Like nextSignificant, but also skips compact sequence entries (`- x` in column 0) of a value. */
function nextTopKey(t: string, from: number): number {
  let ls = nextSignificant(t, from);
  while (ls < t.length && isSeqDash(t, ls, contentEnd(t, ls))) ls = nextSignificant(t, nextLine(t, ls));
  return ls;
}

/**
 * Reads the document's top-level mapping. Top-level items are found by a native regex search for
 * lines starting in column 0, so the values that are not wanted cost almost nothing. Quoted
 * values may continue in column 0 (PyYAML accepts that, and so does this project's js-yaml reader).
 */
function readTopMapping(t: string, spec: KeySpec): { values: Record<string, unknown>; keys: number } {
  const values: Record<string, unknown> = {};
  const seen = new Set<string>();
  const n = t.length;
  let ls = nextSignificant(t, 0);
  while (ls < n) {
    const k = keyLine(t, ls);
    if (seen.has(k.key)) unsupported(); // js-yaml refuses duplicate keys
    seen.add(k.key);
    const want = wantOf(spec, k.key);
    const c = t.charCodeAt(k.vs);
    if (c === SQUOTE || c === DQUOTE) {
      const qe = findQuotedEnd(t, k.vs, quoteStyle(c));
      if (qe === undefined) unsupported();
      checkRestOfLine(t, qe);
      if (want !== undefined) {
        if (want !== true) unsupported();
        values[k.key] = scanned(t, k.vs, qe, quoteStyle(c));
      }
      const after = nextLine(t, qe);
      ls = nextSignificant(t, after);
      if (hasContent(t, after, ls)) unsupported(); // indented text after a closed scalar
    } else if (k.vs < k.lineEnd && (c === PIPE || c === GT)) {
      if (!BLOCK_HEADER.test(t.slice(k.vs, k.lineEnd))) unsupported();
      const be = blockBodyEnd(t, k.after, n, 0);
      if (want !== undefined) {
        if (want !== true) unsupported();
        values[k.key] = scanned(t, k.vs, be, c === PIPE ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED', 0);
      }
      ls = nextSignificant(t, be);
      if (hasContent(t, be, ls)) unsupported(); // indented text after a comment that ended the scalar
    } else {
      const next = nextTopKey(t, k.after);
      if (want !== undefined) values[k.key] = readOtherValue(t, k, next, 0, want);
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
    const { values, keys } = readTopMapping(text, spec);
    return keys > 0 ? values : undefined;
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}
