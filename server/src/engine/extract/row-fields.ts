// Small helpers to add values to a Row with Splunk's extraction rules.

import { FieldValue, Row, Scalar } from '../types';

/**
 * Adds `value` to `field`. A new field is created; an existing field keeps its first value unless
 * `mvAdd` is set, which appends (making a multivalue field).
 */
export function addValue(row: Row, field: string, value: Scalar, mvAdd: boolean): void {
  const cur = row[field];
  if (cur === undefined) {
    row[field] = value;
    return;
  }
  if (!mvAdd) return;
  if (Array.isArray(cur)) cur.push(value);
  else row[field] = [cur, value];
}

/** The values of a field as a list (empty when absent). */
export function valuesOf(v: FieldValue | undefined): Scalar[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** A copy of a field value (multivalue arrays are copied so rows never share arrays). */
export function copyValue(v: FieldValue): FieldValue {
  return Array.isArray(v) ? v.slice() : v;
}

/** Splunk CLEAN_KEYS: characters other than letters, digits and `_` become `_`; leading `_`/digits go. */
export function cleanKey(key: string): string {
  // Fast path: already clean (letters first, then letters/digits/_).
  const n = key.length;
  let clean = n > 0;
  for (let i = 0; i < n && clean; i++) {
    const c = key.charCodeAt(i);
    const alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    clean = i === 0 ? alpha : alpha || (c >= 48 && c <= 57) || c === 95;
  }
  if (clean) return key;
  return key.trim().replace(/[^A-Za-z0-9_]/g, '_').replace(/^[_0-9]+/, '');
}

/** Removes one pair of matching surrounding quotes. */
export function unquote(v: string): string {
  if (v.length >= 2) {
    const a = v.charCodeAt(0);
    if ((a === 34 || a === 39) && v.charCodeAt(v.length - 1) === a) return v.slice(1, -1);
  }
  return v;
}
