import { strict as assert } from 'assert';
import fc from 'fast-check';
import { parseEvalExpression, parseSearchClause, parseSpl } from '../../../server/src/spl/parse';
import { expandMacros } from '../../../server/src/spl/expand';
import { analyzeSpl } from '../../../server/src/spl/diagnostics';
import { outputFieldsOf } from '../../../server/src/spl/outputFields';
import type { Range } from '../../../server/src/spl/ast';

/** Every object with a `{start, end}` range somewhere in the tree. */
function ranges(node: unknown, out: Range[] = [], seen = new Set<unknown>()): Range[] {
  if (!node || typeof node !== 'object' || seen.has(node)) return out;
  seen.add(node);
  const o = node as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number') out.push(o as unknown as Range);
  for (const v of Object.values(o)) ranges(v, out, seen);
  return out;
}

const SEEDS = [
  '| tstats `security_content_summariesonly` count min(_time) as firstTime from datamodel=Endpoint.Processes where (Processes.process_name=cmd.exe OR Processes.original_file_name=Cmd.Exe) by Processes.dest _time span=1h | `drop_dm_object_name(Processes)`',
  '`sysmon` EventCode=1 Image="C:\\\\Windows\\\\*" NOT user IN ("a", b*) | stats count(eval(x>1)) as n by host | where n > 5 AND like(host, "%dc%")',
  'x | eval a=if(isnull(b), "c", mvindex(split(d, ","), 0)), e=\'f g\' . "h" ```c``` | rex field=a "(?<n>\\d+)" max_match=0',
  'x | join type=left u [search y [| inputlookup t | fields u] | stats dc(z) as z by u] | foreach * [eval <<FIELD>>=trim(<<FIELD>>)]',
  'x | lookup update=true t a AS b OUTPUTNEW c AS d | convert timeformat="%Y" ctime(t) | sort - count | rename "Web".* AS *',
];

const TOKENS = ['|', '[', ']', '(', ')', '"', "'", '`', '```', '\\', '=', '!=', '<=', ' AND ', ' OR ', ' NOT ', ' IN ', ',', ' by ', ' as ', 'eval ', 'stats ', 'where ', 'tstats ', 'x', '*', ' ', '\n', '$a$', 'count(', 'eval('];

const spl = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((a) => a.join('')),
  fc
    .tuple(fc.constantFrom(...SEEDS), fc.array(fc.tuple(fc.nat(), fc.nat(5), fc.constantFrom(...TOKENS, '')), { maxLength: 6 }))
    .map(([seed, edits]) => {
      let t = seed;
      for (const [pos, del, ins] of edits) {
        const p = pos % (t.length + 1);
        t = t.slice(0, p) + ins + t.slice(p + del);
      }
      return t;
    }),
);

describe('spl/fuzz', function () {
  this.timeout(60_000);

  it('parseSpl never throws, terminates, and every range lies within the text', () => {
    fc.assert(
      fc.property(spl, (text) => {
        const p = parseSpl(text);
        for (const r of ranges(p)) {
          assert.ok(r.start >= 0 && r.start <= r.end && r.end <= text.length, `${JSON.stringify(r)} outside ${text.length}: ${JSON.stringify(text)}`);
        }
        analyzeSpl(p, { macros: new Map([['m', [0]]]), lookups: new Set(['t']) });
        outputFieldsOf(p);
      }),
      { numRuns: 1500 },
    );
  });

  it('the clause and expression parsers never throw and keep ranges in bounds', () => {
    fc.assert(
      fc.property(spl, (text) => {
        for (const r of [parseSearchClause(text), parseEvalExpression(text)]) {
          for (const x of ranges(r)) assert.ok(x.start >= 0 && x.start <= x.end && x.end <= text.length);
        }
      }),
      { numRuns: 800 },
    );
  });

  it('expansion never throws and its source map stays within the original text', () => {
    const defs: Record<string, string> = { a: '`b` x', b: 'y `a`', c: '| eval z=$v$', d: '`c(1)` `c(2)`' };
    fc.assert(
      fc.property(spl, (text) => {
        const x = expandMacros(text, (name, n) => (name in defs ? { name, args: n === 1 ? ['v'] : [], definition: defs[name] } : undefined));
        for (let i = 0; i <= x.text.length; i += Math.max(1, Math.floor(x.text.length / 20))) {
          const o = x.map.toOriginal(i);
          assert.ok(o >= 0 && o <= text.length);
        }
        const r = x.map.toOriginalRange({ start: 0, end: x.text.length });
        assert.ok(r.start >= 0 && r.end <= text.length && r.start <= r.end);
      }),
      { numRuns: 800 },
    );
  });

  it('deep nesting is cut off with an error instead of overflowing the stack', () => {
    for (const t of ['('.repeat(5000), '['.repeat(3000) + ']'.repeat(3000), 'x | eval a=' + '('.repeat(5000) + '1', 'NOT '.repeat(3000) + 'a', 'x | where ' + '-'.repeat(5000) + '1']) {
      const p = parseSpl(t);
      assert.ok(p.errors.length > 0, t.slice(0, 20));
    }
  });
});
