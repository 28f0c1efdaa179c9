// Walks an SPL syntax tree and reports the items the language features care about, each with its
// range: macro calls, command names, function names, lookup tables, data models, field names.
import type {
  Command,
  EvalExpr,
  MacroCall,
  Pipeline,
  Range,
  SearchExpr,
} from '../spl/ast';
import { forEachEvalExpr, forEachSearchExpr } from '../spl/walk';

export type SplItem =
  | { kind: 'macro'; range: Range; node: MacroCall }
  | { kind: 'command'; range: Range; node: Command }
  | { kind: 'evalFunction'; range: Range; name: string }
  | { kind: 'statsFunction'; range: Range; name: string }
  | { kind: 'lookup'; range: Range; name: string }
  | { kind: 'datamodel'; range: Range; name: string }
  | { kind: 'field'; range: Range; name: string }
  | { kind: 'value'; range: Range; text: string };

/** Calls `visit` for every item of the pipeline, subsearches included, in source order. */
export function walkPipeline(pipeline: Pipeline, visit: (item: SplItem) => void): void {
  // A macro inside a command's arguments is both in the body and in `Command.macros`: report once.
  const seen = new Set<MacroCall>();
  const once = (item: SplItem) => {
    if (item.kind === 'macro') {
      if (seen.has(item.node)) return;
      seen.add(item.node);
    }
    visit(item);
  };
  walkItems(pipeline, once);
}

function walkItems(pipeline: Pipeline, visit: (item: SplItem) => void): void {
  for (const c of pipeline.commands) {
    if (c.kind === 'macro') visit({ kind: 'macro', range: c.range, node: c });
    else walkCommand(c, visit);
  }
}

function walkCommand(c: Command, visit: (item: SplItem) => void): void {
  if (!c.implicit) visit({ kind: 'command', range: c.nameRange, node: c });
  const b = c.body;
  switch (b.kind) {
    case 'search':
      if (b.expr) walkSearch(b.expr, visit);
      break;
    case 'where':
      if (b.expr) walkEval(b.expr, visit);
      break;
    case 'eval':
      for (const a of b.assignments) {
        visit({ kind: 'field', range: a.field.range, name: a.field.name });
        walkEval(a.expr, visit);
      }
      break;
    case 'stats':
      if (b.datamodel) visit({ kind: 'datamodel', range: b.datamodel.range, name: b.datamodel.name });
      for (const agg of b.aggregations) {
        visit({ kind: 'statsFunction', range: agg.funcRange, name: agg.func });
        if (agg.arg?.kind === 'field') visit({ kind: 'field', range: agg.arg.field.range, name: agg.arg.field.name });
        else if (agg.arg?.kind === 'eval') walkEval(agg.arg.expr, visit);
        if (agg.as) visit({ kind: 'field', range: agg.as.range, name: agg.as.name });
      }
      if (b.where) walkSearch(b.where, visit);
      for (const f of b.by) visit({ kind: 'field', range: f.range, name: f.name });
      break;
    case 'rename':
      for (const p of b.pairs) {
        visit({ kind: 'field', range: p.from.range, name: p.from.name });
        visit({ kind: 'field', range: p.to.range, name: p.to.name });
      }
      break;
    case 'fields':
      for (const f of b.fields) visit({ kind: 'field', range: f.range, name: f.name });
      break;
    case 'lookup':
      if (b.table) visit({ kind: 'lookup', range: b.table.range, name: b.table.name });
      for (const l of [...b.inputs, ...b.outputs]) {
        visit({ kind: 'field', range: l.field.range, name: l.field.name });
        if (l.as) visit({ kind: 'field', range: l.as.range, name: l.as.name });
      }
      break;
    case 'convert':
      for (const cv of b.conversions) {
        visit({ kind: 'field', range: cv.field.range, name: cv.field.name });
        if (cv.as) visit({ kind: 'field', range: cv.as.range, name: cv.as.name });
      }
      break;
    case 'sort':
      for (const k of b.keys) visit({ kind: 'field', range: k.field.range, name: k.field.name });
      break;
    case 'foreach':
      for (const f of b.fields) visit({ kind: 'field', range: f.range, name: f.name });
      break;
    default:
      break;
  }
  if ((c.name === 'inputlookup' || c.name === 'outputlookup') && c.positional.length) {
    const p = c.positional[0];
    visit({ kind: 'lookup', range: p.range, name: p.text.replace(/^"|"$/g, '') });
  }
  for (const m of c.macros) visit({ kind: 'macro', range: m.range, node: m });
  for (const s of c.subsearches) walkItems(s.pipeline, visit);
}

function walkSearch(expr: SearchExpr, visit: (item: SplItem) => void): void {
  forEachSearchExpr(expr, (e) => {
    switch (e.kind) {
      case 'compare':
        visit({ kind: 'field', range: e.fieldRange, name: e.field });
        visit({ kind: 'value', range: e.value.range, text: e.value.text });
        break;
      case 'in':
        visit({ kind: 'field', range: e.fieldRange, name: e.field });
        e.values.forEach((v) => visit({ kind: 'value', range: v.range, text: v.text }));
        break;
      case 'term':
        visit({ kind: 'value', range: e.value.range, text: e.value.text });
        break;
      case 'subsearch':
        walkItems(e.pipeline, visit);
        break;
      case 'macro':
        visit({ kind: 'macro', range: e.range, node: e });
        break;
      default:
        break;
    }
  });
}

function walkEval(expr: EvalExpr, visit: (item: SplItem) => void): void {
  forEachEvalExpr(expr, (e) => {
    if (e.kind === 'field') visit({ kind: 'field', range: e.range, name: e.name });
    else if (e.kind === 'call') visit({ kind: 'evalFunction', range: e.nameRange, name: e.name });
    else if (e.kind === 'macro') visit({ kind: 'macro', range: e.range, node: e });
  });
}

/** The innermost item whose range holds `offset` (a macro wins over what it sits in). */
export function itemAt(pipeline: Pipeline, offset: number): SplItem | undefined {
  let best: SplItem | undefined;
  walkPipeline(pipeline, (item) => {
    if (item.range.start <= offset && offset < item.range.end) {
      if (!best || item.kind === 'macro' || item.range.end - item.range.start <= best.range.end - best.range.start) {
        if (best?.kind === 'macro' && item.kind !== 'macro') return;
        best = item;
      }
    }
  });
  return best;
}
