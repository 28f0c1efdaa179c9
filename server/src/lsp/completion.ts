// Converts the domain's completion and signature results to LSP.
import {
  CompletionItem,
  CompletionItemKind,
  CompletionList,
  InsertTextFormat,
  MarkupKind,
  SignatureHelp,
} from 'vscode-languageserver/node';
import { completeAt, CompletionEntry } from '../analysis/completion';
import type { DocumentModel } from '../analysis/documentModel';
import { signatureAt } from '../analysis/signatureHelp';
import { YamlAssistContext, yamlCompletionAt } from '../analysis/yamlAssist';
import { toLspRange } from './convert';

const KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  command: CompletionItemKind.Keyword,
  function: CompletionItemKind.Function,
  macro: CompletionItemKind.Snippet,
  field: CompletionItemKind.Field,
  keyword: CompletionItemKind.Keyword,
  value: CompletionItemKind.Value,
  lookup: CompletionItemKind.File,
  datamodel: CompletionItemKind.Module,
};

export function completionFor(model: DocumentModel, offset: number, yamlCtx: YamlAssistContext): CompletionList {
  const result = completeAt(model, offset, { index: yamlCtx.index }) ?? yamlCompletionAt(model, offset, yamlCtx);
  if (!result) return { isIncomplete: false, items: [] };
  const range = toLspRange(model.lineIndex, result.replaceRange);
  const items: CompletionItem[] = result.items.map((e) => ({
    label: e.label,
    kind: KIND[e.kind],
    detail: e.detail,
    documentation: e.documentation ? { kind: MarkupKind.Markdown, value: e.documentation } : undefined,
    sortText: e.sortText,
    insertTextFormat: e.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range, newText: e.insertText ?? e.label },
  }));
  return { isIncomplete: false, items };
}

export function signatureHelpFor(model: DocumentModel, offset: number): SignatureHelp | null {
  const s = signatureAt(model, offset);
  if (!s) return null;
  return {
    signatures: [
      {
        label: s.label,
        documentation: { kind: MarkupKind.Markdown, value: s.documentation },
        parameters: s.parameters.map((p) => ({ label: p.offsets, documentation: p.documentation })),
      },
    ],
    activeSignature: 0,
    activeParameter: s.activeParameter,
  };
}
