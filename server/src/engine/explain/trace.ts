// Follows one event through a pipeline, one command at a time, with the engine's own executors:
// each command runs over all rows of the previous one (`runPipeline` with `rows`), so order-
// and group-dependent commands (dedup, head, stats) behave as in the run. Rows derived from the
// event carry a marker field, which streaming commands copy along (eval, rex, mvexpand, where…).
// Every event carries its index in the marker, so rows reaching a stage name their event (used
// for near misses). An aggregation (stats, chart, tstats) outputs new rows: the event's group is the output row
// whose by-field values are among the event's (stats puts a multivalue by-field in one group per
// value, and no group when a by-field is null, unless tstats fillnull_value is set).
import type { Command, Pipeline, Range } from '../../spl/ast';
import type { Row } from '../types';
import { copyRow, option } from '../commands/args';
import { evalOptions } from '../commands/util';
import { scalarText, toNumber, valuesOf } from '../eval/values';
import { floorToSpan, parseSpan } from '../eval/time';
import { defaultDataModels } from '../datamodels/registry';
import { defaultParsers } from '../pipeline/parsers';
import { type RunContext, runPipeline } from '../pipeline/run';
import { subsearchesOf } from '../search/compile';
import type { Subsearch } from '../../spl/ast';
import { nodeRange, shownValues, type TreeContext } from './context';
import { explainTstatsMembership } from './datasetExplain';
import { explainEvalExpr } from './evalTree';
import { joinDropDetail, timechartBucket } from './reshapeExplain';
import { blockers, explainSearchExpr } from './searchTree';
import type { ConditionNode, DatasetInfo, GroupInfo, StageExplanation } from './types';

/** The marker field on rows derived from the explained event (removed from anything shown). */
export const EXPLAIN_MARK = '__dw_explained_event__';

const AGGREGATIONS = new Set(['stats', 'tstats', 'chart']);
/** Commands that output exactly one row per input row, in order (some build new rows without the marker). */
const ONE_TO_ONE = new Set(['table', 'fields', 'rename', 'eval', 'convert', 'fillnull', 'lookup', 'rex', 'spath', 'xmlkv', 'extract', 'kv', 'makemv', 'bin', 'bucket', 'replace', 'fromjson', 'eventstats', 'streamstats', 'strcat', 'iplocation', 'foreach']);

export interface TraceInput {
  /** The macro-expanded search, parsed. */
  pipeline: Pipeline;
  ctx: TreeContext;
  /** Every extracted event of the sample, in order. */
  events: Row[];
  /** Index of the explained event in `events` (-1: none, only find the deciding stage). */
  target: number;
  run: RunContext;
}

/** The first stage that left no rows at all, with the rows it received (for near misses). */
export interface DecidingStage {
  index: number;
  command: Command;
  /** Its input rows (for a leading tstats: the events), each with the marker of its event. */
  input: Row[];
}

export interface TraceResult {
  stages: StageExplanation[];
  outcome: 'fired' | 'dropped' | 'lost' | 'error';
  stoppedAt?: number;
  /** Rows derived from the event at the end of the search (marker removed). */
  results: Row[];
  /** Set when the search returned no rows. */
  deciding?: DecidingStage;
  /** Rows the whole search returned. */
  resultCount: number;
}

/** The index of the event a row derives from (undefined after an aggregation). */
export function eventOf(r: Row): number | undefined {
  const v = r[EXPLAIN_MARK];
  return typeof v === 'number' ? v : undefined;
}

export function unmark(r: Row): Row {
  const c = copyRow(r);
  delete c[EXPLAIN_MARK];
  return c;
}

function single(cmd: Command, range: Range): Pipeline {
  return { kind: 'pipeline', range, commands: [cmd], comments: [], errors: [] };
}

export async function traceEvent(input: TraceInput): Promise<TraceResult> {
  const { pipeline, ctx } = input;
  const runCtx: RunContext = { dataModels: defaultDataModels(), parsers: defaultParsers, sourceText: ctx.text, ...input.run };
  const target = input.target;
  const events = input.events.map((e, i) => { const c = copyRow(e); c[EXPLAIN_MARK] = i; return c; });
  // A transaction merges its events' markers into a multivalue field: the row holds the event if any is its.
  const isMarked = (r: Row) => { const v = r[EXPLAIN_MARK]; return v === target || (v !== undefined && typeof v !== 'number' && valuesOf(v).some((x) => x === target || x === String(target))); };
  const marked = events[target] as Row | undefined;
  let deciding: DecidingStage | undefined;
  let halted = false;
  const stages: StageExplanation[] = [];
  let rows: Row[] | undefined;
  let outcome: TraceResult['outcome'] = 'fired';
  let stoppedAt: number | undefined;
  const cmds = pipeline.commands;
  for (let i = 0; i < cmds.length; i++) {
    const c = cmds[i];
    const range = nodeRange(ctx, c.range);
    const tracked = rows ? rows.filter(isMarked) : marked ? [marked] : [];
    if (c.kind !== 'command' || halted || (stoppedAt !== undefined && deciding)) {
      const name = c.kind === 'command' ? c.name : `\`${c.name}\``;
      if (c.kind !== 'command' && !halted) {
        halted = true;
        if (stoppedAt === undefined) { outcome = 'error'; stoppedAt = i; }
        stages.push({ index: i, command: name, range, verdict: 'error', detail: `macro \`${c.name}\` was not expanded (unknown macro?)`, rowsIn: tracked.length, rowsOut: 0 });
      } else stages.push({ index: i, command: name, range, verdict: 'not-reached', detail: 'not reached', rowsIn: 0, rowsOut: 0 });
      continue;
    }
    const evalOpts = evalOptions({ tz: runCtx.tz ?? 'UTC', now: runCtx.now ?? Math.floor(Date.now() / 1000), parsers: runCtx.parsers });
    let condition: ConditionNode | undefined;
    let dataset: DatasetInfo | undefined;
    let groupSource: Row[] = tracked;
    const b = c.body;
    if (b.kind === 'search' && b.expr && tracked.length) {
      condition = explainSearchExpr(b.expr, tracked[0], ctx, { subsearchResults: await runSubsearches(subsearchesOf(b.expr), events, runCtx), parseSearchClause: defaultParsers.parseSearchClause });
    } else if (b.kind === 'where' && b.expr && tracked.length) {
      condition = explainEvalExpr(b.expr, tracked[0], ctx, evalOpts);
    } else if (c.name === 'tstats' && b.kind === 'stats' && marked) {
      const t = explainTstatsMembership(c, marked, ctx, runCtx, evalOpts);
      dataset = t.dataset;
      condition = t.where ?? (b.where && t.row ? explainSearchExpr(b.where, t.row, ctx) : undefined);
      groupSource = t.row && t.passes ? [t.row] : [];
    }
    const r = await runPipeline(single(c, c.range), { events, rows: i === 0 ? undefined : rows!.map(copyRow) }, runCtx);
    if (r.error) {
      stages.push({ index: i, command: c.name, range, verdict: 'error', detail: r.error.message, condition, dataset, rowsIn: tracked.length, rowsOut: 0 });
      halted = true;
      if (stoppedAt === undefined) { outcome = 'error'; stoppedAt = i; }
      continue;
    }
    let out = r.rows;
    const input = i === 0 ? events : rows!;
    if (i > 0 && ONE_TO_ONE.has(c.name) && out.length === input.length) {
      // Row i of the output is row i of the input: carry the event markers over.
      out = out.map((o, k) => (input[k][EXPLAIN_MARK] !== undefined && o[EXPLAIN_MARK] === undefined ? markRow(o, input[k][EXPLAIN_MARK] as number) : o));
    }
    if (!deciding && out.length === 0 && (i === 0 || rows!.length > 0)) deciding = { index: i, command: c, input: i === 0 ? events : rows! };
    let group: GroupInfo | undefined;
    if (AGGREGATIONS.has(c.name) && b.kind === 'stats') {
      const by = b.by.map((f) => f.name);
      const fill = c.name === 'tstats' ? option(c, 'fillnull_value') : undefined;
      const missing = fill === undefined ? by.filter((f) => groupSource.length > 0 && groupSource.every((s) => s[f] === undefined)) : [];
      // `by _time span=1h`: the group's _time is the event's, floored to the span (as tstats does).
      const span = option(c, 'span') ? parseSpan(option(c, 'span')!) : undefined;
      if (span && by.includes('_time')) {
        groupSource = groupSource.map((g) => { const t = toNumber(g._time as never); if (t === undefined) return g; const x = copyRow(g); x._time = floorToSpan(t, span, runCtx.tz ?? 'UTC'); return x; });
      }
      out = out.map((o) => (groupSource.some((s) => inGroup(o, s, by, fill)) ? markRow(o, target) : o));
      const hit = out.find(isMarked);
      group = { by: by.map((f) => ({ field: f, value: hit ? shown(hit[f]) : shown(groupSource[0]?.[f]) })), missing };
    }
    let reshaped: string | undefined;
    if (c.name === 'timechart' && tracked.length) {
      const t = toNumber(tracked[0]._time as never);
      const k = timechartBucket(out, t);
      if (k >= 0) { out = out.map((o, j) => (j === k ? markRow(o, target) : o)); reshaped = `counted in the time bucket starting at _time=${scalarText(valuesOf(out[k]._time)[0])}`; }
    }
    rows = out;
    const after = out.filter(isMarked);
    if (c.name === 'join' && tracked.length && after.length === 0) {
      const sub = (await runSubsearches(c.subsearches.slice(0, 1), events, runCtx)).values().next().value ?? [];
      reshaped = joinDropDetail(c, tracked[0], sub, input);
    } else if (c.name === 'transaction' && tracked.length && after.length === 0) {
      reshaped = 'no transaction holds the event: its startswith/endswith/maxspan/maxpause/maxevents constraints left it out, or the transaction it was in was discarded';
    }
    const st: StageExplanation = { index: i, command: c.name, range, verdict: 'kept', detail: '', condition, dataset, group, rowsIn: tracked.length, rowsOut: after.length };
    describe(st, c, tracked.length, after.length);
    if (reshaped && st.verdict !== 'not-reached') { st.detail = reshaped; if (after.length === 0) st.verdict = 'dropped'; }
    stages.push(st);
    if (after.length === 0 && stoppedAt === undefined) {
      outcome = st.verdict === 'lost' ? 'lost' : 'dropped';
      stoppedAt = i;
    }
  }
  if (target < 0) outcome = 'dropped';
  return { stages, outcome, stoppedAt, results: outcome === 'fired' ? (rows ?? []).filter(isMarked).map(unmark) : [], deciding, resultCount: rows?.length ?? 0 };
}

function shown(v: Row[string]): string | string[] | undefined {
  const s = shownValues(v);
  return s === undefined ? undefined : s.length === 1 ? s[0] : s;
}

function markRow(r: Row, target: number): Row {
  const c = copyRow(r);
  c[EXPLAIN_MARK] = target;
  return c;
}

/** Whether aggregation output row `o` is the group of source row `s` (by-field values equal as text). */
function inGroup(o: Row, s: Row, by: string[], fill: string | undefined): boolean {
  for (const f of by) {
    const ov = o[f];
    const sv = s[f];
    if (ov === undefined) return false;
    const want = sv === undefined ? (fill === undefined ? undefined : [fill]) : valuesOf(sv).map(scalarText);
    if (!want || !valuesOf(ov).some((x) => want.includes(scalarText(x)))) return false;
  }
  return true;
}

async function runSubsearches(subs: Subsearch[], events: Row[], runCtx: RunContext): Promise<Map<Subsearch, Row[]>> {
  const out = new Map<Subsearch, Row[]>();
  for (const s of subs) out.set(s, (await runPipeline(s.pipeline, { events }, runCtx)).rows);
  return out;
}

function failedLeaves(node: ConditionNode | undefined): string {
  if (!node) return '';
  const failed = blockers(node);
  return failed.length ? `: ${failed.slice(0, 3).map((l) => l.reason?.message ?? l.text).join('; ')}` : '';
}

function describe(st: StageExplanation, c: Command, before: number, after: number): void {
  if (before === 0 && c.name !== 'tstats') { st.verdict = 'not-reached'; st.detail = 'not reached'; return; }
  if (st.group) {
    if (after > 0) {
      st.verdict = 'grouped';
      st.detail = st.group.by.length ? `fell into the group ${st.group.by.map((g) => `${g.field}=${JSON.stringify(g.value)}`).join(', ')}` : 'counted in the single group (no by-clause)';
    } else if (st.dataset && st.dataset.constraints.some((k) => k.condition.verdict !== true)) {
      st.verdict = 'excluded';
      st.detail = `not in the data set ${st.dataset.dataset}${failedLeaves(st.dataset.constraints.find((k) => k.condition.verdict !== true)?.condition)}`;
    } else if (st.condition && st.condition.verdict !== true) {
      st.verdict = 'excluded';
      st.detail = `the where clause is false${failedLeaves(st.condition)}`;
    } else if (st.group.missing.length) {
      st.verdict = 'no-group';
      st.detail = `no group: the by-field${st.group.missing.length > 1 ? 's' : ''} ${st.group.missing.join(', ')} ${st.group.missing.length > 1 ? 'are' : 'is'} missing (stats drops rows with a null by-field)`;
    } else {
      st.verdict = 'lost';
      st.detail = `${c.name} output no row for the event's group`;
    }
    return;
  }
  if (after > 0) {
    st.verdict = 'kept';
    st.detail = st.condition ? 'the condition holds' : after === before ? 'passed' : `passed as ${after} row(s)`;
    return;
  }
  if (st.condition && st.condition.verdict !== true) {
    st.verdict = 'dropped';
    st.detail = `the condition is ${st.condition.verdict === null ? 'null' : 'false'}${failedLeaves(st.condition)}`;
    return;
  }
  if (st.index === 0 && st.rowsIn === 1) {
    st.verdict = 'lost';
    st.detail = `the search starts with ${c.name}, which generates its own rows instead of reading the sample's events`;
    return;
  }
  const filtering = ['dedup', 'head', 'tail', 'regex', 'search', 'where', 'uniq', 'sample'];
  st.verdict = filtering.includes(c.name) ? 'dropped' : 'lost';
  st.detail = filtering.includes(c.name) ? `${c.name} removed the event's row` : `${c.name} produced rows that cannot be traced back to the event`;
}
