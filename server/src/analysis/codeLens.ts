// Code lens on a definition (macro, lookup, story, data source file): "used by N detections",
// counting the files whose content names it, by kind; the lens opens the references.
import type { ContentIndex } from '../content';
import type { DocumentModel } from './documentModel';
import type { FileSite, ReferenceIndex } from './referenceIndex';
import { modelSites } from './references';

export interface DefinitionLens {
  /** The definition's `name:` value in the document. */
  range: { start: number; end: number };
  title: string;
  references: FileSite[];
}

const PLURAL: Record<string, [string, string]> = {
  detection: ['detection', 'detections'],
  baseline: ['baseline', 'baselines'],
  macro: ['macro', 'macros'],
  other: ['other file', 'other files'],
};

export function definitionLenses(model: DocumentModel, refs: ReferenceIndex, index: ContentIndex): DefinitionLens[] {
  const decl = modelSites(model).declaration;
  if (!decl) return [];
  const references = refs.uses(refs.canonical(decl));
  const filesByKind = new Map<string, Set<string>>();
  for (const r of references) {
    const kind = index.entriesOf(r.file)[0]?.kind;
    const k = kind === 'detection' || kind === 'baseline' || kind === 'macro' ? kind : 'other';
    let set = filesByKind.get(k);
    if (!set) filesByKind.set(k, (set = new Set()));
    set.add(r.file);
  }
  const count = (k: string) => filesByKind.get(k)?.size ?? 0;
  const parts = [`used by ${count('detection')} ${PLURAL.detection[count('detection') === 1 ? 0 : 1]}`];
  for (const k of ['baseline', 'macro', 'other']) {
    if (count(k)) parts.push(`${count(k)} ${PLURAL[k][count(k) === 1 ? 0 : 1]}`);
  }
  return [{ range: decl.range, title: parts.join(', '), references }];
}
