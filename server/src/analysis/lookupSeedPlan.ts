// Which lookups of a run start from something other than the repository's files, and from what
// (the engine side is engine/pipeline/seededLookups.ts):
// - a lookup a repository baseline writes with `outputlookup` and that has no data here (a KV store
//   collection, `collection:` in its lookup YAML, or a lookup without a CSV): that baseline runs
//   first on the same sample;
// - a KV store collection (or any lookup) the user maps to a CSV (`detectionWorkbench.lookups.collections`,
//   `--collection NAME=FILE`), and ES's asset/identity tables from the user's asset and identity
//   lists (`detectionWorkbench.lookups.esAssetsCsv` / `esIdentitiesCsv`, `--es-assets` / `--es-identities`).
// Shared by every front end through planRun.
import * as path from 'path';
import type { ContentIndex } from '../content';
import { isWithin, pathInside } from '../content/confine';
import type { DetectionEntry } from '../content/entries';
import type { LookupSeed } from '../engine/pipeline/seededLookups';
import { positionals } from '../engine/commands/args';
import { outputLookupOptions, tableName } from '../engine/pipeline/outputLookup';
import { isEsTable } from '../engine/pipeline/standInLookups';
import type { Pipeline } from '../spl/ast';
import { parseSpl } from '../spl/parse';

/** The user's CSV sources for lookups (settings or CLI flags). */
export interface LookupSources {
  esAssetsCsv?: string;
  esIdentitiesCsv?: string;
  /** KV store collection (or lookup) name → CSV file. */
  collections?: Record<string, string>;
  /** Relative paths resolve against this folder (the workspace root, or the CLI's working directory). */
  baseDir: string;
  /** When set, each file must be inside one of these folders (settings: the opened folders; confine.ts). */
  confineTo?: string[];
  /** How messages name the sources: settings or CLI flags. */
  origin: 'setting' | 'flag';
}

const ORIGIN_NAMES = {
  setting: { assets: 'detectionWorkbench.lookups.esAssetsCsv', identities: 'detectionWorkbench.lookups.esIdentitiesCsv', collection: (n: string) => `detectionWorkbench.lookups.collections["${n}"]` },
  flag: { assets: '--es-assets', identities: '--es-identities', collection: (n: string) => `--collection ${n}=…` },
};

const ES_ASSET_TABLES = new Set(['asset_lookup_by_str', 'asset_lookup_by_cidr']);

/**
 * Names (without `.csv`) of the lookups a pipeline reads with lookup/inputlookup, subsearches
 * included (`Command.subsearches` holds those of search clauses too: each is visited once).
 */
export function lookupsRead(pipeline: Pipeline): string[] {
  const names = new Set<string>();
  const walk = (p: Pipeline) => {
    for (const c of p.commands) {
      if (c.kind !== 'command') continue;
      if (c.body.kind === 'lookup' && c.body.table) names.add(tableName(c.body.table.name));
      else if (c.name === 'inputlookup') {
        const t = positionals(c)[0]?.text;
        if (t) names.add(tableName(t));
      }
      for (const s of c.subsearches) walk(s.pipeline);
    }
  };
  walk(pipeline);
  return [...names];
}

/** Tables (without `.csv`) a search writes with outputlookup in its main pipeline. */
export function lookupsWritten(search: string): string[] {
  const out = new Set<string>();
  for (const c of parseSpl(search).commands) {
    if (c.kind !== 'command' || c.name !== 'outputlookup') continue;
    const t = outputLookupOptions(c)?.table;
    if (t) out.add(tableName(t));
  }
  return [...out];
}

// Baselines by the tables they write, per index version (a corpus has a few dozen baselines).
const writersCache = new WeakMap<ContentIndex, { version: number; byTable: Map<string, DetectionEntry[]> }>();

/** The repository baselines that write `table` (without `.csv`) with outputlookup. */
export function baselinesWriting(index: ContentIndex, table: string): DetectionEntry[] {
  let cached = writersCache.get(index);
  if (!cached || cached.version !== index.version) {
    const byTable = new Map<string, DetectionEntry[]>();
    for (const b of index.baselines.all()) {
      if (!b.search) continue;
      for (const t of lookupsWritten(b.search)) {
        const list = byTable.get(t) ?? [];
        list.push(b);
        byTable.set(t, list);
      }
    }
    cached = { version: index.version, byTable };
    writersCache.set(index, cached);
  }
  return cached.byTable.get(table) ?? [];
}

/**
 * The baseline to run for `table`, when several write it: not deprecated first, then one that
 * names the detection in `tags.detections`, then one that does not read the table itself (an
 * "Initial" baseline rather than an "Update" one), then by name — so the choice is stable.
 */
export function chooseBaseline(candidates: DetectionEntry[], table: string, detectionName?: string): DetectionEntry | undefined {
  const deprecated = (b: DetectionEntry) => b.status === 'deprecated' || /[\\/]deprecated[\\/]/.test(b.file);
  const rank = (b: DetectionEntry) => [
    deprecated(b) ? 1 : 0,
    detectionName && b.detections?.includes(detectionName) ? 0 : 1,
    b.search && lookupsRead(parseSpl(b.search)).includes(table) ? 1 : 0,
  ];
  return [...candidates].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  })[0];
}

/** The user's CSV for `name`, confined when the sources are settings. */
function csvSource(file: string, origin: string, sources: LookupSources): Pick<LookupSeed, 'csv' | 'csvProblem'> {
  const abs = path.resolve(sources.baseDir, file);
  if (sources.confineTo) {
    for (const root of sources.confineTo) {
      if (!isWithin(path.resolve(root), abs)) continue;
      const inside = pathInside(root, path.relative(path.resolve(root), abs).split(path.sep).join('/'), { percentDecode: false });
      if (inside.ok) return { csv: { path: inside.path, origin } };
      return { csvProblem: `the CSV named in ${origin} is refused: ${inside.problem}` };
    }
    return { csvProblem: `the CSV ${file} named in ${origin} is refused: it is outside the opened folders (${sources.confineTo.join(', ')}); put it inside the workspace` };
  }
  return { csv: { path: abs, origin } };
}

export interface SeedPlanOptions {
  sources?: LookupSources;
  /** The detection's name (baselines list the detections they feed). */
  detectionName?: string;
  /** Expands a baseline's macros; throws with the reason when it cannot. */
  expand: (search: string) => string;
}

/** The seeds of a run whose (expanded) search is `pipeline`. */
export function planLookupSeeds(pipeline: Pipeline, index: ContentIndex, opts: SeedPlanOptions): LookupSeed[] {
  const seeds = new Map<string, LookupSeed>();
  const sourceSeed = (name: string): LookupSeed | undefined => {
    const entry = index.lookup(name) ?? index.lookup(`${name}.csv`);
    const seed: LookupSeed = { name, kind: entry?.collection || isEsTable(name) ? 'kv' : 'csv' };
    const s = opts.sources;
    if (s) {
      const names = ORIGIN_NAMES[s.origin];
      const collectionFile = s.collections && (own(s.collections, name) ?? (entry?.collection ? own(s.collections, entry.collection) : undefined));
      if (ES_ASSET_TABLES.has(name) && s.esAssetsCsv) Object.assign(seed, csvSource(s.esAssetsCsv, names.assets, s));
      else if (name === 'identity_lookup_expanded' && s.esIdentitiesCsv) Object.assign(seed, csvSource(s.esIdentitiesCsv, names.identities, s));
      else if (collectionFile) Object.assign(seed, csvSource(collectionFile, names.collection(entry?.collection && !own(s.collections!, name) ? entry.collection : name), s));
    }
    return seed.csv || seed.csvProblem ? seed : undefined;
  };
  const baselineReads: string[] = [];
  for (const name of lookupsRead(pipeline)) {
    const entry = index.lookup(name) ?? index.lookup(`${name}.csv`);
    const targets = [...new Set([name, ...(entry ? [tableName(entry.name)] : []), ...(entry?.filename ? [tableName(entry.filename)] : [])])];
    let chosen: { b: DetectionEntry; target: string } | undefined;
    // A lookup whose CSV the repository ships keeps it: that file is the table the content was
    // written against (Splunk replaces it only when the baseline's schedule runs). Baselines fill
    // what has no data here: KV store collections and lookups without a file.
    for (const t of entry?.csvFile ? [] : targets) {
      const b = chooseBaseline(baselinesWriting(index, t), name, opts.detectionName);
      if (b) { chosen = { b, target: t }; break; }
    }
    const seed = sourceSeed(name) ?? { name, kind: entry?.collection || isEsTable(name) ? 'kv' : 'csv' };
    if (chosen) {
      const { b, target } = chosen;
      const file = path.relative(b.root, b.file).split(path.sep).join('/');
      let search: string | undefined;
      let problem: string | undefined;
      try {
        search = opts.expand(b.search ?? '');
        baselineReads.push(...lookupsRead(parseSpl(search)));
      } catch (e) {
        problem = `its macros do not expand: ${e instanceof Error ? e.message : String(e)}`;
      }
      seed.baseline = { name: b.name, file, target, search, problem };
    }
    if (seed.baseline || seed.csv || seed.csvProblem) seeds.set(name, seed);
  }
  // Lookups the baselines read start from the user's CSVs too (baselines run one level deep).
  for (const name of baselineReads) {
    if (seeds.has(name)) continue;
    const seed = sourceSeed(name);
    if (seed) seeds.set(name, seed);
  }
  return [...seeds.values()];
}

function own(map: Record<string, string>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) && typeof map[key] === 'string' ? map[key] : undefined;
}
