// Go to definition: macros, lookups (`lookup X`, `inputlookup X`, `X.csv`), a detection's
// `analytic_story` and `data_source` entries. Answers with files and lines, LSP-free.
import { isScalar } from 'yaml';
import type { ContentIndex, Location } from '../content';
import { nodeAt } from '../yaml';
import type { DocumentModel } from './documentModel';
import { itemAt } from './splWalk';

export interface DefinitionTarget {
  file: string;
  line: number;
  /** Range in the document of what was asked about (for the editor's link underline). */
  originRange: { start: number; end: number };
}

const target = (loc: Location, originRange: { start: number; end: number }): DefinitionTarget => ({
  file: loc.file,
  line: loc.line,
  originRange,
});

export function definitionAt(model: DocumentModel, offset: number, index: ContentIndex): DefinitionTarget[] {
  const spl = model.splAt(offset, 'char');
  if (spl) {
    const item = itemAt(spl.region.pipeline, spl.offset);
    if (!item) return [];
    const origin = spl.region.toDocumentRange(item.range);
    if (item.kind === 'macro') {
      const m = index.macro(item.node.name, item.node.args.length) ?? index.macros.first(item.node.name);
      return m ? [target(m, origin)] : [];
    }
    if (item.kind === 'lookup') {
      const l = index.lookup(item.name);
      return l ? [target(l, origin)] : [];
    }
    if (item.kind === 'value' && /\.csv$/i.test(item.text)) {
      const l = index.lookup(item.text);
      return l ? [target(l, origin)] : [];
    }
    return [];
  }
  if (!model.yaml) return [];
  const at = nodeAt(model.yaml.doc, offset);
  if (!at || at.inKey || !isScalar(at.node) || typeof at.node.value !== 'string' || !at.node.range) return [];
  const origin = { start: at.node.range[0], end: at.node.range[1] };
  const [first, second] = at.path;
  if (first === 'tags' && second === 'analytic_story') {
    return index.stories.get(at.node.value).map((s) => target(s, origin));
  }
  if (first === 'data_source') {
    return at.node.value
      .split(' AND ')
      .flatMap((name) => index.dataSources.get(name.trim()))
      .map((d) => target(d, origin));
  }
  if (first === 'lookups' || (model.kind === 'lookup' && first === 'filename')) {
    const l = index.lookup(at.node.value);
    return l ? [target(l, origin)] : [];
  }
  return [];
}
