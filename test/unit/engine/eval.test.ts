import * as assert from 'assert';
import { compileEval, createEvalCompiler } from '../../../server/src/engine/eval/compile';
import { convertPcre, compilePcre } from '../../../server/src/engine/eval/regex';
import { relativeTime, strftime, strptime, tzOffsetMinutes } from '../../../server/src/engine/eval/time';
import { formatNumber } from '../../../server/src/engine/eval/values';
import type { EvalExpr } from '../../../server/src/spl/ast';
import { parseEvalExpression } from '../../../server/src/spl/parse';
import { newRow, type Row } from '../../../server/src/engine/types';

const R = { start: 0, end: 0 };
const row = (o: Record<string, string | string[]>): Row => Object.assign(newRow(), o);

function run(text: string, r: Row = newRow()) {
  const p = parseEvalExpression(text);
  assert.deepStrictEqual(p.errors, [], text);
  const c = compileEval(p.expr!, { now: 1700000000 });
  if (!c.ok) throw new Error(c.error.message);
  return c.fn(r);
}

describe('eval compiler', () => {
  it('compiles a hand-built AST', () => {
    const expr: EvalExpr = { kind: 'binary', op: '+', range: R, left: { kind: 'field', name: 'x', range: R }, right: { kind: 'number', value: 1, raw: '1', range: R } };
    const c = compileEval(expr);
    assert.ok(c.ok);
    if (c.ok) {
      assert.strictEqual(c.fn(row({ x: '41' })), 42);
      assert.strictEqual(c.fn(newRow()), undefined);
    }
  });
  it('reports unknown functions and wrong argument counts with ranges', () => {
    const p = parseEvalExpression('nosuch(1)');
    const c = compileEval(p.expr!);
    assert.ok(!c.ok && /unknown eval function nosuch/.test(c.error.message) && c.error.range);
    const q = parseEvalExpression('if(1, 2)');
    const d = compileEval(q.expr!);
    assert.ok(!d.ok && /if\(\) takes 3/.test(d.error.message));
  });
  it('null semantics: comparisons with null are null, NOT null is null', () => {
    assert.strictEqual(run('x = 1'), undefined);
    assert.strictEqual(run('NOT x = 1'), undefined);
    assert.strictEqual(run('x = 1 OR 1 = 1'), true);
    assert.strictEqual(run('x = 1 AND 1 = 2'), false);
    assert.strictEqual(run('isnotnull(x) OR isnull(x)'), true);
  });
  it('multivalue comparisons are true when any value matches', () => {
    assert.strictEqual(run('m = "b"', row({ m: ['a', 'b'] })), true);
    assert.strictEqual(run('m > 5', row({ m: ['1', '7'] })), true);
    assert.strictEqual(run('m + 1', row({ m: ['1', '7'] })), undefined);
  });
  it('tonumber/isnum/isstr on extracted text', () => {
    assert.strictEqual(run('isnum(x)', row({ x: '12.5' })), true);
    assert.strictEqual(run('isstr(x)', row({ x: '12.5' })), false);
    assert.strictEqual(run('tonumber("0x1F", 16)'), 31);
    assert.strictEqual(run('tonumber("abc")'), undefined);
  });
  it('searchmatch uses the search compiler when supplied', () => {
    const p = parseEvalExpression('searchmatch("user=bob*")');
    const c = compileEval(p.expr!, { compileSearchText: () => (r) => String(r.user).toLowerCase().startsWith('bob') });
    assert.ok(c.ok);
    if (c.ok) assert.strictEqual(c.fn(row({ user: 'Bobby' })), true);
  });
  it('createEvalCompiler implements the extraction EvalCompiler interface', () => {
    const ec = createEvalCompiler((t) => parseEvalExpression(t));
    const fn = ec.compile('if(EventCode==4688, NewProcessName, ProcessName)');
    assert.strictEqual(typeof fn, 'function');
    if (typeof fn === 'function') {
      assert.strictEqual(fn(row({ EventCode: '4688', NewProcessName: 'a.exe', ProcessName: 'b.exe' })), 'a.exe');
      assert.strictEqual(fn(row({ EventCode: '1', ProcessName: 'b.exe' })), 'b.exe');
    }
    const bad = ec.compile('nosuch(');
    assert.ok(typeof bad !== 'function' && bad.severity === 'error');
    const boolFn = ec.compile('1 < 2');
    if (typeof boolFn === 'function') assert.strictEqual(boolFn(newRow()), undefined);
  });
});

describe('PCRE conversion', () => {
  it('converts named groups, inline flags, \\Q..\\E, possessive quantifiers, POSIX classes', () => {
    assert.deepStrictEqual(convertPcre('(?P<a>\\d+)(?<b>x)').groupNames, ['a', 'b']);
    const c = convertPcre('(?i)abc');
    assert.strictEqual(c.source, 'abc');
    assert.strictEqual(c.flags, 'i');
    assert.strictEqual(convertPcre('\\Qa.b\\E').source, 'a\\.b');
    assert.strictEqual(convertPcre('a++b*+').source, 'a+b*');
    assert.strictEqual(convertPcre('[[:digit:]]+').source, '[0-9]+');
    assert.strictEqual(convertPcre('(?>ab)').source, '(?:ab)');
    const re = compilePcre('(?i)^PowerShell\\.exe$');
    assert.ok(re instanceof RegExp && re.test('powershell.EXE'));
    assert.ok(compilePcre('(unclosed') instanceof Error);
  });
  it('reads PCRE \\x{HHHH} as a code point (the right-to-left override detections look for)', () => {
    // PCRE: \x{hhh..} is the character with that hexadecimal code point; JS regexes without the
    // u flag read `\x{202E}` as "x" followed by a literal "{202E}".
    const rtlo = compilePcre('\\x{202E}');
    assert.ok(rtlo instanceof RegExp && rtlo.test('evil\u202Etxt.exe') && !rtlo.test('x{202E}'));
    const astral = compilePcre('^\\x{1F600}$');
    assert.ok(astral instanceof RegExp && astral.test('\u{1F600}'));
    const inClass = compilePcre('[\\x{202A}-\\x{202E}]');
    assert.ok(inClass instanceof RegExp && inClass.test('\u202C') && !inClass.test('a'));
  });
  it('keeps escapes inside character classes', () => {
    const re = compilePcre('[\\\\/](?<n>[^\\\\/]+)$');
    assert.ok(re instanceof RegExp);
    if (re instanceof RegExp) assert.strictEqual(re.exec('C:\\Windows\\cmd.exe')?.groups?.n, 'cmd.exe');
  });
});

describe('time functions', () => {
  it('strftime codes', () => {
    assert.strictEqual(strftime(1700000000.123, '%Y-%m-%dT%H:%M:%S.%3N %j %a %A %B %p %I %s'), '2023-11-14T22:13:20.123 318 Tue Tuesday November PM 10 1700000000');
    assert.strictEqual(strftime(1700000000, '%Q'), '000');
  });
  it('strptime with %z, %b, %d/%m/%Y and %s', () => {
    assert.strictEqual(strptime('2023-11-15T00:13:20+0200', '%Y-%m-%dT%H:%M:%S%z'), 1700000000);
    assert.strictEqual(strptime('14/Nov/2023:22:13:20', '%d/%b/%Y:%H:%M:%S'), 1700000000);
    assert.strictEqual(strptime('14/11/2023', '%d/%m/%Y'), 1699920000);
    assert.strictEqual(strptime('1700000000', '%s'), 1700000000);
    assert.strictEqual(strptime('nope', '%Y'), undefined);
  });
  it('timezones: fixed offsets and IANA names', () => {
    assert.strictEqual(tzOffsetMinutes('-05:00', 0), -300);
    assert.strictEqual(tzOffsetMinutes('America/New_York', Date.UTC(2023, 0, 15)), -300);
    assert.strictEqual(tzOffsetMinutes('America/New_York', Date.UTC(2023, 6, 15)), -240);
    assert.strictEqual(strftime(1700000000, '%H:%M', 'Europe/Paris'), '23:13');
    assert.strictEqual(strptime('2023-11-14 23:13:20', '%Y-%m-%d %H:%M:%S', 'Europe/Paris'), 1700000000);
  });
  it('relative_time modifiers', () => {
    assert.strictEqual(relativeTime(1700000000, '-7d@d'), 1699315200);
    assert.strictEqual(relativeTime(1700000000, '@w1'), 1699833600); // Monday 2023-11-13
    assert.strictEqual(relativeTime(1700000000, '@mon'), 1698796800);
    assert.strictEqual(relativeTime(1700000000, '+1h'), 1700003600);
    assert.strictEqual(relativeTime(1700000000, 'now'), 1700000000);
    assert.strictEqual(relativeTime(1700000000, 'garbage'), undefined);
  });
  it('formats numbers like Splunk', () => {
    assert.strictEqual(formatNumber(0.1 + 0.2), '0.3');
    assert.strictEqual(formatNumber(3), '3');
    assert.strictEqual(formatNumber(-2.5), '-2.5');
  });
});
