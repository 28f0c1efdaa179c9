// The outline of a document: a detection's name, its search with one child per pipeline command
// (exact ranges inside the YAML scalar), its drilldowns and tests; a macro's definition; the
// commands of a .spl file; the name of a story, data source or lookup.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Range } from '../spl/ast';
import { findPair, findPath, keyRange, nodeRange } from '../yaml';
import type { DocumentModel, SplRegion } from './documentModel';
import { modelSites } from './references';

export type OutlineKind = 'detection' | 'baseline' | 'macro' | 'lookup' | 'story' | 'data_source' | 'search' | 'command' | 'tests' | 'test';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  /** The whole extent (document offsets). */
  range: Range;
  /** What to select when the symbol is picked (inside `range`). */
  selectionRange: Range;
  children: OutlineSymbol[];
}

export function documentSymbols(model: DocumentModel): OutlineSymbol[] {
  if (model.kind === 'spl') return model.regions.flatMap(commandSymbols);
  const doc = model.yaml?.doc;
  if (!doc || model.kind === 'other') return [];
  const nameNode = findPath(doc, ['name']);
  const nameRange = modelSites(model).declaration?.range ?? nodeRange(nameNode);
  const name = isScalar(nameNode) ? String(nameNode.value) : model.file;
  const whole = { start: 0, end: model.text.length };
  const children: OutlineSymbol[] = [];
  for (const region of model.regions) children.push(regionSymbol(region));
  const tests = testsSymbol(model);
  if (tests) children.push(tests);
  children.sort((a, b) => a.range.start - b.range.start);
  return [{ name, kind: model.kind, range: whole, selectionRange: nameRange ?? { start: 0, end: 0 }, children }];
}

/** A search / drilldown search / macro definition, with its commands. */
function regionSymbol(region: SplRegion): OutlineSymbol {
  const path = region.yamlPath;
  const label = path[0] === 'drilldown_searches' ? `drilldown search ${Number(path[1]) + 1}` : String(path[path.length - 1]);
  const range = region.toDocumentRange({ start: 0, end: region.text.length });
  return { name: label, kind: 'search', range, selectionRange: range, children: commandSymbols(region) };
}

/** One symbol per top-level pipeline command (a macro in command position is one too). */
function commandSymbols(region: SplRegion): OutlineSymbol[] {
  return region.pipeline.commands.map((c) => {
    const range = region.toDocumentRange(c.range);
    const text = region.text.slice(c.range.start, c.range.end).replace(/\s+/g, ' ');
    if (c.kind === 'macro') {
      return { name: `\`${c.name}\``, kind: 'command', detail: text, range, selectionRange: range, children: [] };
    }
    const selection = c.implicit ? range : region.toDocumentRange(c.nameRange);
    return { name: c.name, kind: 'command', detail: text.length > 80 ? text.slice(0, 79) + '…' : text, range, selectionRange: selection, children: [] };
  });
}

/** `tests:` with one child per test, named by its `name:`. */
function testsSymbol(model: DocumentModel): OutlineSymbol | undefined {
  const node = findPath(model.yaml!.doc, ['tests']);
  const range = nodeRange(node);
  if (!isSeq(node) || !range) return undefined;
  const children: OutlineSymbol[] = [];
  node.items.forEach((item, i) => {
    const r = nodeRange(item);
    if (!r) return;
    const n = isMap(item) ? item.get('name', true) : undefined;
    const nr = nodeRange(n);
    const name = isScalar(n) ? String(n.value) : `test ${i + 1}`;
    children.push({ name, kind: 'test', range: r, selectionRange: nr ?? r, children: [] });
  });
  const pair = findPair(model.yaml!.doc, ['tests']);
  const key = pair && keyRange(pair);
  const full = { start: key ? key.start : range.start, end: range.end };
  return { name: 'tests', kind: 'tests', range: full, selectionRange: key ?? range, children };
}
