// Near misses: when a search returns nothing, the rows that came closest to passing the stage
// that removed the last rows (the deciding condition: a search clause, a where, or a tstats data
// set + where), ranked by how many of the condition's leaves they satisfy (a leaf under NOT
// satisfies it when false). Each comes with the leaves that failed, which usually names the typo
// or the missing mapping.
import type { Row } from '../types';
import { evalOptions } from '../commands/util';
import { defaultParsers } from '../pipeline/parsers';
import type { RunContext } from '../pipeline/run';
import type { TreeContext } from './context';
import { explainTstatsMembership } from './datasetExplain';
import { explainEvalExpr } from './evalTree';
import { blockers, explainSearchExpr, leavesWithPolarity } from './searchTree';
import { type DecidingStage, eventOf } from './trace';
import type { ConditionNode } from './types';

export interface NearMiss {
  /** 1-based event number (undefined when the row no longer stands for one event). */
  event?: number;
  satisfied: number;
  total: number;
  /** The leaves that stood in the way (see searchTree `blockers`), with their reasons. */
  failed: ConditionNode[];
}

export interface NearMissReport {
  /** The deciding stage (index in the pipeline) and its command name. */
  stage: number;
  command: string;
  /** Rows ranked (at most `limit` of the stage's input). */
  examined: number;
  inputRows: number;
  nearMisses: NearMiss[];
  /** Why there is no ranking (the stage has no condition to rank by). */
  note?: string;
}

const MAX_ROWS = 20000;

export function rankNearMisses(deciding: DecidingStage, ctx: TreeContext, run: RunContext, count = 5): NearMissReport {
  const c = deciding.command;
  const b = c.body;
  const evalOpts = evalOptions({ tz: run.tz ?? 'UTC', now: run.now ?? Math.floor(Date.now() / 1000), parsers: run.parsers ?? defaultParsers });
  let conditionOf: ((row: Row) => ConditionNode[]) | undefined;
  if (b.kind === 'search' && b.expr) { const e = b.expr; conditionOf = (row) => [explainSearchExpr(e, row, ctx)]; }
  else if (b.kind === 'where' && b.expr) { const e = b.expr; conditionOf = (row) => [explainEvalExpr(e, row, ctx, evalOpts)]; }
  else if (c.name === 'tstats' && b.kind === 'stats') {
    conditionOf = (row) => {
      const t = explainTstatsMembership(c, row, ctx, run, evalOpts);
      const nodes = (t.dataset?.constraints ?? []).map((k) => k.condition);
      if (t.where) nodes.push(t.where);
      else if (b.where && !t.row) {
        // Not in the data set: the where leaves cannot be evaluated; count them as failing.
        nodes.push({ ...explainSearchExpr(b.where, Object.create(null) as Row, ctx), verdict: false });
      }
      return nodes;
    };
  }
  const report: NearMissReport = { stage: deciding.index, command: c.name, examined: 0, inputRows: deciding.input.length, nearMisses: [] };
  if (!conditionOf) {
    report.note = `${c.name} removed every row without a condition to rank rows by`;
    return report;
  }
  const scored: (NearMiss & { order: number })[] = [];
  const rows = deciding.input.slice(0, MAX_ROWS);
  report.examined = rows.length;
  rows.forEach((row, order) => {
    const nodes = conditionOf!(row);
    const leaves = nodes.flatMap((n) => leavesWithPolarity(n));
    const satisfied = leaves.filter((l) => l.helps).length;
    const ev = eventOf(row);
    scored.push({ event: ev === undefined ? undefined : ev + 1, satisfied, total: leaves.length, failed: nodes.flatMap((n) => blockers(n)), order });
  });
  // Most satisfied leaves first; then fewest leaves standing in the way; then input order.
  scored.sort((x, y) => y.satisfied - x.satisfied || x.failed.length - y.failed.length || x.order - y.order);
  report.nearMisses = scored.slice(0, count).map(({ order: _order, ...m }) => m);
  return report;
}
