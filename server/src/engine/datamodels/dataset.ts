// Evaluates a data model dataset over extracted events: an event belongs to an object when the
// constraint searches of the object and all its ancestors match (search-command semantics, e.g.
// `tag=process tag=report`); the dataset's fields are then computed (calculations run in order,
// root first, each reading the event plus earlier outputs) and exposed as `Lineage.field`, where
// every field visible at a lineage level gets that level's prefix (root fields appear as
// `Root.f` and, for a child, also as `Root.Child.f`).
import type { EvalExpr } from '../../spl/ast';
import { forEachEvalExpr } from '../../spl/walk';
import type { EngineMessage, Row } from '../types';
import { newRow } from '../types';
import { compileEval } from '../eval/compile';
import type { EvalOptions } from '../eval/context';
import { toFieldValue } from '../eval/values';
import { compileSearch, type RowPredicate } from '../search/compile';
import type { SplParsers } from '../commands/types';
import type { ResolvedObject } from './model';

export interface CompiledDataset {
  resolved: ResolvedObject;
  /** Membership test on the extracted event. */
  matches(event: Row): boolean;
  /** The dataset row of a member event: prefixed fields plus `_time`, `_raw`, `host`, `source`, `sourcetype`, `index`. */
  toRow(event: Row, keepEventFields?: boolean): Row;
}

const BASE_FIELDS = ['_time', '_raw', 'host', 'source', 'sourcetype', 'index', 'splunk_server', 'eventtype', 'linecount'];

/**
 * Compiles a dataset. `neededFields` (prefixed names such as `Processes.dest`) limits the output
 * fields and the calculations to those needed (and the ones they read), which tstats uses for speed.
 */
export function compileDataset(resolved: ResolvedObject, parsers: SplParsers, evalOpts: EvalOptions, neededFields?: string[]): CompiledDataset | EngineMessage {
  const preds: RowPredicate[] = [];
  for (const obj of resolved.chain) {
    for (const c of obj.constraints) {
      const expr = parsers.parseSearchClause(c.search);
      const r = compileSearch(expr);
      if (!r.ok) return { severity: 'error', message: `data model ${resolved.model.modelName}.${obj.objectName}: bad constraint "${c.search}": ${r.error.message}` };
      preds.push(r.fn);
    }
  }
  let calcs: { out: string; fn: (row: Row) => unknown; expr: string; reads: string[] }[] = [];
  const levels: { prefix: string; fields: string[] }[] = [];
  const outputs: [string, string][] = [];
  const visible: string[] = [];
  for (let i = 0; i < resolved.chain.length; i++) {
    const obj = resolved.chain[i];
    for (const calc of obj.calculations) {
      if (calc.calculationType !== 'Eval' || !calc.expression) continue;
      const expr = parsers.parseEvalExpression(calc.expression);
      if (!expr) return { severity: 'error', message: `data model ${resolved.model.modelName}.${obj.objectName}: bad calculation "${calc.expression}"` };
      const c = compileEval(expr, evalOpts);
      if (!c.ok) return { severity: 'error', message: `data model ${resolved.model.modelName}.${obj.objectName}: ${c.error.message} in "${calc.expression}"` };
      const out = calc.outputFields[0]?.fieldName;
      if (out) calcs.push({ out, fn: c.fn, expr: calc.expression, reads: fieldsRead(expr) });
    }
    for (const f of obj.fields) if (!visible.includes(f.fieldName)) visible.push(f.fieldName);
    for (const c of obj.calculations) for (const f of c.outputFields) if (!visible.includes(f.fieldName)) visible.push(f.fieldName);
    levels.push({ prefix: resolved.chain.slice(0, i + 1).map((o) => o.objectName).join('.'), fields: [...visible] });
  }
  for (const lvl of levels) for (const f of lvl.fields) outputs.push([f, `${lvl.prefix}.${f}`]);
  let outs = outputs;
  if (neededFields) {
    const wanted = new Set(neededFields);
    outs = outputs.filter(([, key]) => wanted.has(key));
    const base = new Set(outs.map(([f]) => f));
    const kept: typeof calcs = [];
    for (let i = calcs.length - 1; i >= 0; i--) {
      if (!base.has(calcs[i].out)) continue;
      kept.unshift(calcs[i]);
      for (const id of calcs[i].expr.match(/[A-Za-z_][\w.]*/g) ?? []) base.add(id);
    }
    calcs = kept;
  }
  const calcOuts = new Set(calcs.map((c) => c.out));
  const calcReads = new Set([...BASE_FIELDS, ...calcs.flatMap((c) => c.reads)]);
  return {
    resolved,
    matches(event) {
      for (const p of preds) if (!p(event)) return false;
      return true;
    },
    toRow(event, keepEventFields = false) {
      // Calculations write into a small working row holding only the fields they read (copying
      // all ~80 fields of an event per row was the dominant cost of tstats).
      const work = calcs.length ? newRow() : event;
      if (calcs.length) for (const f of calcReads) if (event[f] !== undefined) work[f] = event[f];
      for (const c of calcs) {
        const v = toFieldValue(c.fn(work) as never);
        if (v === undefined) delete work[c.out];
        else work[c.out] = v;
      }
      const row = newRow();
      if (keepEventFields) for (const k in event) if (event[k] !== undefined) row[k] = event[k];
      for (const b of BASE_FIELDS) if (event[b] !== undefined) row[b] = event[b];
      for (const [f, key] of outs) {
        const v = calcOuts.has(f) ? work[f] : event[f];
        if (v !== undefined) row[key] = v;
      }
      return row;
    },
  };
}

/** Field names an eval expression reads. */
function fieldsRead(expr: EvalExpr): string[] {
  const out: string[] = [];
  forEachEvalExpr(expr, (e) => {
    if (e.kind === 'field') out.push(e.name);
  });
  return out;
}
