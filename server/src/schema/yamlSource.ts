// Parses a content YAML file with `yaml` (YAML 1.1 schema, like PyYAML which contentctl uses),
// keeping node ranges. Repairs the one PyYAML leniency seen in real content — continuation lines
// of a multi-line quoted value that are not indented — so such files still get checked, and maps
// all ranges back to the original text.

import { parseDocument, type Document } from 'yaml';
import { CONTENT_YAML_OPTIONS, quickComposeDocument } from '../yaml/quickCompose';
import type { Range } from './types';

export interface YamlProblem {
  kind: 'syntax' | 'compat';
  message: string;
  range: Range;
  /** For 'compat': text to insert at range.start to make the file valid YAML 1.2. */
  insert?: string;
}

export interface ParsedYaml {
  /** Undefined when the text could not be parsed at all. */
  doc: Document.Parsed | undefined;
  /** Maps an offset in the parsed text to the original text (identity unless a repair was applied). */
  toOriginal(offset: number): number;
  problems: YamlProblem[];
  /** The text node ranges refer to (differs from the input only when a repair was applied). */
  text: string;
}

// Source tokens are kept so the same parse can serve the exact SPL-in-YAML mapping (block scalars).
const PARSE_OPTIONS = CONTENT_YAML_OPTIONS;

interface Insertion {
  at: number; // original offset
  text: string;
}

/**
 * Finds continuation lines of multi-line quoted values whose indentation is not greater than the
 * indentation of the key that owns the value (invalid in YAML 1.2, accepted by PyYAML).
 */
export function findUnindentedContinuations(text: string): Insertion[] {
  const out: Insertion[] = [];
  const keyLine = /^( *)(?:- +)?[^\s#'"][^\n]*?:[ \t]+(['"])/;
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = n;
    const line = text.slice(pos, eol);
    const m = keyLine.exec(line);
    if (!m) {
      pos = eol + 1;
      continue;
    }
    const indent = m[1].length;
    const quote = m[2];
    let i = pos + m[0].length; // after the opening quote
    let closed = false;
    let lineStart = -1;
    while (i < n) {
      const c = text[i];
      if (lineStart >= 0) {
        // at the first character of a continuation line: measure its indentation
        let j = lineStart;
        while (j < n && text[j] === ' ') j++;
        const spaces = j - lineStart;
        const blank = j >= n || text[j] === '\n' || text[j] === '\r';
        if (!blank && spaces <= indent) out.push({ at: lineStart, text: ' '.repeat(indent + 1 - spaces) });
        lineStart = -1;
        i = j;
        continue;
      }
      if (c === '\n') {
        lineStart = i + 1;
        i++;
        continue;
      }
      if (quote === "'" && c === "'") {
        if (text[i + 1] === "'") { i += 2; continue; }
        closed = true;
        break;
      }
      if (quote === '"') {
        if (c === '\\') { i += 2; continue; }
        if (c === '"') { closed = true; break; }
      }
      i++;
    }
    if (!closed) return []; // unterminated: a real syntax error, no repair
    let next = text.indexOf('\n', i);
    if (next < 0) next = n;
    pos = next + 1;
  }
  return out;
}

function applyInsertions(text: string, ins: Insertion[]): string {
  let out = '';
  let last = 0;
  for (const x of ins) {
    out += text.slice(last, x.at) + x.text;
    last = x.at;
  }
  return out + text.slice(last);
}

/** Syntax errors, at most one per line and 5 in all: one mistake tends to cascade. */
function syntaxProblems(doc: Document.Parsed, map: (o: number) => number, textLength: number): YamlProblem[] {
  const lines = new Set<number>();
  const errors = doc.errors.filter((e) => {
    const line = e.linePos?.[0].line ?? e.pos[0];
    if (lines.has(line)) return false;
    lines.add(line);
    return true;
  }).slice(0, 5);
  return errors.map((e) => {
    const s = Math.min(map(e.pos[0]), textLength);
    const en = Math.min(Math.max(map(e.pos[1]), s), textLength);
    return { kind: 'syntax' as const, message: 'YAML syntax error: ' + e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), range: { start: s, end: en } };
  });
}

export function parseYaml(text: string): ParsedYaml {
  const identity = (o: number) => o;
  let doc: Document.Parsed | undefined;
  try {
    // Most content files are in the block subset the quick composer builds directly.
    doc = quickComposeDocument(text) ?? parseDocument(text, PARSE_OPTIONS);
  } catch (e) {
    return { doc: undefined, toOriginal: identity, problems: [{ kind: 'syntax', message: 'YAML could not be parsed: ' + String(e), range: { start: 0, end: Math.min(1, text.length) } }], text };
  }
  if (doc.errors.length === 0) return { doc, toOriginal: identity, problems: [], text };

  const ins = findUnindentedContinuations(text);
  if (ins.length > 0) {
    const repaired = applyInsertions(text, ins);
    let doc2: Document.Parsed | undefined;
    try {
      doc2 = parseDocument(repaired, PARSE_OPTIONS);
    } catch {
      doc2 = undefined;
    }
    if (doc2 && doc2.errors.length < doc.errors.length) {
      // repaired offsets → original offsets
      const starts: number[] = [];
      let shift = 0;
      for (const x of ins) {
        starts.push(x.at + shift);
        shift += x.text.length;
      }
      const toOriginal = (o: number): number => {
        let sub = 0;
        for (let k = 0; k < ins.length; k++) {
          if (o >= starts[k] + ins[k].text.length) sub += ins[k].text.length;
          else if (o >= starts[k]) return ins[k].at;
          else break;
        }
        return o - sub;
      };
      const compat: YamlProblem[] = ins.map((x) => {
        let e = text.indexOf('\n', x.at);
        if (e < 0) e = text.length;
        return {
          kind: 'compat',
          message: 'This continuation line of a quoted value must be indented: PyYAML (contentctl) accepts it, but YAML 1.2 tools (and this editor) reject it.',
          range: { start: x.at, end: e },
          insert: x.text,
        };
      });
      return { doc: doc2, toOriginal, problems: [...compat, ...syntaxProblems(doc2, toOriginal, text.length)], text: repaired };
    }
  }
  return { doc, toOriginal: identity, problems: syntaxProblems(doc, identity, text.length), text };
}
