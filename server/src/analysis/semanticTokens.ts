// Semantic tokens for SPL: what a TextMate grammar cannot know — field name vs value, command,
// macro, function, data-model field — plus an `unknown` modifier for unknown commands and macros.
// Types are standard LSP token types so themes color them; they match the grammar's scopes
// (command → keyword, macro → macro, function → function, field → variable, value → string).
import { findCommand } from '../spl/catalog/commands';
import type { DocumentModel } from './documentModel';
import { SplItem, walkPipeline } from './splWalk';

export const TOKEN_TYPES = ['keyword', 'macro', 'function', 'variable', 'property', 'string', 'namespace'] as const;
export const TOKEN_MODIFIERS = ['unknown', 'defaultLibrary'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export interface SemanticToken {
  /** Document offsets; a token never spans a line break (callers split by line). */
  start: number;
  end: number;
  type: TokenType;
  modifiers: TokenModifier[];
}

export interface TokenContext {
  /** 'repo' for a macro the repository defines, 'builtin' for a known built-in, undefined if unknown. */
  macroKind(name: string, argCount: number): 'repo' | 'builtin' | undefined;
}

const DATA_MODEL_FIELD = /^[A-Z][A-Za-z_]*\.[A-Za-z_]/;

function classify(item: SplItem, ctx: TokenContext): { type: TokenType; modifiers: TokenModifier[] } | undefined {
  switch (item.kind) {
    case 'command':
      return { type: 'keyword', modifiers: findCommand(item.node.name) ? [] : ['unknown'] };
    case 'macro': {
      const kind = ctx.macroKind(item.node.name, item.node.args.length);
      return { type: 'macro', modifiers: kind === 'builtin' ? ['defaultLibrary'] : kind ? [] : ['unknown'] };
    }
    case 'evalFunction':
    case 'statsFunction':
      return { type: 'function', modifiers: [] };
    case 'field':
      return { type: DATA_MODEL_FIELD.test(item.name) ? 'property' : 'variable', modifiers: [] };
    case 'value':
      return { type: 'string', modifiers: [] };
    case 'lookup':
    case 'datamodel':
      return { type: 'namespace', modifiers: [] };
  }
}

export function semanticTokens(model: DocumentModel, ctx: TokenContext): SemanticToken[] {
  const out: SemanticToken[] = [];
  const seen = new Set<string>();
  for (const region of model.regions) {
    walkPipeline(region.pipeline, (item) => {
      const c = classify(item, ctx);
      if (!c || item.range.end <= item.range.start) return;
      const doc = region.toDocumentRange(item.range);
      const key = `${doc.start}:${doc.end}`;
      if (seen.has(key)) return;
      seen.add(key);
      // Split at line breaks (a value in a folded scalar may continue on the next line).
      let start = doc.start;
      for (let i = doc.start; i <= doc.end; i++) {
        const ch = model.text.charCodeAt(i);
        if (i === doc.end || ch === 10 || ch === 13) {
          if (i > start) out.push({ start, end: i, type: c.type, modifiers: c.modifiers });
          while (i < doc.end && /\s/.test(model.text[i + 1] ?? '')) i++;
          start = i + 1;
        }
      }
    });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
