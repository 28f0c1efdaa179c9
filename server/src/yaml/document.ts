// A thin layer over the `yaml` library: parse once with source tokens, collect errors with ranges,
// find nodes by path, and give key / value ranges. Never throws.
import { Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, parseDocument, Scalar } from 'yaml';
import { LineIndex } from './lineIndex';
import type { OffsetRange, ScalarStyle } from './scalarMap';

export { LineIndex } from './lineIndex';
export type { LinePosition } from './lineIndex';

export type YamlPath = ReadonlyArray<string | number>;

export interface YamlError {
  message: string;
  range: OffsetRange;
  severity: 'error' | 'warning';
  /** The `yaml` library's error code (e.g. DUPLICATE_KEY, TAB_AS_INDENT), or INTERNAL. */
  code: string;
}

export interface ParsedYaml {
  text: string;
  doc: Document.Parsed;
  errors: YamlError[];
  lineIndex: LineIndex;
}

function clampRange(text: string, start: number, end: number): OffsetRange {
  const s = Math.max(0, Math.min(Number.isFinite(start) ? start : 0, text.length));
  const e = Math.max(s, Math.min(Number.isFinite(end) ? end : s, text.length));
  return { start: s, end: e };
}

/** Parses one YAML document (source tokens kept). Errors and warnings carry clamped ranges. */
export function parseYaml(text: string): ParsedYaml {
  const lineIndex = new LineIndex(text);
  try {
    const doc = parseDocument(text, { keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
    const errors: YamlError[] = [];
    for (const e of doc.errors) {
      errors.push({ message: e.message, range: clampRange(text, e.pos[0], e.pos[1]), severity: 'error', code: e.code });
    }
    for (const w of doc.warnings) {
      errors.push({ message: w.message, range: clampRange(text, w.pos[0], w.pos[1]), severity: 'warning', code: w.code });
    }
    return { text, doc, errors, lineIndex };
  } catch (err) {
    const doc = parseDocument('', { keepSourceTokens: true });
    const message = `YAML parser failed: ${err instanceof Error ? err.message : String(err)}`;
    return { text, doc, errors: [{ message, range: { start: 0, end: text.length }, severity: 'error', code: 'INTERNAL' }], lineIndex };
  }
}

function keyMatches(key: unknown, want: string | number): boolean {
  if (isScalar(key)) return String(key.value) === String(want);
  return key !== null && key !== undefined && String(key) === String(want);
}

/** The pair for `path` (last element is a mapping key), or undefined. */
export function findPair(doc: Document, path: YamlPath): Pair<unknown, unknown> | undefined {
  if (path.length === 0) return undefined;
  const parent = findPath(doc, path.slice(0, -1));
  if (!isMap(parent)) return undefined;
  const last = path[path.length - 1];
  for (const item of parent.items) if (keyMatches(item.key, last)) return item as Pair<unknown, unknown>;
  return undefined;
}

/**
 * The node at `path`: strings index mappings (by the key's string form), numbers index sequences.
 * Aliases are not followed. `[]` is the document's root node.
 */
export function findPath(doc: Document, path: YamlPath): Node | undefined {
  let node: unknown = doc.contents;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => keyMatches(p.key, step));
      if (!pair) return undefined;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
    } else return undefined;
  }
  return node !== null && node !== undefined && typeof node === 'object' && 'range' in node ? (node as Node) : undefined;
}

/** Source range of a node's value (excludes trailing comments / whitespace), if known. */
export function nodeRange(node: unknown): OffsetRange | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const r = (node as Node).range;
    if (r) return { start: r[0], end: r[1] };
  }
  return undefined;
}

/** Source range of a pair's key. */
export function keyRange(pair: Pair<unknown, unknown>): OffsetRange | undefined {
  return nodeRange(pair.key);
}

/**
 * Source range of a pair's value; for an empty value (`key:`) an empty range right after the colon
 * is returned when the source tokens allow it.
 */
export function valueRange(pair: Pair<unknown, unknown>): OffsetRange | undefined {
  const r = nodeRange(pair.value);
  if (r) return r;
  const k = nodeRange(pair.key);
  return k ? { start: k.end, end: k.end } : undefined;
}

export interface ScalarSource {
  /** From the opening quote / block indicator / first character, to the end of the content. */
  range: OffsetRange;
  style: ScalarStyle;
  /** Parent indentation for block scalars (the source token's indent). */
  blockIndent?: number;
}

/** Where a scalar's source is and in which style, as needed by `scanScalar`. */
export function scalarSource(node: Scalar): ScalarSource | undefined {
  if (!node.range) return undefined;
  const style = (node.type ?? 'PLAIN') as ScalarStyle;
  const tok = node.srcToken as { type?: string; offset?: number; indent?: number } | undefined;
  let start = node.range[0];
  if (tok && tok.type === 'block-scalar' && typeof tok.offset === 'number') start = tok.offset;
  return { range: { start, end: node.range[1] }, style, blockIndent: tok?.indent };
}

export interface NodeAtOffset {
  path: (string | number)[];
  node: Node;
  /** True when the offset is on a mapping key (then `node` is the key node). */
  inKey: boolean;
}

/**
 * The deepest node whose range contains `offset` (end inclusive, so a cursor right after a value
 * still counts), with its path. Aliases are not followed.
 */
export function nodeAt(doc: Document, offset: number): NodeAtOffset | undefined {
  const root = doc.contents;
  if (!root || !contains(root, offset)) return undefined;
  const path: (string | number)[] = [];
  let node: Node = root;
  for (;;) {
    let next: Node | undefined;
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item)) continue;
        if (isNodeLike(item.key) && contains(item.key, offset)) {
          path.push(keyString(item.key));
          return { path, node: item.key, inKey: true };
        }
        if (isNodeLike(item.value) && contains(item.value, offset)) {
          path.push(keyString(item.key));
          next = item.value;
          break;
        }
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i];
        if (isNodeLike(item) && contains(item, offset)) {
          path.push(i);
          next = item;
          break;
        }
      }
    }
    if (!next) return { path, node, inKey: false };
    node = next;
  }
}

function isNodeLike(x: unknown): x is Node {
  return !!x && typeof x === 'object' && (isScalar(x) || isMap(x) || isSeq(x) || isAlias(x));
}

function keyString(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function contains(node: Node, offset: number): boolean {
  const r = node.range;
  return !!r && offset >= r[0] && offset <= r[1];
}
