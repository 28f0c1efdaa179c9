// tstats on one event: is it in the data set (the constraint searches of the object and its
// parents, search-command semantics, as datamodels/dataset.ts applies them), and does its dataset
// row (`Object.field`, calculations applied) pass the tstats where clause? Constraint trees carry
// the range of `datamodel=` in the search, since the constraint text lives in the data model.
import type { Command, SearchExpr } from '../../spl/ast';
import type { Row } from '../types';
import { option } from '../commands/args';
import { splitNodename } from '../commands/tstats';
import type { evalOptions } from '../commands/util';
import { compileDataset } from '../datamodels/dataset';
import { defaultDataModels } from '../datamodels/registry';
import { defaultParsers } from '../pipeline/parsers';
import type { RunContext } from '../pipeline/run';
import { nodeRange, type TreeContext } from './context';
import { explainSearchExpr } from './searchTree';
import type { ConditionNode, DatasetInfo } from './types';

// Parsed constraints and compiled datasets, reused when many events are explained (near misses).
const parsedConstraints = new WeakMap<object, SearchExpr | undefined>();
const datasets = new WeakMap<Command, ReturnType<typeof compileDataset>>();

export interface TstatsVerdict {
  dataset?: DatasetInfo;
  /** The event's dataset row (when it is in the data set). */
  row?: Row;
  /** In the data set and the where clause holds. */
  passes: boolean;
  where?: ConditionNode;
}

/** tstats: is the event in the data set (constraints of the object and its parents), and does its dataset row pass the where clause? */
export function explainTstatsMembership(c: Command, event: Row, ctx: TreeContext, runCtx: RunContext, evalOpts: ReturnType<typeof evalOptions>): TstatsVerdict {
  if (c.body.kind !== 'stats') return { passes: false };
  const { where, nodename } = splitNodename(c.body.where);
  const dmName = c.body.datamodel?.name ?? option(c, 'datamodel');
  const whereNode = (row: Row) => (where ? explainSearchExpr(where, row, ctx) : undefined);
  if (!dmName) {
    const w = whereNode(event);
    return { row: event, passes: !w || w.verdict === true, where: w };
  }
  const spec = nodename ? `${dmName.split('.')[0]}.${nodename.split('.').pop()}` : dmName;
  const models = runCtx.dataModels ?? defaultDataModels();
  const resolved = models.resolve(spec);
  if (!resolved) return { passes: false };
  const dmRange = nodeRange(ctx, c.body.datamodel?.range ?? c.range);
  const constraints: DatasetInfo['constraints'] = [];
  for (const obj of resolved.chain) {
    for (const k of obj.constraints) {
      let expr = parsedConstraints.get(k);
      if (!expr) parsedConstraints.set(k, (expr = defaultParsers.parseSearchClause(k.search)));
      if (!expr) continue;
      constraints.push({ object: obj.objectName, search: k.search, condition: explainSearchExpr(expr, event, { text: k.search, toOriginal: (r) => r, fixedRange: dmRange }) });
    }
  }
  const dataset: DatasetInfo = { dataset: `${resolved.model.modelName}.${resolved.chain.map((o) => o.objectName).join('.')}`, constraints };
  if (constraints.some((k) => k.condition.verdict !== true)) return { dataset, passes: false };
  let ds = datasets.get(c);
  if (!ds) datasets.set(c, (ds = compileDataset(resolved, defaultParsers, evalOpts)));
  if ('severity' in ds) return { dataset, passes: false };
  const row = ds.toRow(event);
  const w = whereNode(row);
  return { dataset, row, passes: !w || w.verdict === true, where: w };
}
