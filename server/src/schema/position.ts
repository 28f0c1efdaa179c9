// Maps a text offset to its place in the YAML structure (key path, key vs value), so the editor can
// offer key/enum completion and hovers from the model. Tolerates broken YAML (uses what parsed).

import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { keyName, type YNode } from './nodes';
import type { Range } from './types';
import { parseYaml } from './yamlSource';

export interface YamlPlace {
  /** Keys from the root to the key/value at the offset; list levels are skipped (see fieldsAt). */
  path: string[];
  /**
   * 'key': on a key (path ends with it); 'value': on a scalar value of path (for enums: path is the key,
   * also for items of a list value); 'map': inside a mapping but on no key (path = the mapping's key path).
   */
  on: 'key' | 'value' | 'map';
  /** Range of the key or scalar (original text); for 'map' the mapping's range. */
  range: Range;
  /** The scalar text (key name or value) when on a key or value. */
  text?: string;
}

const contains = (r: readonly number[] | undefined, o: number) => !!r && o >= r[0] && o <= r[1];

export function yamlPlaceAt(text: string, offset: number): YamlPlace | undefined {
  let parsed;
  try {
    parsed = parseYaml(text);
  } catch {
    return undefined;
  }
  const doc = parsed.doc;
  if (!doc) return undefined;
  // offsets in a repaired text differ only after inserted spaces; map the query back conservatively
  const map = (r: Range): Range => ({ start: parsed.toOriginal(r.start), end: parsed.toOriginal(r.end) });
  const o = parsed.text === text ? offset : toParsed(parsed, offset);

  const walk = (node: YNode, path: string[]): YamlPlace | undefined => {
    if (isMap(node)) {
      for (const it of node.items) {
        const pair = it as Pair;
        const k = pair.key as Node | null;
        const key = keyName(pair);
        if (key !== undefined && k?.range && contains(k.range, o)) return { path: [...path, key], on: 'key', range: map({ start: k.range[0], end: k.range[1] }), text: key };
        const v = pair.value as YNode;
        if (key !== undefined && v?.range && contains(v.range, o)) {
          const inner = walk(v, [...path, key]);
          if (inner) return inner;
        }
      }
      const r = node.range;
      return r && contains(r, o) ? { path, on: 'map', range: map({ start: r[0], end: r[1] }) } : undefined;
    }
    if (isSeq(node)) {
      for (const it of node.items) {
        const n = it as YNode;
        if (n?.range && contains(n.range, o)) return walk(n, path);
      }
      return undefined;
    }
    if (isScalar(node) && node.range && contains(node.range, o)) {
      return { path, on: 'value', range: map({ start: node.range[0], end: node.range[1] }), text: node.value == null ? '' : String(node.value) };
    }
    return undefined;
  };
  return walk(doc.contents as YNode, []);
}

/** Original offset → parsed (repaired) offset. */
function toParsed(parsed: { toOriginal(o: number): number; text: string }, offset: number): number {
  let lo = offset;
  let hi = parsed.text.length;
  // toOriginal is monotonic: binary search the smallest parsed offset mapping to >= offset
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (parsed.toOriginal(mid) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
