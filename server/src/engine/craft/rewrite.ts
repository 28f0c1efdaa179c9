// Candidate rewrites of one raw event that set, change or remove a field, in the log's own
// format. The caller re-extracts each candidate with the add-ons and keeps the first that gives
// the field the wanted value, so a candidate may be wrong without harm:
// 1. the field's current value replaced where it occurs in the text (this also follows aliases
//    and fields cut out of a longer value, e.g. process_name inside Image's path);
// 2. a new field written in the format's way: Windows XML `<Data Name='f'>v</Data>` in EventData
//    (the add-on takes Data elements as fields; values are not entity-decoded, as in Splunk),
//    a JSON key (dotted names nest: `a.b` is {"a":{"b":…}}), or ` f="v"` for key=value text.
import type { LogFormat } from '../types';

const MAX_OCCURRENCES = 12;

function encode(format: LogFormat, v: string): string {
  return format === 'json' ? JSON.stringify(v).slice(1, -1) : v;
}

/** Texts with `oldValue`'s occurrences (one at a time) replaced by `newValue` ('' removes). */
function replacements(raw: string, format: LogFormat, oldValue: string, newValue: string): string[] {
  const out: string[] = [];
  const from = encode(format, oldValue);
  const to = encode(format, newValue);
  if (from.length === 0) return out;
  // Whole element / whole quoted value first, then any occurrence.
  const exact = format === 'json' ? [`"${from}"`] : [`>${from}<`, `'${from}'`, `"${from}"`, `=${from} `];
  for (const e of exact) {
    const i = raw.indexOf(e);
    if (i >= 0) out.push(raw.slice(0, i) + e.replace(from, to) + raw.slice(i + e.length));
  }
  if (/[\s"]/.test(newValue) && format !== 'json' && format !== 'xml' && format !== 'syslog-xml') {
    // key=value text: a value with spaces or quotes is written quoted (Splunk's automatic
    // key-value extraction ends an unquoted value at whitespace).
    const m = new RegExp(`=${escapeRe(from)}(?=\\s|$)`).exec(raw);
    if (m) out.push(raw.slice(0, m.index) + `="${newValue.replace(/"/g, '\\"')}"` + raw.slice(m.index + m[0].length));
  }
  let i = raw.indexOf(from);
  for (let n = 0; i >= 0 && n < MAX_OCCURRENCES; n++, i = raw.indexOf(from, i + 1)) out.push(raw.slice(0, i) + to + raw.slice(i + from.length));
  return [...new Set(out)];
}

function insertField(raw: string, format: LogFormat, field: string, value: string): string | undefined {
  if (format === 'xml' || format === 'syslog-xml') {
    const at = raw.indexOf('</EventData>');
    const el = `<Data Name='${field}'>${value}</Data>`;
    if (at >= 0) return raw.slice(0, at) + el + raw.slice(at);
    const end = raw.indexOf('</Event>');
    return end >= 0 ? `${raw.slice(0, end)}<EventData>${el}</EventData>${raw.slice(end)}` : undefined;
  }
  if (format === 'json') {
    let obj: unknown;
    try { obj = JSON.parse(raw); } catch { return undefined; }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
    // `a.b` nests objects; `a{}.b` is an array of objects (Splunk's JSON path naming).
    const parts = field.split('.');
    let cur = obj as Record<string, unknown>;
    for (const part of parts.slice(0, -1)) {
      const isArray = part.endsWith('{}');
      const key = isArray ? part.slice(0, -2) : part;
      let next = cur[key];
      if (isArray) {
        if (!Array.isArray(next)) cur[key] = next = [{}];
        const arr = next as unknown[];
        if (!arr[0] || typeof arr[0] !== 'object' || Array.isArray(arr[0])) arr[0] = {};
        cur = arr[0] as Record<string, unknown>;
        continue;
      }
      if (!next || typeof next !== 'object' || Array.isArray(next)) cur[key] = next = {};
      cur = next as Record<string, unknown>;
    }
    const last = parts[parts.length - 1];
    if (last.endsWith('{}')) cur[last.slice(0, -2)] = [value];
    else cur[last] = value;
    return JSON.stringify(obj);
  }
  if (format === 'csv') return undefined;
  return `${raw.replace(/\s+$/, '')} ${field}="${value.replace(/"/g, '\\"')}"`;
}

function removeField(raw: string, format: LogFormat, field: string): string | undefined {
  if (format === 'json') {
    let obj: unknown;
    try { obj = JSON.parse(raw); } catch { return undefined; }
    const parts = field.split('.');
    let cur = obj as Record<string, unknown> | undefined;
    for (const p of parts.slice(0, -1)) cur = cur && typeof cur[p] === 'object' ? (cur[p] as Record<string, unknown>) : undefined;
    if (!cur || !(parts[parts.length - 1] in cur)) return undefined;
    delete cur[parts[parts.length - 1]];
    return JSON.stringify(obj);
  }
  const re = format === 'xml' || format === 'syslog-xml' ? new RegExp(`<Data Name='${escapeRe(field)}'>[^<]*</Data>|<${escapeRe(field)}>[^<]*</${escapeRe(field)}>`) : new RegExp(`\\s?\\b${escapeRe(field)}=("[^"]*"|\\S*)`);
  return re.test(raw) ? raw.replace(re, '') : undefined;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Candidate texts for setting `field` (currently `oldValue`) to `newValue`, or removing it (undefined). */
export function rewriteCandidates(raw: string, format: LogFormat, field: string, oldValue: string | undefined, newValue: string | undefined): string[] {
  const out: string[] = [];
  if (newValue === undefined) {
    const removed = removeField(raw, format, field);
    if (removed !== undefined) out.push(removed);
    if (oldValue !== undefined) out.push(...replacements(raw, format, oldValue, ''));
    return out;
  }
  if (oldValue !== undefined) out.push(...replacements(raw, format, oldValue, newValue));
  const inserted = insertField(raw, format, field, newValue);
  if (inserted !== undefined) out.push(inserted);
  return out;
}

/** Candidate texts that contain `term` as a whole term (for bare search terms). */
export function termCandidates(raw: string, format: LogFormat, term: string): string[] {
  const t = insertField(raw, format, 'CraftedTerm', term);
  return t === undefined ? [] : [t];
}
