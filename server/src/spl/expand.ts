// Textual macro expansion, the way Splunk does it: every `` `name(args)` `` is replaced by the
// macro's definition with `$arg$` replaced by the argument text as written, recursively.
// Like Splunk, backticks are found without regard to quotes; a backtick pair whose content is
// not a macro call (`"`"` inside a string, for example) is left as literal text. ```comments```
// are copied through untouched. Offsets of the result map back to the original text: copied text
// maps one-to-one, and everything a top-level call produced maps to that call's range.

import type { Range } from './ast';
import { parseMacroCallText } from './macroCall';

export interface MacroDefinition {
  name: string;
  /** Argument names, in order (`$name$` in the definition). */
  args: string[];
  definition: string;
  /** Known without a definition file (Splunk_SA_CIM, ES, contentctl conventions). */
  builtin?: boolean;
  /** Where the macro is defined (for links and messages). */
  file?: string;
  offset?: number;
}

export type MacroResolver = (name: string, argCount: number) => MacroDefinition | undefined;

export interface ExpandOptions {
  /** Deepest nesting of macros inside macros (default 20). */
  maxDepth?: number;
  /** Longest expanded text (default 1,000,000 characters) — guards against exponential growth. */
  maxLength?: number;
}

export interface ExpansionError {
  code: 'dw.spl.unknown-macro' | 'dw.spl.macro-cycle' | 'dw.spl.macro-depth' | 'dw.spl.macro-too-long';
  message: string;
  /** Range in the original text (of the top-level call the problem was found under). */
  range: Range;
  /** Macro names from the top-level call down to the failing one. */
  chain: string[];
}

export interface MacroUse {
  name: string;
  argCount: number;
  /** Range in the original text of the top-level call that (directly or not) used it. */
  range: Range;
  /** 0 for calls written in the original text, 1 for calls inside their definitions, … */
  depth: number;
  definition?: MacroDefinition;
}

export interface Segment {
  /** Range in the expanded text. */
  out: Range;
  /** Range in the original text. */
  orig: Range;
  /** 'copy': characters correspond one to one; 'macro': produced by the call at `orig`. */
  kind: 'copy' | 'macro';
}

export class SourceMap {
  constructor(readonly segments: Segment[], readonly originalLength: number) {}

  /** Original offset of an offset in the expanded text. */
  toOriginal(offset: number): number {
    const seg = this.find(offset);
    if (!seg) return Math.min(offset, this.originalLength);
    if (seg.kind === 'copy') return seg.orig.start + Math.min(offset - seg.out.start, seg.orig.end - seg.orig.start);
    return seg.orig.start;
  }

  /** Original range of a range in the expanded text; a range inside a macro's output maps to the call. */
  toOriginalRange(r: Range): Range {
    const a = this.find(r.start);
    const start = a && a.kind === 'macro' ? a.orig.start : this.toOriginal(r.start);
    const b = r.end > r.start ? this.find(r.end - 1) : a;
    let end: number;
    if (b && b.kind === 'macro') end = b.orig.end;
    else if (r.end > r.start) end = this.toOriginal(r.end - 1) + 1;
    else end = start;
    return { start, end: Math.max(start, end) };
  }

  /** The segment containing an expanded offset (the last one for the end offset). */
  private find(offset: number): Segment | undefined {
    const s = this.segments;
    let lo = 0;
    let hi = s.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const seg = s[mid];
      if (offset < seg.out.start) hi = mid - 1;
      else if (offset >= seg.out.end && !(offset === seg.out.end && mid === s.length - 1)) lo = mid + 1;
      else return seg;
    }
    return undefined;
  }
}

export interface ExpansionResult {
  text: string;
  map: SourceMap;
  errors: ExpansionError[];
  used: MacroUse[];
}

interface State {
  resolve: MacroResolver;
  maxDepth: number;
  maxLength: number;
  errors: ExpansionError[];
  used: MacroUse[];
  length: number;
  aborted: boolean;
}

/** Expand every macro call in `text`. Never throws. */
export function expandMacros(text: string, resolve: MacroResolver, options: ExpandOptions = {}): ExpansionResult {
  const st: State = {
    resolve,
    maxDepth: options.maxDepth ?? 20,
    maxLength: options.maxLength ?? 1_000_000,
    errors: [],
    used: [],
    length: 0,
    aborted: false,
  };
  const segments: Segment[] = [];
  let out = '';
  const calls = findCalls(text);
  let last = 0;
  const copy = (a: number, b: number): void => {
    if (b <= a) return;
    segments.push({ out: { start: out.length, end: out.length + (b - a) }, orig: { start: a, end: b }, kind: 'copy' });
    out += text.slice(a, b);
  };
  for (const call of calls) {
    copy(last, call.start);
    last = call.end;
    const range = { start: call.start, end: call.end };
    const produced = st.aborted ? undefined : expandCall(st, call, range, 0, []);
    if (produced === undefined) {
      copy(call.start, call.end);
      continue;
    }
    segments.push({ out: { start: out.length, end: out.length + produced.length }, orig: range, kind: 'macro' });
    out += produced;
  }
  copy(last, text.length);
  return { text: out, map: new SourceMap(segments, text.length), errors: st.errors, used: st.used };
}

interface FoundCall {
  start: number;
  end: number;
  name: string;
  nameRange: Range;
  args: string[];
}

/** Macro calls in `text`, textually (quotes are not respected), skipping ```comments```. */
export function findCalls(text: string): FoundCall[] {
  const calls: FoundCall[] = [];
  let i = text.indexOf('`');
  while (i >= 0 && i < text.length) {
    if (text.startsWith('```', i)) {
      const close = text.indexOf('```', i + 3);
      if (close < 0) break;
      i = text.indexOf('`', close + 3);
      continue;
    }
    const j = text.indexOf('`', i + 1);
    if (j < 0) break;
    const parsed = parseMacroCallText(text, i + 1, j);
    if (!parsed) {
      i = j; // the opening backtick is literal; try the next one as an opening
      continue;
    }
    calls.push({ start: i, end: j + 1, name: parsed.name, nameRange: parsed.nameRange, args: parsed.args.map((a) => a.text) });
    i = text.indexOf('`', j + 1);
  }
  return calls;
}

/** Text produced by a call, or undefined when it cannot be expanded (error recorded). */
function expandCall(st: State, call: FoundCall, range: Range, depth: number, chain: string[]): string | undefined {
  const label = `${call.name}${call.args.length ? `(${call.args.length})` : ''}`;
  const path = [...chain, label];
  if (chain.includes(label)) {
    st.errors.push({
      code: 'dw.spl.macro-cycle',
      message: `Macro cycle: ${path.join(' → ')}`,
      range,
      chain: path,
    });
    return undefined;
  }
  if (depth >= st.maxDepth) {
    st.errors.push({
      code: 'dw.spl.macro-depth',
      message: `Macros nested more than ${st.maxDepth} deep: ${path.join(' → ')}`,
      range,
      chain: path,
    });
    return undefined;
  }
  const def = st.resolve(call.name, call.args.length);
  st.used.push({ name: call.name, argCount: call.args.length, range, depth, definition: def });
  if (!def) {
    const where = chain.length ? ` (used by ${chain.join(' → ')})` : '';
    st.errors.push({
      code: 'dw.spl.unknown-macro',
      message: `Unknown macro "${call.name}" with ${call.args.length} argument${call.args.length === 1 ? '' : 's'}${where}`,
      range,
      chain: path,
    });
    return undefined;
  }
  let body = def.definition;
  def.args.forEach((arg, k) => {
    body = body.split(`$${arg}$`).join(call.args[k] ?? '');
  });
  const inner = findCalls(body);
  if (inner.length === 0) return grow(st, body, range, path);
  let out = '';
  let last = 0;
  for (const c of inner) {
    out += body.slice(last, c.start);
    last = c.end;
    const produced = st.aborted ? undefined : expandCall(st, c, range, depth + 1, path);
    out += produced ?? body.slice(c.start, c.end);
    if (out.length > st.maxLength) return grow(st, out, range, path);
  }
  out += body.slice(last);
  return grow(st, out, range, path);
}

function grow(st: State, s: string, range: Range, path: string[]): string | undefined {
  if (s.length > st.maxLength || st.aborted) {
    if (!st.aborted) {
      st.errors.push({
        code: 'dw.spl.macro-too-long',
        message: `Expansion grows beyond ${st.maxLength} characters: ${path.join(' → ')}`,
        range,
        chain: path,
      });
    }
    st.aborted = true;
    return undefined;
  }
  return s;
}
