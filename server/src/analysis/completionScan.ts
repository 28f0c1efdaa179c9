// Lexical context of a cursor in SPL text, for completion and signature help. Works on the text
// before the cursor only, so it is robust while the user is typing (unbalanced quotes, parens,
// half-written commands): where the cursor is (code, string, comment, inside a macro call), the
// command segment it is in (after the last top-level `|` or `[`), the command word of that
// segment, the word being typed, and the argument tokens between them with their paren depth.
import { findCommand } from '../spl/catalog/commands';

export type ScanTokKind = 'word' | 'string' | 'qfield' | 'op' | 'lparen' | 'rparen' | 'comma' | 'macro' | 'sub';

export interface ScanTok {
  kind: ScanTokKind;
  text: string;
  start: number;
  end: number;
  /** Parenthesis depth the token sits at (a `(` token has the depth outside it). */
  depth: number;
}

export interface CursorScan {
  /** Where the cursor is lexically. */
  state: 'code' | 'string' | 'comment' | 'macro';
  /** For state 'macro': offset just after the opening backtick. */
  macroStart?: number;
  /** For state 'string': offset of the opening quote. */
  stringStart?: number;
  /** Start of the current command segment (after the last `|` or `[` at the cursor's nesting level). */
  segStart: number;
  /** 'pipe': segment after `|`; 'subsearch': first segment of a `[...]`; 'start': leading implicit search. */
  segKind: 'pipe' | 'subsearch' | 'start';
  /** The word being typed, [wordStart, wordEnd), around the cursor (may be empty). */
  wordStart: number;
  wordEnd: number;
  /** Command word of the segment (lowercased name), when one is written before the typed word. */
  command?: { name: string; start: number; end: number };
  /** Argument tokens between the command word (or segment start) and `wordStart`. */
  tokens: ScanTok[];
  /** Indexes (into `tokens`) of the `(` tokens still open at the cursor, outermost first. */
  openParens: number[];
}

const WORD_CHAR = /[A-Za-z0-9_.{}]/;
const MACRO_CHAR = /[A-Za-z0-9_\-.:]/;

/** Extent of the run of `re` characters around `offset` in `text`, limited to [lo, hi]. */
export function wordAround(text: string, offset: number, re: RegExp, lo = 0, hi = text.length): { start: number; end: number } {
  let s = offset;
  while (s > lo && re.test(text[s - 1])) s--;
  let e = offset;
  while (e < hi && re.test(text[e])) e++;
  return { start: s, end: e };
}

/** End (exclusive) of a `"` string opened at `i`; -1 when it does not close before `end`. */
function stringEnd(text: string, i: number, end: number): number {
  for (let j = i + 1; j < end; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return -1;
}

/** Scans `text` up to `cursor` and describes the cursor's context. Never throws. */
export function scanCursor(text: string, cursor: number): CursorScan {
  cursor = Math.max(0, Math.min(cursor, text.length));
  const stack: { segStart: number; segKind: CursorScan['segKind'] }[] = [];
  let segStart = 0;
  let segKind: CursorScan['segKind'] = 'start';
  let state: CursorScan['state'] = 'code';
  let macroStart: number | undefined;
  let stringStart: number | undefined;
  let i = 0;
  while (i < cursor) {
    const c = text[i];
    if (c === '`' && text.startsWith('```', i)) {
      const j = text.indexOf('```', i + 3);
      if (j < 0 || j + 3 > cursor) {
        state = 'comment';
        break;
      }
      i = j + 3;
    } else if (c === '`') {
      const j = text.indexOf('`', i + 1);
      if (j < 0 || j >= cursor) {
        state = 'macro';
        macroStart = i + 1;
        break;
      }
      i = j + 1;
    } else if (c === '"') {
      const j = stringEnd(text, i, text.length);
      if (j < 0 || j > cursor) {
        state = 'string';
        stringStart = i;
        break;
      }
      i = j;
    } else if (c === '\\') {
      i += 2;
    } else if (c === '[') {
      stack.push({ segStart, segKind });
      segStart = i + 1;
      segKind = 'subsearch';
      i++;
    } else if (c === ']') {
      const top = stack.pop();
      if (top) ({ segStart, segKind } = top);
      i++;
    } else if (c === '|') {
      segStart = i + 1;
      segKind = 'pipe';
      i++;
    } else i++;
  }

  const word = state === 'macro' && macroStart !== undefined && !text.slice(macroStart, cursor).includes('(')
    ? wordAround(text, cursor, MACRO_CHAR, macroStart)
    : wordAround(text, cursor, WORD_CHAR, segStart);
  const scan: CursorScan = {
    state,
    macroStart,
    stringStart,
    segStart,
    segKind,
    wordStart: word.start,
    wordEnd: word.end,
    tokens: [],
    openParens: [],
  };
  if (state !== 'code') return scan;

  // The command word: the first word of a segment after `|` or `[`.
  let argStart = segStart;
  if (segKind !== 'start') {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(segStart, word.start));
    if (m) {
      const start = segStart + m[0].length - m[1].length;
      const end = start + m[1].length;
      const name = m[1].toLowerCase();
      // `[index=x ...]` and `[foo]` without a known command are implicit searches.
      const followedByOp = /^\s*(=|!=|<|>)/.test(text.slice(end, word.start));
      if (end < word.start && !(segKind === 'subsearch' && (!findCommand(name) || followedByOp))) {
        scan.command = { name, start, end };
        argStart = end;
      }
    }
  }
  const family = scan.command ? findCommand(scan.command.name)?.family : 'search';
  const evalQuotes = family === 'eval' || family === 'where' || family === 'stats';
  lexSegment(text, argStart, word.start, evalQuotes, scan);
  return scan;
}

const STOP = new Set([' ', '\t', '\r', '\n', '"', '`', '(', ')', '[', ']', ',', '=', '!', '<', '>', '|']);

function lexSegment(text: string, start: number, end: number, evalQuotes: boolean, scan: CursorScan): void {
  const toks = scan.tokens;
  const open = scan.openParens;
  let i = start;
  const push = (kind: ScanTokKind, s: number, e: number) => {
    toks.push({ kind, text: text.slice(s, e), start: s, end: e, depth: open.length });
  };
  while (i < end) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
    } else if (c === '"') {
      const j = stringEnd(text, i, end);
      const e = j < 0 ? end : j;
      push('string', i, e);
      i = e;
    } else if (c === "'" && evalQuotes) {
      const j = text.indexOf("'", i + 1);
      const e = j < 0 || j >= end ? end : j + 1;
      push('qfield', i, e);
      i = e;
    } else if (c === '`') {
      const j = text.indexOf('`', i + 1);
      const e = j < 0 || j >= end ? end : j + 1;
      push('macro', i, e);
      i = e;
    } else if (c === '[') {
      let depth = 0;
      let j = i;
      for (; j < end; j++) {
        if (text[j] === '[') depth++;
        else if (text[j] === ']' && --depth === 0) break;
      }
      const e = Math.min(end, j + 1);
      push('sub', i, e);
      i = e;
    } else if (c === '(') {
      push('lparen', i, i + 1);
      open.push(toks.length - 1);
      i++;
    } else if (c === ')') {
      open.pop();
      push('rparen', i, i + 1);
      i++;
    } else if (c === ',') {
      push('comma', i, i + 1);
      i++;
    } else if (c === '=' || c === '!' || c === '<' || c === '>') {
      const two = text.slice(i, i + 2);
      const len = two === '==' || two === '!=' || two === '<=' || two === '>=' ? 2 : 1;
      push('op', i, Math.min(end, i + len));
      i += len;
    } else {
      let j = i;
      while (j < end && !STOP.has(text[j]) && !(evalQuotes && text[j] === "'")) j++;
      if (j === i) j++;
      const t = text.slice(i, j);
      push(/^[+\-*/%.]$/.test(t) ? 'op' : 'word', i, j);
      i = j;
    }
  }
}

/** End of the command segment that continues at `from`: the next `|` or unmatched `]` outside quotes, macros and brackets. */
export function segmentEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') {
      const j = stringEnd(text, i, text.length);
      if (j < 0) return text.length;
      i = j - 1;
    } else if (c === '`') {
      const j = text.indexOf('`', i + 1);
      if (j < 0) return text.length;
      i = j;
    } else if (c === '[') depth++;
    else if (c === ']') {
      if (depth === 0) return i;
      depth--;
    } else if (c === '|' && depth === 0) return i;
  }
  return text.length;
}

/** The function name written right before the `(` token at `tokens[parenIndex]`, if any. */
export function callNameBefore(tokens: ScanTok[], parenIndex: number): string | undefined {
  const prev = tokens[parenIndex - 1];
  if (!prev || prev.kind !== 'word' || prev.end !== tokens[parenIndex].start) return undefined;
  const m = /([A-Za-z_][A-Za-z0-9_]*)$/.exec(prev.text);
  return m ? m[1].toLowerCase() : undefined;
}
