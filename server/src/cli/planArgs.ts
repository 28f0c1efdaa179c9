// The options `run`, `explain` and `craft` share (detection or --search, sample logs, add-ons,
// time zone) and turning them into a RunPlan with the content repository's macros and lookups.
import * as path from 'path';
import type { LookupSources } from '../analysis/lookupSeedPlan';
import { planRun, type RunPlan, RunPlanError } from '../analysis/runPlan';
import type { ContentIndex } from '../content';
import { DEFAULT_MAX_MEMORY_MB } from '../engine/pipeline/runInWorker';
import type { LogFormat } from '../engine/types';
import { LineIndex } from '../yaml';
import { listOption, type OptionSpec, type ParsedArgs, stringOption, UsageError } from './args';
import { contentIndexFor } from './contentIndexFor';
import { type CliIO, EXIT } from './io';

export const LOG_FORMATS = ['auto', 'xml', 'json', 'csv', 'kv', 'auditd', 'syslog-xml', 'wineventlog', 'text'];

/** CSVs for lookups the repository cannot fill: `run`, `test` and `explain` take them. */
export const LOOKUP_OPTIONS: Record<string, OptionSpec> = {
  'es-assets': { value: true },
  'es-identities': { value: true },
  collection: { value: true, repeat: true },
};

export const LOOKUP_USAGE = '[--es-assets FILE] [--es-identities FILE] [--collection NAME=FILE ...]';

/**
 * `--es-assets FILE` / `--es-identities FILE` (ES's asset and identity lists, which fill
 * asset_lookup_by_str/asset_lookup_by_cidr and identity_lookup_expanded) and `--collection NAME=FILE`
 * (a KV store collection starts from the CSV instead of empty); paths relative to the working
 * directory. They are the user's own files, so they are not confined to the content roots.
 */
export function lookupSourcesFromArgs(args: ParsedArgs, cwd: string): LookupSources | undefined {
  const esAssetsCsv = stringOption(args, 'es-assets');
  const esIdentitiesCsv = stringOption(args, 'es-identities');
  const collections: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const c of listOption(args, 'collection')) {
    const m = /^([^=]+)=(.+)$/.exec(c);
    if (!m || !m[1].trim()) throw new UsageError(`--collection takes NAME=FILE (a KV store collection or lookup name, then its CSV), got "${c}"`);
    collections[m[1].trim()] = m[2];
  }
  if (esAssetsCsv === undefined && esIdentitiesCsv === undefined && !Object.keys(collections).length) return undefined;
  return { esAssetsCsv, esIdentitiesCsv, collections, baseDir: cwd, origin: 'flag' };
}

export const PLAN_OPTIONS: Record<string, OptionSpec> = {
  log: { value: true, repeat: true },
  search: { value: true },
  source: { value: true },
  sourcetype: { value: true },
  host: { value: true },
  'log-format': { value: true, choices: LOG_FORMATS },
  'attack-data': { value: true },
  addons: { value: true, repeat: true },
  tz: { value: true },
  timeout: { value: true },
  'max-rows': { value: true },
  'max-memory': { value: true },
  content: { value: true },
  ...LOOKUP_OPTIONS,
};

function positiveNumber(args: ParsedArgs, key: string, fallback: number): number {
  const text = stringOption(args, key);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${key} must be a positive number (got "${text}")`);
  return n;
}

/** The engine worker's budgets from `--timeout SECONDS` (default 120) and `--max-memory MB`. */
export function workerLimits(args: ParsedArgs): { timeBudgetMs: number; maxMemoryMB: number } {
  return { timeBudgetMs: positiveNumber(args, 'timeout', 120) * 1000, maxMemoryMB: positiveNumber(args, 'max-memory', DEFAULT_MAX_MEMORY_MB) };
}

export interface PlannedArgs {
  plan: RunPlan;
  tz: string;
  detection?: string;
  index: ContentIndex;
  /** "search line L, column C: "text"" for a range of the expanded search. */
  where(r: { start: number; end: number }): string;
}

/** Plans the run the arguments describe; a number is the exit code after an error was printed. */
export function planFromArgs(args: ParsedArgs, io: CliIO, opts: { needLogsForSearch?: boolean } = {}): PlannedArgs | number {
  const detection = args.positionals[0] ? path.resolve(io.cwd, args.positionals[0]) : undefined;
  const search = stringOption(args, 'search');
  if (!detection && search === undefined) throw new UsageError('give a detection file or --search');
  if (args.positionals.length > 1) throw new UsageError(`unexpected argument ${args.positionals[1]}`);
  const logs = listOption(args, 'log').map((l) => path.resolve(io.cwd, l));
  if (search !== undefined && !logs.length && opts.needLogsForSearch !== false) throw new UsageError('--search needs at least one --log FILE');
  const tz = stringOption(args, 'tz') ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new UsageError(`unknown time zone "${tz}" (use an IANA name such as Europe/Berlin, or UTC)`);
  }
  const index = contentIndexFor(io, detection, stringOption(args, 'content'));
  let plan: RunPlan;
  try {
    plan = planRun(
      {
        detectionFile: detection,
        search,
        logs,
        source: stringOption(args, 'source'),
        sourcetype: stringOption(args, 'sourcetype'),
        host: stringOption(args, 'host'),
        format: stringOption(args, 'log-format') as LogFormat | 'auto' | undefined,
        attackDataDir: stringOption(args, 'attack-data') && path.resolve(io.cwd, stringOption(args, 'attack-data')!),
        addonDirs: listOption(args, 'addons').map((d) => path.resolve(io.cwd, d)),
        tz,
        maxRows: stringOption(args, 'max-rows') ? Number(stringOption(args, 'max-rows')) : undefined,
        lookupSources: lookupSourcesFromArgs(args, io.cwd),
      },
      index,
    );
  } catch (e) {
    if (e instanceof RunPlanError) {
      io.err(`${e.message}\n`);
      return e.kind === 'usage' ? EXIT.usage : EXIT.findings;
    }
    throw e;
  }
  for (const note of plan.notes) io.err(`note: ${note}\n`);
  const lines = new LineIndex(plan.original);
  const where = (r: { start: number; end: number }) => {
    const o = plan.map.toOriginalRange(r);
    return originalWhere(plan, lines, o);
  };
  return { plan, tz, detection, index, where };
}

/** "search line L, column C: "text"" for a range of the original search. */
export function originalWhere(plan: RunPlan, lines: LineIndex, o: { start: number; end: number }): string {
  const p = lines.positionAt(o.start);
  return `search line ${p.line + 1}, column ${p.character + 1}: "${plan.original.slice(o.start, Math.min(o.end, o.start + 60))}"`;
}
