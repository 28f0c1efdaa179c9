// Signature help for eval functions (eval, where, stats `eval(...)`) and stats aggregations when
// the cursor is inside the parentheses of a call: the signature, its parameters and the active
// one (commas counted at the call's depth, quotes respected). LSP-free.
import { findCommand } from '../spl/catalog/commands';
import { findEvalFunction } from '../spl/catalog/evalFunctions';
import { findStatsFunction } from '../spl/catalog/statsFunctions';
import type { DocumentModel } from './documentModel';
import { callNameBefore, scanCursor } from './completionScan';

export interface SignatureParameter {
  /** The parameter as written in the signature label (a substring of it). */
  label: string;
  /** [start, end) of the parameter inside the signature label. */
  offsets: [number, number];
  documentation?: string;
}

export interface SignatureInfo {
  /** `name(<a>, <b>[, <c>])` */
  label: string;
  /** Markdown. */
  documentation: string;
  parameters: SignatureParameter[];
  /** Index into `parameters` (variadic calls map extra arguments onto the repeated parameters). */
  activeParameter: number;
  kind: 'eval' | 'stats';
}

/** Variadic functions whose trailing arguments come in pairs (predicate/value, key/value, path/value). */
const PAIRED_VARIADIC = new Set(['case', 'validate', 'json_object', 'json_set', 'json_append', 'json_extend']);

/** Signature help at a document offset, or undefined when the cursor is not inside a known call. */
export function signatureAt(model: DocumentModel, docOffset: number): SignatureInfo | undefined {
  const at = model.splAt(docOffset, 'cursor');
  if (!at) return undefined;
  return signatureInSpl(at.region.text, at.offset);
}

/** Signature help at an offset of SPL text. */
export function signatureInSpl(text: string, offset: number): SignatureInfo | undefined {
  let scan = scanCursor(text, offset);
  // Inside a string argument: the call context is the one at the opening quote.
  if (scan.state === 'string' && scan.stringStart !== undefined) scan = scanCursor(text, scan.stringStart);
  if (scan.state !== 'code') return undefined;
  const toks = scan.tokens;
  const statsCommand = scan.command !== undefined && findCommand(scan.command.name)?.family === 'stats';
  for (let k = scan.openParens.length - 1; k >= 0; k--) {
    const p = scan.openParens[k];
    const name = callNameBefore(toks, p);
    if (!name) continue; // a grouping parenthesis: look at the enclosing call
    if (name === 'eval' && statsCommand) return undefined;
    const depth = toks[p].depth + 1;
    let commas = 0;
    for (let i = p + 1; i < toks.length; i++) if (toks[i].kind === 'comma' && toks[i].depth === depth) commas++;
    const insideStatsEval = scan.openParens.slice(0, k).some((q) => callNameBefore(toks, q) === 'eval');
    const asStats = statsCommand && !insideStatsEval && k === 0;
    const info = asStats ? statsSignature(name) : evalSignature(name);
    if (!info) return undefined;
    return { ...info, activeParameter: activeIndex(name, info.parameters, commas) };
  }
  return undefined;
}

function evalSignature(name: string): Omit<SignatureInfo, 'activeParameter'> | undefined {
  const f = findEvalFunction(name);
  if (!f) return undefined;
  const built = buildSignature(name, f.signature);
  return built && { ...built, documentation: `${f.description}\n\n_${f.category} function_`, kind: 'eval' };
}

function statsSignature(name: string): Omit<SignatureInfo, 'activeParameter'> | undefined {
  const f = findStatsFunction(name);
  if (!f) return undefined;
  const built = buildSignature(name, f.signature);
  return built && { ...built, documentation: f.description, kind: 'stats' };
}

/** `name(<inner>)` from a catalog signature such as `tonumber(<text>[, <base>])` or `count[(<field>)]`. */
export function buildSignature(name: string, signature: string): { label: string; parameters: SignatureParameter[] } | undefined {
  const first = signature.split(' | ')[0];
  const open = first.indexOf('(');
  if (open < 0) return { label: `${name}()`, parameters: [] };
  let depth = 0;
  let close = -1;
  for (let i = open; i < first.length; i++) {
    if (first[i] === '(') depth++;
    else if (first[i] === ')' && --depth === 0) {
      close = i;
      break;
    }
  }
  if (close < 0) return undefined;
  const inner = first.slice(open + 1, close);
  const label = `${name}(${inner})`;
  const parameters: SignatureParameter[] = [];
  let from = name.length + 1;
  for (const part of splitParams(inner)) {
    const at = label.indexOf(part.text, from);
    if (at < 0) continue;
    parameters.push({
      label: part.text,
      offsets: [at, at + part.text.length],
      ...(part.optional ? { documentation: 'Optional.' } : {}),
    });
    from = at + part.text.length;
  }
  return { label, parameters };
}

/** Parameters of a signature's inner text: split at commas outside parens/quotes, `[...]` marks optional. */
function splitParams(inner: string): { text: string; optional: boolean }[] {
  const out: { text: string; optional: boolean }[] = [];
  let depth = 0;
  let bracket = 0;
  let quoted = false;
  let cur = '';
  let curOptional = false;
  const flush = () => {
    const t = cur.trim();
    if (t) out.push({ text: t, optional: curOptional });
    cur = '';
    curOptional = bracket > 0;
  };
  for (const c of inner) {
    if (c === '"') quoted = !quoted;
    if (!quoted && c === '[') {
      bracket++;
      if (!cur.trim()) curOptional = true;
      continue;
    }
    if (!quoted && c === ']') {
      bracket = Math.max(0, bracket - 1);
      continue;
    }
    if (!quoted && c === '(') depth++;
    if (!quoted && c === ')') depth--;
    if (!quoted && depth === 0 && c === ',') {
      flush();
      continue;
    }
    cur += c;
  }
  flush();
  return out;
}

function activeIndex(name: string, params: SignatureParameter[], commas: number): number {
  const variadic = params.length > 0 && params[params.length - 1].label === '...';
  if (!variadic) return commas;
  const fixed = params.length - 1;
  if (commas < fixed) return commas;
  if (PAIRED_VARIADIC.has(name) && fixed >= 2) return fixed - 2 + ((commas - (fixed - 2)) % 2);
  return fixed - 1;
}
