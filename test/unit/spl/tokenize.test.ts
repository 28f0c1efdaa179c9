import { strict as assert } from 'assert';
import { blankComments, lexArgs, lexEval, splitPipeline, unquote } from '../../../server/src/spl/tokenize';
import type { SyntaxError } from '../../../server/src/spl/ast';
import { at } from './helpers';

const kinds = (t: { kind: string; raw: string }[]): string[] => t.map((x) => `${x.kind}:${x.raw}`);

describe('spl/tokenize', () => {
  it('splits at top-level pipes only (not in quotes, brackets or macros)', () => {
    const text = 'a="x|y" [search b | c] `m(1|2)` | stats count | where x';
    const errors: SyntaxError[] = [];
    const segs = splitPipeline(text, 0, text.length, errors);
    assert.equal(errors.length, 0);
    assert.deepEqual(segs.map((s) => text.slice(s.start, s.end).trim()), ['a="x|y" [search b | c] `m(1|2)`', 'stats count', 'where x']);
    assert.equal(segs[1].pipe, at(text, '| stats').start);
  });

  it('reports unterminated quotes, brackets and backticks at the opening character', () => {
    const errors: SyntaxError[] = [];
    const t1 = 'a [search b | c';
    splitPipeline(t1, 0, t1.length, errors);
    assert.deepEqual(errors.map((e) => [e.code, e.range]), [['dw.spl.unbalanced-bracket', at(t1, '[')]]);
    const e2: SyntaxError[] = [];
    const t2 = 'x `mac | y';
    splitPipeline(t2, 0, t2.length, e2);
    assert.deepEqual(e2.map((e) => [e.code, e.range]), [['dw.spl.unbalanced-backtick', at(t2, '`')]]);
    const e3: SyntaxError[] = [];
    const t3 = 'x] y';
    splitPipeline(t3, 0, t3.length, e3);
    assert.deepEqual(e3.map((e) => e.range), [at(t3, ']')]);
  });

  it('treats a backslash before a quote as an escape, so "C:\\dir\\" does not close', () => {
    const errors: SyntaxError[] = [];
    const t = 'Image="C:\\Windows\\" | stats count';
    splitPipeline(t, 0, t.length, errors);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].code, 'dw.spl.unbalanced-quote');
    assert.deepEqual(errors[0].range, at(t, '"'));
    assert.match(errors[0].message, /backslash/);
    const ok: SyntaxError[] = [];
    const t2 = 'Image="C:\\\\Windows\\\\" | stats count';
    assert.equal(splitPipeline(t2, 0, t2.length, ok).length, 2);
    assert.equal(ok.length, 0);
  });

  it('blanks ```comments``` keeping offsets and reports an unterminated one', () => {
    const t = 'a ```note | x``` | b';
    const r = blankComments(t);
    assert.equal(r.text.length, t.length);
    assert.deepEqual(r.comments, [at(t, '```note | x```')]);
    assert.equal(r.text.includes('note'), false);
    const bad = blankComments('a ```open');
    assert.equal(bad.errors[0].code, 'dw.spl.unterminated-comment');
    assert.deepEqual(bad.errors[0].range, { start: 2, end: 5 });
    // inside a string, ``` is text
    assert.deepEqual(blankComments('x="```"').comments, []);
  });

  it('lexes arguments: words, strings, operators, value mode after operators', () => {
    const t = 'a=1 b!="x y" c>=5 url=*?q=1* "Web".* IN (a, b) `m(x)` [search z]';
    assert.deepEqual(kinds(lexArgs(t, 0, t.length)), [
      'word:a', 'op:=', 'word:1',
      'word:b', 'op:!=', 'string:"x y"',
      'word:c', 'op:>=', 'word:5',
      'word:url', 'op:=', 'word:*?q=1*',
      'word:"Web".*',
      'word:IN', 'lparen:(', 'word:a', 'comma:,', 'word:b', 'rparen:)',
      'macro:`m(x)`', 'sub:[search z]',
    ]);
  });

  it('keeps balanced parentheses inside a value but not an unclosed one', () => {
    const t = 'p=*GetCurrent()* x<relative_time(now(), "-1d")';
    const toks = lexArgs(t, 0, t.length);
    assert.equal(toks[2].raw, '*GetCurrent()*');
    assert.equal(toks[5].raw, 'relative_time');
    assert.equal(toks[6].kind, 'lparen');
  });

  it('lexes Windows paths with backslashes as single words and unescapes \\" and \\\\', () => {
    const t = 'C:\\Windows\\System32\\cmd.exe "a\\"b\\\\c"';
    const toks = lexArgs(t, 0, t.length);
    assert.deepEqual(kinds(toks), ['word:C:\\Windows\\System32\\cmd.exe', 'string:"a\\"b\\\\c"']);
    assert.equal(toks[0].value, 'C:\\Windows\\System32\\cmd.exe');
    assert.equal(toks[1].value, 'a"b\\c');
    assert.equal(unquote('"Web".*'), 'Web.*');
  });

  it('lexes eval tokens: numbers, strings, quoted fields, identifiers with dots and braces', () => {
    const t = "x = 1.5e3 + 'my field' . \"s\\\"q\" - a.b{}.c % 2 == .5";
    assert.deepEqual(kinds(lexEval(t, 0, t.length)), [
      'ident:x', 'op:=', 'num:1.5e3', 'op:+', "qfield:'my field'", 'op:.', 'str:"s\\"q"', 'op:-', 'ident:a.b{}.c', 'op:%', 'num:2', 'op:==', 'num:.5',
    ]);
    const toks = lexEval(t, 0, t.length);
    assert.equal(toks[4].value, 'my field');
    assert.equal(toks[6].value, 's"q');
  });
});
