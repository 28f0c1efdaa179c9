// `transaction [field …] [maxspan=] [maxpause=] [maxevents=] [startswith=] [endswith=] [keepevicted=f]`:
// rows (ordered by _time) with the same values of the fields are grouped; a transaction starts at
// a startswith match (when given), closes after an endswith match, or when maxspan/maxpause/maxevents
// would be exceeded. Output: fields merged (distinct values, in order), _raw joined by newlines,
// _time = first event's, duration = last − first, eventcount; newest transaction first. Rows missing
// a grouping field are left out. startswith/endswith take a search clause, "quoted text" or eval(<expr>).
// Unclosed transactions (startswith/endswith given) are dropped
// unless keepevicted=t; closed_txn is set when keepevicted=t.
import type { Row, Scalar } from '../types';
import { newRow } from '../types';
import { parseSpan } from '../eval/time';
import { fromValues, scalarText, toNumber, valuesOf } from '../eval/values';
import { compileSearch, type RowPredicate } from '../search/compile';
import { boolOption, numOption, option, positionals } from './args';
import { type CommandExecutor, errorAt, type ExecContext } from './types';
import { compileEval, isTruthy } from '../eval/compile';
import { evalOptions } from './util';
import { MAX_HELD_EVENTS } from './heldEvents';

function spanSeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = parseSpan(text);
  if (!s) return undefined;
  return s.unit === 'mon' ? s.value * 30 * 86400 : s.value;
}

function condition(text: string | undefined, ctx: ExecContext): RowPredicate | undefined | Error {
  if (text === undefined) return undefined;
  let t = text.trim();
  const ev = /^eval\(([\s\S]*)\)$/i.exec(t);
  if (ev) {
    const expr = ctx.parsers?.parseEvalExpression(ev[1]);
    if (!expr) return new Error(`transaction: cannot parse eval condition "${ev[1]}"`);
    const c = compileEval(expr, evalOptions(ctx));
    if (!c.ok) return new Error(`transaction: ${c.error.message}`);
    const fn = c.fn;
    return (row) => isTruthy(fn(row));
  }
  if (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1);
  const expr = ctx.parsers?.parseSearchClause(t);
  const c = compileSearch(expr);
  if (!c.ok) return new Error(c.error.message);
  return c.fn;
}

export const transaction: CommandExecutor = (cmd, ctx) => {
  const fields = positionals(cmd).map((p) => p.text);
  const maxspan = spanSeconds(option(cmd, 'maxspan'));
  const maxpause = spanSeconds(option(cmd, 'maxpause'));
  const maxevents = numOption(cmd, 'maxevents') ?? 1000;
  const starts = condition(option(cmd, 'startswith'), ctx);
  const ends = condition(option(cmd, 'endswith'), ctx);
  if (starts instanceof Error) return errorAt(cmd, starts.message);
  if (ends instanceof Error) return errorAt(cmd, ends.message);
  const keepEvicted = boolOption(cmd, 'keepevicted', false);
  return {
    maxInputRows: MAX_HELD_EVENTS,
    rowPolicy: 'fresh',
    run: (rows: Row[]) => {
      const sorted = rows.map((r, i) => ({ r, i, t: toNumber(r._time as never) ?? 0 })).sort((a, b) => a.t - b.t || a.i - b.i);
      interface Txn { rows: { r: Row; t: number }[]; closed: boolean }
      const open = new Map<string, Txn>();
      const done: Txn[] = [];
      const close = (k: string, closed: boolean) => {
        const tx = open.get(k);
        if (!tx) return;
        tx.closed = closed;
        done.push(tx);
        open.delete(k);
      };
      for (const { r, t } of sorted) {
        let key = '';
        let missing = false;
        for (const f of fields) { const v = r[f]; if (v === undefined) { missing = true; break; } key += valuesOf(v).map(scalarText).join('\u0002') + '\u0001'; }
        if (missing) continue;
        let tx = open.get(key);
        if (tx) {
          const first = tx.rows[0].t;
          const last = tx.rows[tx.rows.length - 1].t;
          if ((maxspan !== undefined && t - first > maxspan) || (maxpause !== undefined && t - last > maxpause) || tx.rows.length >= maxevents || (starts && starts(r))) {
            close(key, !starts && !ends);
            tx = undefined;
          }
        }
        if (!tx) {
          if (starts && !starts(r)) continue;
          tx = { rows: [], closed: false };
          open.set(key, tx);
        }
        tx.rows.push({ r, t });
        if (ends && ends(r)) close(key, true);
      }
      for (const k of [...open.keys()]) close(k, !starts && !ends);
      const out: Row[] = [];
      for (const tx of done) {
        if (!tx.closed && (starts || ends) && !keepEvicted) continue;
        const row = newRow();
        const merged = new Map<string, Scalar[]>();
        for (const { r } of tx.rows) {
          for (const k in r) {
            if (k === '_raw' || k === '_time' || r[k] === undefined) continue;
            let list = merged.get(k);
            if (!list) { list = []; merged.set(k, list); }
            for (const v of valuesOf(r[k])) if (!list.some((x) => scalarText(x) === scalarText(v))) list.push(v);
          }
        }
        for (const [k, vals] of merged) row[k] = fromValues(vals);
        const raws = tx.rows.map(({ r }) => r._raw).filter((x) => x !== undefined).map((x) => valuesOf(x).map(scalarText).join('\n'));
        if (raws.length) row._raw = raws.join('\n');
        row._time = tx.rows[0].t;
        row.duration = tx.rows[tx.rows.length - 1].t - tx.rows[0].t;
        row.eventcount = tx.rows.length;
        if (keepEvicted) row.closed_txn = tx.closed ? 1 : 0;
        out.push(row);
      }
      out.sort((a, b) => (toNumber(b._time as never) ?? 0) - (toNumber(a._time as never) ?? 0));
      return out;
    },
  };
};
