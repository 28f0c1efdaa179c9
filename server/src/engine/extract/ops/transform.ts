// transforms.conf search-time transforms (used by REPORT-): REGEX with FORMAT (`$1::$2`, `name::$1`),
// named groups and `_KEY_n`/`_VAL_n`, DELIMS/FIELDS, SOURCE_KEY, MV_ADD, CLEAN_KEYS, KEEP_EMPTY_VALS,
// plus the engine's NATIVE fast paths that reproduce specific regexes exactly.

import { Row } from '../../types';
import { MergedStanza } from '../conf/layers';
import { compilePcre } from '../regex';
import { addValue, cleanKey, unquote, valuesOf } from '../row-fields';
import { splitDelimited } from './delims';
import { xmlAttributes, xmlBlocks, xmlLeafElements, xmlNamedData } from '../auto/winxml';

export type RowStep = (row: Row) => void;

export interface StepProblem {
  message: string;
  file?: string;
  line?: number;
}

type Emit = (name: string, value: string) => void;
type Native = (text: string, emit: Emit, target: string | undefined) => void;

/** Native implementations keyed by the value of a transform's `NATIVE` setting (engine extension). */
const NATIVES: Record<string, Native> = {
  xml_leaf_elements: (t, emit) => xmlLeafElements(t, emit),
  xml_attributes: (t, emit) => xmlAttributes(t, emit),
  xml_named_data: (t, emit) => xmlNamedData(t, emit),
};

function nativeFor(spec: string): Native | undefined {
  const block = /^xml_block:(\w+)$/.exec(spec);
  if (block) {
    const el = block[1];
    return (t, emit, target) => xmlBlocks(t, el, (inner) => emit(target ?? `${el}_Xml`, inner));
  }
  return Object.prototype.hasOwnProperty.call(NATIVES, spec) ? NATIVES[spec] : undefined;
}

function bool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  return /^(1|true|t|yes|y)$/i.test(v.trim());
}

/** Maps SOURCE_KEY to a row field: `_raw` by default; `MetaData:Source` → `source`, etc. */
export function sourceField(key: string | undefined): string {
  if (!key) return '_raw';
  const k = key.trim();
  const meta = /^MetaData:(Source|Host|Sourcetype)$/i.exec(k);
  if (meta) return meta[1].toLowerCase();
  return k.replace(/^field:/, '');
}

interface FormatPart {
  key: string;
  value: string;
}

/** Parses FORMAT into `key::value` parts (each side may contain `$n`). */
export function parseFormat(format: string): FormatPart[] {
  const parts: FormatPart[] = [];
  for (const tok of format.trim().split(/\s+/)) {
    const sep = tok.indexOf('::');
    if (sep < 0) continue;
    parts.push({ key: tok.slice(0, sep), value: unquote(tok.slice(sep + 2)) });
  }
  return parts;
}

/** A FORMAT side compiled into literal pieces and group numbers. */
type Template = (string | number)[];

function compileTemplate(tpl: string): Template {
  const out: Template = [];
  const re = /\$(\d+)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tpl))) {
    if (m.index > last) out.push(tpl.slice(last, m.index));
    out.push(Number(m[1]));
    last = m.index + m[0].length;
  }
  if (last < tpl.length || out.length === 0) out.push(tpl.slice(last));
  return out;
}

function substitute(tpl: Template, m: RegExpExecArray): string {
  if (tpl.length === 1) {
    const t = tpl[0];
    return typeof t === 'number' ? m[t] ?? '' : t;
  }
  let s = '';
  for (const t of tpl) s += typeof t === 'number' ? m[t] ?? '' : t;
  return s;
}


/** A named group of a regex: a field, or (`val` set) a `_KEY_n` group whose value is group `val` (`_VAL_n`). */
interface GroupRole {
  name: string;
  val: string | undefined;
}

/**
 * The roles of a regex's named groups in order, `_VAL_n` groups left out. They are the same for
 * every match of one regex, so they are worked out once, from the first match's `groups`.
 */
function groupRoles(groups: Record<string, string | undefined>): GroupRole[] {
  const roles: GroupRole[] = [];
  for (const name of Object.keys(groups)) {
    const kv = /^_KEY_(\w+)$/.exec(name);
    if (kv) roles.push({ name, val: `_VAL_${kv[1]}` });
    else if (!name.startsWith('_VAL_')) roles.push({ name, val: undefined });
  }
  return roles;
}

/** Parses DELIMS = "<pair delims>", "<kv delims>" (or one quoted set for FIELDS). */
function parseDelims(v: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(v))) out.push(m[1].replace(/\\t/g, '\t').replace(/\\n/g, '\n').replace(/\\r/g, '\r').replace(/\\(.)/g, '$1'));
  return out;
}

/** Compiles one transforms.conf stanza into a row step. */
export function compileTransform(stanza: MergedStanza, problems: StepProblem[]): RowStep | undefined {
  const get = (k: string) => stanza.settings.get(k)?.value;
  const where = stanza.settings.get('REGEX') ?? stanza.settings.values().next().value;
  const problem = (message: string) => problems.push({ message: `transforms [${stanza.name}]: ${message}`, file: where?.file, line: where?.line });
  const src = sourceField(get('SOURCE_KEY'));
  const mvAdd = bool(get('MV_ADD'), false);
  const cleanKeys = bool(get('CLEAN_KEYS'), true);
  const keepEmpty = bool(get('KEEP_EMPTY_VALS'), false);
  const format = get('FORMAT');
  const parts = format ? parseFormat(format) : [];

  const put = (row: Row, key: string, value: string, dynamic: boolean) => {
    if (value === '' && !keepEmpty) return;
    const k = dynamic && cleanKeys ? cleanKey(key) : key;
    if (k === '') return;
    addValue(row, k, value, mvAdd);
  };

  const native = get('NATIVE');
  if (native) {
    const impl = nativeFor(native.trim());
    if (impl) {
      const fixedTarget = parts.length === 1 && !parts[0].key.includes('$') ? parts[0].key : undefined;
      return (row) => {
        const v = row[src];
        if (v === undefined) return;
        const emit = (k: string, val: string) => put(row, fixedTarget ?? k, val, fixedTarget === undefined);
        if (Array.isArray(v)) for (const x of v) impl(String(x), emit, fixedTarget);
        else impl(typeof v === 'string' ? v : String(v), emit, fixedTarget);
      };
    }
    problem(`unknown NATIVE "${native}", using REGEX`);
  }

  const delims = get('DELIMS');
  if (delims !== undefined && get('REGEX') === undefined) {
    const ds = parseDelims(delims);
    const fields = (get('FIELDS') ?? '').split(',').map((f) => unquote(f.trim())).filter((f) => f !== '');
    if (ds.length === 0) {
      problem('DELIMS has no quoted delimiter set');
      return undefined;
    }
    return (row) => {
      for (const text of valuesOf(row[src])) {
        const pieces = splitDelimited(String(text), ds[0]);
        if (fields.length > 0) {
          pieces.forEach((p, i) => { if (i < fields.length) put(row, fields[i], unquote(p.trim()), false); });
        } else if (ds.length >= 2) {
          for (const piece of pieces) {
            const kv = splitDelimited(piece, ds[1]);
            if (kv.length < 2) continue;
            put(row, kv[0].trim(), unquote((kv.length === 2 ? kv[1] : kv.slice(1).join(ds[1][0])).trim()), true);
          }
        }
      }
    };
  }

  const regex = get('REGEX');
  if (regex === undefined) {
    problem('no REGEX, DELIMS or NATIVE');
    return undefined;
  }
  const compiled = compilePcre(regex, true);
  if ('error' in compiled) {
    problem(compiled.error);
    return undefined;
  }
  const re = compiled.regex;
  const dynamic = parts.some((p) => p.key.includes('$'));
  const compiledParts = parts.map((p) => ({ key: compileTemplate(p.key), value: compileTemplate(p.value), dyn: p.key.includes('$') }));
  // With fixed field names and no MV_ADD only the first match can add values (first value wins).
  const firstOnly = !mvAdd && !dynamic && (parts.length > 0 || !regex.includes('_KEY_'));
  let roles: GroupRole[] | undefined;
  const apply = (row: Row, s: string): void => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = re.exec(s)) && guard++ < 100000) {
      if (m[0] === '') re.lastIndex++;
      if (compiledParts.length > 0) {
        for (const p of compiledParts) {
          const key = substitute(p.key, m);
          const val = substitute(p.value, m);
          put(row, key, dynamic ? unquote(val) : val, p.dyn);
        }
        if (firstOnly) break;
      } else if (m.groups) {
        const g = m.groups;
        roles ??= groupRoles(g);
        for (const r of roles) {
          const v = g[r.name];
          if (v === undefined) continue;
          if (r.val !== undefined) {
            const val = g[r.val];
            if (val !== undefined) put(row, v, val, true);
          } else put(row, r.name, v, false);
        }
        if (firstOnly) break;
      }
    }
  };
  return (row) => {
    const v = row[src];
    if (v === undefined) return;
    if (Array.isArray(v)) for (const x of v) apply(row, String(x));
    else apply(row, typeof v === 'string' ? v : String(v));
  };
}

/** Compiles an inline `EXTRACT-<class> = <regex> [in <field>]` (first match, named groups). */
export function compileInlineExtract(value: string, problems: StepProblem[], where: { file?: string; line?: number }): RowStep | undefined {
  let pattern = value;
  let src = '_raw';
  const inField = /^([\s\S]*\S)\s+in\s+([\w.{}:@-]+)$/.exec(value);
  if (inField) {
    pattern = inField[1];
    src = inField[2];
  }
  const compiled = compilePcre(pattern, false);
  if ('error' in compiled) {
    problems.push({ message: `EXTRACT: ${compiled.error}`, ...where });
    return undefined;
  }
  const re = compiled.regex;
  let roles: GroupRole[] | undefined;
  const apply = (row: Row, text: string): void => {
    const m = re.exec(text);
    if (!m?.groups) return;
    const g = m.groups;
    roles ??= groupRoles(g);
    for (const r of roles) {
      const v = g[r.name];
      if (v === undefined || v === '') continue;
      if (r.val !== undefined) {
        const val = g[r.val];
        if (val !== undefined && val !== '') addValue(row, cleanKey(v), val, false);
      } else addValue(row, r.name, v, false);
    }
  };
  return (row) => {
    const v = row[src];
    if (v === undefined) return;
    if (Array.isArray(v)) for (const x of v) apply(row, String(x));
    else apply(row, typeof v === 'string' ? v : String(v));
  };
}
