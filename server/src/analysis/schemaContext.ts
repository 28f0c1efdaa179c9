// Adapts the content index to the schema checker's cross-file context, cached per index version.
import * as fs from 'fs';
import * as path from 'path';
import type { ContentIndex } from '../content';
import type { AttackIndex } from '../schema/attack';
import type { NameLookup, SchemaContext } from '../schema/types';
import { outputFieldsOf } from '../spl/outputFields';
import { parseSpl } from '../spl/parse';

export interface SchemaContextOptions {
  attack?: AttackIndex;
  today?: string;
}

const normalizeId = (id: string) => id.toLowerCase().replace(/-/g, '');

function nameLookup(names: () => Iterable<string>, has: (n: string) => boolean): NameLookup {
  return { has, names };
}

const cache = new WeakMap<ContentIndex, { key: string; ctx: SchemaContext }>();

/** The schema context for files under `root` (repo-relative paths are relative to it). */
export function schemaContextFor(index: ContentIndex, root: string, options: SchemaContextOptions = {}): SchemaContext {
  const key = `${index.version}|${root}|${options.today ?? ''}|${options.attack ? 1 : 0}`;
  const hit = cache.get(index);
  if (hit && hit.key === key) return hit.ctx;

  const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');
  const ids = new Map<string, string[]>();
  const names = new Map<string, string[]>();
  for (const e of index.allEntries()) {
    if (!e.file.startsWith(root + path.sep)) continue;
    if (e.id) {
      const k = normalizeId(e.id);
      (ids.get(k) ?? ids.set(k, []).get(k)!).push(rel(e.file));
    }
    (names.get(e.name) ?? names.set(e.name, []).get(e.name)!).push(rel(e.file));
  }
  const abs = (repoPath: string) => path.join(root, ...repoPath.split('/'));
  const ctx: SchemaContext = {
    macroArgCounts: (n) => index.macroArgCounts(n),
    macroNames: () => index.macros.names(),
    stories: nameLookup(() => index.stories.names(), (n) => index.stories.get(n).length > 0),
    dataSources: nameLookup(() => index.dataSources.names(), (n) => index.dataSources.get(n).length > 0),
    dataSourceOutputFields: (n) => index.dataSources.first(n)?.outputFields,
    lookups: nameLookup(() => index.lookups.names(), (n) => index.lookups.get(n).length > 0),
    idOwners: (id) => ids.get(normalizeId(id)) ?? [],
    nameOwners: (n) => names.get(n) ?? [],
    fileExists: (p) => fs.existsSync(abs(p)),
    readText: (p) => {
      try {
        return fs.readFileSync(abs(p), 'utf8');
      } catch {
        return undefined;
      }
    },
    outputFieldsOf: (search) => outputFieldsOf(parseSpl(search)),
    attack: options.attack,
    today: options.today,
  };
  cache.set(index, { key, ctx });
  return ctx;
}
