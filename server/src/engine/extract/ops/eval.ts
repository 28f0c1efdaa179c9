// Calculated fields (EVAL-<field> = <expression>). Expressions are compiled by an injected
// EvalCompiler (the engine's eval evaluator). All EVALs of one event run "in parallel": each reads
// the fields as they were before any EVAL ran; a null result removes the field.

import { EngineMessage, FieldValue, Row } from '../../types';
import { RowStep } from './transform';

/** Compiles an SPL eval expression into a function of a row; returns a message when it cannot. */
export interface EvalCompiler {
  compile(expr: string): ((row: Row) => FieldValue | undefined) | EngineMessage;
}

export interface EvalDef {
  field: string;
  expr: string;
  file?: string;
  line?: number;
}

export function isEngineMessage(x: unknown): x is EngineMessage {
  return typeof x === 'object' && x !== null && 'severity' in x && 'message' in x;
}

/**
 * Compiles the EVALs of one plan. Expressions that cannot be compiled (or no compiler) are reported
 * through `report` and skipped.
 */
export function compileEvals(
  defs: EvalDef[],
  compiler: EvalCompiler | undefined,
  report: (m: EngineMessage, def: EvalDef) => void,
): { step: RowStep | undefined; skipped: EvalDef[] } {
  const fns: { field: string; fn: (row: Row) => FieldValue | undefined }[] = [];
  const skipped: EvalDef[] = [];
  for (const d of defs) {
    if (!compiler) {
      skipped.push(d);
      report({ severity: 'warning', message: `EVAL-${d.field} skipped: no eval evaluator is available (${d.expr})` }, d);
      continue;
    }
    let r: ReturnType<EvalCompiler['compile']>;
    try {
      r = compiler.compile(d.expr);
    } catch (e) {
      r = { severity: 'warning', message: (e as Error).message };
    }
    if (isEngineMessage(r)) {
      skipped.push(d);
      report({ severity: r.severity, message: `EVAL-${d.field} skipped: ${r.message}` }, d);
      continue;
    }
    fns.push({ field: d.field, fn: r });
  }
  if (fns.length === 0) return { step: undefined, skipped };
  const results: (FieldValue | undefined)[] = new Array(fns.length);
  const step: RowStep = (row) => {
    for (let i = 0; i < fns.length; i++) {
      try {
        results[i] = fns[i].fn(row);
      } catch {
        results[i] = undefined;
      }
    }
    for (let i = 0; i < fns.length; i++) {
      const v = results[i];
      if (v === undefined || (Array.isArray(v) && v.length === 0)) delete row[fns[i].field];
      else row[fns[i].field] = v;
    }
  };
  return { step, skipped };
}
