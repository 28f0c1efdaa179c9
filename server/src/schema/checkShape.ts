import { randomUUID } from 'crypto';
// Model-driven structural checks: mapping/list/scalar types, required keys, unknown/legacy/
// computed keys, duplicate keys, enums, formats, lengths and numeric ranges.

import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { fieldInGeneration, rootSpec, type Condition, type FieldSpec, type ValueSpec } from './model';
import { describe, getString, isNullNode, keyName, keyRange, rangeOf, requote, type YNode } from './nodes';
import type { Reporter } from './report';
import { CVE_RE, fixMitreId, isHttpUrl, isIsoDate, isUuid, MATCH_TYPE_RE, MITRE_CONTENTCTL_RE, MITRE_STRICT_RE, THROTTLE_PERIOD_RE } from './formats';
import { suggest } from './suggest';
import type { ContentKind, Range, SchemaContext, SchemaFix } from './types';

export interface ShapeContext {
  kind: ContentKind;
  rep: Reporter;
  /** Parsed text (ranges of nodes refer to it). */
  text: string;
  root: YAMLMap;
  ctx: SchemaContext;
}

const BOOL_STRINGS = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 't', 'f', 'y', 'n', '1', '0']);

function conditionHolds(c: Condition, s: ShapeContext): boolean {
  if (c.generation && !c.generation.includes(s.rep.generation)) return false;
  if (c.status && !c.status.includes(getString(s.root, 'status') ?? '')) return false;
  if (c.type && !c.type.includes(getString(s.root, 'type') ?? '')) return false;
  return true;
}

function isRequired(f: FieldSpec, s: ShapeContext): boolean {
  if (!f.required) return false;
  if (f.required === true) return true;
  return conditionHolds(f.required, s);
}

const pathText = (path: readonly string[]) => path.join('.');

/** Finds, among nested object specs, where an unknown key would belong (for "wrong indentation" hints). */
function homeOfKey(key: string, spec: ValueSpec, path: string[], depth = 0): string | undefined {
  if (depth > 3) return undefined;
  let v = spec;
  while (v.type === 'list') v = v.items;
  if (v.type !== 'object') return undefined;
  for (const f of v.fields) {
    let inner = f.value;
    while (inner.type === 'list') inner = inner.items;
    if (inner.type === 'object') {
      if (inner.fields.some((x) => x.key === key)) return pathText([...path, f.key]);
      const deeper = homeOfKey(key, inner, [...path, f.key], depth + 1);
      if (deeper) return deeper;
    }
  }
  return undefined;
}

export function checkRoot(s: ShapeContext): void {
  checkObject(s.root, rootSpec(s.kind, s.rep.generation), [], s, rangeOf(s.root));
}

function checkObject(map: YAMLMap, spec: Extract<ValueSpec, { type: 'object' }>, path: string[], s: ShapeContext, ownerRange: Range): void {
  const g = s.rep.generation;
  const seen = new Map<string, Pair>();
  for (const item of map.items) {
    if (s.rep.full) return;
    const pair = item as Pair;
    const key = keyName(pair);
    if (key === undefined) {
      s.rep.add('wrong-type', keyRange(pair), 'Keys must be plain names.');
      continue;
    }
    const kr = keyRange(pair);
    const prev = seen.get(key);
    if (prev) {
      s.rep.add('duplicate-key', kr, `Duplicate key \`${key}\`: PyYAML (contentctl) keeps only this last value and silently drops the earlier one.`, {
        fix: [{ kind: 'replace', title: `Remove the earlier \`${key}\``, range: wholeLines(s.text, keyRange(prev).start, rangeOf(prev.value as YNode, keyRange(prev)).end), text: '' }],
      });
    }
    seen.set(key, pair);
    const full = [...path, key];
    const field = spec.fields.find((f) => f.key === key);
    if (!field) {
      const policy = spec.extra[g];
      if (policy === 'ignore') continue;
      const known = spec.fields.filter((f) => fieldInGeneration(f, g) && !f.forbidden).map((f) => f.key);
      const sugg = suggest(key, known, 3);
      const home = path.length === 0 ? homeOfKey(key, spec, []) : undefined;
      let msg = `Unknown key \`${pathText(full)}\``;
      if (home && home !== key) msg += `; \`${key}\` belongs under \`${home}:\` — check the indentation`;
      else if (sugg.length) msg += `; did you mean \`${sugg[0]}\`?`;
      msg += g === 'v4' ? ' (contentctl v4 ignores it; v5 rejects it).' : ' (contentctl rejects extra keys: "Unexpected Field").';
      s.rep.add('unknown-key', kr, msg, {
        suggestions: sugg,
        fix: sugg.length && !home ? [{ kind: 'replace', title: `Rename to \`${sugg[0]}\``, range: kr, text: sugg[0] }] : undefined,
      });
      continue;
    }
    if (!fieldInGeneration(field, g)) {
      if (g === 'v5') {
        s.rep.add('legacy-key', kr, `\`${pathText(full)}\` is a contentctl v4 key; v5 rejects it ("Unexpected Field").${field.generationHint ? ' ' + field.generationHint : ''}`);
      } else {
        s.rep.add('v5-key', kr, `\`${pathText(full)}\` is a contentctl v5 key; this repository uses the v4 schema, where it is ignored.${field.generationHint ? ' ' + field.generationHint : ''}`);
      }
      continue;
    }
    if (field.forbidden) {
      const v = pair.value as YNode;
      const empty = isNullNode(v) || ((isSeq(v) || isMap(v)) && v.items.length === 0);
      if (!empty) s.rep.add('computed-key', kr, field.forbidden);
      continue;
    }
    checkValue(pair.value as YNode, field.value, full, s, kr, field);
  }
  for (const f of spec.fields) {
    if (seen.has(f.key) || !fieldInGeneration(f, g) || f.forbidden) continue;
    if (!isRequired(f, s)) continue;
    const where = path.length ? ` in \`${pathText(path)}\`` : '';
    s.rep.add('missing-key', ownerRange.end > ownerRange.start ? firstLine(s.text, ownerRange) : ownerRange, `Missing required key \`${f.key}\`${where}: ${f.description}`, {
      suggestions: [f.key],
      fix: [insertKeyFix(s.text, map, f)],
    });
  }
}

/** A placeholder value for a missing key, shaped by its spec. */
export function placeholderFor(spec: ValueSpec, indent: string): string {
  switch (spec.type) {
    case 'string':
      if (spec.enum) return spec.enum.values[0];
      if (spec.format === 'uuid') return randomUUID();
      if (spec.format === 'date') return `'${new Date().toISOString().slice(0, 10)}'`;
      return 'TODO';
    case 'int':
      return String(spec.min ?? 1);
    case 'bool':
      return 'false';
    case 'list':
    case 'string-or-list':
      return `\n${indent}- ${placeholderFor(spec.items, indent + '  ')}`;
    case 'object':
      return '{}';
    default:
      return 'TODO';
  }
}

/** Inserts `key: placeholder` as the last entry of the mapping, at the mapping's indentation. */
function insertKeyFix(text: string, map: YAMLMap, f: FieldSpec): SchemaFix {
  const first = map.items[0] as Pair | undefined;
  const start = first ? keyRange(first).start : map.range?.[0] ?? text.length;
  const indent = ' '.repeat(start - (text.lastIndexOf('\n', start - 1) + 1));
  const last = map.items[map.items.length - 1] as Pair | undefined;
  let at = last ? rangeOf(last.value as YNode, keyRange(last)).end : text.length;
  const eol = text.indexOf('\n', at);
  at = eol < 0 ? text.length : eol;
  const prefix = at === text.length && !text.endsWith('\n') && text.length > 0 ? '\n' : at === text.length ? '' : '\n';
  const line = `${indent}${f.key}: ${placeholderFor(f.value, indent)}`.replace(/: \n/, ':\n');
  return { kind: 'insert', title: `Add \`${f.key}\``, offset: at, text: at === text.length && text.endsWith('\n') ? `${line}\n` : `${prefix}${line}` };
}

/** [start, end) widened to whole lines when only whitespace surrounds it on its first/last line. */
function wholeLines(text: string, start: number, end: number): Range {
  const ls = text.lastIndexOf('\n', start - 1) + 1;
  const s0 = /^[ \t]*$/.test(text.slice(ls, start)) ? ls : start;
  let le = text.indexOf('\n', end);
  if (le < 0) le = text.length;
  const e0 = /^[ \t]*$/.test(text.slice(end, le)) ? Math.min(text.length, le + 1) : end;
  return { start: s0, end: e0 };
}

/** The first line of a range (so a missing-key squiggle does not cover the whole file). */
function firstLine(text: string, r: Range): Range {
  const nl = text.indexOf('\n', r.start);
  return { start: r.start, end: nl < 0 || nl > r.end ? r.end : nl };
}

function wrongType(node: YNode, expected: string, path: string[], s: ShapeContext, keyR: Range, hint = ''): void {
  const name = pathText(path);
  const got = describe(node);
  const r = node == null || rangeOf(node).end <= rangeOf(node).start ? keyR : rangeOf(node);
  let msg = `\`${name}\` must be ${expected}, but it is ${got}.`;
  if (expected === 'a mapping' && (got === 'a string' || got === 'empty (null)')) {
    msg += ` Check the indentation: the keys that belong to \`${path[path.length - 1]}\` must be indented below \`${path[path.length - 1]}:\`.`;
  } else if (expected === 'a list' && got === 'a string') {
    msg += ' Write it as a list item: a new line starting with "- ".';
  }
  s.rep.add('wrong-type', r, msg + hint);
}

function checkValue(node: YNode, spec: ValueSpec, path: string[], s: ShapeContext, keyR: Range, field?: FieldSpec): void {
  switch (spec.type) {
    case 'any':
      return;
    case 'object':
      if (!isMap(node)) return wrongType(node, 'a mapping', path, s, keyR);
      return checkObject(node, spec, path, s, rangeOf(node));
    case 'list': {
      if (!isSeq(node)) {
        if (isNullNode(node) && !(field && field.required)) return; // `key:` with nothing = None, accepted for optional lists
        return wrongType(node, 'a list', path, s, keyR);
      }
      if (spec.minItems !== undefined && node.items.length < spec.minItems) {
        s.rep.add('length', node.items.length ? rangeOf(node) : keyR, `\`${pathText(path)}\` needs at least ${spec.minItems} item${spec.minItems === 1 ? '' : 's'}.`);
      }
      for (const it of node.items) {
        if (s.rep.full) return;
        checkValue(it as YNode, spec.items, path, s, rangeOf(it as YNode, keyR));
      }
      return;
    }
    case 'string-or-list':
      if (isSeq(node)) return checkValue(node, { type: 'list', items: spec.items }, path, s, keyR);
      return checkValue(node, spec.items, path, s, keyR);
    case 'scalar':
      if (!isScalar(node) && node != null) wrongType(node, 'a single value', path, s, keyR);
      return;
    case 'bool': {
      if (isScalar(node)) {
        const v = node.value;
        if (typeof v === 'boolean') return;
        if (typeof v === 'number' && (v === 0 || v === 1)) return;
        if (typeof v === 'string' && BOOL_STRINGS.has(v.toLowerCase())) return;
      }
      return wrongType(node, 'true or false', path, s, keyR);
    }
    case 'int': {
      let n: number | undefined;
      if (isScalar(node)) {
        const v = node.value;
        if (typeof v === 'number') n = v;
        else if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) n = parseInt(v, 10);
      }
      if (n === undefined || !Number.isInteger(n)) return wrongType(node, 'an integer', path, s, keyR);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        const bounds = spec.max !== undefined ? `between ${spec.min ?? '-∞'} and ${spec.max}` : `at least ${spec.min}`;
        s.rep.add('range', rangeOf(node), `\`${pathText(path)}\` must be ${bounds}; it is ${n}.`);
      }
      return;
    }
    case 'string':
      return checkString(node, spec, path, s, keyR);
  }
}

function checkString(node: YNode, spec: Extract<ValueSpec, { type: 'string' }>, path: string[], s: ShapeContext, keyR: Range): void {
  if (isNullNode(node)) {
    if (spec.nullable) return;
    return wrongType(node, 'a string', path, s, keyR);
  }
  if (!isScalar(node)) return wrongType(node, 'a string', path, s, keyR);
  const raw = node.value;
  // an unquoted YAML date is accepted where a date is expected
  if (spec.format === 'date' && raw instanceof Date) return checkDate(raw.toISOString().slice(0, 10), node, path, s);
  if (typeof raw !== 'string') {
    const src = s.text.slice(rangeOf(node).start, rangeOf(node).end);
    const hint = typeof raw === 'number' || typeof raw === 'boolean' || raw instanceof Date ? ` Quote it: '${src}'.` : '';
    return wrongType(node, 'a string', path, s, keyR, hint);
  }
  const v = raw;
  const r = rangeOf(node);
  const name = pathText(path);
  if (spec.minLength !== undefined && v.length < spec.minLength) {
    s.rep.add('length', r.end > r.start ? r : keyR, spec.minLength === 1 ? `\`${name}\` must not be empty.` : `\`${name}\` must have at least ${spec.minLength} characters (it has ${v.length}).`);
  }
  if (spec.maxLength !== undefined && v.length > spec.maxLength) {
    s.rep.add('length', r, `\`${name}\` must have at most ${spec.maxLength} characters (it has ${v.length}).`);
  }
  if (spec.enum) {
    const e = spec.enum;
    if (!e.values.includes(v)) {
      const sugg = suggest(v, e.values, 3);
      const list = e.values.length <= 10 ? e.values.join(', ') : e.values.slice(0, 8).join(', ') + `, … (${e.values.length} values)`;
      const caseOnly = sugg.length > 0 && sugg[0].toLowerCase() === v.toLowerCase();
      let msg = `\`${name}\` must be one of ${list}`;
      msg += sugg.length ? `; did you mean \`${sugg[0]}\`?` : '.';
      if (caseOnly) msg += ' (values are case-sensitive)';
      s.rep.add('enum', r, msg, {
        suggestions: sugg,
        fix: sugg.map((x) => ({ kind: 'replace' as const, title: `Change to \`${x}\``, range: r, text: requote(node, x) })),
      });
    }
  }
  if (spec.pattern && !spec.pattern.test(v)) {
    s.rep.add('format', r, `\`${name}\` must be \`${spec.patternText ?? spec.pattern.source}\`.`, spec.patternText ? { fix: [{ kind: 'replace', title: `Change to \`${spec.patternText}\``, range: r, text: spec.patternText }] } : {});
  }
  if (spec.format) checkFormat(v, node, spec.format, path, s);
}

function checkDate(v: string, node: Node, path: string[], s: ShapeContext): void {
  const r = rangeOf(node);
  if (!isIsoDate(v)) {
    s.rep.add('format', r, `\`${pathText(path)}\` must be a date written YYYY-MM-DD; got "${v}".`);
    return;
  }
  const today = s.ctx.today ?? new Date().toISOString().slice(0, 10);
  if (v > today) s.rep.add('future-date', r, `\`${pathText(path)}\` (${v}) is in the future (today is ${today}, UTC).`, {
    fix: [{ kind: 'replace', title: `Set to today (${today})`, range: r, text: `'${today}'` }],
  });
}

function checkFormat(v: string, node: Node, format: NonNullable<Extract<ValueSpec, { type: 'string' }>['format']>, path: string[], s: ShapeContext): void {
  const r = rangeOf(node);
  const name = pathText(path);
  switch (format) {
    case 'uuid':
      if (!isUuid(v)) s.rep.add('format', r, `\`${name}\` must be a UUID (e.g. 5b3e0c7a-1f2d-4e5a-9b8c-0d1e2f3a4b5c); got "${v}".`, { fix: [{ kind: 'new-uuid', title: 'Generate a new UUID', range: r }] });
      return;
    case 'date':
      return checkDate(v, node, path, s);
    case 'url':
      if (!isHttpUrl(v)) s.rep.add('format', r, `\`${name}\` must be an http(s) URL with a host; got "${v}".`);
      return;
    case 'url-or-path': {
      if (isHttpUrl(v)) return;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
        s.rep.add('format', r, `\`${name}\` must be an http(s) URL or a path to an existing file; got "${v}".`);
        return;
      }
      const exists = s.ctx.fileExists;
      if (exists && !exists(v.replace(/^\.\//, ''))) s.rep.add('format', r, `\`${name}\`: "${v}" is not an http(s) URL and no such file exists in the repository.`);
      return;
    }
    case 'mitre': {
      if (MITRE_STRICT_RE.test(v)) return;
      const fixed = fixMitreId(v);
      const fix = fixed ? [{ kind: 'replace' as const, title: `Change to ${fixed}`, range: r, text: requote(node, fixed) }] : undefined;
      if (MITRE_CONTENTCTL_RE.test(v)) {
        s.rep.add('mitre-lenient', r, `"${v}" is not a valid ATT&CK id (use a dot: ${fixed ?? 'T1234.001'}); contentctl accepts it only because its pattern does not escape the dot.`, { fix, suggestions: fixed ? [fixed] : undefined });
      } else {
        s.rep.add('format', r, `\`${name}\` entries must look like T1234 or T1234.001; got "${v}".`, { fix, suggestions: fixed ? [fixed] : undefined });
      }
      return;
    }
    case 'cve':
      if (!CVE_RE.test(v)) s.rep.add('format', r, `\`${name}\` entries must look like CVE-2024-12345; got "${v}".`);
      return;
    case 'match-type':
      if (!MATCH_TYPE_RE.test(v)) s.rep.add('format', r, `\`${name}\` entries must look like WILDCARD(field) or CIDR(field); got "${v}".`);
      return;
    case 'throttle-period':
      if (!THROTTLE_PERIOD_RE.test(v)) s.rep.add('format', r, `\`${name}\` must be a number followed by s, m or h (e.g. 3600s); got "${v}".`);
      return;
    case 'no-spaces':
      if (/\s/.test(v)) s.rep.add('format', r, `\`${name}\` entries must not contain spaces; got "${v}".`);
      return;
  }
}
