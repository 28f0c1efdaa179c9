// Hover content at a document offset: macro expansion for macro calls (LSP-free).
import type { ContentIndex } from '../content';
import type { DocumentModel } from './documentModel';
import { macroHoverMarkdown } from './macroHover';
import { itemAt } from './splWalk';

export interface HoverResult {
  markdown: string;
  /** Document range the hover is about. */
  range: { start: number; end: number };
}

export function hoverAt(model: DocumentModel, offset: number, index: ContentIndex): HoverResult | undefined {
  const spl = model.splAt(offset, 'char');
  if (!spl) return undefined;
  const item = itemAt(spl.region.pipeline, spl.offset);
  if (item?.kind === 'macro') {
    return { markdown: macroHoverMarkdown(item.node, index), range: spl.region.toDocumentRange(item.range) };
  }
  return undefined;
}
