// The whole search of a document with every macro expanded (for "Show Expanded Search").
import type { ContentIndex } from '../content';
import { expandMacros } from '../spl/expand';
import type { DocumentModel } from './documentModel';
import { macroResolver } from './splContext';

export interface ExpandedSearch {
  text?: string;
  error?: string;
}

export function expandedSearchOf(model: DocumentModel, index: ContentIndex, docOffset?: number): ExpandedSearch {
  const region = (docOffset !== undefined ? model.splAt(docOffset)?.region : undefined) ?? model.mainSearch ?? model.regions[0];
  if (!region) return { error: 'This file has no search to expand.' };
  const result = expandMacros(region.text, macroResolver(index));
  const problems = result.errors.map((e) => `\`\`\` ${e.message} \`\`\``);
  return { text: [...problems, result.text].join('\n') };
}
