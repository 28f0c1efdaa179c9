// Helpers to read command arguments from the AST (options, positional words, field lists).
import type { Command, FieldRef } from '../../spl/ast';
import type { Row } from '../types';

export function option(cmd: Command, key: string): string | undefined {
  const k = key.toLowerCase();
  for (let i = cmd.options.length - 1; i >= 0; i--) if (cmd.options[i].key.toLowerCase() === k) return cmd.options[i].value;
  return undefined;
}

export function optionRange(cmd: Command, key: string): { start: number; end: number } | undefined {
  const k = key.toLowerCase();
  return cmd.options.find((o) => o.key.toLowerCase() === k)?.valueRange;
}

export function boolOption(cmd: Command, key: string, dflt: boolean): boolean {
  const v = option(cmd, key);
  if (v === undefined) return dflt;
  return /^(t|true|1|yes)$/i.test(v);
}

export function numOption(cmd: Command, key: string): number | undefined {
  const v = option(cmd, key);
  if (v === undefined || !/^-?\d+(\.\d+)?$/.test(v.trim())) return undefined;
  return Number(v);
}

/** Positional words (commas dropped), as written (quotes removed for quoted ones). */
export function positionals(cmd: Command): { text: string; range: { start: number; end: number }; quoted: boolean }[] {
  const out: { text: string; range: { start: number; end: number }; quoted: boolean }[] = [];
  for (const p of cmd.positional) {
    if (p.quoted) { out.push({ ...p, text: unquote(p.text) }); continue; }
    // Split words glued with commas: `a,b` → a, b.
    let offset = p.range.start;
    for (const part of p.text.split(',')) {
      if (part.trim()) out.push({ text: part.trim(), range: { start: offset, end: offset + part.length }, quoted: false });
      offset += part.length + 1;
    }
  }
  return out;
}

export function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) {
    return s.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  return s;
}

/** A field list from the body (fields family) or from positional words. */
export function fieldList(cmd: Command): FieldRef[] {
  if (cmd.body.kind === 'fields') return cmd.body.fields;
  if (cmd.body.kind === 'stats') return cmd.body.by;
  return positionals(cmd).map((p) => ({ name: p.text, range: p.range }));
}

/** Wildcard field pattern → RegExp (case-sensitive, `*` = any run). */
export function fieldPattern(pattern: string): RegExp {
  return new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('(.*)') + '$', 's');
}

/** Field names present in any of the rows, in first-seen order. */
export function fieldsOfRows(rows: Row[], limit = 20000): string[] {
  const seen = new Set<string>();
  const n = Math.min(rows.length, limit);
  for (let i = 0; i < n; i++) for (const k in rows[i]) if (rows[i][k] !== undefined) seen.add(k);
  return [...seen];
}

/** Expands wildcard patterns against known field names (non-wildcards kept as written). */
export function expandFields(patterns: string[], known: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const p of patterns) {
    if (!p.includes('*')) {
      if (!seen.has(p)) { seen.add(p); out.push(p); }
      continue;
    }
    const re = fieldPattern(p);
    for (const k of known) if (re.test(k) && !seen.has(k)) { seen.add(k); out.push(k); }
  }
  return out;
}

export function copyRow(row: Row): Row {
  const r = Object.create(null) as Row;
  for (const k in row) if (row[k] !== undefined) r[k] = row[k];
  return r;
}

/**
 * Splunk's unescaping of a quoted search argument: `\\` → `\` (and `\"` → `"`); other backslashes
 * stay. The SPL parser leaves rex/regex patterns with only `\"` unescaped, so the engine applies
 * the `\\` rule before handing the pattern to the regex engine (security_content relies on it:
 * `rex "(?<path>.+\\\)"` means the group ends after one literal backslash).
 */
export function unescapeQuotedArg(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && (s[i + 1] === '\\' || s[i + 1] === '"')) { out += s[i + 1]; i++; continue; }
    out += s[i];
  }
  return out;
}
