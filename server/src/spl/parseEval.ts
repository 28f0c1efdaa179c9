// Eval expressions (eval, where, fieldformat, stats `eval(...)`, props.conf `EVAL-`).
// Precedence, loosest first: OR, XOR, AND, NOT, comparison (= == != < <= > >= LIKE, IN),
// + - . (concatenation), * / %, unary - +. Keywords and function names are case-insensitive.

import type { BinaryOp, EvalExpr, MacroCall } from './ast';
import { ERR, err, type EvalTok } from './tokenize';
import { MAX_DEPTH, macroCallNode, subsearchNode, type ParseCtx } from './parseContext';

const CMP: Record<string, BinaryOp> = { '=': '=', '==': '==', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

export class EvalParser {
  i: number;
  private depth = 0;

  constructor(
    private readonly ctx: ParseCtx,
    private readonly toks: EvalTok[],
    from = 0,
    private readonly to = toks.length,
  ) {
    this.i = from;
  }

  peek(k = 0): EvalTok | undefined {
    return this.i + k < this.to ? this.toks[this.i + k] : undefined;
  }

  private kw(t: EvalTok | undefined, word: string): boolean {
    return !!t && t.kind === 'ident' && t.raw.length === word.length && t.raw.toUpperCase() === word;
  }

  private endOffset(): number {
    const t = this.peek();
    if (t) return t.start;
    const last = this.toks[this.to - 1];
    return last ? last.end : 0;
  }

  private missing(what: string): EvalExpr {
    const t = this.peek();
    const at = this.endOffset();
    this.ctx.errors.push(
      err(ERR.expectedExpr, `Expected ${what}${t ? ` but found "${t.raw}"` : ''}`, at, t ? t.end : at),
    );
    return { kind: 'error', range: { start: at, end: t ? t.end : at } };
  }

  /** Parse one expression; stops before a token it cannot continue with (`,`, `)`, extra words). */
  parseExpr(): EvalExpr {
    if (this.depth > MAX_DEPTH) {
      const at = this.endOffset();
      this.ctx.errors.push(err(ERR.tooDeep, 'Expression nested too deeply', at, at));
      this.i = this.to;
      return { kind: 'error', range: { start: at, end: at } };
    }
    this.depth++;
    try {
      return this.parseBinaryLevel(0);
    } finally {
      this.depth--;
    }
  }

  private static readonly LEVELS: string[][] = [['OR'], ['XOR'], ['AND']];

  private parseBinaryLevel(level: number): EvalExpr {
    if (level >= EvalParser.LEVELS.length) return this.parseNot();
    let left = this.parseBinaryLevel(level + 1);
    for (;;) {
      const t = this.peek();
      const op = EvalParser.LEVELS[level].find((w) => this.kw(t, w));
      if (!op) return left;
      this.i++;
      const right = this.parseBinaryLevel(level + 1);
      left = { kind: 'binary', range: { start: left.range.start, end: right.range.end }, op: op as BinaryOp, left, right };
    }
  }

  private parseNot(): EvalExpr {
    const t = this.peek();
    if (t && this.kw(t, 'NOT') && !(this.peek(1)?.kind === 'op' && /^[=!<>]/.test(this.peek(1)!.raw))) {
      this.i++;
      const operand = this.parseNot();
      return { kind: 'unary', range: { start: t.start, end: operand.range.end }, op: 'NOT', operand };
    }
    if (t && t.kind === 'op' && t.raw === '!') {
      this.i++;
      const operand = this.parseNot();
      return { kind: 'unary', range: { start: t.start, end: operand.range.end }, op: 'NOT', operand };
    }
    return this.parseCompare();
  }

  private parseCompare(): EvalExpr {
    let left = this.parseAdditive();
    for (;;) {
      const t = this.peek();
      if (!t) return left;
      if (t.kind === 'op' && CMP[t.raw]) {
        this.i++;
        const right = this.parseAdditive();
        left = { kind: 'binary', range: { start: left.range.start, end: right.range.end }, op: CMP[t.raw], left, right };
        continue;
      }
      if (this.kw(t, 'LIKE')) {
        this.i++;
        const right = this.parseAdditive();
        left = { kind: 'binary', range: { start: left.range.start, end: right.range.end }, op: 'LIKE', left, right };
        continue;
      }
      const negated = this.kw(t, 'NOT') && this.kw(this.peek(1), 'IN');
      if (this.kw(t, 'IN') || negated) {
        this.i += negated ? 2 : 1;
        const open = this.peek();
        if (!open || open.kind !== 'lparen') {
          this.missing('"(" after IN');
          return left;
        }
        this.i++;
        const values = this.parseArgs();
        const close = this.toks[this.i - 1];
        left = {
          kind: 'in',
          range: { start: left.range.start, end: close ? close.end : open.end },
          operand: left,
          values,
          negated,
        };
        continue;
      }
      return left;
    }
  }

  private parseAdditive(): EvalExpr {
    let left = this.parseMultiplicative();
    for (;;) {
      const t = this.peek();
      if (!t || t.kind !== 'op' || (t.raw !== '+' && t.raw !== '-' && t.raw !== '.')) return left;
      this.i++;
      const right = this.parseMultiplicative();
      left = { kind: 'binary', range: { start: left.range.start, end: right.range.end }, op: t.raw as BinaryOp, left, right };
    }
  }

  private parseMultiplicative(): EvalExpr {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (!t || t.kind !== 'op' || (t.raw !== '*' && t.raw !== '/' && t.raw !== '%')) return left;
      this.i++;
      const right = this.parseUnary();
      left = { kind: 'binary', range: { start: left.range.start, end: right.range.end }, op: t.raw as BinaryOp, left, right };
    }
  }

  private parseUnary(): EvalExpr {
    const t = this.peek();
    if (t && t.kind === 'op' && (t.raw === '-' || t.raw === '+')) {
      this.i++;
      this.depth++;
      try {
        if (this.depth > MAX_DEPTH) return this.missing('an operand (nested too deeply)');
        const operand = this.parseUnary();
        return { kind: 'unary', range: { start: t.start, end: operand.range.end }, op: t.raw as '-' | '+', operand };
      } finally {
        this.depth--;
      }
    }
    return this.parsePrimary();
  }

  /** Arguments after an already consumed `(`, up to and including `)`. */
  private parseArgs(): EvalExpr[] {
    const args: EvalExpr[] = [];
    const first = this.peek();
    if (first && first.kind === 'rparen') {
      this.i++;
      return args;
    }
    for (;;) {
      const t = this.peek();
      if (!t) return args; // unbalanced "(" is reported by the paren check
      args.push(this.parseExpr());
      const n = this.peek();
      if (!n) return args;
      if (n.kind === 'comma') {
        this.i++;
        continue;
      }
      if (n.kind === 'rparen') {
        this.i++;
        return args;
      }
      this.ctx.errors.push(err(ERR.unexpected, `Expected "," or ")" but found "${n.raw}"`, n.start, n.end));
      this.skipToCloser();
      return args;
    }
  }

  private skipToCloser(): void {
    let depth = 0;
    while (this.i < this.to) {
      const t = this.toks[this.i++];
      if (t.kind === 'lparen') depth++;
      else if (t.kind === 'rparen') {
        if (depth === 0) return;
        depth--;
      }
    }
  }

  private parsePrimary(): EvalExpr {
    const t = this.peek();
    if (!t) return this.missing('an expression');
    switch (t.kind) {
      case 'num':
        this.i++;
        return { kind: 'number', range: { start: t.start, end: t.end }, value: Number(t.raw), raw: t.raw };
      case 'str':
        this.i++;
        return { kind: 'string', range: { start: t.start, end: t.end }, value: t.value };
      case 'qfield':
        this.i++;
        return { kind: 'field', range: { start: t.start, end: t.end }, name: t.value };
      case 'macro': {
        this.i++;
        const m: MacroCall | undefined = macroCallNode(this.ctx, t.start, t.end);
        return m ?? { kind: 'error', range: { start: t.start, end: t.end } };
      }
      case 'sub': {
        this.i++;
        subsearchNode(this.ctx, t.start, t.end);
        return { kind: 'error', range: { start: t.start, end: t.end } };
      }
      case 'lparen': {
        this.i++;
        this.depth++;
        let inner: EvalExpr;
        try {
          inner = this.depth > MAX_DEPTH ? this.missing('an expression (nested too deeply)') : this.parseExpr();
        } finally {
          this.depth--;
        }
        const close = this.peek();
        if (close && close.kind === 'rparen') {
          this.i++;
          return { ...inner, range: inner.range } as EvalExpr;
        }
        if (close) {
          this.ctx.errors.push(err(ERR.unexpected, `Expected ")" but found "${close.raw}"`, close.start, close.end));
          this.skipToCloser();
        }
        return inner;
      }
      case 'ident': {
        const next = this.peek(1);
        if (next && next.kind === 'lparen') {
          this.i += 2;
          const args = this.parseArgs();
          const close = this.toks[this.i - 1];
          return {
            kind: 'call',
            range: { start: t.start, end: Math.max(close ? close.end : next.end, next.end) },
            name: t.raw.toLowerCase(),
            nameRange: { start: t.start, end: t.end },
            args,
          };
        }
        this.i++;
        return { kind: 'field', range: { start: t.start, end: t.end }, name: t.raw };
      }
      default:
        return this.missing('an expression');
    }
  }
}

/** Report tokens left after a complete expression. */
export function reportTrailing(ctx: ParseCtx, p: EvalParser, to: number, toks: EvalTok[]): void {
  if (p.i < to) {
    const t = toks[p.i];
    const last = toks[to - 1];
    ctx.errors.push(err(ERR.unexpected, `Unexpected "${t.raw}" after the expression`, t.start, last.end));
  }
}
