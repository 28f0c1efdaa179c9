// Compiles an eval expression (AST) into a closure with Splunk's semantics:
// - null propagates through arithmetic, `.` and most functions;
// - comparisons with null are null (falsy in where/if); AND/OR are three-valued
//   (false AND null = false, true OR null = true, otherwise null);
// - two numeric operands compare numerically; otherwise strings compare by code units, case-sensitively;
// - a multivalue operand in a comparison is true when any of its values satisfies it;
// - arithmetic on a multivalue operand gives null; `+` adds numbers or concatenates two strings.
import type { EvalExpr } from '../../spl/ast';
import type { EngineMessage, FieldValue, Row, Scalar } from '../types';
import type { EvalFn, EvalOptions } from './context';
import { EVAL_FUNCTIONS, like } from './functions';
import { compareScalars, type EvalValue, formatNumber, scalarText, toFieldValue, toNumber, toText, valuesOf } from './values';

export type { EvalFn, EvalOptions } from './context';

export type CompileResult = { ok: true; fn: EvalFn } | { ok: false; error: EngineMessage };

class CompileError extends Error {
  constructor(message: string, readonly range: { start: number; end: number }) {
    super(message);
  }
}

/** Compiles an eval expression. Errors (unknown function, wrong argument count, syntax error) are returned. */
export function compileEval(expr: EvalExpr, opts: EvalOptions = {}): CompileResult {
  const o: EvalOptions = { ...opts, now: opts.now ?? Math.floor(Date.now() / 1000) };
  try {
    return { ok: true, fn: build(expr, o) };
  } catch (e) {
    if (e instanceof CompileError) return { ok: false, error: { severity: 'error', message: e.message, range: e.range } };
    throw e;
  }
}

function scalarOrMv(v: EvalValue): v is Exclude<EvalValue, boolean | undefined> {
  return v !== undefined && typeof v !== 'boolean';
}

function compareOp(op: string, a: EvalValue, b: EvalValue): boolean | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    const x = typeof a === 'boolean' ? a : toText(a)?.toLowerCase() === 'true';
    const y = typeof b === 'boolean' ? b : toText(b)?.toLowerCase() === 'true';
    if (op === '=' || op === '==') return x === y;
    if (op === '!=') return x !== y;
    return undefined;
  }
  if (!Array.isArray(a) && !Array.isArray(b)) return compareOne(op, a, b);
  const av = valuesOf(a);
  const bv = valuesOf(b);
  for (const x of av) {
    for (const y of bv) {
      const c = compareScalars(x, y);
      let r: boolean;
      switch (op) {
        case '=': case '==': r = c === 0 && (toNumber(x) !== undefined && toNumber(y) !== undefined ? true : scalarText(x) === scalarText(y)); break;
        case '!=': r = !(c === 0 && (toNumber(x) !== undefined && toNumber(y) !== undefined ? true : scalarText(x) === scalarText(y))); break;
        case '<': r = c < 0; break;
        case '<=': r = c <= 0; break;
        case '>': r = c > 0; break;
        default: r = c >= 0; break;
      }
      if (r) return true;
    }
  }
  return false;
}

function compareOne(op: string, x: Scalar, y: Scalar): boolean {
  if (op === '=' || op === '==' || op === '!=') {
    let eq: boolean;
    if (typeof x === 'string' && typeof y === 'string' && x === y) eq = true;
    else {
      const nx = toNumber(x);
      const ny = toNumber(y);
      eq = nx !== undefined && ny !== undefined ? nx === ny : scalarText(x) === scalarText(y);
    }
    return op === '!=' ? !eq : eq;
  }
  const c = compareScalars(x, y);
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
}

function arith(op: string, a: EvalValue, b: EvalValue): EvalValue {
  if (!scalarOrMv(a) || !scalarOrMv(b) || Array.isArray(a) || Array.isArray(b)) return undefined;
  const x = toNumber(a);
  const y = toNumber(b);
  if (op === '+' && (x === undefined || y === undefined)) {
    return typeof a === 'string' && typeof b === 'string' ? a + b : undefined;
  }
  if (x === undefined || y === undefined) return undefined;
  switch (op) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case '/': return y === 0 ? undefined : x / y;
    case '%': return y === 0 ? undefined : x % y;
  }
  return undefined;
}

function concat(a: EvalValue, b: EvalValue): EvalValue {
  if (a === undefined || b === undefined) return undefined;
  const sa = typeof a === 'boolean' ? undefined : Array.isArray(a) ? (a.length === 1 ? scalarText(a[0]) : undefined) : typeof a === 'number' ? formatNumber(a) : a;
  const sb = typeof b === 'boolean' ? undefined : Array.isArray(b) ? (b.length === 1 ? scalarText(b[0]) : undefined) : typeof b === 'number' ? formatNumber(b) : b;
  if (sa === undefined || sb === undefined) return undefined;
  return sa + sb;
}

function logical(v: EvalValue): boolean | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'boolean') return v;
  const t = toText(v)?.toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  return undefined;
}

function build(e: EvalExpr, opts: EvalOptions): EvalFn {
  switch (e.kind) {
    case 'string': { const v = e.value; return () => v; }
    case 'number': { const v = e.value; return () => v; }
    case 'field': {
      const name = e.name;
      if (name === 'true' || name === 'TRUE') return (row) => (row[name] !== undefined ? row[name] : true);
      if (name === 'false' || name === 'FALSE') return (row) => (row[name] !== undefined ? row[name] : false);
      return (row) => row[name];
    }
    case 'macro':
      throw new CompileError(`macro \`${e.name}\` was not expanded`, e.range);
    case 'error':
      throw new CompileError('invalid expression', e.range);
    case 'unary': {
      const a = build(e.operand, opts);
      if (e.op === 'NOT') return (row) => { const v = logical(a(row)); return v === undefined ? undefined : !v; };
      if (e.op === '-') return (row) => { const v = a(row); const n = Array.isArray(v) ? undefined : toNumber(v); return n === undefined ? undefined : -n; };
      return (row) => { const v = a(row); const n = Array.isArray(v) ? undefined : toNumber(v); return n === undefined ? undefined : n; };
    }
    case 'in': {
      const a = build(e.operand, opts);
      const vals = e.values.map((v) => build(v, opts));
      const neg = e.negated;
      return (row) => {
        const v = a(row);
        if (v === undefined) return undefined;
        let hit = false;
        for (const f of vals) if (compareOp('=', v, f(row))) { hit = true; break; }
        return neg ? !hit : hit;
      };
    }
    case 'binary': {
      const l = build(e.left, opts);
      const r = build(e.right, opts);
      switch (e.op) {
        case '+': case '-': case '*': case '/': case '%': {
          const op = e.op;
          return (row) => arith(op, l(row), r(row));
        }
        case '.': return (row) => concat(l(row), r(row));
        case '=': case '==': case '!=': case '<': case '<=': case '>': case '>=': {
          const op = e.op;
          return (row) => compareOp(op, l(row), r(row));
        }
        case 'AND': return (row) => {
          const a = logical(l(row));
          if (a === false) return false;
          const b = logical(r(row));
          if (b === false) return false;
          return a === undefined || b === undefined ? undefined : true;
        };
        case 'OR': return (row) => {
          const a = logical(l(row));
          if (a === true) return true;
          const b = logical(r(row));
          if (b === true) return true;
          return a === undefined || b === undefined ? undefined : false;
        };
        case 'XOR': return (row) => {
          const a = logical(l(row));
          const b = logical(r(row));
          return a === undefined || b === undefined ? undefined : a !== b;
        };
        case 'LIKE': return (row) => {
          const v = l(row);
          const p = toText(r(row));
          if (v === undefined || p === undefined) return undefined;
          for (const x of valuesOf(v)) if (like(scalarText(x), p)) return true;
          return false;
        };
      }
      throw new CompileError('unsupported operator', (e as { range: { start: number; end: number } }).range);
    }
    case 'call': {
      const spec = Object.prototype.hasOwnProperty.call(EVAL_FUNCTIONS, e.name) ? EVAL_FUNCTIONS[e.name] : undefined;
      if (!spec) throw new CompileError(`unknown eval function ${e.name}()`, e.nameRange);
      if (e.args.length < spec.min || e.args.length > spec.max) {
        const want = spec.min === spec.max ? `${spec.min}` : spec.max === Infinity ? `at least ${spec.min}` : `${spec.min} to ${spec.max}`;
        throw new CompileError(`${e.name}() takes ${want} argument${spec.min === 1 && spec.max === 1 ? '' : 's'}, got ${e.args.length}`, e.range);
      }
      const needsArgs = e.name !== 'mvfilter' && e.name !== 'mvmap';
      const args = needsArgs ? e.args.map((a) => build(a, opts)) : [];
      const made = spec.make(args, e.args, opts, (sub) => {
        try { return build(sub, opts); } catch (err) { if (err instanceof CompileError) return err.message; throw err; }
      });
      if (typeof made === 'string') throw new CompileError(made, e.range);
      return made;
    }
  }
}

/** Wraps a compiled expression so its result is a storable field value (booleans become null). */
export function asFieldValue(fn: EvalFn): (row: Row) => FieldValue | undefined {
  return (row) => toFieldValue(fn(row));
}

/** True when the result counts as true for where/if (only boolean true, or the text "true"). */
export function isTruthy(v: EvalValue): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

/**
 * The interface the extraction layer uses for props.conf `EVAL-` statements:
 * `compile(text)` returns a closure or an error message.
 */
export interface EvalCompiler {
  compile(expr: string): ((row: Row) => FieldValue | undefined) | EngineMessage;
}

type ParseEval = (text: string) => unknown;

/** Builds an EvalCompiler from the SPL parser's parseEvalExpression (any of its result shapes). */
export function createEvalCompiler(parseEvalExpression: ParseEval, opts: EvalOptions = {}): EvalCompiler {
  return {
    compile(text: string) {
      const parsed = parseEvalExpression(text) as { expr?: EvalExpr; errors?: { message: string; range: { start: number; end: number } }[] } | EvalExpr | undefined;
      let expr: EvalExpr | undefined;
      let errors: { message: string; range: { start: number; end: number } }[] = [];
      if (parsed && typeof parsed === 'object' && 'kind' in parsed) expr = parsed as EvalExpr;
      else if (parsed && typeof parsed === 'object') { expr = (parsed as { expr?: EvalExpr }).expr; errors = (parsed as { errors?: typeof errors }).errors ?? []; }
      if (errors.length > 0) return { severity: 'error', message: errors[0].message, range: errors[0].range };
      if (!expr) return { severity: 'error', message: 'empty eval expression' };
      const r = compileEval(expr, opts);
      if (!r.ok) return r.error;
      return asFieldValue(r.fn);
    },
  };
}
