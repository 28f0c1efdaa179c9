// Lookups that start from something other than the repository's files, for one run, in memory:
// - a CSV the user names (a setting or CLI flag) for a KV store collection or for ES's asset and
//   identity tables (standInLookups.ts `esTableFromList`);
// - a repository baseline that writes the lookup with `outputlookup`: in Splunk the baseline runs on
//   a schedule and fills the collection the detection reads, so here it runs first, on the same
//   sample (same inputs, add-ons, time zone), and the rows its `outputlookup` receives become the
//   table (outputLookup.ts applies the command's append/key_field/max/override_if_empty rules).
// Nothing is written to a file. Baselines run one level deep: a lookup a baseline reads comes from
// the repository or the user's CSV, never from another baseline (no cycles, bounded work); the
// worker's time budget and cancellation cover the baseline runs too.
// Every table built here carries a `note` that the lookup/inputlookup command reports as a warning.
import * as path from 'node:path';
import { parseSpl } from '../../spl/parse';
import type { Command, Pipeline } from '../../spl/ast';
import { readUtf8File } from '../../content/regularFile';
import type { LookupProblem, LookupResolver, LookupTable } from '../commands/types';
import { isLookupProblem } from '../commands/types';
import { defaultDataModels } from '../datamodels/registry';
import type { EngineMessage } from '../types';
import { MAX_LOOKUP_FILE_BYTES, tableFromCsv } from './csvLookups';
import { createEventSource } from './eventInput';
import { applyOutputLookup, outputLookupOptions, rowCount, tableName, type TableContents } from './outputLookup';
import { RunAborted, runPipeline } from './run';
import { esTableFromList, isEsTable } from './standInLookups';
import type { JobInput } from './eventInput';

export interface LookupSeed {
  /** The lookup name the search uses, without `.csv`. */
  name: string;
  /** 'kv': a KV store collection (the repository's lookup YAML has `collection:`; ES tables too). */
  kind: 'kv' | 'csv';
  /** A CSV the user named for this table; `origin` says where (setting or flag). */
  csv?: { path: string; origin: string };
  /** Why the CSV the user named is not used (outside the opened folders, …). */
  csvProblem?: string;
  /** A repository baseline that writes this lookup with outputlookup. */
  baseline?: {
    name: string;
    /** The baseline's file, relative to its content root (for messages). */
    file: string;
    /** The table name as its outputlookup writes it. */
    target: string;
    /** The baseline's search, macros expanded; absent when `problem` says why it cannot run. */
    search?: string;
    problem?: string;
  };
}

/** What a baseline run needs from the job. */
export interface SeedJob {
  inputs: JobInput[];
  addonDirs?: string[];
  tz?: string;
  now?: number;
  lookupSeeds?: LookupSeed[];
}

/**
 * A resolver over `base` in which the seeded lookups are replaced by the tables built from their
 * seeds (baselines run now, on the job's inputs). `warn` receives the baselines' own messages.
 */
export async function seededLookupResolver(
  job: SeedJob,
  base: LookupResolver,
  hooks: { signal?: AbortSignal; warn?: (m: EngineMessage) => void } = {},
): Promise<LookupResolver> {
  const seeds = job.lookupSeeds ?? [];
  if (!seeds.length) return base;
  const starts = new Map<string, LookupTable | LookupProblem | undefined>();
  for (const s of seeds) starts.set(s.name, await startTable(s, base));
  const overlay = (tables: Map<string, LookupTable | LookupProblem | undefined>): LookupResolver => ({
    resolve: (name) => (tables.has(tableName(name)) ? tables.get(tableName(name)) : base.resolve(name)),
  });
  // Baselines read the starting tables only (one level).
  const startResolver = overlay(starts);
  const filled = new Map(starts);
  for (const s of seeds) {
    if (!s.baseline) continue;
    const start = starts.get(s.name);
    if (isLookupProblem(start)) continue;
    filled.set(s.name, await fillFromBaseline(s, start, job, startResolver, hooks));
  }
  return overlay(filled);
}

/** The table a seed starts from: the user's CSV, else the repository's definition (or stand-in). */
async function startTable(seed: LookupSeed, base: LookupResolver): Promise<LookupTable | LookupProblem | undefined> {
  const repo = await base.resolve(seed.name);
  if (isLookupProblem(repo)) return repo;
  const asIs = repo?.note ?? (repo ? 'the table is used as the repository defines it' : 'the table starts empty');
  if (seed.csvProblem) return { ...(repo ?? emptyTable(seed.name)), note: `${seed.csvProblem}; ${asIs}` };
  if (!seed.csv) return repo;
  const shown = `${path.basename(seed.csv.path)} (${seed.csv.origin})`;
  const read = readUtf8File(seed.csv.path, MAX_LOOKUP_FILE_BYTES);
  if (!read.ok) return { ...(repo ?? emptyTable(seed.name)), note: `the CSV ${shown} cannot be read: ${read.problem}; ${asIs}` };
  const csv = tableFromCsv(seed.name, read.text);
  if (isEsTable(seed.name)) {
    const { table, skipped } = esTableFromList(seed.name, csv);
    const ranges = skipped ? `; ${skipped} IP range(s) written a-b are not matched (write them as CIDR subnets)` : '';
    return { ...table, note: `an Enterprise Security asset/identity collection, built from ${shown} in ES's list format: ${rowCount(table.rows.length)}${ranges}` };
  }
  // A KV collection keeps its definition's columns (fields_list); any table keeps its match settings.
  const def = repo ?? emptyTable(seed.name);
  const kvColumns = seed.kind === 'kv' && def.fields.length > 0 && !def.openColumns;
  return {
    ...def,
    fields: kvColumns ? def.fields : csv.fields,
    rows: csv.rows,
    openColumns: false,
    note: `${seed.kind === 'kv' ? 'KV store collection' : 'lookup'} "${seed.name}" starts from ${shown}: ${rowCount(csv.rows.length)}`,
  };
}

function emptyTable(name: string): LookupTable {
  return { name, fields: [], rows: [], openColumns: true };
}

/** The table after running the seed's baseline; on failure the starting table, with a note saying why. */
async function fillFromBaseline(
  seed: LookupSeed,
  start: LookupTable | undefined,
  job: SeedJob,
  lookups: LookupResolver,
  hooks: { signal?: AbortSignal; warn?: (m: EngineMessage) => void },
): Promise<LookupTable> {
  const b = seed.baseline!;
  const initial = start ?? emptyTable(seed.name);
  const who = `the baseline "${b.name}" (${b.file})`;
  const fallback = seed.csv && initial.note ? `; ${initial.note}` : seed.kind === 'kv' ? `; the KV store collection "${seed.name}" starts empty for this run` : '; the table is used as the repository defines it';
  const failed = (why: string): LookupTable => ({ ...initial, note: `${who} failed on the same sample: ${why}${fallback}` });
  if (!b.search) return failed(b.problem ?? 'it has no search');
  const pipeline = parseSpl(b.search);
  if (pipeline.errors.length) return failed(`its search does not parse: ${pipeline.errors[0].message}`);
  const writes = pipeline.commands
    .map((c, i) => ({ c, i }))
    .filter((x): x is { c: Command; i: number } => x.c.kind === 'command' && x.c.name === 'outputlookup' && tableName(outputLookupOptions(x.c)?.table ?? '') === tableName(b.target));
  if (!writes.length) return failed(`its search has no outputlookup ${b.target} in its main pipeline`);
  const fieldsList = seed.kind === 'kv' && !initial.openColumns ? initial.fields : undefined;
  let contents: TableContents = { fields: initial.fields, rows: initial.rows };
  const summaries: string[] = [];
  for (const w of writes) {
    // The rows an outputlookup receives are the rows of the commands before it.
    const prefix: Pipeline = { ...pipeline, commands: pipeline.commands.slice(0, w.i) };
    const events = createEventSource({ inputs: job.inputs, addonDirs: job.addonDirs, tz: job.tz, signal: hooks.signal, pipeline: prefix, dataModels: defaultDataModels() });
    let result;
    try {
      result = await runPipeline(prefix, { events }, {
        tz: job.tz, now: job.now, signal: hooks.signal, sourceText: b.search, lookups,
        warn: (m) => hooks.warn?.({ severity: m.severity === 'error' ? 'warning' : m.severity, message: `baseline "${b.name}": ${m.message}` }),
      });
    } catch (e) {
      // Cancellation and the run's budget end the whole run; anything else is the baseline's failure.
      if (e instanceof RunAborted) throw e;
      return failed(e instanceof Error ? e.message : String(e));
    }
    if (result.error) return failed(result.error.message);
    const applied = applyOutputLookup(contents, result.rows, outputLookupOptions(w.c)!, seed.kind, fieldsList);
    contents = applied;
    summaries.push(applied.summary);
  }
  const from = start?.note && seed.csv ? ` (starting from ${path.basename(seed.csv.path)})` : '';
  return {
    ...initial,
    fields: contents.fields,
    rows: contents.rows,
    openColumns: initial.openColumns && contents.fields.length === 0,
    note: `filled by running ${who} on the same sample${from}: ${summaries.join('; then ')}`,
  };
}
