// The fields a search reads from the events themselves: fields named in the leading commands
// (search clauses, where, eval, rex/regex field=, lookup inputs, the by-clause and arguments of the
// first aggregation) that no earlier command produced. Reading stops at the first command after
// which rows are no longer events (stats, tstats, transaction, join, …) or whose output fields are
// not known in advance (spath, extract, lookup without OUTPUT, …), so a field such a command may
// create is never reported as missing from the events.
import type { Command, Pipeline, Range } from '../../spl/ast';
import { forEachEvalExpr, forEachSearchExpr } from '../../spl/walk';
import { option } from '../commands/args';

export interface FieldRead {
  field: string;
  /** Where it is named (offsets in the parsed text). */
  ranges: Range[];
}

/** Commands whose outputs are known (their new fields are recorded as produced). */
const KNOWN = new Set(['search', 'where', 'eval', 'rename', 'rex', 'regex', 'fields', 'table', 'dedup', 'sort', 'head', 'tail', 'fillnull', 'convert', 'lookup', 'makemv', 'mvexpand', 'bin', 'bucket', 'eventstats', 'streamstats']);
/** Commands that end "rows are events" (read their by-clause and arguments, then stop). */
const AGGREGATING = new Set(['stats', 'chart', 'timechart', 'top', 'rare']);

const TIME_AND_META = new Set(['earliest', 'latest', '_index_earliest', '_index_latest', 'starttime', 'endtime', 'index', 'nodename', 'summariesonly', 'allow_old_summaries']);

/**
 * `datasetField` maps a data-set field of a leading `tstats … from datamodel=…` (`Processes.user`)
 * to the event field it is read from (`user`), or undefined for a field the data model calculates;
 * without it a leading tstats reads nothing from the events.
 */
export function fieldsReadFromEvents(pipeline: Pipeline, datasetField?: (cmd: Command, field: string) => string | undefined): FieldRead[] {
  const reads = new Map<string, Range[]>();
  const produced = new Set<string>();
  const read = (field: string, range: Range) => {
    if (produced.has(field) || field.includes('*') || TIME_AND_META.has(field) || field.startsWith('__')) return;
    const list = reads.get(field);
    if (list) list.push(range);
    else reads.set(field, [range]);
  };
  const first = pipeline.commands[0];
  if (first?.kind === 'command' && first.name === 'tstats' && first.body.kind === 'stats') {
    if (!datasetField) return [];
    const viaDataset = (f: string, r: Range) => { const e = datasetField(first, f); if (e !== undefined) read(e, r); };
    forEachSearchExpr(first.body.where, (e) => { if ((e.kind === 'compare' || e.kind === 'in') && e.field !== 'nodename') viaDataset(e.field, e.fieldRange); });
    for (const a of first.body.aggregations) if (a.arg?.kind === 'field') viaDataset(a.arg.field.name, a.arg.field.range);
    for (const f of first.body.by) viaDataset(f.name, f.range);
    return [...reads].map(([field, ranges]) => ({ field, ranges }));
  }
  for (const c of pipeline.commands) {
    if (c.kind !== 'command') break;
    if (AGGREGATING.has(c.name)) { readCommand(c, read, produced); break; }
    if (!KNOWN.has(c.name)) break;
    if (c.name === 'lookup' && c.body.kind === 'lookup' && c.body.outputs.length === 0) { readCommand(c, read, produced); break; }
    readCommand(c, read, produced);
  }
  return [...reads].map(([field, ranges]) => ({ field, ranges }));
}

function readCommand(c: Command, read: (f: string, r: Range) => void, produced: Set<string>): void {
  const b = c.body;
  switch (b.kind) {
    case 'search':
      forEachSearchExpr(b.expr, (e) => { if (e.kind === 'compare' || e.kind === 'in') read(e.field, e.fieldRange); });
      break;
    case 'where':
      forEachEvalExpr(b.expr, (e) => { if (e.kind === 'field') read(e.name, e.range); });
      break;
    case 'eval':
      for (const a of b.assignments) {
        forEachEvalExpr(a.expr, (e) => { if (e.kind === 'field') read(e.name, e.range); });
        produced.add(a.field.name);
      }
      break;
    case 'stats':
      for (const a of b.aggregations) {
        if (a.arg?.kind === 'field') read(a.arg.field.name, a.arg.field.range);
        else if (a.arg?.kind === 'eval') forEachEvalExpr(a.arg.expr, (e) => { if (e.kind === 'field') read(e.name, e.range); });
        if (a.as) produced.add(a.as.name);
        else { produced.add(a.func); if (a.arg?.kind === 'field') produced.add(`${a.func}(${a.arg.field.name})`); }
      }
      for (const f of b.by) read(f.name, f.range);
      break;
    case 'rename':
      for (const p of b.pairs) { read(p.from.name, p.from.range); produced.add(p.to.name); }
      break;
    case 'rex': {
      const f = b.field ?? '_raw';
      const r = c.options.find((o) => o.key === 'field')?.valueRange ?? c.nameRange;
      read(f, r);
      for (const m of (b.regex?.value ?? '').matchAll(/\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/g)) produced.add(m[1]);
      break;
    }
    case 'regex':
      read(b.field ?? '_raw', c.options.find((o) => o.key === 'field')?.valueRange ?? c.nameRange);
      break;
    case 'lookup':
      for (const l of b.inputs) read((l.as ?? l.field).name, (l.as ?? l.field).range);
      for (const l of b.outputs) produced.add((l.as ?? l.field).name);
      break;
    case 'convert':
      for (const cv of b.conversions) { read(cv.field.name, cv.field.range); if (cv.as) produced.add(cv.as.name); }
      break;
    case 'fields':
      break;
    default:
      // fillnull value=x a b, bin … as x, eventstats … as x: the fields they create.
      for (const p of c.positional) if (c.name === 'fillnull') produced.add(p.text);
      if (option(c, 'as')) produced.add(option(c, 'as')!);
      break;
  }
}
