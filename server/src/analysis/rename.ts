// Rename a macro, lookup, story or data source: its definition's `name:`, every use, and the
// definition file itself when the repository's convention ties file and name (macros/<name>.yml,
// lookups/<name>.yml + <name>.csv, stories and data sources as snake_case of the name). Each
// replacement is written in the style of the YAML scalar holding it, so quoting and escapes stay
// valid (`''` in single quotes, `\"` in double quotes); a name a plain scalar cannot hold is refused.
import * as fs from 'fs';
import * as path from 'path';
import type { ContentIndex } from '../content';
import { MACRO_NAME } from '../spl/macroCall';
import type { NameSite, SymbolKind } from './contentUses';
import type { DocumentModel } from './documentModel';
import { FileSite, ReferenceIndex, SymbolRef } from './referenceIndex';
import { modelSites, symbolAt } from './references';

export interface TextEditAt {
  start: NameSite['start'];
  end: NameSite['end'];
  newText: string;
}

export interface RenamePlan {
  /** Text edits per file (positions in the file as indexed). */
  edits: { file: string; edits: TextEditAt[] }[];
  /** Files to rename after the edits. */
  fileRenames: { from: string; to: string }[];
}

const KIND_LABEL: Record<SymbolKind, string> = { macro: 'macro', lookup: 'lookup', story: 'story', data_source: 'data source' };

/** Can the symbol at `offset` be renamed? The range to rename and its current name, or why not. */
export function prepareRename(
  model: DocumentModel,
  offset: number,
  refs: ReferenceIndex,
): { range: { start: number; end: number }; placeholder: string } | { error: string } {
  const at = symbolAt(model, offset, refs);
  if (!at) {
    return { error: 'Only a macro, lookup, story or data source name can be renamed: put the cursor on a macro call, a lookup table, an analytic_story or data_source entry, or the name: of its definition.' };
  }
  const problem = declarationProblem(at.symbol, refs);
  if (problem) return { error: problem };
  return { range: at.site.range, placeholder: at.site.name };
}

/** Why a symbol cannot be renamed (no single definition in the indexed content roots). */
function declarationProblem(sym: SymbolRef, refs: ReferenceIndex): string | undefined {
  const decls = refs.declarations(sym);
  const label = `${KIND_LABEL[sym.kind]} \`${sym.name}\``;
  if (!decls.length) {
    return `The ${label} is not defined in the content roots (it is built in or provided by an app), so it cannot be renamed here; define it in ${folderOf(sym.kind)}/ first.`;
  }
  if (decls.length > 1) {
    return `The ${label} is defined ${decls.length} times (${decls.map((d) => d.file).join(', ')}); remove the duplicates before renaming.`;
  }
  return undefined;
}

const folderOf = (k: SymbolKind) => ({ macro: 'macros', lookup: 'lookups', story: 'stories', data_source: 'data_sources' })[k];

/** The edits renaming the symbol at `offset` to `newName`, or why it cannot be done. */
export function renameAt(
  model: DocumentModel,
  offset: number,
  newName: string,
  refs: ReferenceIndex,
  index: ContentIndex,
): RenamePlan | { error: string } {
  const at = symbolAt(model, offset, refs);
  if (!at) return { error: 'Nothing that can be renamed is at this position.' };
  return renameSymbol(at.symbol, newName, refs, index, refs.unindexedUses(at.symbol, model.file, modelSites(model)));
}

/** The rename plan; `moreUses`: uses in documents the index does not hold (an open .spl file). */
export function renameSymbol(
  sym: SymbolRef,
  newName: string,
  refs: ReferenceIndex,
  index: ContentIndex,
  moreUses: FileSite[] = [],
): RenamePlan | { error: string } {
  const problem = declarationProblem(sym, refs);
  if (problem) return { error: problem };
  if (newName === sym.name) return { edits: [], fileRenames: [] };
  const invalid = invalidName(sym.kind, newName);
  if (invalid) return { error: invalid };
  const taken = nameTaken(sym, newName, index);
  if (taken) return { error: taken };

  const decl = refs.declarations(sym)[0];
  const declFile = decl.file;
  const fileRenames: RenamePlan['fileRenames'] = [];
  const byFile = new Map<string, TextEditAt[]>();
  const add = (site: FileSite, text: string): string | undefined => {
    const encoded = encodeFor(site, text);
    if (typeof encoded !== 'string') return `${encoded.error} (${site.file}:${site.start.line + 1})`;
    const list = byFile.get(site.file) ?? [];
    list.push({ start: site.start, end: site.end, newText: encoded });
    byFile.set(site.file, list);
    return undefined;
  };

  // A lookup whose CSV is <name>.csv follows the new name, and so do uses written as the file name.
  let csvRename: { oldName: string; newName: string } | undefined;
  if (sym.kind === 'lookup') {
    const entry = index.lookups.first(sym.name);
    if (entry?.filename && entry.filename === `${sym.name}.csv`) csvRename = { oldName: entry.filename, newName: `${newName}.csv` };
  }

  for (const site of [decl, ...refs.uses(sym), ...moreUses]) {
    const text = csvRename && site.name === csvRename.oldName ? csvRename.newName : newName;
    const err = add(site, text);
    if (err) return { error: err };
  }
  if (csvRename) {
    const fileSite = refs.sitesOf(declFile)?.filename;
    if (fileSite) {
      const err = add({ ...fileSite, file: declFile }, csvRename.newName);
      if (err) return { error: err };
    }
    const from = path.join(path.dirname(declFile), csvRename.oldName);
    const to = path.join(path.dirname(declFile), csvRename.newName);
    if (fs.existsSync(from)) {
      if (fs.existsSync(to)) return { error: `${to} already exists; move it away before renaming.` };
      fileRenames.push({ from, to });
    }
  }

  const ext = path.extname(declFile);
  const base = path.basename(declFile, ext);
  const conventional = sym.kind === 'macro' || sym.kind === 'lookup' ? (n: string) => n : snakeCase;
  if (base === conventional(sym.name)) {
    const to = path.join(path.dirname(declFile), conventional(newName) + ext);
    if (to !== declFile) {
      if (fs.existsSync(to)) return { error: `${to} already exists; choose another name or move that file.` };
      fileRenames.push({ from: declFile, to });
    }
  }
  const edits = [...byFile].map(([file, list]) => ({ file, edits: list }));
  return { edits, fileRenames };
}

/** security_content's file name for a story or data source: lowercase, other characters as `_`. */
export function snakeCase(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

function invalidName(kind: SymbolKind, name: string): string | undefined {
  switch (kind) {
    case 'macro':
      // Splunk's macro stanza names: letters, digits, `_`, `-`, `.`, `:` (see spl/macroCall.ts).
      return MACRO_NAME.test(name) ? undefined : `\`${name}\` is not a valid macro name: use letters, digits, _ - . or :.`;
    case 'lookup':
      // contentctl finds lookup uses with `\w+` (schema/searchRefs.ts): other characters would hide them.
      return /^\w+$/.test(name) ? undefined : `\`${name}\` is not a valid lookup name: use letters, digits and _.`;
    case 'data_source':
    case 'story':
      if (kind === 'data_source' && / AND /.test(name)) {
        return 'A data source name cannot contain " AND " (it joins data sources in data_source entries).';
      }
      if (!name.trim() || name !== name.trim() || /[\r\n]/.test(name)) {
        return 'The new name must be non-empty, on one line, without leading or trailing spaces.';
      }
      return undefined;
  }
}

function nameTaken(sym: SymbolRef, newName: string, index: ContentIndex): string | undefined {
  const label = KIND_LABEL[sym.kind];
  switch (sym.kind) {
    case 'macro': {
      const m = index.macro(newName, sym.argCount ?? 0);
      return m ? `A ${label} \`${newName}\` with ${sym.argCount ?? 0} argument(s) already exists (${m.file}).` : undefined;
    }
    case 'lookup': {
      const l = index.lookup(newName) ?? index.lookup(`${newName}.csv`);
      return l ? `A ${label} \`${newName}\` already exists (${l.file}).` : undefined;
    }
    case 'story':
    case 'data_source': {
      const map = sym.kind === 'story' ? index.stories : index.dataSources;
      const e = map.first(newName);
      return e ? `A ${label} \`${newName}\` already exists (${e.file}).` : undefined;
    }
  }
}

const SPL_KEYS = new Set(['search', 'definition', 'drilldown_searches']);

/** YAML 1.1 plain words that would not load as the same string (PyYAML resolves them). */
const PLAIN_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?[0-9][0-9_.:eE+-]*)$/;

/** `text` written so that the scalar holding `site` loads it unchanged. */
function encodeFor(site: NameSite, text: string): string | { error: string } {
  switch (site.scalar.style) {
    case 'QUOTE_SINGLE':
      return text.replace(/'/g, "''");
    case 'QUOTE_DOUBLE':
      return text.replace(/[\\"]/g, (c) => '\\' + c);
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return text;
    case 'PLAIN': {
      // A name inside SPL is mid-scalar; a name, story or data source entry is (at the start of) the scalar.
      const wholeScalar = !SPL_KEYS.has(String(site.scalar.path[0]));
      const unsafe =
        /: |:$| #|[\t]/.test(text) ||
        (site.scalar.path.length > 1 && /[,[\]{}]/.test(text)) ||
        (wholeScalar && (/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(text) || PLAIN_SPECIAL.test(text)));
      return unsafe
        ? { error: `"${text}" cannot be written in the unquoted value at ${site.scalar.path.join('.')}; quote that value first` }
        : text;
    }
  }
}
