// Runs a parsed (macro-expanded) pipeline over input events.
//
// Execution model: the leading streaming commands (search, eval, where, rex, …) are fused and read
// the input in batches; every later command receives the previous command's rows (streaming ones
// batch-wise, blocking ones all at once). Generating commands (tstats, inputlookup, makeresults,
// datamodel/from) produce rows; tstats and datamodel read the input events themselves. Events are
// put newest first (descending _time, as Splunk returns them) before the first command whose answer
// depends on their order, and before a search that returns events ends (eventOrder.ts); the leading
// order-free commands stream over the input in file order.
//
// Errors never throw: an unsupported command or a command error stops the run; `rows` then holds
// the output of the last command that ran and `error` names the command and its range.
//
// Output field order (`fields`): a command with a fixed order sets it (stats/tstats: by-fields then
// aggregations; table: as listed; fields +: as listed) and later commands adjust it (eval/lookup/rex
// append new fields, rename renames in place, fields - removes); fields found in rows but not in the
// order are appended in first-seen order. Without a fixed order: `_time`, then the other fields in
// first-seen order, then other `_`-fields, `_raw` last.
import type { Command, MacroCall, Pipeline, Range } from '../../spl/ast';
import type { EngineMessage, Row } from '../types';
import { copyRow } from '../commands/args';
import { executorFor } from '../commands/registry';
import { heldEventsMessage } from '../commands/heldEvents';
import { needsSplunkServer } from '../commands/needsServer';
import { type ExecContext, isMessage, type LookupResolver, type SplParsers, type Stage, type SubRunResult } from '../commands/types';
import { defaultDataModels, type DataModelRegistry } from '../datamodels/registry';
import { projector, statsInputFields } from './inputProjection';
import { dependsOnEventOrder, NewestRows, needsNewestFirst, plainHeadCount, sortNewestFirst } from './eventOrder';
import { defaultParsers } from './parsers';
import { type EventSource, ReplayableEvents } from './replay';
import { hasSubsearch } from './subsearches';

export interface RunContext {
  lookups?: LookupResolver;
  /** Timezone for time formatting/parsing and day spans (default "UTC"). */
  tz?: string;
  /** Search time (epoch seconds) for now(); default: when the run starts. */
  now?: number;
  signal?: AbortSignal;
  /** Wall-clock budget in ms (default: none). */
  timeBudgetMs?: number;
  /** Receives warnings as they happen (they are also returned in RunResult.warnings). */
  warn?: (m: EngineMessage) => void;
  /** Called when a stage starts (progress). */
  onStage?: (info: { index: number; command: string; range: Range }) => void;
  /** The SPL text the AST ranges refer to (names `count(eval(...))` columns, inputlookup where). */
  sourceText?: string;
  parsers?: SplParsers;
  dataModels?: DataModelRegistry;
  /** Rows per batch for streaming stages (default 512). */
  batchSize?: number;
  /** Overrides the cap of commands that hold every event (default MAX_HELD_EVENTS, heldEvents.ts). */
  maxHeldEvents?: number;
}

export interface StageStat {
  command: string;
  range: Range;
  rowsIn: number;
  rowsOut: number;
  ms: number;
  /**
   * Generating commands over a data model (tstats/datamodel/from): input events the dataset's
   * constraints kept, before tstats' `where` (rowsIn counts the events the stage read).
   */
  matched?: number;
}

export interface RunResult {
  fields: string[];
  rows: Row[];
  stages: StageStat[];
  warnings: EngineMessage[];
  error?: EngineMessage;
  eventsRead: number;
}

export class RunAborted extends Error {
  constructor(readonly reason: 'cancelled' | 'budget') {
    super(reason === 'cancelled' ? 'the run was cancelled' : 'the run exceeded its time budget');
  }
}

interface Env {
  exec: ExecContext;
  ctx: RunContext;
  input: ReplayableEvents;
  warnings: EngineMessage[];
  eventsRead: { n: number };
  depth: number;
}

/**
 * `input.rows`, when given, are the rows the first command receives instead of reading the events
 * (as if earlier commands had produced them); the events still feed subsearches, tstats and
 * datamodel. Explain uses it to run one stage at a time.
 */
export async function runPipeline(pipeline: Pipeline, input: { events: EventSource; rows?: Row[] }, ctx: RunContext = {}): Promise<RunResult> {
  const warnings: EngineMessage[] = [];
  const eventsRead = { n: 0 };
  const started = Date.now();
  const deadline = ctx.timeBudgetMs !== undefined ? started + ctx.timeBudgetMs : undefined;
  const replay = new ReplayableEvents(input.events, hasSubsearch(pipeline));
  const env: Env = { ctx, input: replay, warnings, eventsRead, depth: 0, exec: undefined as unknown as ExecContext };
  const exec: ExecContext = {
    tz: ctx.tz ?? 'UTC',
    now: ctx.now ?? Math.floor(started / 1000),
    warn: (m) => { warnings.push(m); ctx.warn?.(m); },
    lookups: ctx.lookups,
    parsers: ctx.parsers ?? defaultParsers,
    dataModels: ctx.dataModels ?? defaultDataModels(),
    signal: ctx.signal,
    sourceText: ctx.sourceText,
    inputEvents: () => eachRow(countedBatches(env)),
    inputBatches: () => countedBatches(env),
    checkpoint: () => {
      if (ctx.signal?.aborted) throw new RunAborted('cancelled');
      if (deadline !== undefined && Date.now() > deadline) throw new RunAborted('budget');
    },
    runSubsearch: async (p, initialRows) => {
      if (env.depth > 20) return { rows: [], fields: [], error: { severity: 'error', message: 'subsearches nested too deeply' } };
      env.depth++;
      try {
        const r = await execute(p, initialRows, env, true);
        return { rows: r.rows, fields: r.fields, error: r.error } satisfies SubRunResult;
      } finally {
        env.depth--;
      }
    },
  };
  env.exec = exec;
  const r = await execute(pipeline, input.rows, env, false);
  return { ...r, warnings, eventsRead: eventsRead.n };
}

function cmdLabel(c: Command | MacroCall): string {
  return c.kind === 'macro' ? `\`${c.name}\`` : c.name;
}

async function prepare(c: Command | MacroCall, env: Env): Promise<Stage | EngineMessage> {
  if (c.kind === 'macro') return { severity: 'error', message: `macro \`${c.name}\` was not expanded (unknown macro?)`, range: c.range };
  const ex = executorFor(c.name);
  if (!ex) {
    const needs = needsSplunkServer(c.name);
    if (needs) return { severity: 'error', message: `"${c.name}" needs a Splunk server: it reads ${needs}`, range: c.range };
    return { severity: 'error', message: `the local engine does not support the "${c.name}" command`, range: c.range };
  }
  try {
    return await ex(c, env.exec);
  } catch (e) {
    if (e instanceof RunAborted) throw e;
    return { severity: 'error', message: `${c.name}: ${(e as Error).message}`, range: c.range };
  }
}

async function execute(pipeline: Pipeline, startRows: Row[] | undefined, env: Env, nested: boolean): Promise<{ rows: Row[]; fields: string[]; stages: StageStat[]; error?: EngineMessage }> {
  const stages: StageStat[] = [];
  let fieldOrder: string[] | undefined;
  let rows: Row[] = startRows ?? [];
  // Whether `rows` may hold input events that others still use (see Stage row ownership).
  const shared = { v: false };
  const finish = (error?: EngineMessage) => ({ rows, fields: finalFields(rows, fieldOrder), stages, error });
  try {
    if (pipeline.errors.length > 0) {
      const e = pipeline.errors[0];
      return finish({ severity: 'error', message: e.message, range: e.range });
    }
    const cmds = pipeline.commands;
    let i = 0;
    if (startRows === undefined) {
      // Fuse the leading streaming stages over the input.
      const chain: { stage: Stage; stat: StageStat }[] = [];
      let pending: { stage: Stage; cmd: Command } | undefined;
      let prepError: EngineMessage | undefined;
      while (i < cmds.length) {
        const c = cmds[i];
        env.ctx.onStage?.({ index: i, command: cmdLabel(c), range: c.range });
        const st = await prepare(c, env);
        if (isMessage(st)) { prepError = st; break; }
        // An order-dependent streaming command (head, dedup, streamstats, …) must see the events
        // newest first: it ends the fused chain and runs after the ordering below.
        if (st.stream && !st.halt && !(c.kind === 'command' && dependsOnEventOrder(c))) {
          chain.push({ stage: st, stat: { command: cmdLabel(c), range: c.range, rowsIn: 0, rowsOut: 0, ms: 0 } });
          fieldOrder = st.fields ? st.fields(fieldOrder) : fieldOrder;
          i++;
          continue;
        }
        pending = { stage: st, cmd: c as Command };
        break;
      }
      if (pending?.stage.generate && chain.length === 0) {
        const t0 = performance.now();
        // A leading generator's rows-in are the input events it read (tstats, datamodel, from;
        // 0 for makeresults/inputlookup), counted by the exec context's input readers.
        const read0 = env.eventsRead.n;
        rows = await pending.stage.generate([]);
        const matched = pending.stage.matched?.();
        stages.push({
          command: pending.cmd.name, range: pending.cmd.range, rowsIn: env.eventsRead.n - read0, rowsOut: rows.length, ms: performance.now() - t0,
          ...(matched !== undefined ? { matched } : {}),
        });
        fieldOrder = pending.stage.fields ? pending.stage.fields(fieldOrder) : fieldOrder;
        i++;
        pending = undefined;
      } else if (pending?.stage.reduce && !prepError && !pending.stage.halt && !needsNewestFirst(pending.cmd)) {
        // A blocking stats reading the input keeps per-group state only: rows stream into it.
        const keep = statsInputFields(pending.cmd);
        const reducer = pending.stage.reduce();
        const t0 = performance.now();
        const consumed = await consumeInput(chain, env, keep ? projector(keep) : undefined, { sink: reducer.add });
        stages.push(...chain.map((c) => c.stat));
        // stats consumes the input as it is read: its time includes reading and extracting it.
        const reduceMs = performance.now() - t0 - chain.reduce((n, c) => n + c.stat.ms, 0);
        rows = reducer.finish();
        stages.push({ command: pending.cmd.name, range: pending.cmd.range, rowsIn: consumed.count, rowsOut: rows.length, ms: Math.max(0, reduceMs) });
        fieldOrder = pending.stage.fields ? pending.stage.fields(fieldOrder) : fieldOrder;
        i++;
        pending = undefined;
      } else if (!nested || chain.length > 0 || pending) {
        // A blocking stats next keeps only the fields it reads (see inputProjection.ts).
        const keep = pending && !pending.stage.generate ? statsInputFields(pending.cmd) : undefined;
        // `head N` next: keep only the N newest events while reading (bounded memory).
        const headN = pending && !pending.stage.generate && !prepError ? plainHeadCount(pending.cmd) : undefined;
        const newest = headN !== undefined ? new NewestRows(headN) : undefined;
        const limit = pending && !pending.stage.generate && !newest ? heldLimit(pending.stage, pending.cmd, env) : undefined;
        const consumed = await consumeInput(chain, env, keep ? projector(keep) : undefined, { newest, limit });
        rows = consumed.rows;
        shared.v = consumed.shared;
        if (!newest && !pending?.stage.generate && (!pending || needsNewestFirst(pending.cmd))) sortNewestFirst(rows);
        stages.push(...chain.map((c) => c.stat));
      }
      if (prepError) return finish(prepError);
      if (pending) {
        const r = await runStage(pending.stage, pending.cmd, rows, env, stages, shared);
        rows = r;
        fieldOrder = pending.stage.fields ? pending.stage.fields(fieldOrder) : fieldOrder;
        i++;
        if (pending.stage.halt) return finish();
      }
    }
    for (; i < cmds.length; i++) {
      env.exec.checkpoint();
      const c = cmds[i];
      env.ctx.onStage?.({ index: i, command: cmdLabel(c), range: c.range });
      const st = await prepare(c, env);
      if (isMessage(st)) return finish(st);
      rows = await runStage(st, c as Command, rows, env, stages, shared);
      fieldOrder = st.fields ? st.fields(fieldOrder) : fieldOrder;
      if (st.halt) break;
    }
    return finish();
  } catch (e) {
    if (e instanceof RunAborted) {
      if (nested) throw e;
      return finish({ severity: 'error', message: e.message });
    }
    if (e instanceof StageError) return finish({ severity: 'error', message: e.message, range: e.range });
    const last = stages[stages.length - 1];
    return finish({ severity: 'error', message: (e as Error).message, range: last?.range });
  }
}

/** The cap of a stage that holds all its input, with the error it stops the run with. */
function heldLimit(st: Stage, cmd: Command, env: Env): { rows: number; error: () => StageError } | undefined {
  if (st.maxInputRows === undefined) return undefined;
  const rows = env.ctx.maxHeldEvents ?? st.maxInputRows;
  return { rows, error: () => new StageError(heldEventsMessage(cmd.name, rows), cmd.range) };
}

async function runStage(st: Stage, cmd: Command, input: Row[], env: Env, stages: StageStat[], shared: { v: boolean }): Promise<Row[]> {
  const t0 = performance.now();
  const held = heldLimit(st, cmd, env);
  if (held && input.length > held.rows) throw held.error();
  let rows = input;
  if (shared.v && st.rowPolicy === undefined) { rows = rows.map(copyRow); shared.v = false; }
  if (st.rowPolicy === 'fresh') shared.v = false;
  let out: Row[];
  try {
    if (st.stream) {
      out = st.stream(rows);
      if (st.flush) out = out.concat(st.flush());
    } else if (st.run) out = await st.run(rows);
    else if (st.generate) out = await st.generate(rows);
    else out = rows;
  } catch (e) {
    if (e instanceof RunAborted) throw e;
    stages.push({ command: cmd.name, range: cmd.range, rowsIn: rows.length, rowsOut: 0, ms: performance.now() - t0 });
    throw new StageError(`${cmd.name}: ${(e as Error).message}`, cmd.range);
  }
  stages.push({ command: cmd.name, range: cmd.range, rowsIn: rows.length, rowsOut: out.length, ms: performance.now() - t0 });
  return out;
}

class StageError extends Error {
  constructor(message: string, readonly range: Range) {
    super(message);
  }
}

/** The input in batches, adding every event read (also those the source dropped) to `eventsRead`. */
async function* countedBatches(env: Env): AsyncGenerator<Row[]> {
  for await (const batch of env.input.batches(env.ctx.batchSize ?? 512)) {
    env.eventsRead.n += batch.length + env.input.takeDropped();
    yield batch;
  }
  env.eventsRead.n += env.input.takeDropped();
}

async function* eachRow(batches: AsyncIterable<Row[]>): AsyncGenerator<Row> {
  for await (const b of batches) yield* b;
}

/** Reads the input through the fused leading streaming stages. `shared`: the rows may be input events. */
async function consumeInput(
  chain: { stage: Stage; stat: StageStat }[],
  env: Env,
  project?: (row: Row) => Row,
  into: {
    /** A reducing stats: surviving rows go to it and are not kept. */
    sink?: (row: Row) => void;
    /** `head N`: only the N newest rows are kept. */
    newest?: NewestRows;
    /** The cap of a stage that holds all its input. */
    limit?: { rows: number; error: () => StageError };
  } = {},
): Promise<{ rows: Row[]; shared: boolean; count: number }> {
  const size = env.ctx.batchSize ?? 512;
  const { sink, newest, limit } = into;
  let count = 0;
  const out: Row[] = [];
  const put = sink ? (r: Row) => { sink(r); count++; } : newest ? (r: Row) => { newest.push(r); count++; } : (r: Row) => { out.push(r); count++; };
  let stop = false;
  // Input events may be shared (caller's array, replay cache): copy each surviving event once,
  // right before the first stage that may change rows, unless a 'fresh' stage came first.
  let copyAt = -1;
  for (let k = 0; k < chain.length; k++) {
    const p = chain[k].stage.rowPolicy;
    if (p === 'fresh') break;
    if (p === undefined) { copyAt = k; break; }
  }
  const shared = copyAt < 0 && !chain.some((c) => c.stage.rowPolicy === 'fresh');
  const push = (b: Row[]) => {
    let cur = b;
    for (let k = 0; k < chain.length; k++) {
      if (cur.length === 0) break;
      if (k === copyAt) cur = cur.map(copyRow);
      const c = chain[k];
      const t0 = performance.now();
      c.stat.rowsIn += cur.length;
      cur = c.stage.stream!(cur);
      c.stat.rowsOut += cur.length;
      c.stat.ms += performance.now() - t0;
      if (c.stage.done?.()) stop = true;
    }
    if (project) for (const r of cur) put(project(r));
    else for (const r of cur) put(r);
    if (limit && out.length > limit.rows) throw limit.error();
  };
  for await (const batch of env.input.batches(size)) {
    env.eventsRead.n += batch.length + env.input.takeDropped();
    env.exec.checkpoint();
    push(batch);
    if (stop) break;
  }
  if (!stop) env.eventsRead.n += env.input.takeDropped();
  // Flush stateful stages in order, passing flushed rows through later stages.
  for (let k = 0; k < chain.length; k++) {
    const f = chain[k].stage.flush;
    if (!f) continue;
    let cur = f();
    for (const c of chain.slice(k + 1)) cur = c.stage.stream!(cur);
    for (const r of cur) put(project ? project(r) : r);
  }
  return { rows: sink ? [] : newest ? newest.result() : out, shared: !sink && shared && !project, count };
}

function finalFields(rows: Row[], order: string[] | undefined): string[] {
  const seen: string[] = [];
  const set = new Set<string>();
  const limit = Math.min(rows.length, 10000);
  for (let i = 0; i < limit; i++) for (const k in rows[i]) if (rows[i][k] !== undefined && !set.has(k)) { set.add(k); seen.push(k); }
  if (order) return [...order, ...seen.filter((k) => !order.includes(k))];
  const plain = seen.filter((k) => !k.startsWith('_'));
  const internal = seen.filter((k) => k.startsWith('_') && k !== '_time' && k !== '_raw');
  return [...(set.has('_time') ? ['_time'] : []), ...plain, ...internal, ...(set.has('_raw') ? ['_raw'] : [])];
}

export { StageError };
