// Value helpers shared by eval, search and the commands: Splunk's number/string duality,
// multivalue handling and the textual form of numbers.
import type { FieldValue, Scalar } from '../types';

/** A value inside an eval expression: a field value, a boolean (comparisons), or null (undefined). */
export type EvalValue = Scalar | Scalar[] | boolean | undefined;

const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** True when `s` is text Splunk would treat as a number. */
export function isNumericText(s: string): boolean {
  // Fast answers for the usual cases (plain digits; text starting with a letter), else the pattern.
  const n = s.length;
  if (n === 0) return false;
  const c = s.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return false;
  let i = 0;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  return i === n || NUMERIC.test(s);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The numeric reading of a scalar, or undefined when it is not a number. */
export function toNumber(v: EvalValue): number | undefined {
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : v;
  if (typeof v === 'string') return isNumericText(v) ? Number(v) : undefined;
  if (typeof v === 'boolean' || v === undefined) return undefined;
  if (Array.isArray(v)) return v.length === 1 ? toNumber(v[0]) : undefined;
  return undefined;
}

/** Splunk's textual rendering of a number (up to 15 significant digits, no exponent for normal ranges). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'inf' : '-inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const p = Number(n.toPrecision(15));
  const s = String(p);
  if (!s.includes('e')) return s;
  return p.toFixed(Math.min(20, Math.max(0, 15 - Math.floor(Math.log10(Math.abs(p))))))
    .replace(/\.?0+$/, '');
}

/** The text of a scalar. */
export function scalarText(v: Scalar): string {
  return typeof v === 'number' ? formatNumber(v) : v;
}

/** The text of a single value; multivalue → undefined (callers decide); boolean → "true"/"false". */
export function toText(v: EvalValue): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v.length === 1 ? scalarText(v[0]) : undefined;
}

/** The values of a field value as an array (empty for null). */
export function valuesOf(v: EvalValue | FieldValue): Scalar[] {
  if (v === undefined) return [];
  if (Array.isArray(v)) return v;
  if (typeof v === 'boolean') return [v ? 'true' : 'false'];
  return [v];
}

/** Builds a field value from a list of scalars: [] → null, [x] → x, else multivalue. */
export function fromValues(vals: Scalar[]): FieldValue | undefined {
  if (vals.length === 0) return undefined;
  if (vals.length === 1) return vals[0];
  return vals;
}

/** Converts an eval result to a storable field value; booleans are not storable (undefined). */
export function toFieldValue(v: EvalValue): FieldValue | undefined {
  if (typeof v === 'boolean') return undefined;
  if (Array.isArray(v)) return fromValues(v);
  if (typeof v === 'number' && Number.isNaN(v)) return undefined;
  return v;
}

/** Compares two scalars: numerically when both are numeric, else by UTF-16 code units (case-sensitive). */
export function compareScalars(a: Scalar, b: Scalar): number {
  const na = typeof a === 'number' ? a : toNumber(a);
  const nb = typeof b === 'number' ? b : toNumber(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  const sa = scalarText(a);
  const sb = scalarText(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Plain lexicographic (ASCII/code unit) comparison of the textual forms. */
export function compareText(a: Scalar, b: Scalar): number {
  const sa = scalarText(a);
  const sb = scalarText(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
