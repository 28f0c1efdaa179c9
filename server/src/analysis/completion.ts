// Completion inside SPL (a `.spl` file or a detection's `search:`): commands after `|`, macros
// inside backticks, eval and stats functions, fields (data sources + earlier in the pipeline),
// data models and their fields for tstats, lookups, and keywords. The context is read from the
// text before the cursor (see completionScan.ts), so it works while the SPL is incomplete.
// Results are in document offsets and LSP-free; the LSP layer converts them.
import type { Range } from '../spl/ast';
import { findCommand } from '../spl/catalog/commands';
import { findStatsFunction } from '../spl/catalog/statsFunctions';
import type { Pipeline } from '../spl/ast';
import { defaultDataModels } from '../engine/datamodels';
import type { DocumentModel } from './documentModel';
import { callNameBefore, CursorScan, scanCursor, ScanTok, segmentEnd } from './completionScan';
import {
  commandEntries,
  CompletionContext,
  CompletionEntry,
  dataModelEntries,
  dataModelFieldNames,
  dataSourceFields,
  evalFunctionEntries,
  fieldEntries,
  keywordEntries,
  lookupColumns,
  lookupEntries,
  macroEntries,
  optionEntries,
  pipelineFields,
  plainFieldEntries,
  statsFunctionEntries,
} from './completionSources';

export type { CompletionContext, CompletionEntry, CompletionKind } from './completionSources';

export interface CompletionResult {
  items: CompletionEntry[];
  /** Document range the chosen item replaces (the partially typed word; empty at the cursor when none). */
  replaceRange: Range;
}

/** Completion at a document offset; undefined outside SPL or where nothing applies (strings, comments, new names). */
export function completeAt(model: DocumentModel, docOffset: number, ctx: CompletionContext = {}): CompletionResult | undefined {
  const at = model.splAt(docOffset, 'cursor');
  if (!at) return undefined;
  const { region, offset } = at;
  const env = new Env(region.text, offset, model, ctx, () => region.pipeline);
  const items = env.complete();
  if (!items) return undefined;
  const range = region.toDocumentRange({ start: env.scan.wordStart, end: env.scan.wordEnd });
  if (range.start <= docOffset && docOffset <= range.end) return { items, replaceRange: range };
  // The cursor sits where no SPL character starts (inside a `''` escape, in a fold's indentation):
  // insert at the cursor only when that cannot split an escape.
  if (range.start === range.end && /\s/.test(model.text[docOffset - 1] ?? ' ')) {
    return { items, replaceRange: { start: docOffset, end: docOffset } };
  }
  return undefined;
}

const SEARCH_KEYWORDS = ['AND', 'OR', 'NOT'];
const EVAL_OPERATOR_KEYWORDS = ['AND', 'OR', 'XOR', 'LIKE', 'IN', 'NOT'];
const EVAL_WORD_OPERATORS = /^(and|or|xor|not|like|in)$/i;

const isWord = (t: ScanTok | undefined, re: RegExp): boolean => !!t && t.kind === 'word' && re.test(t.text);
const isCompareOp = (t: ScanTok | undefined): boolean => !!t && t.kind === 'op' && /^(=|==|!=|<|<=|>|>=)$/.test(t.text);

class Env {
  readonly scan: CursorScan;
  private fieldCache?: CompletionEntry[];

  constructor(
    readonly text: string,
    readonly offset: number,
    readonly model: DocumentModel,
    readonly ctx: CompletionContext,
    private readonly pipeline: () => Pipeline,
  ) {
    this.scan = scanCursor(text, offset);
  }

  get registry() {
    return this.ctx.dataModels ?? defaultDataModels();
  }

  /** Fields known at the cursor: produced earlier in the pipeline, then the data sources' fields. */
  fields(): CompletionEntry[] {
    if (!this.fieldCache) {
      let produced: string[] = [];
      try {
        produced = pipelineFields(this.pipeline(), this.scan.wordStart, this.ctx);
      } catch {
        produced = [];
      }
      this.fieldCache = fieldEntries(produced, dataSourceFields(this.model, this.ctx));
    }
    return this.fieldCache;
  }

  complete(): CompletionEntry[] | undefined {
    const s = this.scan;
    if (s.state === 'comment' || s.state === 'string') return undefined;
    if (s.state === 'macro') {
      const inArgs = this.text.slice(s.macroStart ?? 0, this.offset).includes('(');
      return inArgs ? this.fields() : macroEntries(this.model, this.ctx);
    }
    const before = this.text.slice(s.segStart, s.wordStart);
    if (s.segKind !== 'start' && !s.command && /^\s*$/.test(before)) return commandEntries();
    if (/\bdatamodel\s*[=:]\s*"?$/i.test(this.text.slice(Math.max(s.segStart, s.wordStart - 40), s.wordStart))) {
      return dataModelEntries(this.registry);
    }
    const name = s.command?.name ?? 'search';
    const info = findCommand(name);
    if (name === 'inputlookup' || name === 'outputlookup') return this.inputlookup(name);
    if (name === 'from') return s.tokens.length ? this.fields() : keywordEntries(['datamodel:'], 0);
    switch (info?.family) {
      case 'search':
        return this.searchClause(() => this.fields(), []);
      case 'where':
        return this.evalExpression(s.tokens, () => this.fields());
      case 'eval':
        return this.evalCommand();
      case 'stats':
        return this.stats(name);
      case 'rename':
        return this.rename();
      case 'lookup':
        return this.lookup();
      case 'fields':
      case 'sort':
      case 'foreach':
        return this.fieldsAndOptions(name);
      case 'rex':
      case 'regex':
        return this.optionValueOr(() => optionEntries(name));
      default:
        return this.fieldsAndOptions(name);
    }
  }

  private prev(): ScanTok | undefined {
    return this.scan.tokens[this.scan.tokens.length - 1];
  }

  /** After `key=`: fields for field-valued options, nothing for other values; otherwise `orElse()`. */
  private optionValueOr(orElse: () => CompletionEntry[] | undefined): CompletionEntry[] | undefined {
    const toks = this.scan.tokens;
    const prev = this.prev();
    if (prev?.kind === 'op' && prev.text === '=' && prev.depth === 0) {
      const key = toks[toks.length - 2];
      return key && /^(field|input|output|sortby)$/i.test(key.text) ? this.fields() : undefined;
    }
    return orElse();
  }

  private fieldsAndOptions(command: string): CompletionEntry[] | undefined {
    return this.optionValueOr(() => [...this.fields(), ...optionEntries(command)]);
  }

  /** Search-clause position (search, tstats where, inputlookup where). */
  private searchClause(fields: () => CompletionEntry[], extraKeywords: string[]): CompletionEntry[] | undefined {
    const s = this.scan;
    const prev = this.prev();
    if (isCompareOp(prev)) return undefined; // a value
    const open = s.openParens[s.openParens.length - 1];
    if (open !== undefined && isWord(s.tokens[open - 1], /^in$/i)) return undefined; // IN (values)
    return [...fields(), ...keywordEntries([...SEARCH_KEYWORDS, ...extraKeywords])];
  }

  /** An eval-expression position; `toks` are the tokens of the expression so far. */
  private evalExpression(toks: ScanTok[], fields: () => CompletionEntry[]): CompletionEntry[] {
    const prev = toks[toks.length - 1];
    const operand =
      prev &&
      ((prev.kind === 'word' && !EVAL_WORD_OPERATORS.test(prev.text) && !/^[+\-*/%.]$/.test(prev.text)) ||
        prev.kind === 'string' || prev.kind === 'qfield' || prev.kind === 'rparen');
    if (operand) return keywordEntries(EVAL_OPERATOR_KEYWORDS, 0);
    return [...evalFunctionEntries(), ...fields(), ...keywordEntries(['NOT'])];
  }

  /** `eval a=<expr>, b=<expr>`: a target name before `=`, an expression after. */
  private evalCommand(): CompletionEntry[] | undefined {
    const toks = this.scan.tokens;
    let from = 0;
    for (let i = 0; i < toks.length; i++) if (toks[i].kind === 'comma' && toks[i].depth === 0) from = i + 1;
    const part = toks.slice(from);
    const eq = part.findIndex((t) => t.kind === 'op' && t.text === '=' && t.depth === 0);
    if (eq < 0) return part.length ? undefined : this.fields();
    return this.evalExpression(part.slice(eq + 1), () => this.fields());
  }

  /** stats, eventstats, streamstats, tstats, mstats, timechart, chart. */
  private stats(name: string): CompletionEntry[] | undefined {
    const s = this.scan;
    const toks = s.tokens;
    const prev = this.prev();
    const segment = this.text.slice(s.segStart, s.wordStart) + ' ' + this.text.slice(s.wordEnd, segmentEnd(this.text, s.wordEnd));
    const dm = /\bdatamodel\s*[=:]\s*"?([A-Za-z0-9_.]+)/i.exec(segment)?.[1];
    const dmFields = dm ? dataModelFieldNames(this.registry, dm) : [];
    const fields = (): CompletionEntry[] =>
      dmFields.length ? [...plainFieldEntries(dmFields, `field of ${dm}`), ...plainFieldEntries(['_time'], 'event time', 1)] : this.fields();

    if (s.openParens.length) {
      const calls = s.openParens.map((i) => callNameBefore(toks, i));
      const evalAt = calls.indexOf('eval');
      if (evalAt >= 0) return this.evalExpression(toks.slice(s.openParens[evalAt] + 1), fields);
      return fields(); // the argument of an aggregation
    }
    if (prev?.kind === 'op') return undefined; // an option value (span=, summariesonly=, …)
    if (isWord(prev, /^as$/i)) return undefined; // a new name
    let last: string | undefined;
    for (const t of toks) if (t.depth === 0 && isWord(t, /^(by|where|from|over)$/i)) last = t.text.toLowerCase();
    if (last === 'by' || last === 'over') return fields();
    if (last === 'where') return this.searchClause(fields, ['IN', 'by']);
    if (last === 'from') return isWord(prev, /^from$/i) ? keywordEntries(['datamodel='], 0) : keywordEntries(['where', 'by'], 0);

    const isAggregation = (i: number) =>
      toks[i].depth === 0 && toks[i].kind === 'word' && !!findStatsFunction(toks[i].text) && !(toks[i + 1]?.kind === 'op');
    const written = toks.some((_, i) => isAggregation(i));
    const afterAggregation = prev && (prev.kind === 'rparen' || isAggregation(toks.length - 1));
    const keywords = [
      ...(written ? ['by'] : []),
      ...(afterAggregation ? ['as'] : []),
      ...(name === 'tstats' || name === 'mstats' ? ['from', 'where'] : []),
      ...(name === 'chart' && written ? ['over'] : []),
    ];
    return [...statsFunctionEntries(name), ...keywordEntries(keywords, 2), ...optionEntries(name)];
  }

  /** `rename a AS b, c AS d`. */
  private rename(): CompletionEntry[] | undefined {
    const n = this.scan.tokens.filter((t) => t.depth === 0 && (t.kind === 'word' || t.kind === 'string' || t.kind === 'qfield')).length;
    if (n % 3 === 0) return this.fields();
    if (n % 3 === 1) return keywordEntries(['AS'], 0);
    return undefined;
  }

  /** Tokens with `key=value` options removed. */
  private withoutOptions(): ScanTok[] {
    const toks = this.scan.tokens;
    const out: ScanTok[] = [];
    for (let i = 0; i < toks.length; i++) {
      if (toks[i].kind === 'word' && toks[i + 1]?.kind === 'op' && toks[i + 1].text === '=') {
        i += toks[i + 2] && toks[i + 2].kind !== 'op' ? 2 : 1;
        continue;
      }
      out.push(toks[i]);
    }
    return out;
  }

  /** `lookup [opts] <table> <field> [AS <field>], … [OUTPUT|OUTPUTNEW <field> [AS <field>], …]`. */
  private lookup(): CompletionEntry[] | undefined {
    const prev = this.prev();
    if (prev?.kind === 'op') return undefined;
    const toks = this.withoutOptions();
    const table = toks[0];
    if (!table) return [...lookupEntries(this.ctx), ...optionEntries('lookup')];
    let output = false;
    let inputs = 0;
    for (const t of toks.slice(1)) {
      if (isWord(t, /^(output|outputnew)$/i)) output = true;
      else if (!output && t.kind === 'word' && !/^as$/i.test(t.text)) inputs++;
    }
    const last = toks[toks.length - 1];
    if (isWord(last, /^as$/i)) return output ? undefined : this.fields();
    const columns = lookupColumns(this.ctx, table.text);
    const items = columns ? plainFieldEntries(columns, `column of ${table.text}`) : this.fields();
    const afterField = last !== table && last.kind === 'word' && !/^(output|outputnew)$/i.test(last.text);
    const keywords = [...(afterField ? ['AS'] : []), ...(!output && inputs > 0 ? ['OUTPUT', 'OUTPUTNEW'] : [])];
    return [...items, ...keywordEntries(keywords, 1)];
  }

  /** `inputlookup <table> [where <clause>]`, `outputlookup <table>`. */
  private inputlookup(name: string): CompletionEntry[] | undefined {
    if (this.prev()?.kind === 'op') return undefined;
    const toks = this.withoutOptions();
    const table = toks[0];
    if (!table) return [...lookupEntries(this.ctx), ...optionEntries(name)];
    if (name === 'outputlookup') return undefined;
    const columns = lookupColumns(this.ctx, table.text) ?? [];
    if (toks.some((t) => isWord(t, /^where$/i))) {
      return this.searchClause(() => plainFieldEntries(columns, `column of ${table.text}`), []);
    }
    return keywordEntries(['where'], 0);
  }
}
