// Exact mapping between a YAML scalar's VALUE (after unescaping, line folding and chomping) and
// offsets in the document text. The value is computed here by scanning the scalar's source; the
// `yaml` library is only used elsewhere to find where scalars are.
//
// All offsets are 0-based UTF-16 offsets; ranges are half-open `{ start, end }`.

export type ScalarStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

export interface OffsetRange {
  start: number;
  end: number;
}

export interface ScalarScanError {
  message: string;
  range: OffsetRange;
}

export interface ScannedScalar {
  value: string;
  map: ScalarMap;
  errors: ScalarScanError[];
}

export interface ScanOptions {
  /**
   * Block scalars only: the indentation of the parent node (the `indent` of the `yaml` library's
   * block-scalar source token; 0 for a top-level key). Needed for explicit indentation indicators
   * (`|2`) and as the minimum for auto-detected indentation. Default: the number of leading spaces
   * of the line holding the block header.
   */
  blockIndent?: number;
}

/** `'cursor'` also accepts the position right after the last content character (→ value.length). */
export type ToValueBias = 'char' | 'cursor';

/**
 * A compact, immutable value ↔ document offset map: a sorted list of segments. A segment whose
 * value length equals its document length is a verbatim copy (offsets map 1:1); any other segment
 * (escape sequence, folded line break, `''`, CRLF) is atomic: all its value offsets map to its
 * document start, and all its document offsets map to its value start.
 */
export class ScalarMap {
  /** Length of the value string. */
  readonly valueLength: number;
  /** The document region holding the content: excludes quotes and the block header line. */
  readonly contentRange: OffsetRange;
  /** Document offset that value.length maps to (just after the last character that produced value). */
  private readonly endDoc: number;
  /** 4 ints per segment: valueStart, docStart, valueLength, docLength. */
  private readonly seg: Int32Array;
  private readonly count: number;

  constructor(seg: Int32Array, valueLength: number, contentRange: OffsetRange, endDoc: number) {
    this.seg = seg;
    this.count = seg.length >> 2;
    this.valueLength = valueLength;
    this.contentRange = contentRange;
    this.endDoc = endDoc;
  }

  /** Number of segments (for diagnostics of compactness). */
  get segmentCount(): number {
    return this.count;
  }

  /**
   * Document offset of value offset `v` (0..valueLength inclusive; clamped). For a character that
   * came from an escape sequence or a folded line break this is the start of that escape / break.
   */
  toDocument(v: number): number {
    if (!(v > 0)) v = 0;
    if (v >= this.valueLength) return this.endDoc;
    const k = this.segByValue(v);
    const s = this.seg;
    const vs = s[k * 4], ds = s[k * 4 + 1], vl = s[k * 4 + 2], dl = s[k * 4 + 3];
    return vl === dl ? ds + (v - vs) : ds;
  }

  /** The document range of source text that produced value character `v` (0 ≤ v < valueLength). */
  sourceOf(v: number): OffsetRange {
    if (this.valueLength === 0) return { start: this.endDoc, end: this.endDoc };
    if (!(v > 0)) v = 0;
    if (v >= this.valueLength) v = this.valueLength - 1;
    const k = this.segByValue(v);
    const s = this.seg;
    const vs = s[k * 4], ds = s[k * 4 + 1], vl = s[k * 4 + 2], dl = s[k * 4 + 3];
    if (vl === dl) {
      const d = ds + (v - vs);
      return { start: d, end: d + 1 };
    }
    return { start: ds, end: ds + dl };
  }

  /**
   * Maps a value range (end exclusive) to a document range. The end is the end of the source of
   * the last covered value character, so a range never swallows dropped whitespace after it.
   * An empty range maps to an empty range at `toDocument(start)`.
   */
  toDocumentRange(r: OffsetRange): OffsetRange {
    const start = this.toDocument(r.start);
    if (!(r.end > r.start) || r.start >= this.valueLength) return { start, end: start };
    const end = this.sourceOf(Math.min(r.end, this.valueLength) - 1).end;
    return { start, end: Math.max(start, end) };
  }

  /**
   * Value offset for a document offset. Inside the content region: the value offset of the
   * character produced there (offsets inside an escape / folded break map to its value offset;
   * offsets on dropped whitespace such as indentation map to the next value character).
   * Outside the content region (quotes, block header, other text): undefined. With bias 'cursor',
   * `contentRange.end` itself maps to valueLength.
   */
  toValue(d: number, bias: ToValueBias = 'char'): number | undefined {
    const { start, end } = this.contentRange;
    if (d < start || d > end) return undefined;
    if (d === end) return bias === 'cursor' ? this.valueLength : undefined;
    const k = this.segByDoc(d);
    const s = this.seg;
    if (k < 0) return this.count > 0 ? s[0] : this.valueLength;
    const vs = s[k * 4], ds = s[k * 4 + 1], vl = s[k * 4 + 2], dl = s[k * 4 + 3];
    if (d < ds + dl) return vl === dl ? vs + (d - ds) : vs;
    return k + 1 < this.count ? s[(k + 1) * 4] : this.valueLength;
  }

  /** Maps a document range to a value range (cursor semantics); undefined if it leaves the content. */
  toValueRange(r: OffsetRange): OffsetRange | undefined {
    const start = this.toValue(r.start, 'cursor');
    const end = this.toValue(r.end, 'cursor');
    if (start === undefined || end === undefined) return undefined;
    return { start, end: Math.max(start, end) };
  }

  /** Last segment with valueStart ≤ v (there is always one when 0 ≤ v < valueLength). */
  private segByValue(v: number): number {
    const s = this.seg;
    let lo = 0, hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid * 4] <= v) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Last segment with docStart ≤ d, or -1. */
  private segByDoc(d: number): number {
    const s = this.seg;
    let lo = 0, hi = this.count - 1, ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid * 4 + 1] <= d) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }
}

/** Collects the value and its segments while scanning. */
class MapBuilder {
  private readonly segs: number[] = [];
  private readonly parts: string[] = [];
  private vLen = 0;

  constructor(private readonly text: string) {}

  get length(): number {
    return this.vLen;
  }

  /** Value gets text[from..to) verbatim. */
  copy(from: number, to: number): void {
    if (to <= from) return;
    this.parts.push(this.text.slice(from, to));
    this.push(to - from, from, to - from);
  }

  /** Value gets `str`, produced by the document range [docStart, docStart+docLen). */
  emit(str: string, docStart: number, docLen: number): void {
    if (str.length === 0) return;
    this.parts.push(str);
    this.push(str.length, docStart, docLen);
  }

  private push(vl: number, ds: number, dl: number): void {
    const s = this.segs;
    const n = s.length;
    if (vl === dl && n > 0 && s[n - 2] === s[n - 1] && s[n - 3] + s[n - 1] === ds) {
      s[n - 2] += vl;
      s[n - 1] += dl;
    } else s.push(this.vLen, ds, vl, dl);
    this.vLen += vl;
  }

  finish(content: OffsetRange): { value: string; map: ScalarMap } {
    const seg = Int32Array.from(this.segs);
    const n = seg.length;
    const endDoc = n > 0 ? seg[n - 3] + seg[n - 1] : content.start;
    return { value: this.parts.join(''), map: new ScalarMap(seg, this.vLen, content, endDoc) };
  }
}

const SPACE = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d;

function isWhite(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** Length of the line break at `i` (1 for LF, 2 for CRLF), 0 if none. A lone CR is content. */
function breakLen(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === LF) return 1;
  if (c === CR && text.charCodeAt(i + 1) === LF) return 2;
  return 0;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * Scans a scalar's source and returns its value with the exact offset map.
 * `start..end` is the scalar's source range: including quotes for quoted scalars, from the `|`/`>`
 * indicator to the end of the body for block scalars (as the `yaml` library's `node.range[0..1]`).
 * Never throws; malformed input yields a best-effort value plus errors.
 */
export function scanScalar(
  text: string,
  start: number,
  end: number,
  style: ScalarStyle,
  options: ScanOptions = {},
): ScannedScalar {
  start = Math.max(0, Math.min(start, text.length));
  end = Math.max(start, Math.min(end, text.length));
  const b = new MapBuilder(text);
  const errors: ScalarScanError[] = [];
  let content: OffsetRange;
  switch (style) {
    case 'QUOTE_SINGLE':
    case 'QUOTE_DOUBLE': {
      const q = style === 'QUOTE_SINGLE' ? "'" : '"';
      let cs = start, ce = end;
      if (text[cs] === q) cs++;
      else errors.push({ message: `Expected opening ${q}`, range: { start, end: start } });
      if (ce > cs && text[ce - 1] === q && !isEscapedQuote(text, cs, ce - 1, style)) ce--;
      else errors.push({ message: `Missing closing ${q}`, range: { start: end, end } });
      content = { start: cs, end: ce };
      scanFlow(text, cs, ce, style, b, errors);
      break;
    }
    case 'PLAIN':
      content = { start, end };
      scanFlow(text, start, end, style, b, errors);
      break;
    default:
      content = scanBlock(text, start, end, style === 'BLOCK_FOLDED', options, b, errors);
  }
  const { value, map } = b.finish(content);
  return { value, map, errors };
}

/** True if the closing-quote candidate at `q` is really part of content (`''` pair or `\"`). */
function isEscapedQuote(text: string, cs: number, q: number, style: ScalarStyle): boolean {
  if (style === 'QUOTE_DOUBLE') {
    let n = 0;
    for (let i = q - 1; i >= cs && text.charCodeAt(i) === 0x5c; i--) n++;
    return n % 2 === 1;
  }
  // single: count the run of quotes ending at q inside content; an odd total run means q closes.
  let n = 0;
  for (let i = q; i >= cs && text[i] === "'"; i--) n++;
  return n % 2 === 0;
}

/** Plain, single- and double-quoted scalars: escapes and line folding over content [cs, ce). */
function scanFlow(
  text: string,
  cs: number,
  ce: number,
  style: ScalarStyle,
  b: MapBuilder,
  errors: ScalarScanError[],
): void {
  const single = style === 'QUOTE_SINGLE';
  const double = style === 'QUOTE_DOUBLE';
  let i = cs;
  let runStart = cs; // start of pending verbatim text
  let wsStart = -1; // start of the raw whitespace run at the end of the pending text, or -1
  while (i < ce) {
    const c = text.charCodeAt(i);
    const bl = c === LF || c === CR ? breakLen(text, i) : 0;
    if (bl > 0) {
      // Line folding: trailing raw whitespace is dropped, then the break plus empty lines.
      b.copy(runStart, wsStart >= 0 ? wsStart : i);
      let j = i + bl;
      const empties: number[] = [];
      for (;;) {
        let k = j;
        while (k < ce && isWhite(text.charCodeAt(k))) k++;
        const kl = k < ce ? breakLen(text, k) : 0;
        if (kl > 0) {
          empties.push(k, kl);
          j = k + kl;
        } else {
          j = k;
          break;
        }
      }
      if (empties.length === 0) b.emit(' ', i, bl);
      else for (let e = 0; e < empties.length; e += 2) b.emit('\n', empties[e], empties[e + 1]);
      i = runStart = j;
      wsStart = -1;
      continue;
    }
    if (isWhite(c)) {
      if (wsStart < 0) wsStart = i;
      i++;
      continue;
    }
    wsStart = -1;
    if (single && c === 0x27 && i + 1 < ce && text.charCodeAt(i + 1) === 0x27) {
      b.copy(runStart, i);
      b.emit("'", i, 2);
      i = runStart = i + 2;
      continue;
    }
    if (double && c === 0x5c) {
      b.copy(runStart, i);
      const next = text[i + 1];
      const nl = i + 1 < ce ? breakLen(text, i + 1) : 0;
      if (nl > 0) {
        // Escaped line break: nothing is produced; the next line's leading whitespace is dropped.
        let j = i + 1 + nl;
        while (j < ce && isWhite(text.charCodeAt(j))) j++;
        i = runStart = j;
        continue;
      }
      if (i + 1 >= ce) {
        errors.push({ message: 'Incomplete escape sequence', range: { start: i, end: i + 1 } });
        b.copy(i, i + 1);
        i = runStart = i + 1;
        continue;
      }
      const simple = SIMPLE_ESCAPES[next];
      if (simple !== undefined) {
        b.emit(simple, i, 2);
        i = runStart = i + 2;
        continue;
      }
      const digits = HEX_ESCAPES[next];
      if (digits !== undefined) {
        const hex = text.slice(i + 2, i + 2 + digits);
        if (hex.length === digits && i + 2 + digits <= ce && /^[0-9a-fA-F]+$/.test(hex)) {
          const cp = parseInt(hex, 16);
          if (cp <= 0x10ffff) {
            b.emit(String.fromCodePoint(cp), i, 2 + digits);
            i = runStart = i + 2 + digits;
            continue;
          }
        }
      }
      // Unknown or malformed escape: keep the backslash verbatim (as the `yaml` library does).
      errors.push({ message: `Invalid escape sequence \\${next}`, range: { start: i, end: i + 2 } });
      b.copy(i, i + 1);
      i = runStart = i + 1;
      continue;
    }
    i++;
  }
  b.copy(runStart, ce);
}

/** Literal and folded block scalars. Returns the content range (the body after the header line). */
function scanBlock(
  text: string,
  start: number,
  end: number,
  folded: boolean,
  options: ScanOptions,
  b: MapBuilder,
  errors: ScalarScanError[],
): OffsetRange {
  // Header: indicator, then chomping and indentation indicators in any order, then a comment.
  let i = start + 1;
  let chomp: 'clip' | 'strip' | 'keep' = 'clip';
  let explicit = 0;
  for (let n = 0; n < 2 && i < end; n++) {
    const ch = text[i];
    if (ch === '-' || ch === '+') {
      chomp = ch === '-' ? 'strip' : 'keep';
      i++;
    } else if (ch >= '1' && ch <= '9') {
      explicit = ch.charCodeAt(0) - 0x30;
      i++;
    }
  }
  while (i < end && breakLen(text, i) === 0) i++; // spaces and an optional comment
  const bodyStart = i < end ? i + breakLen(text, i) : end;
  const content = { start: bodyStart, end };

  let parentIndent = options.blockIndent;
  if (parentIndent === undefined) {
    let ls = start;
    while (ls > 0 && text.charCodeAt(ls - 1) !== LF) ls--;
    parentIndent = 0;
    while (text.charCodeAt(ls + parentIndent) === SPACE) parentIndent++;
  }

  // Lines of the body: [lineStart, lineEnd) without the break, plus break length.
  interface Line { start: number; end: number; br: number; spaces: number; blank: boolean }
  const lines: Line[] = [];
  for (let ls = bodyStart; ls < end; ) {
    let le = ls;
    while (le < end && breakLen(text, le) === 0) le++;
    const br = le < end ? breakLen(text, le) : 0;
    let sp = 0;
    while (ls + sp < le && text.charCodeAt(ls + sp) === SPACE) sp++;
    lines.push({ start: ls, end: le, br, spaces: sp, blank: ls + sp === le });
    ls = le + br;
  }

  let indent: number;
  if (explicit > 0) indent = Math.max(0, parentIndent) + explicit;
  else {
    const firstText = firstTextLine(lines);
    let maxLeading = 0;
    for (const l of lines) {
      if (!l.blank) break;
      maxLeading = Math.max(maxLeading, l.spaces);
    }
    indent = firstText ? firstText.spaces : Math.max(maxLeading, parentIndent + 1);
    if (firstText && maxLeading > indent) {
      errors.push({
        message: 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator',
        range: { start: bodyStart, end: firstText.start },
      });
    }
  }

  // A line is content if it has text beyond the indentation (whitespace-only lines longer than
  // the indentation are content too); otherwise it is an empty line.
  // Like the `yaml` library, a body made only of space-only lines has no content lines at all.
  const hasText = firstTextLine(lines) !== undefined;
  const isContent = (l: Line): boolean => hasText && l.spaces >= indent && l.end - l.start > indent;
  let lastContent = -1;
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k];
    if (isContent(l)) lastContent = k;
    else if (!l.blank) {
      errors.push({ message: 'Block scalar line is less indented than its content', range: { start: l.start, end: l.end } });
    }
  }

  // "Spaced" lines (folded only) start with white space after the indentation; their breaks are kept.
  const isSpaced = (l: Line): boolean => isWhite(text.charCodeAt(l.start + indent)) || l.end - l.start <= indent;

  let prevContent: Line | undefined; // last content line whose break is still pending
  let pendingEmpties: Line[] = [];
  let sawContent = false;
  const emitBreak = (l: Line): void => {
    if (l.br > 0) b.emit('\n', l.end, l.br);
  };
  for (let k = 0; k <= lastContent; k++) {
    const l = lines[k];
    if (!isContent(l)) {
      if (!sawContent) emitBreak(l); // leading empty lines
      else pendingEmpties.push(l);
      continue;
    }
    if (prevContent) {
      if (folded && !isSpaced(prevContent) && !isSpaced(l)) {
        if (pendingEmpties.length === 0) b.emit(' ', prevContent.end, prevContent.br);
        else for (const e of pendingEmpties) emitBreak(e);
      } else {
        emitBreak(prevContent);
        for (const e of pendingEmpties) emitBreak(e);
      }
    }
    pendingEmpties = [];
    b.copy(l.start + Math.min(indent, l.end - l.start), l.end);
    prevContent = l;
    sawContent = true;
  }
  // Trailing part: the last content line's break and the trailing empty lines, per chomping.
  const trailing = lines.slice(lastContent + 1);
  if (chomp !== 'strip') {
    if (prevContent) {
      // With clip or keep, the final line break is a line feed even at the end of input.
      if (prevContent.br > 0) emitBreak(prevContent);
      else b.emit('\n', prevContent.end, 0);
    }
    if (chomp === 'keep') for (const l of trailing) emitBreak(l);
  }
  return content;
}

function firstTextLine<L extends { blank: boolean }>(lines: L[]): L | undefined {
  return lines.find((l) => !l.blank);
}

/**
 * Offset just after the closing quote of the quoted scalar whose opening quote is at `start`
 * (a `''` pair / `\"` is not a closing quote), or undefined if the text ends first. Used to
 * recover quoted scalars whose continuation lines are not indented: PyYAML (used by contentctl)
 * accepts them, the `yaml` library stops the scalar at the first line.
 */
export function findQuotedEnd(text: string, start: number, style: 'QUOTE_SINGLE' | 'QUOTE_DOUBLE'): number | undefined {
  const q = style === 'QUOTE_SINGLE' ? 0x27 : 0x22;
  if (text.charCodeAt(start) !== q) return undefined;
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (style === 'QUOTE_DOUBLE' && c === 0x5c) i++;
    else if (c === q) {
      if (style === 'QUOTE_SINGLE' && text.charCodeAt(i + 1) === q) i++;
      else return i + 1;
    }
  }
  return undefined;
}
