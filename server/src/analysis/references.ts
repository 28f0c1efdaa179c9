// Find all references: which macro, lookup, story or data source is under the cursor (a use or
// the definition's `name:`), and every place in the indexed content that names it.
import { fileSites, FileSites, NameSite } from './contentUses';
import type { DocumentModel } from './documentModel';
import { FileSite, ReferenceIndex, SymbolRef } from './referenceIndex';
import { itemAt } from './splWalk';

export interface SymbolAtCursor {
  symbol: SymbolRef;
  /** The site under the cursor (its range is what a rename replaces here). */
  site: NameSite;
  /** True when the cursor is on the definition's `name:`. */
  isDeclaration: boolean;
}

const sitesCache = new WeakMap<DocumentModel, FileSites>();

/** Declarations and uses of an open document (cached per model, i.e. per document version). */
export function modelSites(model: DocumentModel): FileSites {
  let s = sitesCache.get(model);
  if (!s) sitesCache.set(model, (s = fileSites(model)));
  return s;
}

const holds = (site: NameSite, offset: number) => site.range.start <= offset && offset <= site.range.end;

/** The symbol named at `offset`: on its name, or anywhere on a macro call (backticks, arguments). */
export function symbolAt(model: DocumentModel, offset: number, refs: ReferenceIndex): SymbolAtCursor | undefined {
  const sites = modelSites(model);
  if (sites.declaration && holds(sites.declaration, offset)) {
    return { symbol: refs.canonical(sites.declaration), site: sites.declaration, isDeclaration: true };
  }
  // A lookup file's `filename:` stands for the lookup too.
  if (sites.declaration && sites.filename && holds(sites.filename, offset)) {
    return { symbol: refs.canonical(sites.declaration), site: sites.filename, isDeclaration: true };
  }
  const use = sites.uses.find((s) => holds(s, offset));
  if (use) return { symbol: refs.canonical(use), site: use, isDeclaration: false };
  const spl = model.splAt(offset, 'char');
  const item = spl && itemAt(spl.region.pipeline, spl.offset);
  if (spl && item?.kind === 'macro') {
    const nameStart = spl.region.toDocument(item.node.nameRange.start);
    const site = sites.uses.find((s) => s.kind === 'macro' && s.range.start === nameStart);
    if (site) return { symbol: refs.canonical(site), site, isDeclaration: false };
  }
  return undefined;
}

/** Every reference to the symbol at `offset` (its definition first when asked for). */
export function referencesAt(model: DocumentModel, offset: number, refs: ReferenceIndex, includeDeclaration: boolean): FileSite[] {
  const at = symbolAt(model, offset, refs);
  if (!at) return [];
  return [...referencesTo(at.symbol, refs, includeDeclaration), ...refs.unindexedUses(at.symbol, model.file, modelSites(model))];
}

export function referencesTo(symbol: SymbolRef, refs: ReferenceIndex, includeDeclaration: boolean): FileSite[] {
  const uses = refs.uses(symbol);
  return includeDeclaration ? [...refs.declarations(symbol), ...uses] : uses;
}
