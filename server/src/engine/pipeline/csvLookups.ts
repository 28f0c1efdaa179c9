// A LookupResolver over CSV files in lookup directories, with optional transforms.conf-style
// definitions (lookup name → file and match settings). Tables are parsed once and cached.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { LookupResolver, LookupTable } from '../commands/types';
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
    const o: Record<string, string> = {};
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

/**
 * Resolves lookups from CSV files in `dirs`. A lookup name is looked up in `definitions` first,
 * then as `<name>.yml` (security_content lookup definition) in the dirs, then as `<name>` /
 * `<name>.csv` files. When none exists: a KV store collection defined by a `<name>.yml`
 * (`collection:`) or a built-in stand-in (URL Toolbox, ES asset/identity) — see standInLookups.ts.
 */
export function createCsvLookupResolver(dirs: string[], definitions: Record<string, LookupDefinition> = {}): LookupResolver {
  const cache = new Map<string, LookupTable | undefined>();
  // Lookup YAMLs by their `name:` (the lookup's name, e.g. brandMonitoring_lookup in
  // brandmonitoring_lookup.yml), read once, for names whose file is not `<name>.yml`.
  let byName: Map<string, string> | undefined;
  const yamlByName = (name: string): string | undefined => {
    if (!byName) {
      byName = new Map();
      for (const dir of dirs) {
        let files: string[] = [];
        try { files = readdirSync(dir).filter((f) => f.endsWith('.yml')); } catch { continue; }
        for (const f of files) {
          try {
            const m = /^name:\s*['"]?([^'"\r\n]+?)['"]?\s*$/m.exec(readFileSync(join(dir, f), 'utf8'));
            if (m && !byName.has(m[1])) byName.set(m[1], join(dir, f));
          } catch { /* unreadable: skipped */ }
        }
      }
    }
    return byName.get(name);
  };
  const yamlFile = (name: string): string | undefined => {
    const base = name.replace(/\.csv$/i, '');
    for (const dir of dirs) {
      const p = join(dir, `${base}.yml`);
      if (existsSync(p)) return p;
    }
    return yamlByName(base);
  };
  const yamlDef = (name: string): LookupDefinition | undefined => {
    const p = yamlFile(name);
    if (!p) return undefined;
    try { return definitionFromYaml(readFileSync(p, 'utf8')); } catch { return undefined; }
  };
  const kvCollection = (name: string): LookupTable | undefined => {
    const p = yamlFile(name);
    if (!p) return undefined;
    try { return kvCollectionTable(name.replace(/\.csv$/i, ''), readFileSync(p, 'utf8'), `lookups/${basename(p)}`); } catch { return undefined; }
  };
  return {
    resolve(name: string) {
      if (cache.has(name)) return cache.get(name);
      const def = definitions[name] ?? yamlDef(name);
      const candidates = def ? [def.filename] : name.toLowerCase().endsWith('.csv') ? [name] : [name, `${name}.csv`];
      let table: LookupTable | undefined;
      outer: for (const dir of dirs) {
        for (const f of candidates) {
          const p = join(dir, f);
          if (existsSync(p)) {
            try { table = tableFromCsv(name, readFileSync(p, 'utf8'), def); } catch { table = undefined; }
            break outer;
          }
        }
      }
      table ??= kvCollection(name) ?? builtinLookup(name.replace(/\.csv$/i, ''));
      cache.set(name, table);
      return table;
    },
  };
}
