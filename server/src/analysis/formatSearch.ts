// Formatting a document's SPL: a .spl file as a whole; a detection's or baseline's `search:` in
// security_content's style — a single-quoted scalar with one pipeline command per line and the
// continuation lines indented (YAML folds each line break to one space, so the loaded search keeps
// the commands on one line as contentctl expects). The new file is loaded again, with js-yaml and
// with the YAML 1.1 schema PyYAML applies, and must give a search that parses like the original.
import { parseDocument } from 'yaml';
import { loadMapping } from '../content/readEntries';
import type { Range } from '../spl/ast';
import { formatSpl } from '../spl/format';
import { parseSpl } from '../spl/parse';
import { treeShape } from '../spl/treeShape';
import { CONTENT_YAML_OPTIONS } from '../yaml/quickCompose';
import type { DocumentModel } from './documentModel';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Indentation of the continuation lines of a top-level `search:` value. */
const CONTINUATION_INDENT = '  ';

/**
 * The edits formatting the document's search (only when it intersects `range`, if given), or why
 * it is left as is.
 */
export function formatDocumentSearch(model: DocumentModel, range?: Range): { edits: TextEdit[]; error?: string } {
  if (model.kind === 'spl') {
    const r = formatSpl(model.text, model.regions[0].pipeline);
    if ('error' in r) return { edits: [], error: r.error };
    return { edits: r.text === model.text ? [] : [{ range: { start: 0, end: model.text.length }, newText: r.text }] };
  }
  const region = model.mainSearch;
  if (!region) return { edits: [] };
  // A block scalar's source ends after its last line break; the quoted scalar replaces its text only.
  const source = region.scalarRange;
  const scalar = { start: source.start, end: source.start + model.text.slice(source.start, source.end).trimEnd().length };
  if (range && (range.end < scalar.start || range.start > scalar.end)) return { edits: [] };
  const r = formatSpl(region.text, region.pipeline);
  if ('error' in r) return { edits: [], error: r.error };
  const newText = singleQuotedLines(r.commands, model.text.includes('\r\n') ? '\r\n' : '\n');
  if (newText === model.text.slice(scalar.start, scalar.end)) return { edits: [] };
  const problem = roundTripProblem(model.text.slice(0, scalar.start) + newText + model.text.slice(scalar.end), region.text);
  if (problem) return { edits: [], error: problem };
  return { edits: [{ range: scalar, newText }] };
}

/**
 * The search as a single-quoted scalar: one line per command, `'` written `''`. A command written
 * over several lines is put on one (YAML would fold its line breaks to spaces anyway).
 */
export function singleQuotedLines(commands: string[], eol = '\n'): string {
  const lines = commands.map((c) => c.trim().replace(/[ \t]*\r?\n\s*/g, ' ').replace(/'/g, "''"));
  return `'${lines.join(eol + CONTINUATION_INDENT)}'`;
}

/** Why the formatted file would not load to an equivalent search (undefined when it does). */
export function roundTripProblem(newFile: string, originalSpl: string): string | undefined {
  const byJsYaml = loadMapping(newFile)?.search;
  const yaml11 = parseDocument(newFile, CONTENT_YAML_OPTIONS);
  const byYaml11 = yaml11.errors.length ? undefined : yaml11.get('search');
  if (typeof byJsYaml !== 'string' || byJsYaml !== byYaml11) {
    return 'The formatted search would not load the same with js-yaml and YAML 1.1 (PyYAML); it is left as is.';
  }
  if (treeShape(byJsYaml, parseSpl(byJsYaml)) !== treeShape(originalSpl, parseSpl(originalSpl))) {
    return 'One line per command would change this search (a line break inside a quoted string or comment); it is left as is.';
  }
  return undefined;
}
