// The inside of a macro call: `` `name` `` or `` `name(arg1, "arg, 2")` ``. Shared by the parser
// (which keeps calls unexpanded in the tree) and by the textual expander.

import type { MacroCall, Range } from './ast';

export interface MacroCallText {
  name: string;
  nameRange: Range;
  args: { text: string; range: Range }[];
}

/** Characters Splunk accepts in macro names (letters, digits, `_`, `-`, `.`, `:`). */
export const MACRO_NAME = /^[A-Za-z0-9_\-.:]+$/;

/**
 * Parse the text between the backticks of a call. `start`/`end` delimit that text in `src`
 * (backticks excluded). Returns undefined when it is not a call (empty or bad name, unbalanced
 * parentheses, text after the closing parenthesis).
 */
export function parseMacroCallText(src: string, start: number, end: number): MacroCallText | undefined {
  let s = start;
  while (s < end && /\s/.test(src[s])) s++;
  let e = end;
  while (e > s && /\s/.test(src[e - 1])) e--;
  const open = src.indexOf('(', s);
  if (open < 0 || open >= e) {
    const name = src.slice(s, e);
    if (!MACRO_NAME.test(name)) return undefined;
    return { name, nameRange: { start: s, end: e }, args: [] };
  }
  let ne = open;
  while (ne > s && /\s/.test(src[ne - 1])) ne--;
  const name = src.slice(s, ne);
  if (!MACRO_NAME.test(name) || src[e - 1] !== ')') return undefined;
  const args = splitMacroArgs(src, open + 1, e - 1);
  if (!args) return undefined;
  return { name, nameRange: { start: s, end: ne }, args };
}

/** Split macro arguments at top-level commas (outside double quotes and parentheses); trimmed. */
export function splitMacroArgs(src: string, start: number, end: number): { text: string; range: Range }[] | undefined {
  const out: { text: string; range: Range }[] = [];
  let depth = 0;
  let argStart = start;
  const add = (a: number, b: number): void => {
    while (a < b && /\s/.test(src[a])) a++;
    while (b > a && /\s/.test(src[b - 1])) b--;
    out.push({ text: src.slice(a, b), range: { start: a, end: b } });
  };
  for (let i = start; i < end; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '"') {
      let j = i + 1;
      while (j < end && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      if (j >= end) return undefined;
      i = j;
    } else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth < 0) return undefined;
    } else if (c === ',' && depth === 0) {
      add(argStart, i);
      argStart = i + 1;
    }
  }
  if (depth !== 0) return undefined;
  if (out.length === 0 && src.slice(start, end).trim() === '') return [];
  add(argStart, end);
  return out;
}

/** A MacroCall node for the call written at `[start, end)` (backticks included), or undefined. */
export function macroNode(src: string, start: number, end: number): MacroCall | undefined {
  const t = parseMacroCallText(src, start + 1, end - 1);
  if (!t) return undefined;
  return { kind: 'macro', range: { start, end }, name: t.name, nameRange: t.nameRange, args: t.args };
}
