// The contract between the pipeline and command executors.
import type { Command, Pipeline, SearchExpr, EvalExpr } from '../../spl/ast';
import type { EngineMessage, Row } from '../types';
import type { DataModelRegistry } from '../datamodels/registry';

/** A CSV lookup table as a resolver supplies it (transforms.conf settings included). */
export interface LookupTable {
  name: string;
  /** Column names in file order. */
  fields: string[];
  rows: Record<string, string>[];
  /** transforms.conf `match_type = WILDCARD(f), CIDR(g)`. */
  matchTypes?: { field: string; type: 'WILDCARD' | 'CIDR' }[];
  /** transforms.conf `case_sensitive_match` (Splunk default: true). */
  caseSensitive?: boolean;
  /** transforms.conf `max_matches` (default 100 here). */
  maxMatches?: number;
  minMatches?: number;
  defaultMatch?: string;
  /** The table may hold columns beyond `fields` (a KV store collection with custom fields): a lookup naming one is not an error. */
  openColumns?: boolean;
  /** What was assumed to stand in for a table the local engine cannot have (said once per command as a warning). */
  note?: string;
  /** A computed (external) lookup: the output rows for one combination of input values, instead of `rows`. */
  compute?: (inputs: Record<string, string>) => Record<string, string>[];
}

/** Why a named lookup cannot be used (a refused name, a special or oversized file). */
export interface LookupProblem {
  problem: string;
}

export interface LookupResolver {
  /** Resolves a lookup definition or file name (`foo` or `foo.csv`); undefined = not found. */
  resolve(name: string): Promise<LookupTable | LookupProblem | undefined> | LookupTable | LookupProblem | undefined;
}

export function isLookupProblem(x: LookupTable | LookupProblem | undefined): x is LookupProblem {
  return !!x && 'problem' in x;
}

/** Parsers the engine needs at run time (supplied by the pipeline from server/src/spl). */
export interface SplParsers {
  parseSpl(text: string): Pipeline;
  parseSearchClause(text: string): SearchExpr | undefined;
  parseEvalExpression(text: string): EvalExpr | undefined;
}

/** Subsearch result as the pipeline produces it. */
export interface SubRunResult {
  rows: Row[];
  fields: string[];
  error?: EngineMessage;
}

/** What a command executor can use. */
export interface ExecContext {
  tz: string;
  /** Search start time, epoch seconds (now()). */
  now: number;
  warn(message: EngineMessage): void;
  lookups?: LookupResolver;
  /** Runs a nested pipeline (subsearch) over the same input events. */
  runSubsearch(pipeline: Pipeline, initialRows?: Row[]): Promise<SubRunResult>;
  /** The pipeline's input events (for generating commands such as tstats / datamodel). */
  inputEvents(): AsyncIterable<Row>;
  /** The same events in batches (one await per batch instead of per event). */
  inputBatches?(): AsyncIterable<Row[]>;
  parsers?: SplParsers;
  dataModels: DataModelRegistry;
  signal?: AbortSignal;
  /** The SPL text the command ranges refer to (names `count(eval(...))` columns). */
  sourceText?: string;
  /** Throws when the run is cancelled or over budget (called by long loops). */
  checkpoint(): void;
}

/**
 * Row ownership: a stage without a rowPolicy may change the rows it receives in place; the
 * pipeline copies rows that may be shared (input events, which the caller or the replay cache
 * keep) right before such a stage. Commands that hand rows to a nested pipeline and keep them
 * too (appendpipe) pass copies.
 *
 * A prepared stage. Exactly one of `stream`, `run`, `generate` is set:
 * - `stream(batch)` maps a batch of rows (may be called many times; may keep state);
 * - `run(rows)` receives all rows of the previous stage (blocking commands);
 * - `generate(rows)` produces rows; non-leading generators (inputlookup append=t) also receive rows.
 */
export interface Stage {
  stream?: (batch: Row[]) => Row[];
  /** Called after the last batch of a streaming stage (e.g. to flush). */
  flush?: () => Row[];
  run?: (rows: Row[]) => Promise<Row[]> | Row[];
  generate?: (rows: Row[]) => Promise<Row[]> | Row[];
  /** Output field order given the input order (undefined = no fixed order). */
  fields?: (input: string[] | undefined) => string[] | undefined;
  /** Streaming stage that has finished (e.g. head): the pipeline may stop reading input. */
  done?: () => boolean;
  /**
   * How the stage treats rows: 'passthrough' = never changes its input rows (its output may be
   * some of them: search, where, sort, dedup…); 'fresh' = never changes them and outputs new rows
   * (stats, table, rename…). Unset = may change its input rows in place (eval, rex, lookup…).
   */
  rowPolicy?: 'passthrough' | 'fresh';
  /**
   * Generating stages over a data model: how many input events the dataset's constraints kept
   * (asked after `generate`; reported as the stage's `matched`).
   */
  matched?: () => number;
  /** Stop the pipeline after this stage with no error (rest/script side-effect commands). */
  halt?: boolean;
  /**
   * For a blocking stage whose result depends only on per-group state (stats): a fresh reducer.
   * When the stage reads the input directly, the pipeline feeds it row by row instead of holding
   * every event, so memory grows with the groups, not with the log. Same answer as `run`.
   */
  reduce?: () => { add(row: Row): void; finish(): Row[] };
  /** A blocking stage that holds all its input (heldEvents.ts): more rows stop the run with a message. */
  maxInputRows?: number;
}

export type CommandExecutor = (cmd: Command, ctx: ExecContext) => Promise<Stage | EngineMessage> | Stage | EngineMessage;

export function isMessage(x: unknown): x is EngineMessage {
  return !!x && typeof x === 'object' && 'severity' in x && 'message' in x;
}

export function errorAt(cmd: { range: { start: number; end: number } }, message: string, range?: { start: number; end: number }): EngineMessage {
  return { severity: 'error', message, range: range ?? cmd.range };
}
