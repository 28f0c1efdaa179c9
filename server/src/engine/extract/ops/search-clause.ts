// A small evaluator for the search strings of eventtypes.conf: `field=value` (wildcards,
// case-insensitive values), `!=`, `<`/`>`, `field IN (…)`, bare terms and quoted phrases matched
// against _raw, AND/OR/NOT with search precedence (NOT, then OR, then AND), parentheses.

import { EngineMessage, Row } from '../../types';
import { valuesOf } from '../row-fields';

export type RowPredicate = (row: Row) => boolean;

/** Compiles a search clause into a predicate, or returns a message. Injectable for a full SPL engine. */
export interface SearchClauseCompiler {
  compile(search: string): RowPredicate | EngineMessage;
  /**
   * Optional: the search's conditions on `source`, `sourcetype` and `host` alone (a predicate that
   * reads only those fields and that every row matching the search passes), or undefined when it
   * has none. Lets the tagger skip, for the rows of one input, eventtypes written for other inputs.
   */
  metadataCondition?(search: string): RowPredicate | undefined;
}

type Tok = { t: 'word' | 'str' | 'op' | 'lp' | 'rp' | 'comma'; v: string };

function tokenize(s: string): Tok[] | string {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(') { out.push({ t: 'lp', v: c }); i++; continue; }
    if (c === ')') { out.push({ t: 'rp', v: c }); i++; continue; }
    if (c === ',') { out.push({ t: 'comma', v: c }); i++; continue; }
    if (c === '`') return 'macros are not supported in eventtype searches';
    if (c === '"') {
      let j = i + 1;
      let v = '';
      while (j < s.length && s[j] !== '"') {
        if (s[j] === '\\' && j + 1 < s.length) { v += s[j + 1]; j += 2; continue; }
        v += s[j++];
      }
      if (j >= s.length) return 'unterminated quoted string';
      out.push({ t: 'str', v });
      i = j + 1;
      continue;
    }
    const op = /^(!=|<=|>=|=|<|>)/.exec(s.slice(i));
    if (op) { out.push({ t: 'op', v: op[1] }); i += op[1].length; continue; }
    let j = i;
    while (j < s.length && !/[\s()=!<>,"]/.test(s[j])) j++;
    if (j === i) return `unexpected character '${c}'`;
    out.push({ t: 'word', v: s.slice(i, j) });
    i = j;
  }
  return out;
}

function wildcardRegex(pattern: string): RegExp {
  const src = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
  return new RegExp(`^${src}$`, 'is');
}

function compare(a: string, op: string, b: string): boolean {
  const na = Number(a), nb = Number(b);
  const num = a.trim() !== '' && b.trim() !== '' && !Number.isNaN(na) && !Number.isNaN(nb);
  const x: number | string = num ? na : a.toLowerCase();
  const y: number | string = num ? nb : b.toLowerCase();
  switch (op) {
    case '<': return x < y;
    case '>': return x > y;
    case '<=': return x <= y;
    default: return x >= y;
  }
}

function fieldTest(field: string, op: string, value: string): RowPredicate {
  if (op === '=' || op === '!=') {
    const re = value.includes('*') ? wildcardRegex(value) : undefined;
    const lower = value.toLowerCase();
    const one = (v: string | number): boolean => {
      if (re) return re.test(String(v));
      const s = typeof v === 'string' ? v : String(v);
      return s.length === lower.length && (s === value || s.toLowerCase() === lower);
    };
    if (op === '=') {
      return (row) => {
        const v = row[field];
        if (v === undefined) return false;
        return Array.isArray(v) ? v.some(one) : one(v);
      };
    }
    return (row) => {
      const vs = valuesOf(row[field]);
      return vs.length > 0 && !vs.some(one);
    };
  }
  return (row) => valuesOf(row[field]).some((v) => compare(String(v), op, value));
}

function rawTerm(term: string): RowPredicate {
  const re = new RegExp(term.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*'), 'is');
  return (row) => re.test(String(row._raw ?? ''));
}

class Parser {
  i = 0;
  constructor(readonly toks: Tok[]) {}
  peek(): Tok | undefined { return this.toks[this.i]; }
  isKw(kw: string): boolean { const t = this.peek(); return t?.t === 'word' && t.v === kw; }

  and(): RowPredicate {
    const parts: RowPredicate[] = [];
    while (this.peek() && this.peek()!.t !== 'rp') {
      if (this.isKw('AND')) { this.i++; continue; }
      parts.push(this.or());
    }
    if (parts.length === 0) throw new Error('empty expression');
    return parts.length === 1 ? parts[0] : (row) => parts.every((p) => p(row));
  }

  or(): RowPredicate {
    const parts = [this.not()];
    while (this.isKw('OR')) { this.i++; parts.push(this.not()); }
    return parts.length === 1 ? parts[0] : (row) => parts.some((p) => p(row));
  }

  not(): RowPredicate {
    if (this.isKw('NOT')) { this.i++; const p = this.not(); return (row) => !p(row); }
    return this.primary();
  }

  primary(): RowPredicate {
    const t = this.toks[this.i++];
    if (!t) throw new Error('unexpected end of search');
    if (t.t === 'lp') {
      const p = this.and();
      if (this.toks[this.i++]?.t !== 'rp') throw new Error("missing ')'");
      return p;
    }
    if (t.t === 'str') return rawTerm(t.v);
    if (t.t !== 'word') throw new Error(`unexpected '${t.v}'`);
    const next = this.peek();
    if (next?.t === 'op') {
      this.i++;
      const v = this.toks[this.i++];
      if (!v || (v.t !== 'word' && v.t !== 'str')) throw new Error(`missing value after ${t.v}${next.v}`);
      return fieldTest(t.v, next.v, v.v);
    }
    if (next?.t === 'word' && next.v.toUpperCase() === 'IN' && this.toks[this.i + 1]?.t === 'lp') {
      this.i += 2;
      const tests: RowPredicate[] = [];
      while (this.peek() && this.peek()!.t !== 'rp') {
        const v = this.toks[this.i++];
        if (v.t === 'comma') continue;
        tests.push(fieldTest(t.v, '=', v.v));
      }
      this.i++;
      return (row) => tests.some((p) => p(row));
    }
    return rawTerm(t.v);
  }
}

/** The built-in compiler for eventtype searches. */
export const simpleSearchCompiler: SearchClauseCompiler = {
  compile(search: string): RowPredicate | EngineMessage {
    const toks = tokenize(search);
    if (typeof toks === 'string') return { severity: 'warning', message: `Eventtype search "${search}": ${toks}` };
    try {
      const p = new Parser(toks);
      const pred = p.and();
      if (p.i < toks.length) throw new Error(`unexpected '${toks[p.i].v}'`);
      return pred;
    } catch (e) {
      return { severity: 'warning', message: `Eventtype search "${search}": ${(e as Error).message}` };
    }
  },
};
