// A fast path for reading content YAML. Content files are written in a small, regular subset of
// YAML: block mappings and sequences, plain / quoted / block scalars, one-line flow sequences and
// comments. For text in that subset this module builds the very tree the `yaml` library's composer
// would build (same node classes, values resolved by the library's own YAML 1.1 schema, same
// ranges), several times faster. Anything outside the subset, or anything that would be a YAML
// error or warning, makes it give up (return undefined) so the caller falls back to the library.
//
// What is exact: every node's range[0] and range[1], scalar values, styles, `source` and `format`,
// and the block-scalar source token (`type`, `offset`, `indent`) that the SPL position maps use.
// range[2] (the end including trailing comments) follows the library's rules where a parent's
// range[1] depends on it. Comments are not attached to nodes (the checkers never read them).
// `scripts/conformance/quick-compose.ts` compares both paths over a content repository.
import { Document, isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type ParsedNode } from 'yaml';
import { scanScalar, type ScalarStyle } from './scalarMap';

/** The options the schema checker parses content with (YAML 1.1, like PyYAML in contentctl). */
export const CONTENT_YAML_OPTIONS = { version: '1.1' as const, uniqueKeys: false, prettyErrors: false, keepSourceTokens: true };

const template = new Document(undefined, CONTENT_YAML_OPTIONS);
const schema = template.schema;

interface ResolvingTag {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve(value: string, onError: (msg: string) => void, options: unknown): unknown;
}
const scalarTags = (schema.tags as unknown as ResolvingTag[]).filter((t) => t.test && (t.default === true || t.default === 'key'));

/**
 * Characters a plain scalar can start with and still match one of the YAML 1.1 schema's implicit
 * tags (null, bool, int, float, timestamp, merge key). Any other first character means "string".
 * A unit test pins the tag list this was derived from.
 */
const TAGGABLE_FIRST = new Set('~nNyYtTfFoO+-.0123456789<');

/** Thrown (and caught at the top) when the text leaves the subset. */
class OutsideSubset {
  constructor(readonly why: string) {}
}

function bail(why: string): never {
  throw new OutsideSubset(why);
}

/** Content files nest a handful of levels; anything deeper is left to the library. */
const MAX_DEPTH = 100;

const NL = 10, SP = 32, HASH = 35, COLON = 58, DASH = 45, SQ = 39, DQ = 34;

type Node = Scalar | YAMLMap | YAMLSeq;
type Range3 = [number, number, number];

/** Why the last call gave up (for the conformance script), or undefined if it did not. */
export let lastQuickComposeBailout: string | undefined;

/**
 * The document the `yaml` library's `parseDocument(text, CONTENT_YAML_OPTIONS)` would return,
 * when `text` is in the supported subset and free of errors; otherwise undefined.
 */
export function quickComposeDocument(text: string): Document.Parsed | undefined {
  lastQuickComposeBailout = undefined;
  try {
    return new Composer(text).document();
  } catch (e) {
    if (e instanceof OutsideSubset) {
      lastQuickComposeBailout = e.why;
      return undefined;
    }
    throw e;
  }
}

class Composer {
  private readonly n: number;
  /** Nesting depth of values being composed (deeply nested text goes to the library). */
  private depth = 0;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  document(): Document.Parsed {
    const { text, n } = this;
    if (n === 0) bail('empty');
    if (text.charCodeAt(0) === 0xfeff) bail('byte-order mark');
    if (text.indexOf('\r') >= 0) bail('carriage return');
    if (text.indexOf('\t') >= 0) bail('tab character'); // tabs are rare in content and full of YAML subtleties
    const first = this.nextContent(0);
    if (first >= n) bail('no content');
    const c = text.charCodeAt(first);
    if (c === 37 /* % */ || (c === DASH && text.startsWith('---', first)) || text.startsWith('...', first)) bail('directive or document marker');
    const col = this.column(first);
    const root = this.isSeqIndicator(first) ? this.sequence(first, col) : this.mapping(first, col);
    if (root.next < n) bail('content after the root collection');
    const doc = new Document(undefined, CONTENT_YAML_OPTIONS) as Document.Parsed;
    doc.contents = root.node as ParsedNode;
    doc.range = [first, root.node.range![1], n];
    return doc;
  }

  // ---- lines ---------------------------------------------------------------------------------

  private column(pos: number): number {
    const ls = this.text.lastIndexOf('\n', pos - 1);
    return pos - ls - 1;
  }

  /** Start of the line after the one holding `pos` (n at the end). */
  private lineAfter(pos: number): number {
    const i = this.text.indexOf('\n', pos);
    return i < 0 ? this.n : i + 1;
  }

  /**
   * From a line start, skips blank and comment-only lines; returns the first content character of
   * the next content line (n at the end).
   */
  private nextContent(lineStart: number): number {
    const { text, n } = this;
    let p = lineStart;
    while (p < n) {
      let q = p;
      while (q < n && text.charCodeAt(q) === SP) q++;
      if (q >= n) return n;
      const c = text.charCodeAt(q);
      if (c === NL) { p = q + 1; continue; }
      if (c === HASH) { p = this.lineAfter(q); continue; }
      return q;
    }
    return n;
  }

  /**
   * After a node's last content character: the rest of the line (spaces, a comment) and the line
   * break, then — as the library's parser does — any comment lines indented deeper than the
   * enclosing collection, with the blank lines before them. Returns that end offset.
   * Gives up when anything but a comment follows on the line.
   */
  private endOfNode(pos: number, parentCol: number): number {
    const { text, n } = this;
    let p = pos;
    while (p < n && text.charCodeAt(p) === SP) p++;
    if (p < n) {
      const c = text.charCodeAt(p);
      if (c === HASH) {
        if (p === pos) bail('comment without a space before it');
        p = this.lineAfter(p);
      } else if (c === NL) p++;
      else bail('unexpected text after a value');
    }
    // absorbed comment lines
    for (;;) {
      let q = p;
      let blankOnly = true;
      while (q < n) {
        let s = q;
        while (s < n && text.charCodeAt(s) === SP) s++;
        if (s < n && text.charCodeAt(s) === NL) { q = s + 1; continue; }
        if (s < n && text.charCodeAt(s) === HASH && s - q > parentCol) {
          p = this.lineAfter(s);
          blankOnly = false;
        }
        break;
      }
      if (blankOnly) return p;
    }
  }

  private isSeqIndicator(pos: number): boolean {
    if (this.text.charCodeAt(pos) !== DASH) return false;
    const c = this.text.charCodeAt(pos + 1);
    return pos + 1 >= this.n || c === SP || c === NL;
  }

  /**
   * If a plain implicit key starts at `pos` (`key: …` / `key:` at the end of the line), the offset of
   * its colon; otherwise -1.
   */
  private keyColon(pos: number): number {
    const { text, n } = this;
    const c0 = text.charCodeAt(pos);
    if (isIndicator(c0)) return -1;
    for (let p = pos; p < n; p++) {
      const c = text.charCodeAt(p);
      if (c === NL) return -1;
      if (c === COLON) {
        const d = text.charCodeAt(p + 1);
        if (p + 1 >= n || d === SP || d === NL) return p;
      } else if (c === HASH && text.charCodeAt(p - 1) === SP) return -1;
    }
    return -1;
  }

  // ---- collections ---------------------------------------------------------------------------

  /** A block mapping whose first key starts at `pos`, at column `col`. */
  private mapping(pos: number, col: number): { node: YAMLMap; next: number } {
    const { text, n } = this;
    const map = new YAMLMap(schema);
    let p = pos;
    let lastEnd = pos;
    for (;;) {
      const colon = this.keyColon(p);
      if (colon < 0) bail('expected a mapping key');
      let ke = colon;
      while (ke > p && text.charCodeAt(ke - 1) === SP) ke--;
      const key = plainScalar(text.slice(p, ke), [p, ke, ke], true);
      const v = this.value(colon + 1, col, 'map');
      map.items.push(new Pair(key, v.node));
      lastEnd = v.node.range![2];
      const q = v.next;
      if (q >= n) return this.finish(map, pos, col, lastEnd, n);
      const c = this.column(q);
      if (c < col) return this.finish(map, pos, col, lastEnd, q);
      if (c > col) bail('unexpected indentation');
      if (this.isSeqIndicator(q)) bail('sequence entry at mapping indentation');
      p = q;
    }
  }

  /** A block sequence whose first `-` is at `pos`, at column `col`. */
  private sequence(pos: number, col: number): { node: YAMLSeq; next: number } {
    const n = this.n;
    const seq = new YAMLSeq(schema);
    let p = pos;
    let lastEnd = pos;
    for (;;) {
      const v = this.value(p + 1, col, 'seq');
      seq.items.push(v.node);
      lastEnd = v.node.range![2];
      const q = v.next;
      if (q >= n) return this.finish(seq, pos, col, lastEnd, n);
      const c = this.column(q);
      if (c < col || (c === col && !this.isSeqIndicator(q))) return this.finish(seq, pos, col, lastEnd, q);
      if (c > col) bail('unexpected indentation');
      p = q;
    }
  }

  /**
   * Closes a collection at column `col` whose last item ends at `end`, followed by `next` (the
   * first content character after it, or n). Like the library's parser, the collection keeps the
   * comment lines between them (its range[2] reaches `next`) when one is indented at least as
   * deep as the collection (unless at column 0); otherwise they go to the parent.
   */
  private finish<T extends YAMLMap | YAMLSeq>(node: T, start: number, col: number, end: number, next: number): { node: T; next: number } {
    node.range = [start, end, col > 0 && this.hasComment(end, next, (c) => c >= col) ? next : end];
    return { node, next };
  }

  /** Is there a comment line starting in [from, to) whose `#` column passes `test`? */
  private hasComment(from: number, to: number, test: (column: number) => boolean): boolean {
    const text = this.text;
    let p = from;
    while (p < to) {
      let s = p;
      while (s < to && text.charCodeAt(s) === SP) s++;
      if (s < to && text.charCodeAt(s) === HASH && test(s - p)) return true;
      p = this.lineAfter(s);
    }
    return false;
  }

  // ---- values --------------------------------------------------------------------------------

  /**
   * The value after a mapping key's colon or a sequence entry's `-` (at `pos`), in a collection at
   * column `col`. Returns the node and the first content character after it (n at the end).
   */
  private value(pos: number, col: number, parent: 'map' | 'seq'): { node: Node; next: number } {
    if (++this.depth > MAX_DEPTH) bail('nesting deeper than ' + MAX_DEPTH);
    try {
      return this.valueAt(pos, col, parent);
    } finally {
      this.depth--;
    }
  }

  private valueAt(pos: number, col: number, parent: 'map' | 'seq'): { node: Node; next: number } {
    const { text, n } = this;
    let q = pos;
    while (q < n && text.charCodeAt(q) === SP) q++;
    const c = q < n ? text.charCodeAt(q) : NL;
    if (c === NL || c === HASH) {
      if (c === HASH && q === pos) bail('comment without a space before it');
      const r = this.nextContent(this.lineAfter(q));
      const rc = r < n ? this.column(r) : -1;
      if (r < n && rc > col) return this.nodeOnOwnLine(r, rc, col, this.lineAfter(q));
      if (r < n && rc === col && parent === 'map' && this.isSeqIndicator(r)) return this.sequence(r, rc);
      return this.empty(q, col, parent, r);
    }
    switch (c) {
      case 0x7c /* | */:
      case 0x3e /* > */:
        return this.blockScalar(q, col);
      case SQ:
      case DQ:
        if (parent === 'seq' && this.keyColon(q) >= 0) bail('quoted key');
        return this.quoted(q, col, c === SQ ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE');
      case 0x5b /* [ */:
        return this.flowSequence(q, col);
      case DASH:
        if (this.isSeqIndicator(q)) {
          if (parent === 'map') bail('sequence on the line of its key');
          return this.sequence(q, this.column(q));
        }
        break;
    }
    if (isIndicator(c)) bail('indicator ' + String.fromCharCode(c));
    if (parent === 'seq' && this.keyColon(q) >= 0) return this.mapping(q, this.column(q));
    return this.plain(q, col);
  }

  /**
   * A node that starts on a line after its key or `-` (`from` is the line after the indicator's):
   * a collection or a scalar.
   */
  private nodeOnOwnLine(r: number, rc: number, col: number, from: number): { node: Node; next: number } {
    const c = this.text.charCodeAt(r);
    if (this.isSeqIndicator(r)) return this.sequence(r, rc);
    if (this.keyColon(r) < 0 && this.hasComment(from, r, (cc) => cc <= col)) bail('comment line less indented than the scalar after it');
    if (c === SQ || c === DQ) {
      if (this.keyColon(r) >= 0) bail('quoted key');
      return this.quoted(r, col, c === SQ ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE');
    }
    if (isIndicator(c)) bail('indicator ' + String.fromCharCode(c));
    if (this.keyColon(r) >= 0) return this.mapping(r, rc);
    return this.plain(r, col);
  }

  /** An empty value (`key:` with nothing after it): null, placed after the spaces following the indicator. */
  private empty(q: number, col: number, parent: 'map' | 'seq', next: number): { node: Node; next: number } {
    // The library gives an empty node's range[2] from the tokens around it; only mirrored when the
    // next line directly continues the same collection.
    const { text, n } = this;
    if (text.charCodeAt(q) === HASH) bail('empty value with a comment');
    if (next >= n) bail('empty value at the end of the document');
    const c = this.column(next);
    if (next - c !== this.lineAfter(q)) bail('empty value followed by blank or comment lines');
    if (c !== col || (parent === 'seq' && !this.isSeqIndicator(next))) bail('empty value at the end of a collection');
    return { node: plainScalar('', [q, q, q], false), next };
  }

  /** A plain scalar starting at `pos`; continuation lines must be indented deeper than `col`. */
  private plain(pos: number, col: number): { node: Node; next: number } {
    const { text, n } = this;
    let end = this.plainLineEnd(pos);
    let value = text.slice(pos, end);
    let p = this.lineAfter(end);
    // continuation lines
    if (end < n && !commentAt(text, end)) {
      let breaks = 0;
      while (p < n) {
        let s = p;
        while (s < n && text.charCodeAt(s) === SP) s++;
        if (s >= n) break;
        const c = text.charCodeAt(s);
        if (c === NL) { breaks++; p = s + 1; continue; }
        if (s - p <= col || c === HASH) break;
        if (this.isSeqIndicator(s) || this.keyColon(s) >= 0) bail('ambiguous continuation line');
        const e = this.plainLineEnd(s);
        value += breaks === 0 ? ' ' : '\n'.repeat(breaks);
        value += text.slice(s, e);
        breaks = 0;
        end = e;
        p = this.lineAfter(e);
        if (commentAt(text, e)) break;
      }
    }
    const node = plainScalar(value, [pos, end, 0], false);
    node.range![2] = this.endOfNode(end, col);
    return { node, next: this.nextContent(node.range![2]) };
  }

  /** End of a plain scalar's text on the line starting at `pos` (before `: `, ` #`, trailing spaces). */
  private plainLineEnd(pos: number): number {
    const { text, n } = this;
    let p = pos;
    let end = pos;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === NL) break;
      if (c === SP) {
        if (text.charCodeAt(p + 1) === HASH) break;
      } else {
        if (c === COLON) {
          const d = text.charCodeAt(p + 1);
          if (p + 1 >= n || d === SP || d === NL) bail('colon in a plain value');
        }
        end = p + 1;
      }
      p++;
    }
    return end;
  }

  private quoted(pos: number, col: number, style: 'QUOTE_SINGLE' | 'QUOTE_DOUBLE'): { node: Node; next: number } {
    const { text, n } = this;
    const qc = style === 'QUOTE_SINGLE' ? SQ : DQ;
    let p = pos + 1;
    let simple = true;
    for (;;) {
      if (p >= n) bail('unterminated quoted scalar');
      const c = text.charCodeAt(p);
      if (c === qc) {
        if (qc === SQ && text.charCodeAt(p + 1) === SQ) { simple = false; p += 2; continue; }
        break;
      }
      if (c === 0x5c /* \ */ && qc === DQ) {
        simple = false;
        p += text.charCodeAt(p + 1) === NL ? 1 : 2; // an escaped line break is still a line break
        continue;
      }
      if (c === NL) {
        simple = false;
        // continuation lines must be indented deeper than the collection (or blank)
        let s = p + 1;
        while (s < n && text.charCodeAt(s) === SP) s++;
        const d = text.charCodeAt(s);
        if (s < n && d !== NL && s - (p + 1) <= col) bail('quoted continuation line not indented');
        p = s;
        continue;
      }
      p++;
    }
    const end = p + 1;
    let value: string;
    if (simple) value = text.slice(pos + 1, p);
    else {
      const scanned = scanScalar(text, pos, end, style);
      if (scanned.errors.length > 0) bail('quoted scalar with errors');
      value = scanned.value;
    }
    const node = new Scalar(value);
    node.range = [pos, end, this.endOfNode(end, col)];
    node.source = value;
    node.type = style;
    return { node, next: this.nextContent(node.range[2]) };
  }

  private blockScalar(pos: number, col: number): { node: Node; next: number } {
    const { text, n } = this;
    const literal = text.charCodeAt(pos) === 0x7c;
    let p = pos + 1;
    let keep = false;
    const chomp = text.charCodeAt(p);
    if (chomp === 0x2b /* + */) { keep = true; p++; }
    else if (chomp === DASH) p++;
    const h = text.charCodeAt(p);
    if (p < n && h !== SP && h !== NL && h !== HASH) bail('block scalar indentation indicator');
    while (p < n && text.charCodeAt(p) === SP) p++;
    if (p < n && text.charCodeAt(p) === HASH) {
      if (text.charCodeAt(p - 1) !== SP) bail('comment without a space before it');
    } else if (p < n && text.charCodeAt(p) !== NL) bail('text after a block scalar header');
    const bodyStart = this.lineAfter(p);
    // content indentation: the first non-blank line's
    let s = bodyStart;
    let leadingMax = 0;
    let indent = -1;
    while (s < n) {
      let e = s;
      while (e < n && text.charCodeAt(e) === SP) e++;
      if (e >= n) break;
      const c = text.charCodeAt(e);
      if (c === NL) { leadingMax = Math.max(leadingMax, e - s); s = e + 1; continue; }
      indent = e - s;
      break;
    }
    if (indent <= col) bail('empty block scalar');
    if (leadingMax > indent) bail('leading blank line deeper than the content');
    // body: blank lines and lines indented at least `indent`
    let lastContentEnd = bodyStart;
    let bodyEnd = bodyStart;
    s = bodyStart;
    while (s < n) {
      let e = s;
      while (e < n && text.charCodeAt(e) === SP) e++;
      if (e >= n) { bodyEnd = n; break; }
      if (text.charCodeAt(e) === NL) {
        const spaces = e - s;
        s = e + 1;
        bodyEnd = s;
        if (spaces > indent) lastContentEnd = s; // spaces beyond the indentation are content
        continue;
      }
      if (e - s < indent) break;
      s = this.lineAfter(e);
      lastContentEnd = s;
      bodyEnd = s;
    }
    const end = keep ? bodyEnd : lastContentEnd;
    const style: ScalarStyle = literal ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED';
    const scanned = scanScalar(text, pos, end, style, { blockIndent: col });
    if (scanned.errors.length > 0) bail('block scalar with errors');
    const node = new Scalar(scanned.value);
    node.range = [pos, end, end];
    node.source = scanned.value;
    node.type = style;
    node.srcToken = { type: 'block-scalar', offset: pos, indent: col, props: [], source: scanned.value } as unknown as Scalar['srcToken'];
    const next = this.nextContent(end);
    return { node, next };
  }

  /** `[a, 'b', "c"]` on one or more lines: scalars only, no comments, no trailing comma. */
  private flowSequence(pos: number, col: number): { node: Node; next: number } {
    const { text, n } = this;
    const seq = new YAMLSeq(schema);
    seq.flow = true;
    let p = pos + 1;
    const skip = () => {
      while (p < n) {
        const c = text.charCodeAt(p);
        if (c === SP) p++;
        else if (c === NL) {
          let s = p + 1;
          while (s < n && text.charCodeAt(s) === SP) s++;
          if (s < n && text.charCodeAt(s) !== NL && s - (p + 1) <= col) bail('flow sequence line not indented');
          p = s;
        } else if (c === HASH) bail('comment in a flow sequence');
        else break;
      }
    };
    skip();
    if (text.charCodeAt(p) !== 0x5d /* ] */) {
      for (;;) {
        if (p >= n) bail('unterminated flow sequence');
        const c = text.charCodeAt(p);
        let item: Scalar;
        if (c === SQ || c === DQ) {
          const style = c === SQ ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE';
          let e = p + 1;
          for (;;) {
            if (e >= n) bail('unterminated quoted scalar');
            const d = text.charCodeAt(e);
            if (d === NL) bail('multi-line quoted flow item');
            if (d === 0x5c && c === DQ) { e += 2; continue; }
            if (d === c) {
              if (c === SQ && text.charCodeAt(e + 1) === SQ) { e += 2; continue; }
              break;
            }
            e++;
          }
          const scanned = scanScalar(text, p, e + 1, style);
          if (scanned.errors.length > 0) bail('quoted scalar with errors');
          item = new Scalar(scanned.value);
          item.source = scanned.value;
          item.type = style;
          item.range = [p, e + 1, e + 1];
          p = e + 1;
        } else {
          if (isIndicator(c) || (c === DASH && !isPlainSafe(text.charCodeAt(p + 1)))) bail('indicator in a flow sequence');
          let e = p;
          let last = p;
          while (e < n) {
            const d = text.charCodeAt(e);
            if (d === 0x2c || d === 0x5d || d === 0x5b || d === 0x7b || d === 0x7d || d === NL) break;
            if (d === COLON && !isPlainSafe(text.charCodeAt(e + 1))) bail('colon ending a flow item');
            if (d === HASH && text.charCodeAt(e - 1) === SP) bail('comment in a flow sequence');
            if (d !== SP) last = e + 1;
            e++;
          }
          item = plainScalar(text.slice(p, last), [p, last, last], false);
          p = last;
        }
        const afterItem = p;
        skip();
        item.range![2] = p === afterItem ? afterItem : p;
        seq.items.push(item);
        const d = text.charCodeAt(p);
        if (d === 0x5d) break;
        if (d !== 0x2c) bail('expected , or ] in a flow sequence');
        p++;
        skip();
        if (text.charCodeAt(p) === 0x5d) bail('trailing comma in a flow sequence');
      }
    }
    const end = p + 1;
    seq.range = [pos, end, this.endOfNode(end, col)];
    return { node: seq, next: this.nextContent(seq.range[2]) };
  }
}

/** Can this character follow a leading `-` of a plain scalar in a flow sequence? */
function isPlainSafe(c: number): boolean {
  return !(Number.isNaN(c) || c === SP || c === NL || c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d);
}

/** Does a comment start at `p`, after any spaces? */
function commentAt(text: string, p: number): boolean {
  while (p < text.length && text.charCodeAt(p) === SP) p++;
  return text.charCodeAt(p) === HASH;
}

/** Characters that cannot start a plain scalar here (or start a construct outside the subset). */
function isIndicator(c: number): boolean {
  switch (c) {
    case 0x2d: // - (allowed when not followed by space; callers check the sequence case first)
      return false;
    case 0x3f: // ?
    case 0x3a: // :
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case HASH:
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case SQ:
    case DQ:
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
      return true;
    default:
      return false;
  }
}

/** A plain scalar resolved the way the library's composer does (first default tag whose test matches). */
function plainScalar(source: string, range: Range3, atKey: boolean): Scalar {
  let node: Scalar | undefined;
  if (source.length === 0 || TAGGABLE_FIRST.has(source[0])) {
    for (const tag of scalarTags) {
      if (tag.default !== true && !(atKey && tag.default === 'key')) continue;
      if (!tag.test!.test(source)) continue;
      if (tag.default === 'key') bail('merge key');
      let failed = false;
      const res = tag.resolve(source, () => { failed = true; }, template.options);
      if (failed) bail('tag resolution failed');
      node = isScalar(res) ? res : new Scalar(res);
      if (tag.format) node.format = tag.format;
      break;
    }
  }
  node ??= new Scalar(source);
  node.range = range;
  node.source = source;
  node.type = 'PLAIN';
  return node;
}
