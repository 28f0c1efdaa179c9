// Encodes the domain's semantic tokens in LSP's relative form.
import { SemanticTokens, SemanticTokensBuilder, SemanticTokensLegend } from 'vscode-languageserver/node';
import type { DocumentModel } from '../analysis/documentModel';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES, TokenContext } from '../analysis/semanticTokens';

export const SEMANTIC_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

export function encodeSemanticTokens(model: DocumentModel, ctx: TokenContext): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  for (const t of semanticTokens(model, ctx)) {
    const pos = model.lineIndex.positionAt(t.start);
    const mods = t.modifiers.reduce((bits, m) => bits | (1 << TOKEN_MODIFIERS.indexOf(m)), 0);
    builder.push(pos.line, pos.character, t.end - t.start, TOKEN_TYPES.indexOf(t.type), mods);
  }
  return builder.build();
}
