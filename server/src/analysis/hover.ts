// Hover content at a document offset (LSP-free): macro expansion for macro calls, documentation
// for commands, functions and data-model fields, then the YAML key and ATT&CK hovers.
import type { ContentIndex } from '../content';
import { docsHoverAt } from './docsHover';
import type { DocumentModel } from './documentModel';
import { macroHoverMarkdown } from './macroHover';
import { itemAt } from './splWalk';
import { YamlAssistContext, yamlHoverAt } from './yamlAssist';

export interface HoverResult {
  markdown: string;
  /** Document range the hover is about. */
  range: { start: number; end: number };
}

export function hoverAt(
  model: DocumentModel,
  offset: number,
  index: ContentIndex,
  yamlCtx?: Omit<YamlAssistContext, 'index'>,
): HoverResult | undefined {
  const spl = model.splAt(offset, 'char');
  if (spl) {
    const item = itemAt(spl.region.pipeline, spl.offset);
    if (item?.kind === 'macro') {
      return { markdown: macroHoverMarkdown(item.node, index), range: spl.region.toDocumentRange(item.range) };
    }
    return docsHoverAt(model, offset);
  }
  return yamlCtx ? yamlHoverAt(model, offset, { ...yamlCtx, index }) : undefined;
}
