// What one content file declares and uses, with exact document ranges: the `name:` of a macro,
// lookup, story or data source file, and every use of those names — macro calls and lookup tables
// in the file's SPL (searches, drilldowns, macro definitions), `tags.analytic_story` entries and
// `data_source` entries. The input of the reference index, find-references and rename.
import { isScalar, isSeq, Scalar } from 'yaml';
import { findPath, mapScalarNode, MappedScalar, YamlPath } from '../yaml';
import type { Range } from '../spl/ast';
import { findCalls } from '../spl/expand';
import type { DocumentModel, SplRegion } from './documentModel';
import { walkPipeline } from './splWalk';

export type SymbolKind = 'macro' | 'lookup' | 'story' | 'data_source';

/** A name as written somewhere in a file. `range` covers exactly the name's characters in the document. */
export interface NameSite {
  kind: SymbolKind;
  name: string;
  /** Macros only: the call's (or the definition's) number of arguments. */
  argCount?: number;
  range: Range;
  /** Line and UTF-16 column of range.start and range.end (0-based). */
  start: { line: number; character: number };
  end: { line: number; character: number };
  /** The YAML scalar holding the name (for re-encoding a replacement in its style). */
  scalar: ScalarStyleInfo;
}

export interface ScalarStyleInfo {
  style: MappedScalar['style'];
  /** Where in the file: ['search'], ['tags', 'analytic_story', 2], ['name'] … */
  path: YamlPath;
}

export interface FileSites {
  /** The name this file defines (macro, lookup, story, data source files). */
  declaration?: NameSite;
  /** Lookup files: their `filename:` (the CSV), which uses may write instead of the name. */
  filename?: NameSite;
  uses: NameSite[];
}

const DECLARING: Partial<Record<string, SymbolKind>> = {
  macro: 'macro',
  lookup: 'lookup',
  story: 'story',
  data_source: 'data_source',
};

/** Declarations and uses of a parsed content (or .spl) file. */
export function fileSites(model: DocumentModel): FileSites {
  const site = (kind: SymbolKind, name: string, range: Range, scalar: ScalarStyleInfo, argCount?: number): NameSite => ({
    kind,
    name,
    argCount,
    range,
    start: model.lineIndex.positionAt(range.start),
    end: model.lineIndex.positionAt(range.end),
    scalar,
  });
  const uses: NameSite[] = [];
  for (const region of model.regions) uses.push(...splUses(region, site));
  let declaration: NameSite | undefined;
  let filename: NameSite | undefined;
  const doc = model.yaml?.doc;
  if (doc) {
    const declKind = DECLARING[model.kind];
    const name = declKind ? mappedAt(model.text, doc, ['name']) : undefined;
    if (declKind && name && name.mapped.value.trim()) {
      const argNode = findPath(doc, ['arguments']);
      const argCount = declKind === 'macro' ? (isSeq(argNode) ? argNode.items.length : 0) : undefined;
      const value = name.mapped.value;
      declaration = site(declKind, value, name.mapped.map.toDocumentRange({ start: 0, end: value.length }), name.info, argCount);
    }
    const csv = model.kind === 'lookup' ? mappedAt(model.text, doc, ['filename']) : undefined;
    if (csv && csv.mapped.value) {
      const v = csv.mapped.value;
      filename = site('lookup', v, csv.mapped.map.toDocumentRange({ start: 0, end: v.length }), csv.info);
    }
    if (model.kind === 'detection' || model.kind === 'baseline') {
      for (const item of listItems(model.text, doc, ['tags', 'analytic_story'])) {
        const v = item.mapped.value;
        if (v.trim()) uses.push(site('story', v, item.mapped.map.toDocumentRange({ start: 0, end: v.length }), item.info));
      }
      for (const item of listItems(model.text, doc, ['data_source'])) {
        // An entry may join several data sources with ` AND ` (as go-to-definition reads them).
        const v = item.mapped.value;
        let from = 0;
        for (const part of v.split(' AND ')) {
          const lead = part.length - part.trimStart().length;
          const name = part.trim();
          if (name) {
            const r = { start: from + lead, end: from + lead + name.length };
            uses.push(site('data_source', name, item.mapped.map.toDocumentRange(r), item.info));
          }
          from += part.length + ' AND '.length;
        }
      }
    }
  }
  uses.sort((a, b) => a.range.start - b.range.start);
  return { declaration, filename, uses };
}

type SiteFactory = (kind: SymbolKind, name: string, range: Range, scalar: ScalarStyleInfo, argCount?: number) => NameSite;

/**
 * Macro calls and lookup tables in one SPL region. Macro calls are found the way Splunk expands
 * them (spl/expand.ts: textually, inside quoted strings too, never in ```comments```).
 */
function splUses(region: SplRegion, site: SiteFactory): NameSite[] {
  const out: NameSite[] = [];
  const info: ScalarStyleInfo = { style: region.style ?? 'PLAIN', path: region.yamlPath };
  for (const call of findCalls(region.text)) {
    out.push(site('macro', call.name, region.toDocumentRange(call.nameRange), info, call.args.length));
  }
  if (!/lookup/i.test(region.text)) return out;
  walkPipeline(region.pipeline, (item) => {
    if (item.kind === 'lookup' && item.name) {
      // `inputlookup "name"`: the range holds the quotes; the name is inside them.
      const quoted = item.range.end - item.range.start === item.name.length + 2;
      const r = quoted ? { start: item.range.start + 1, end: item.range.end - 1 } : item.range;
      out.push(site('lookup', item.name, region.toDocumentRange(r), info));
    }
  });
  return out;
}

interface MappedAt {
  mapped: MappedScalar;
  info: ScalarStyleInfo;
}

function mapped(text: string, node: unknown, path: YamlPath): MappedAt | undefined {
  if (!isScalar(node) || typeof (node as Scalar).value !== 'string') return undefined;
  const m = mapScalarNode(text, node as Scalar);
  return m && { mapped: m, info: { style: m.style, path } };
}

function mappedAt(text: string, doc: Parameters<typeof findPath>[0], path: YamlPath): MappedAt | undefined {
  return mapped(text, findPath(doc, path), path);
}

/** The string items of a sequence (or the single string) at `path`. */
function listItems(text: string, doc: Parameters<typeof findPath>[0], path: YamlPath): MappedAt[] {
  const node = findPath(doc, path);
  if (isSeq(node)) {
    return node.items.flatMap((item, i) => {
      const m = mapped(text, item, [...path, i]);
      return m ? [m] : [];
    });
  }
  const single = mapped(text, node, path);
  return single ? [single] : [];
}
