// Search clauses: the leading search, `| search`, tstats/mstats `where`, eventtype searches.
// Splunk's precedence in search clauses is NOT > OR > AND, so `a b OR c` is `a AND (b OR c)`;
// juxtaposition is an implicit AND. Only the uppercase words AND, OR, NOT, IN are operators.

import type { MacroCall, SearchExpr, SearchValue } from './ast';
import { ERR, err, type ArgTok } from './tokenize';
import { MAX_DEPTH, macroCallNode, subsearchNode, type ParseCtx } from './parseContext';

export function searchValue(t: ArgTok): SearchValue {
  return {
    range: { start: t.start, end: t.end },
    raw: t.raw,
    text: t.value,
    quoted: t.quoted,
    hasWildcard: t.value.includes('*'),
  };
}

const isWord = (t: ArgTok | undefined, w: string): boolean => !!t && t.kind === 'word' && !t.quoted && t.raw === w;

export class SearchParser {
  i: number;
  private depth = 0;

  constructor(
    private readonly ctx: ParseCtx,
    private readonly toks: ArgTok[],
    from = 0,
    private readonly to = toks.length,
  ) {
    this.i = from;
  }

  private peek(k = 0): ArgTok | undefined {
    return this.i + k < this.to ? this.toks[this.i + k] : undefined;
  }

  /** The whole clause (AND of its items); undefined when empty. */
  parseClause(): SearchExpr | undefined {
    return this.parseAnd(false);
  }

  private parseAnd(inParens: boolean): SearchExpr | undefined {
    const items: SearchExpr[] = [];
    let explicit = false;
    while (this.i < this.to) {
      const t = this.peek()!;
      if (t.kind === 'rparen') {
        if (inParens) break;
        this.i++; // stray ")" — reported by the paren check
        continue;
      }
      if (t.kind === 'comma') {
        this.i++;
        continue;
      }
      if (isWord(t, 'AND')) {
        explicit = true;
        this.i++;
        if (items.length === 0 || !this.peek() || this.peek()!.kind === 'rparen' || isWord(this.peek(), 'AND')) {
          this.ctx.errors.push(err(ERR.expectedExpr, 'AND needs a search term on both sides', t.start, t.end));
        }
        continue;
      }
      items.push(this.parseOr());
    }
    if (items.length === 0) return undefined;
    if (items.length === 1 && !explicit) return items[0];
    return {
      kind: 'and',
      range: { start: items[0].range.start, end: items[items.length - 1].range.end },
      items,
      explicit,
    };
  }

  private parseOr(): SearchExpr {
    const first = this.parseNot();
    const items = [first];
    while (isWord(this.peek(), 'OR')) {
      const orTok = this.peek()!;
      this.i++;
      const n = this.peek();
      if (!n || n.kind === 'rparen' || isWord(n, 'OR') || isWord(n, 'AND')) {
        this.ctx.errors.push(err(ERR.expectedExpr, 'OR needs a search term on both sides', orTok.start, orTok.end));
        break;
      }
      items.push(this.parseNot());
    }
    if (items.length === 1) return first;
    return { kind: 'or', range: { start: first.range.start, end: items[items.length - 1].range.end }, items };
  }

  private parseNot(): SearchExpr {
    const t = this.peek();
    if (t && isWord(t, 'NOT') && !(this.peek(1)?.kind === 'op')) {
      this.i++;
      const n = this.peek();
      if (!n || n.kind === 'rparen' || isWord(n, 'OR') || isWord(n, 'AND')) {
        this.ctx.errors.push(err(ERR.expectedExpr, 'NOT needs a search term after it', t.start, t.end));
        return { kind: 'error', range: { start: t.start, end: t.end } };
      }
      this.depth++;
      try {
        if (this.depth > MAX_DEPTH) return this.tooDeep(t);
        const item = this.parseNot();
        return { kind: 'not', range: { start: t.start, end: item.range.end }, item };
      } finally {
        this.depth--;
      }
    }
    return this.parsePrimary();
  }

  private tooDeep(t: ArgTok): SearchExpr {
    this.ctx.errors.push(err(ERR.tooDeep, 'Search clause nested too deeply', t.start, t.end));
    this.i = this.to;
    return { kind: 'error', range: { start: t.start, end: t.end } };
  }

  private parsePrimary(): SearchExpr {
    const t = this.peek()!;
    switch (t.kind) {
      case 'lparen': {
        this.i++;
        this.depth++;
        try {
          if (this.depth > MAX_DEPTH) return this.tooDeep(t);
          const inner = this.parseAnd(true);
          const close = this.peek();
          let end = inner ? inner.range.end : t.end;
          if (close && close.kind === 'rparen') {
            this.i++;
            end = close.end;
          }
          if (!inner) {
            const prev = this.toks[this.i - 3];
            const looksLikeCall = prev && prev.kind === 'word' && prev.end === t.start;
            const message = looksLikeCall
              ? `Empty parentheses in a search clause: the search command does not call functions, so "${prev.raw}()" is not a value here — compare with an expression in "| where" instead`
              : 'Empty parentheses in a search clause';
            this.ctx.errors.push(err(ERR.expectedExpr, message, t.start, end));
            return { kind: 'error', range: { start: t.start, end } };
          }
          return inner;
        } finally {
          this.depth--;
        }
      }
      case 'sub':
        this.i++;
        return subsearchNode(this.ctx, t.start, t.end);
      case 'macro': {
        this.i++;
        return macroCallNode(this.ctx, t.start, t.end) ?? { kind: 'error', range: { start: t.start, end: t.end } };
      }
      case 'word':
      case 'string':
        return this.parseWordItem(t);
      case 'op': {
        this.i++;
        const v = this.peek();
        if (v && (v.kind === 'word' || v.kind === 'string')) this.i++;
        const end = v && (v.kind === 'word' || v.kind === 'string') ? v.end : t.end;
        this.ctx.errors.push(err(ERR.expectedField, `"${t.raw}" needs a field name before it`, t.start, t.end));
        return { kind: 'error', range: { start: t.start, end } };
      }
      default:
        this.i++;
        return { kind: 'error', range: { start: t.start, end: t.end } };
    }
  }

  private parseWordItem(t: ArgTok): SearchExpr {
    const next = this.peek(1);
    // TERM(x) / CASE(x) directives
    if (t.kind === 'word' && !t.quoted && /^(TERM|CASE)$/.test(t.raw) && next && next.kind === 'lparen' && !next.spaceBefore) {
      let j = this.i + 2;
      while (j < this.to && this.toks[j].kind !== 'rparen') j++;
      const close = j < this.to ? this.toks[j] : undefined;
      const innerToks = this.toks.slice(this.i + 2, j);
      this.i = close ? j + 1 : j;
      const end = close ? close.end : innerToks.length ? innerToks[innerToks.length - 1].end : next.end;
      if (innerToks.length === 0) {
        this.ctx.errors.push(err(ERR.expectedValue, `${t.raw}() needs a value`, t.start, end));
        return { kind: 'error', range: { start: t.start, end } };
      }
      const first = innerToks[0];
      const last = innerToks[innerToks.length - 1];
      const raw = this.ctx.src.slice(first.start, last.end);
      const value: SearchValue = {
        range: { start: first.start, end: last.end },
        raw,
        text: innerToks.map((x) => x.value).join(''),
        quoted: innerToks.some((x) => x.quoted),
        hasWildcard: raw.includes('*'),
      };
      return { kind: 'term', range: { start: t.start, end }, value, term: t.raw === 'TERM' };
    }
    if (next && next.kind === 'op') {
      this.i += 2;
      const v = this.peek();
      const op = next.raw === '==' ? '=' : (next.raw as '=' | '!=' | '<' | '<=' | '>' | '>=');
      if (next.raw === '==') {
        this.ctx.errors.push(err(ERR.unexpected, 'Use "=" in a search clause ("==" belongs to eval/where)', next.start, next.end));
      }
      if (v && v.kind === 'macro') {
        this.i++;
        const m = macroCallNode(this.ctx, v.start, v.end);
        const node: SearchExpr = {
          kind: 'compare',
          range: { start: t.start, end: v.end },
          field: t.value,
          fieldRange: { start: t.start, end: t.end },
          op,
          value: { range: { start: v.start, end: v.end }, raw: v.raw, text: v.raw, quoted: false, hasWildcard: false },
        };
        if (m) node.valueMacro = m;
        return node;
      }
      if (!v || (v.kind !== 'word' && v.kind !== 'string')) {
        this.ctx.errors.push(err(ERR.expectedValue, `Expected a value after "${t.raw}${next.raw}"`, next.start, next.end));
        return { kind: 'error', range: { start: t.start, end: next.end } };
      }
      this.i++;
      return {
        kind: 'compare',
        range: { start: t.start, end: v.end },
        field: t.value,
        fieldRange: { start: t.start, end: t.end },
        op,
        value: searchValue(v),
      };
    }
    if (isWord(next, 'IN') && this.peek(2)?.kind === 'lparen') {
      const open = this.peek(2)!;
      this.i += 3;
      const values: SearchValue[] = [];
      const macros: MacroCall[] = [];
      let end = open.end;
      while (this.i < this.to) {
        const v = this.peek()!;
        if (v.kind === 'rparen') {
          this.i++;
          end = v.end;
          break;
        }
        this.i++;
        end = v.end;
        if (v.kind === 'comma') continue;
        if (v.kind === 'word' || v.kind === 'string') values.push(searchValue(v));
        else if (v.kind === 'macro') {
          const m = macroCallNode(this.ctx, v.start, v.end);
          if (m) macros.push(m);
        }
        else this.ctx.errors.push(err(ERR.unexpected, `Unexpected "${v.raw}" in an IN list`, v.start, v.end));
      }
      if (values.length === 0 && macros.length === 0) this.ctx.errors.push(err(ERR.expectedValue, 'IN needs at least one value', t.start, end));
      const node: SearchExpr = { kind: 'in', range: { start: t.start, end }, field: t.value, fieldRange: { start: t.start, end: t.end }, values };
      if (macros.length) node.macros = macros;
      return node;
    }
    this.i++;
    return { kind: 'term', range: { start: t.start, end: t.end }, value: searchValue(t), term: false };
  }
}
