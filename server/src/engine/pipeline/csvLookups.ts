// A LookupResolver over CSV files in lookup directories, with optional transforms.conf-style
// definitions (lookup name → file and match settings). Tables are parsed once and cached.
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { pathInside, plainNameProblem } from '../../content/confine';
import { readUtf8File } from '../../content/regularFile';
import { parse as parseYaml } from 'yaml';
import type { LookupProblem, LookupResolver, LookupTable } from '../commands/types';
import { builtinLookup, kvCollectionTable } from './standInLookups';

export interface LookupDefinition {
  filename: string;
  /** e.g. `WILDCARD(process), CIDR(ip)` */
  match_type?: string;
  case_sensitive_match?: boolean;
  max_matches?: number;
  min_matches?: number;
  default_match?: string;
}

/** Parses CSV text (RFC 4180 quoting, `""` escapes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"') {
        if (s[i + 1] === '"') { cell += '"'; i++; } else q = false;
      } else cell += c;
      continue;
    }
    if (c === '"') { q = true; continue; }
    if (c === ',') { row.push(cell); cell = ''; continue; }
    if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      continue;
    }
    cell += c;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

export function tableFromCsv(name: string, text: string, def?: LookupDefinition): LookupTable {
  const [header = [], ...body] = parseCsv(text);
  const fields = header.map((h) => h.trim());
  const rows = body.map((r) => {
    const o: Record<string, string> = Object.create(null) as Record<string, string>;
    fields.forEach((f, i) => { o[f] = r[i] ?? ''; });
    return o;
  });
  const matchTypes: LookupTable['matchTypes'] = [];
  for (const m of (def?.match_type ?? '').matchAll(/(WILDCARD|CIDR)\(\s*([^)\s]+)\s*\)/gi)) {
    matchTypes.push({ type: m[1].toUpperCase() as 'WILDCARD' | 'CIDR', field: m[2] });
  }
  return {
    name, fields, rows, matchTypes,
    caseSensitive: def?.case_sensitive_match, maxMatches: def?.max_matches, minMatches: def?.min_matches, defaultMatch: def?.default_match,
  };
}

/** A security_content lookup YAML (`filename`, `match_type`, `case_sensitive_match`, …) as a definition. */
export function definitionFromYaml(text: string): LookupDefinition | undefined {
  let y: unknown;
  try { y = parseYaml(text); } catch { return undefined; }
  if (!y || typeof y !== 'object') return undefined;
  const o = y as Record<string, unknown>;
  if (typeof o.filename !== 'string') return undefined;
  const bool = (v: unknown) => (v === undefined ? undefined : /^(true|1|t|yes)$/i.test(String(v)));
  const num = (v: unknown) => (v === undefined || v === null || !/^\d+$/.test(String(v)) ? undefined : Number(v));
  return {
    filename: o.filename,
    match_type: typeof o.match_type === 'string' ? o.match_type : undefined,
    case_sensitive_match: bool(o.case_sensitive_match),
    max_matches: num(o.max_matches),
    min_matches: num(o.min_matches),
    default_match: o.default_match === undefined || o.default_match === null ? undefined : String(o.default_match),
  };
}

/** Largest lookup file read (CSV or definition); bigger ones are refused with a message. */
export const MAX_LOOKUP_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Resolves lookups from CSV files in `dirs` (the content repositories' `lookups/` folders). A
 * lookup name is looked up in `definitions` first, then as `<name>.yml` (security_content lookup
 * definition) in the dirs — or the YAML whose `name:` it is — then as `<name>` / `<name>.csv`
 * files. When no file exists: a KV store collection the YAML defines (`collection:`), or a
 * built-in stand-in (URL Toolbox, ES asset/identity; standInLookups.ts). Names and definition file
 * names are plain file names: anything with a path separator or `..` is refused, and the file must
 * be a regular file really inside its folder (confine.ts) no bigger than `maxBytes`.
 */
export function createCsvLookupResolver(
  dirs: string[],
  definitions: Record<string, LookupDefinition> = {},
  maxBytes = MAX_LOOKUP_FILE_BYTES,
): LookupResolver {
  const cache = new Map<string, LookupTable | LookupProblem | undefined>();
  /** The text of `file` in one of the dirs: undefined when absent, a problem when refused. */
  const readIn = (file: string): { text: string; file: string } | LookupProblem | undefined => {
    const bad = plainNameProblem(file);
    if (bad) return { problem: `the lookup file name "${file}" is refused: ${bad}; lookups resolve only by name inside the lookups/ folders` };
    for (const dir of dirs) {
      const inside = pathInside(dir, file);
      if (!inside.ok) return { problem: inside.problem };
      if (!existsSync(inside.path) && !isDanglingLink(inside.path)) continue;
      const read = readUtf8File(inside.path, maxBytes);
      return read.ok ? { text: read.text, file } : { problem: read.problem };
    }
    return undefined;
  };
  // Lookup YAMLs by their `name:` (e.g. brandMonitoring_lookup in brandmonitoring_lookup.yml), read
  // once, for names whose file is not `<name>.yml`.
  let byName: Map<string, string> | undefined;
  const readByName = (name: string) => {
    if (!byName) {
      byName = new Map();
      for (const dir of dirs) {
        let files: string[] = [];
        try { files = readdirSync(dir).filter((f) => f.endsWith('.yml')); } catch { continue; }
        for (const f of files) {
          const got = readIn(f);
          if (!got || 'problem' in got) continue;
          const m = /^name:\s*['"]?([^'"\r\n]+?)['"]?\s*$/m.exec(got.text);
          if (m && !byName.has(m[1])) byName.set(m[1], f);
        }
      }
    }
    const f = byName.get(name);
    return f ? readIn(f) : undefined;
  };
  return {
    resolve(name: string) {
      if (cache.has(name)) return cache.get(name);
      const result = resolveUncached(name);
      cache.set(name, result);
      return result;
    },
  };
  function resolveUncached(name: string): LookupTable | LookupProblem | undefined {
    const bad = plainNameProblem(name);
    if (bad) return { problem: `the lookup name "${name}" is refused: ${bad}; lookups resolve only by name inside the lookups/ folders of the content repositories` };
    const base = name.replace(/\.csv$/i, '');
    let def: LookupDefinition | undefined = Object.prototype.hasOwnProperty.call(definitions, name) ? definitions[name] : undefined;
    let yaml: { text: string; file: string } | undefined;
    if (!def) {
      const y = readIn(`${base}.yml`) ?? readByName(base);
      if (y && 'problem' in y) return y;
      if (y) {
        yaml = y;
        def = definitionFromYaml(y.text);
      }
    }
    const candidates = def ? [def.filename] : name.toLowerCase().endsWith('.csv') ? [name] : [name, `${name}.csv`];
    for (const f of candidates) {
      const got = readIn(f);
      if (!got) continue;
      if ('problem' in got) return got;
      return tableFromCsv(name, got.text, def);
    }
    return (yaml && kvCollectionTable(base, yaml.text, `lookups/${yaml.file}`)) ?? builtinLookup(base);
  }
}

function isDanglingLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
