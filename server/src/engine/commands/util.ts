// Small shared helpers for command executors.
import type { Command } from '../../spl/ast';
import type { EvalOptions } from '../eval/context';
import type { SearchExpr, Subsearch } from '../../spl/ast';
import { compileSearch, subsearchesOf, type SearchCompileResult } from '../search/compile';
import type { Row } from '../types';
import type { ExecContext } from './types';
import type { EngineMessage } from '../types';

export function evalOptions(ctx: Pick<ExecContext, 'tz' | 'now' | 'parsers'>): EvalOptions {
  return {
    tz: ctx.tz,
    now: ctx.now,
    compileSearchText: ctx.parsers
      ? (text: string) => {
          const expr = ctx.parsers?.parseSearchClause(text);
          const r = compileSearch(expr);
          return r.ok ? r.fn : undefined;
        }
      : undefined,
  };
}

/** Maps rows one by one (null drops the row, an array expands it). */
export function mapRows(rows: Row[], fn: (row: Row) => Row | Row[] | null | undefined): Row[] {
  const out: Row[] = [];
  for (const r of rows) {
    const x = fn(r);
    if (!x) continue;
    if (Array.isArray(x)) out.push(...x);
    else out.push(x);
  }
  return out;
}

/** Warns once per command. */
export function onceWarner(ctx: ExecContext, cmd: Command): (message: string) => void {
  let warned = false;
  return (message) => {
    if (warned) return;
    warned = true;
    ctx.warn({ severity: 'warning', message, range: cmd.nameRange });
  };
}

/** Runs a command's first subsearch (join/append); undefined when there is none. */
export async function runFirstSubsearch(cmd: Command, ctx: ExecContext, initialRows?: Row[]) {
  const sub = cmd.subsearches[0];
  if (!sub) return undefined;
  return ctx.runSubsearch(sub.pipeline, initialRows);
}

/** Runs the subsearches of a search clause, then compiles it (format-command semantics for their rows). */
export async function compileSearchClause(expr: SearchExpr | undefined, ctx: ExecContext): Promise<SearchCompileResult | { ok: false; error: EngineMessage }> {
  const results = new Map<Subsearch, Row[]>();
  for (const sub of subsearchesOf(expr)) {
    const r = await ctx.runSubsearch(sub.pipeline);
    if (r.error) return { ok: false, error: { ...r.error, message: `subsearch: ${r.error.message}`, range: r.error.range ?? sub.range } };
    results.set(sub, r.rows);
  }
  return compileSearch(expr, {
    subsearchResults: results,
    parseSearchClause: ctx.parsers ? (t) => ctx.parsers?.parseSearchClause(t) : undefined,
  });
}
