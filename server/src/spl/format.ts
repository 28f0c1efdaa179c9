// SPL layout: one top-level pipeline command per line (`| command …` after the first), one space
// after each top-level `|`, and `a, b` around commas separating arguments. Nothing else changes:
// quoted strings, comments, macro calls and subsearches are copied byte for byte, and a command is
// only re-spaced when its parse tree stays the same (checked here, so a layout change can never
// change what the search means).
import type { Pipeline } from './ast';
import { parseSpl } from './parse';
import { blankComments, scanString, splitPipeline } from './tokenize';
import { treeShape } from './treeShape';

export type FormatResult =
  | {
      text: string;
      /** One entry per line of `text` at a top-level command (a command may itself span lines). */
      commands: string[];
    }
  | { error: string };

/** The formatted search, or why it is left as is (syntax errors). */
export function formatSpl(text: string, pipeline: Pipeline = parseSpl(text)): FormatResult {
  if (pipeline.errors.length) {
    return { error: `The search has syntax errors (${pipeline.errors[0].message}); fix them before formatting.` };
  }
  const blank = blankComments(text);
  const errors = [...blank.errors];
  const segments = splitPipeline(blank.text, 0, text.length, errors);
  if (errors.length) return { error: `The search has syntax errors (${errors[0].message}); fix them before formatting.` };
  const lines: string[] = [];
  segments.forEach((seg, i) => {
    const body = text.slice(seg.start, seg.end).trim();
    const command = body && i > 0 ? spaceCommas(body) : body; // the leading search clause is left as written
    if (i === 0) {
      if (body) lines.push(command);
    } else lines.push(command ? `| ${command}` : '|');
  });
  const formatted = lines.join('\n');
  if (treeShape(formatted, parseSpl(formatted)) !== treeShape(text, pipeline)) {
    return { error: 'Formatting would change how this search parses; it is left as is.' };
  }
  return { text: formatted, commands: lines };
}

/** `a , b` / `a,b` → `a, b` at commas outside strings, comments, macros and subsearches — when the command parses the same. */
function spaceCommas(command: string): string {
  if (!command.includes(',')) return command;
  let out = '';
  let last = 0;
  const n = command.length;
  for (let i = 0; i < n; i++) {
    const c = command[i];
    if (c === '\\') i++;
    else if (c === '"') {
      const e = scanString(command, i, n);
      if (e < 0) return command;
      i = e - 1;
    } else if (c === '`') {
      const close = command.startsWith('```', i) ? command.indexOf('```', i + 3) + 2 : command.indexOf('`', i + 1);
      if (close < i) return command;
      i = close;
    } else if (c === '[') {
      return out + command.slice(last); // leave anything from a subsearch on as written
    } else if (c === ',') {
      let s = i;
      while (s > last && (command[s - 1] === ' ' || command[s - 1] === '\t')) s--;
      let e = i + 1;
      while (e < n && (command[e] === ' ' || command[e] === '\t')) e++;
      out += command.slice(last, s) + (e < n && command[e] !== '\n' && command[e] !== '\r' ? ', ' : ',');
      last = e;
      i = e - 1;
    }
  }
  const spaced = out + command.slice(last);
  if (spaced === command) return command;
  const before = parseSpl(`| ${command}`);
  // In a search clause (`search`, `tstats … where`) a comma may be inside a term (`x=a,b` is one
  // term to Splunk's search); adding a space would split it, so such commands keep their commas.
  const c = before.commands[0];
  if (c?.kind === 'command' && (c.body.kind === 'search' || (c.body.kind === 'stats' && c.body.where))) return command;
  const after = parseSpl(`| ${spaced}`);
  return treeShape(`| ${spaced}`, after) === treeShape(`| ${command}`, before) ? spaced : command;
}
