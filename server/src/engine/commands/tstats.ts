// `tstats [summariesonly=…] [fillnull_value=v] <aggregations> [from datamodel=DM[.Object]]
//  [where <search clause>] [by fields] [span=…]`, evaluated over the pipeline's input events:
// with a data model, events that belong to the dataset (constraints of the object and its parents;
// `nodename=Root.Child` in the where clause picks a child dataset) are turned into dataset rows
// (`Object.field`, calculated fields applied), filtered by the where clause, then aggregated like
// stats. Without a data model, the where clause and aggregations apply to the events themselves.
// summariesonly/allow_old_summaries/chunk_size are accepted and ignored (no summaries exist locally).
// A null by-field drops the row unless fillnull_value is given.
import type { SearchExpr } from '../../spl/ast';
import { newRow, type Row } from '../types';
import { compileDataset } from '../datamodels/dataset';
import { floorToSpan, parseSpan } from '../eval/time';
import { toNumber } from '../eval/values';
import { option, optionRange } from './args';
import { compileAggregations, GroupedStats } from './statsCore';
import { type CommandExecutor, errorAt } from './types';
import { compileSearchClause, evalOptions } from './util';
import { subsearchesOf } from '../search/compile';

/** Removes `nodename=…` terms from the top level of a where clause, returning them separately. */
export function splitNodename(expr: SearchExpr | undefined): { where: SearchExpr | undefined; nodename?: string } {
  if (!expr) return { where: undefined };
  if (expr.kind === 'compare' && expr.field === 'nodename' && expr.op === '=') return { where: undefined, nodename: expr.value.text };
  if (expr.kind !== 'and') return { where: expr };
  let nodename: string | undefined;
  const items = expr.items.filter((i) => {
    if (i.kind === 'compare' && i.field === 'nodename' && i.op === '=') { nodename = i.value.text; return false; }
    return true;
  });
  return { where: items.length === 0 ? undefined : { ...expr, items }, nodename };
}

function searchFields(e: SearchExpr | undefined, out: string[] = []): string[] {
  if (!e) return out;
  switch (e.kind) {
    case 'and': case 'or': for (const i of e.items) searchFields(i, out); break;
    case 'not': searchFields(e.item, out); break;
    case 'compare': case 'in': out.push(e.field); break;
    default: break;
  }
  return out;
}

export const tstats: CommandExecutor = async (cmd, ctx) => {
  if (cmd.body.kind !== 'stats' || cmd.body.aggregations.length === 0) return errorAt(cmd, 'tstats: expected at least one statistical function');
  const opts = evalOptions(ctx);
  const specs = compileAggregations(cmd.body.aggregations, opts, ctx.sourceText);
  if ('severity' in specs) return specs;
  const by = cmd.body.by.map((b) => b.name);
  const fillNull = option(cmd, 'fillnull_value');
  const spanText = option(cmd, 'span');
  const span = spanText ? parseSpan(spanText) : undefined;
  if (spanText && !span) return errorAt(cmd, `tstats: invalid span "${spanText}"`, optionRange(cmd, 'span'));
  const { where, nodename } = splitNodename(cmd.body.where);
  const pred = await compileSearchClause(where, ctx);
  if (!pred.ok) return pred.error;
  const dmName = cmd.body.datamodel?.name ?? option(cmd, 'datamodel');
  let toDatasetRow: ((event: Row) => Row | undefined) | undefined;
  // Events the dataset's constraints kept, before the where clause (the stage's `matched`).
  let matched = 0;
  if (dmName) {
    const spec = nodename ? `${dmName.split('.')[0]}.${nodename.split('.').pop()}` : dmName;
    const resolved = ctx.dataModels.resolve(spec);
    if (!resolved) {
      const model = ctx.dataModels.get(dmName.split('.')[0]);
      return errorAt(cmd, model ? `tstats: data model ${model.modelName} has no dataset "${spec.split('.').pop()}"` : `tstats: unknown data model "${dmName.split('.')[0]}" (known: ${ctx.dataModels.names().join(', ')})`, cmd.body.datamodel?.range);
    }
    if (!ctx.parsers) return errorAt(cmd, 'tstats: no SPL parser available for data model constraints');
    const needed = new Set<string>([...by, ...searchFields(where)]);
    // Subsearch rows name fields only known at run time: keep every dataset field then.
    let all = subsearchesOf(where).length > 0;
    for (const a of cmd.body.aggregations) {
      if (a.arg?.kind === 'field') needed.add(a.arg.field.name);
      else if (a.arg?.kind === 'eval') all = true;
    }
    const ds = compileDataset(resolved, ctx.parsers, opts, all ? undefined : [...needed]);
    if ('severity' in ds) return { ...ds, range: cmd.body.datamodel?.range ?? cmd.range };
    toDatasetRow = (e) => (ds.matches(e) ? (matched++, ds.toRow(e)) : undefined);
  }
  const filter = pred.fn;
  const fields = [...by, ...specs.map((s) => s.name)];
  return {
    generate: async () => {
      const g = new GroupedStats(specs, by, fillNull);
      let n = 0;
      matched = 0;
      const add = (event: Row): void => {
        let row = toDatasetRow ? toDatasetRow(event) : event;
        if (!row || !filter(row)) return;
        if (span && by.includes('_time')) {
          const t = toNumber(row._time as never);
          if (t !== undefined) { const copy = newRow(); for (const k in row) copy[k] = row[k]; copy._time = floorToSpan(t, span, ctx.tz); row = copy; }
        }
        g.add(row);
      };
      if (ctx.inputBatches) {
        for await (const batch of ctx.inputBatches()) {
          ctx.checkpoint();
          for (const event of batch) add(event);
        }
      } else {
        for await (const event of ctx.inputEvents()) {
          if ((++n & 1023) === 0) ctx.checkpoint();
          add(event);
        }
      }
      return g.results();
    },
    matched: toDatasetRow ? () => matched : undefined,
    fields: () => fields,
  };
};
