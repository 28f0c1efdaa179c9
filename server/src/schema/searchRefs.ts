// Extracts macro calls and lookup names from an SPL search the way contentctl does (its regexes and
// ignore lists), with positions inside the search string.

import { EXTERNAL_LOOKUPS, EXTERNAL_MACROS } from '../spl/externalObjects';

export interface MacroCall {
  /** Macro name (before `(`). */
  name: string;
  /** Number of arguments, 0 without parentheses. */
  argCount: number;
  /** The whole token including backticks, e.g. "`foo(a,b)`". */
  token: string;
  /** Offset of the token in the search string. */
  offset: number;
}

/** Names containing one of these are not resolved by contentctl (built-ins of other apps). */
export const MACROS_TO_IGNORE = Object.keys(EXTERNAL_MACROS);

/** contentctl's ignore list: app-provided lookups plus tokens its regex can capture by mistake. */
export const LOOKUPS_TO_IGNORE = new Set([...Object.keys(EXTERNAL_LOOKUPS), 'outputlookup', '=', 'other_lookups']);

/** Offsets of ``` comments ``` (contentctl strips them before looking for macros). */
function commentSpans(search: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const re = /```[\s\S]*?```/g;
  for (let m = re.exec(search); m; m = re.exec(search)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

function countArgs(inner: string): number {
  if (inner.trim() === '') return 0;
  let n = 1;
  let q: string | undefined;
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (q) {
      if (c === '\\') i++;
      else if (c === q) q = undefined;
      continue;
    }
    if (c === '"' || c === "'") q = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) n++;
  }
  return n;
}

/** Index of a run of four or more backticks, or -1. */
export function fourBackticks(search: string): number {
  return search.indexOf('````');
}

/** All macro calls outside ``` comments ```. */
export function macroCalls(search: string): MacroCall[] {
  const spans = commentSpans(search);
  const inComment = (i: number) => spans.some(([a, b]) => i >= a && i < b);
  const out: MacroCall[] = [];
  const re = /`([^`\s]+(?:\([^`]*\))?)`/g;
  for (let m = re.exec(search); m; m = re.exec(search)) {
    if (inComment(m.index)) {
      // skip past the comment to avoid pairing comment backticks
      const span = spans.find(([a, b]) => m!.index >= a && m!.index < b)!;
      re.lastIndex = span[1];
      continue;
    }
    const body = m[1];
    const p = body.indexOf('(');
    const name = p >= 0 ? body.slice(0, p) : body;
    const argCount = p >= 0 && body.endsWith(')') ? countArgs(body.slice(p + 1, -1)) : 0;
    out.push({ name, argCount, token: m[0], offset: m.index });
  }
  return out;
}

export function isIgnoredMacro(name: string): boolean {
  return MACROS_TO_IGNORE.some((x) => name.includes(x));
}

export interface LookupRef {
  name: string;
  /** Offset of the name in the search string. */
  offset: number;
  command: 'inputlookup' | 'outputlookup' | 'lookup';
}

const LOOKUP_RES: Array<[LookupRef['command'], RegExp]> = [
  ['inputlookup', /[^\w]inputlookup(?:\s*(?:(?:append|strict|start|max)\s*=\s*(?:true|t|false|f))){0,4}\s+(\w+)/gi],
  ['outputlookup', /[^\w]outputlookup(?:\s*(?:(?:append|create_empty|override_if_empty|max|key_field|allow_updates|createinapp|create_context|output_format)\s*=\s*\S*))*\s+(\w+)/gi],
  ['lookup', /[^\w](?<!output)(?<!input)lookup(?:\s*(?:(?:local|update)\s*=\s*(?:true|t|false|f))){0,2}\s+(\w+)/gi],
];

/** Lookup names used by inputlookup/outputlookup/lookup, minus contentctl's ignore list. */
export function lookupRefs(search: string): LookupRef[] {
  const out: LookupRef[] = [];
  const padded = ' ' + search; // the regexes need a non-word character before the command
  for (const [command, re] of LOOKUP_RES) {
    re.lastIndex = 0;
    for (let m = re.exec(padded); m; m = re.exec(padded)) {
      const name = m[1];
      if (LOOKUPS_TO_IGNORE.has(name)) continue;
      const offset = m.index + m[0].length - name.length - 1;
      out.push({ name, offset, command });
    }
  }
  return out;
}
