// Builds a SchemaContext from the files of a repository (for the CLI, tests and scripts; the
// language server may supply its own index instead). Light-weight: one YAML parse per file.

import { isMap, parseDocument } from 'yaml';
import type { AttackIndex } from './attack';
import { kindFromPath, normalizePath } from './kind';
import type { ContentKind, NameLookup, SchemaContext } from './types';

export interface RepoFile {
  /** Repo-relative path. */
  path: string;
  text: string;
}

export interface RepoIndexOptions {
  fileExists?(repoPath: string): boolean;
  readText?(repoPath: string): string | undefined;
  outputFieldsOf?(search: string): Set<string> | undefined;
  attack?: AttackIndex;
  today?: string;
}

export function nameLookup(names: Iterable<string>): NameLookup {
  const set = new Set(names);
  return { has: (n) => set.has(n), names: () => set };
}

interface Header {
  kind: ContentKind;
  name?: string;
  id?: string;
  argCount?: number;
  /** data sources: output_fields entries */
  outputFields?: string[];
}

/** Items of a top-level block list `key:\n- a\n- b` (plain or quoted one-line items). */
function topLevelList(text: string, key: string): string[] | undefined {
  const m = new RegExp('^' + key + ':[ \\t]*\\r?\\n((?:[ \\t]*-.*\\r?\\n?)*)', 'm').exec(text);
  if (!m) return undefined;
  return m[1]
    .split('\n')
    .map((l) => /^[ \t]*-[ \t]*(.*?)[ \t]*\r?$/.exec(l)?.[1])
    .filter((v): v is string => v !== undefined && v !== '')
    .map((v) => (/^'.*'$/.test(v) ? v.slice(1, -1).replace(/''/g, "'") : /^".*"$/.test(v) ? v.slice(1, -1) : v));
}

/** Value of a one-line top-level `key: value` (plain, 'single' or "double" quoted), or undefined. */
function topLevelScalar(text: string, key: string): string | undefined | null {
  const m = new RegExp('^' + key + ':[ \\t]*(.*?)[ \\t]*$', 'm').exec(text);
  if (!m) return undefined;
  const after = m.index + m[0].length;
  if (/^\r?\n[ \t]+\S/.test(text.slice(after, after + 200))) return null; // continued on the next line
  const v = m[1].replace(/\s+#.*$/, '');
  if (v === '' || /^[|>&*!]/.test(v)) return null; // needs a real parse
  if (v.startsWith("'")) return v.endsWith("'") && v.length > 1 ? v.slice(1, -1).replace(/''/g, "'") : null;
  if (v.startsWith('"')) {
    try {
      return JSON.parse(v) as string;
    } catch {
      return null;
    }
  }
  return v;
}

/**
 * Reads the top-level name / id / argument count of a content file without validating it. Uses
 * line patterns (fast) and falls back to a YAML parse for multi-line or unusual values.
 */
export function readHeader(path: string, text: string): Header | undefined {
  const kind = kindFromPath(path);
  if (!kind) return undefined;
  const h: Header = { kind };
  const name = topLevelScalar(text, 'name');
  const id = topLevelScalar(text, 'id');
  if (name === null || id === null) {
    try {
      const root = parseDocument(text, { version: '1.1', uniqueKeys: false }).contents;
      if (isMap(root)) {
        const n = root.get('name');
        const i = root.get('id');
        if (typeof n === 'string') h.name = n;
        if (typeof i === 'string') h.id = i;
      }
    } catch {
      /* ignore: the file gets its own diagnostics */
    }
  } else {
    h.name = name;
    h.id = id;
  }
  if (kind === 'data_source') h.outputFields = topLevelList(text, 'output_fields');
  if (kind === 'macro') {
    const flow = /^arguments:[ \t]*\[(.*)\]/m.exec(text);
    if (flow) h.argCount = flow[1].trim() === '' ? 0 : flow[1].split(',').length;
    else {
      const block = /^arguments:[ \t]*\r?\n((?:[ \t]*-.*\r?\n?)*)/m.exec(text);
      h.argCount = block ? block[1].split('\n').filter((l) => /^\s*-/.test(l)).length : 0;
    }
  }
  return h;
}

/** Index of names/ids/macro arities over the given content files. */
export function buildSchemaContext(files: Iterable<RepoFile>, opts: RepoIndexOptions = {}): SchemaContext {
  const macros = new Map<string, number[]>();
  const stories: string[] = [];
  const dataSources: string[] = [];
  const dsOutput = new Map<string, string[]>();
  const lookups: string[] = [];
  const ids = new Map<string, string[]>();
  const names = new Map<string, string[]>();
  for (const f of files) {
    const path = normalizePath(f.path);
    const h = readHeader(path, f.text);
    if (!h) continue;
    if (h.name !== undefined) {
      (names.get(h.name) ?? names.set(h.name, []).get(h.name)!).push(path);
      if (h.kind === 'macro') {
        const a = macros.get(h.name) ?? [];
        if (!a.includes(h.argCount ?? 0)) a.push(h.argCount ?? 0);
        macros.set(h.name, a);
      } else if (h.kind === 'story') stories.push(h.name);
      else if (h.kind === 'data_source') {
        dataSources.push(h.name);
        if (h.outputFields?.length) dsOutput.set(h.name, h.outputFields);
      }
      else if (h.kind === 'lookup') lookups.push(h.name);
    }
    if (h.id !== undefined) {
      const k = h.id.toLowerCase().replace(/-/g, '');
      (ids.get(k) ?? ids.set(k, []).get(k)!).push(path);
    }
  }
  return {
    macroArgCounts: (n) => macros.get(n),
    macroNames: () => macros.keys(),
    stories: nameLookup(stories),
    dataSources: nameLookup(dataSources),
    dataSourceOutputFields: (n) => dsOutput.get(n),
    lookups: nameLookup(lookups),
    idOwners: (id) => ids.get(id.toLowerCase().replace(/-/g, '')) ?? [],
    nameOwners: (n) => names.get(n) ?? [],
    fileExists: opts.fileExists,
    readText: opts.readText,
    outputFieldsOf: opts.outputFieldsOf,
    attack: opts.attack,
    today: opts.today,
  };
}
