// Small helpers over `yaml` nodes: ranges, type names, plain-JS values, scalar re-quoting.

import { isMap, isScalar, isSeq, type Node, type Pair, Scalar, type YAMLMap } from 'yaml';
import type { Range } from './types';

export type YNode = Node | null | undefined;

export function rangeOf(node: YNode, fallback: Range = { start: 0, end: 0 }): Range {
  const r = node?.range;
  if (!r) return fallback;
  return { start: r[0], end: Math.max(r[0], r[1]) };
}

export function keyRange(pair: Pair): Range {
  return rangeOf(pair.key as YNode);
}

export function keyName(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return k.value == null ? undefined : String(k.value);
  return undefined;
}

/** "a mapping", "a list", "a string", … for messages. */
export function describe(node: YNode): string {
  if (node == null) return 'empty (null)';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return 'empty (null)';
    if (typeof v === 'string') return 'a string';
    if (typeof v === 'number') return 'a number';
    if (typeof v === 'boolean') return 'a boolean';
    if (v instanceof Date) return 'a date';
    return 'a scalar';
  }
  return 'an alias or other node';
}

export function isNullNode(node: YNode): boolean {
  return node == null || (isScalar(node) && (node.value === null || node.value === undefined));
}

export function scalarString(node: YNode): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** Map lookup by key; with duplicate keys the last one wins (PyYAML semantics). */
export function getPair(map: YAMLMap, key: string): Pair | undefined {
  let found: Pair | undefined;
  for (const p of map.items) if (keyName(p as Pair) === key) found = p as Pair;
  return found;
}

export function getNode(map: YNode, key: string): YNode {
  if (!isMap(map)) return undefined;
  return getPair(map, key)?.value as YNode;
}

export function getString(map: YNode, key: string): string | undefined {
  return scalarString(getNode(map, key));
}

/** String items of a list node, with their nodes. */
export function stringItems(node: YNode): Array<{ value: string; node: Node }> {
  if (!isSeq(node)) return [];
  const out: Array<{ value: string; node: Node }> = [];
  for (const it of node.items) if (isScalar(it) && typeof it.value === 'string') out.push({ value: it.value, node: it as Node });
  return out;
}

/** Text that replaces the scalar `node` with `value`, keeping its quoting style. */
export function requote(node: YNode, value: string): string {
  if (isScalar(node)) {
    if (node.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
    if (node.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  }
  return /^[\w][\w .()/-]*$/.test(value) && !/[ ]$/.test(value) ? value : `'${value.replace(/'/g, "''")}'`;
}

/**
 * Offset (in the parsed text) of the `occurrence`-th appearance of `needle` in the source of the
 * scalar `node`, or undefined. Exact for tokens without quotes/escapes/line folds (macro calls,
 * lookup names), which is what the rules search for.
 */
export function findInScalarSource(text: string, node: YNode, needle: string, occurrence = 0): Range | undefined {
  const r = node?.range;
  if (!r || needle.length === 0) return undefined;
  let from = r[0];
  for (let k = 0; ; k++) {
    const i = text.indexOf(needle, from);
    if (i < 0 || i + needle.length > r[1]) return undefined;
    if (k === occurrence) return { start: i, end: i + needle.length };
    from = i + needle.length;
  }
}
