// JSON helpers: Splunk-style path access (`a.b{}.c`, `a{0}.b`) and flattening JSON to fields.
import type { Scalar } from '../types';

/** Splits a Splunk spath path into steps: names and array markers ({} = all, {n} = index, 0-based). */
export function parseJsonPath(path: string): ({ key: string } | { index: number | 'all' })[] {
  const steps: ({ key: string } | { index: number | 'all' })[] = [];
  const re = /\{(\d*)\}|\.?([^.{}]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    if (m[2] !== undefined) steps.push({ key: m[2] });
    else steps.push({ index: m[1] === '' ? 'all' : Number(m[1]) });
  }
  return steps;
}

/** Own keys only: `constructor` or `__proto__` in a path name a JSON key, never Object.prototype. */
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Values found at `path` in `value`; objects/arrays are returned as JSON text. */
export function jsonPathValues(value: unknown, path: string): Scalar[] {
  let cur: unknown[] = [value];
  for (const step of parseJsonPath(path)) {
    const next: unknown[] = [];
    for (const v of cur) {
      if ('key' in step) {
        if (Array.isArray(v)) {
          // Implicit array traversal, as Splunk's spath tolerates `a.b` over arrays of objects.
          for (const e of v) if (e && typeof e === 'object' && !Array.isArray(e) && hasOwn(e, step.key)) next.push((e as Record<string, unknown>)[step.key]);
        } else if (v && typeof v === 'object' && hasOwn(v as object, step.key)) {
          next.push((v as Record<string, unknown>)[step.key]);
        }
      } else if (Array.isArray(v)) {
        if (step.index === 'all') next.push(...v);
        else if (step.index < v.length) next.push(v[step.index]);
      }
    }
    cur = next;
  }
  const out: Scalar[] = [];
  for (const v of cur) {
    const s = jsonScalar(v);
    if (s !== undefined) out.push(s);
  }
  return out;
}

/** Scalar text of a JSON value (strings as-is, numbers/booleans as text, objects as JSON, null → undefined). */
export function jsonScalar(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Flattens JSON into Splunk field names: objects joined by `.`, arrays as `{}`; repeated paths → multivalue. */
export function flattenJson(value: unknown, prefix: string, out: Map<string, Scalar[]>, limit = 5000): void {
  if (out.size > limit) return;
  if (Array.isArray(value)) {
    for (const v of value) flattenJson(v, prefix + '{}', out, limit);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flattenJson(v, prefix ? `${prefix}.${k}` : k, out, limit);
    return;
  }
  const s = jsonScalar(value);
  if (s === undefined || !prefix) return;
  const list = out.get(prefix);
  if (list) list.push(s);
  else out.set(prefix, [s]);
}

export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
