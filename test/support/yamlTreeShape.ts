// A plain-data picture of a `yaml` document tree: what the checkers read from it (node kinds,
// ranges [0] and [1], scalar values, styles, sources, formats, block-scalar source tokens).
// Used to compare the quick composer with the `yaml` library's own composer.
import { isMap, isPair, isScalar, isSeq, type Document } from 'yaml';

export function yamlTreeShape(doc: Document): unknown {
  return {
    errors: doc.errors.length,
    warnings: doc.warnings.length,
    contents: shape(doc.contents),
  };
}

function shape(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isMap(node)) {
    return {
      map: node.range?.slice(0, 2),
      flow: !!node.flow,
      items: node.items.map((p) => (isPair(p) ? { key: shape(p.key), value: shape(p.value) } : 'not a pair')),
    };
  }
  if (isSeq(node)) return { seq: node.range?.slice(0, 2), flow: !!node.flow, items: node.items.map(shape) };
  if (isScalar(node)) {
    const tok = node.srcToken as { type?: string; offset?: number; indent?: number } | undefined;
    const v = node.value;
    return {
      scalar: node.range?.slice(0, 2),
      type: node.type,
      value: v instanceof Date ? `Date(${v.toISOString()})` : typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v,
      valueType: typeof v,
      source: node.source,
      format: node.format,
      block: tok?.type === 'block-scalar' ? { offset: tok.offset, indent: tok.indent } : undefined,
    };
  }
  return `other node: ${(node as object).constructor?.name}`;
}

/** First difference between two shapes as a path and both values, or undefined when equal. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return undefined;
}
