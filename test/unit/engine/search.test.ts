import * as assert from 'assert';
import fc from 'fast-check';
import type { CompareOp, SearchExpr, SearchValue } from '../../../server/src/spl/ast';
import { parseSearchClause } from '../../../server/src/spl/parse';
import { compileSearch, formatRows } from '../../../server/src/engine/search/compile';
import { rawMatcher } from '../../../server/src/engine/search/match';
import { requiredTerms } from '../../../server/src/engine/search/requiredTerms';
import { newRow, type Row } from '../../../server/src/engine/types';

const R = { start: 0, end: 0 };
const sv = (text: string): SearchValue => ({ range: R, raw: text, text, quoted: false, hasWildcard: text.includes('*') });
const row = (o: Record<string, string | string[]>): Row => Object.assign(newRow(), o);
const clause = (t: string) => { const p = parseSearchClause(t); assert.deepStrictEqual(p.errors, [], t); return p.expr; };

describe('search clause compiler', () => {
  it('raw term boundaries follow breakers', () => {
    const m = rawMatcher('admin', { phrase: false, term: false });
    assert.ok(m('user=Admin;'));
    assert.ok(m('x_admin_y'));
    assert.ok(!m('administrator'));
    const t = rawMatcher('a.b', { phrase: false, term: true });
    assert.ok(t('x a.b y'));
    assert.ok(!t('x=a.b y'));
  });
  it('formatRows renders subsearch rows like the format command', () => {
    const e = formatRows([row({ user: 'a', host: ['h1', 'h2'], _time: '1' }), row({ user: 'b' })], R);
    const c = compileSearch(e);
    assert.ok(c.ok);
    if (!c.ok) return;
    assert.ok(c.fn(row({ user: 'A', host: 'h2' })));
    assert.ok(!c.fn(row({ user: 'a', host: 'h3' })));
    assert.ok(c.fn(row({ user: 'b' })));
    const empty = compileSearch(formatRows([], R));
    assert.ok(empty.ok && !empty.fn(row({ user: 'a' })));
  });
  it('reports a macro left in the clause', () => {
    const c = compileSearch({ kind: 'macro', range: { start: 3, end: 9 }, name: 'x', nameRange: R, args: [] });
    assert.ok(!c.ok && c.error.range?.start === 3);
  });
  it('requiredTerms: only sound terms', () => {
    assert.deepStrictEqual(requiredTerms(clause('powershell "-enc" user=bob')), ['-enc', 'powershell']);
    assert.deepStrictEqual(requiredTerms(clause('user=bob'), (f) => f === 'user'), ['bob']);
    assert.deepStrictEqual(requiredTerms(clause('user=bob'), () => false), []);
    assert.deepStrictEqual(requiredTerms(clause('cmd.exe OR powershell')), []);
    assert.deepStrictEqual(requiredTerms(clause('(foo bar) OR (foo baz)')), ['foo']);
    assert.deepStrictEqual(requiredTerms(clause('NOT foo')), []);
    assert.deepStrictEqual(requiredTerms(clause('process=*mimikatz*'), () => true), ['mimikatz']);
    assert.deepStrictEqual(requiredTerms(clause('EventCode=4688 dest_ip=10.0.0.0/8'), () => true), []);
  });
});

// ---- property test: the compiled predicate agrees with a direct reference evaluator.

function glob(p: string, s: string): boolean {
  if (p === '') return s === '';
  if (p[0] === '*') {
    for (let i = 0; i <= s.length; i++) if (glob(p.slice(1), s.slice(i))) return true;
    return false;
  }
  return s.length > 0 && p[0].toLowerCase() === s[0].toLowerCase() && glob(p.slice(1), s.slice(1));
}
const isNum = (s: string) => /^-?\d+(\.\d+)?$/.test(s);
function refMatch(v: string, p: string): boolean {
  if (p.includes('*')) return glob(p, v);
  if (isNum(p) && isNum(v)) return Number(p) === Number(v);
  return v.toLowerCase() === p.toLowerCase();
}
function refOrder(op: CompareOp, v: string, p: string): boolean {
  const c = isNum(v) && isNum(p) ? Number(v) - Number(p) : v.toLowerCase() < p.toLowerCase() ? -1 : v.toLowerCase() > p.toLowerCase() ? 1 : 0;
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
}
function vals(r: Row, f: string): string[] {
  const v = r[f];
  return v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
}
function ref(e: SearchExpr, r: Row): boolean {
  switch (e.kind) {
    case 'and': return e.items.every((i) => ref(i, r));
    case 'or': return e.items.some((i) => ref(i, r));
    case 'not': return !ref(e.item, r);
    case 'compare': {
      const vs = vals(r, e.field);
      if (e.op === '=') return vs.some((v) => refMatch(v, e.value.text));
      if (e.op === '!=') return vs.length > 0 && !vs.some((v) => refMatch(v, e.value.text));
      return vs.some((v) => refOrder(e.op, v, e.value.text));
    }
    case 'in': return vals(r, e.field).some((v) => e.values.some((p) => refMatch(v, p.text)));
    default: throw new Error('unexpected');
  }
}

const FIELDS = ['a', 'b', 'c'];
const VALUES = ['x', 'X', 'xy', 'Xy', '1', '01', '10', '2', '', 'y x'];
const PATTERNS = ['x', 'X*', '*y', '1', '10', '2', '*', 'xy', '*x*', 'y x', '01'];
const arbValue = fc.oneof(fc.constantFrom(...VALUES), fc.array(fc.constantFrom(...VALUES), { minLength: 2, maxLength: 3 }));
const arbRow = fc.dictionary(fc.constantFrom(...FIELDS), arbValue).map((o) => Object.assign(newRow(), o) as Row);
const arbLeaf: fc.Arbitrary<SearchExpr> = fc.oneof(
  fc.record({ field: fc.constantFrom(...FIELDS), op: fc.constantFrom<CompareOp>('=', '!=', '<', '<=', '>', '>='), p: fc.constantFrom(...PATTERNS) })
    .map(({ field, op, p }) => ({ kind: 'compare', range: R, field, fieldRange: R, op, value: sv(p) }) as SearchExpr),
  fc.record({ field: fc.constantFrom(...FIELDS), ps: fc.array(fc.constantFrom(...PATTERNS), { minLength: 1, maxLength: 3 }) })
    .map(({ field, ps }) => ({ kind: 'in', range: R, field, fieldRange: R, values: ps.map(sv) }) as SearchExpr),
);
const arbExpr: fc.Arbitrary<SearchExpr> = fc.letrec<{ e: SearchExpr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    arbLeaf,
    tie('e').map((item) => ({ kind: 'not', range: R, item }) as SearchExpr),
    fc.array(tie('e'), { minLength: 2, maxLength: 3 }).map((items) => ({ kind: 'and', range: R, items, explicit: true }) as SearchExpr),
    fc.array(tie('e'), { minLength: 2, maxLength: 3 }).map((items) => ({ kind: 'or', range: R, items }) as SearchExpr),
  ),
})).e;

describe('search clause property', () => {
  it('compiled predicate agrees with a direct reference evaluator on random events', () => {
    fc.assert(
      fc.property(arbExpr, fc.array(arbRow, { maxLength: 6 }), (expr, rows) => {
        const c = compileSearch(expr);
        if (!c.ok) return false;
        return rows.every((r) => c.fn(r) === ref(expr, r));
      }),
      { numRuns: 400 },
    );
  });
});
