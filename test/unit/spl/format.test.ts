import { strict as assert } from 'assert';
import { formatSpl } from '../../../server/src/spl/format';
import { parseSpl } from '../../../server/src/spl/parse';
import { treeShape } from '../../../server/src/spl/treeShape';

const fmt = (s: string): string => {
  const r = formatSpl(s);
  assert.ok('text' in r, `refused: ${'error' in r ? r.error : ''}`);
  return r.text;
};

describe('spl/format', () => {
  it('puts each top-level command on its own line, one space after the pipe', () => {
    assert.equal(fmt('index=a | eval x=1 |stats count'), 'index=a\n| eval x=1\n| stats count');
    assert.equal(fmt('| tstats count where index=a by host | sort - count'), '| tstats count where index=a by host\n| sort - count');
  });

  it('leaves comments, quoted strings, macro calls and subsearches byte for byte', () => {
    assert.equal(fmt('index=a ```note | x``` | head 1'), 'index=a ```note | x```\n| head 1');
    assert.equal(fmt('index=a | eval s="a | b,c" , t=1'), 'index=a\n| eval s="a | b,c", t=1');
    assert.equal(fmt('index=a | `m(x,y)` | table a,b'), 'index=a\n| `m(x,y)`\n| table a, b');
    assert.equal(fmt('index=a [search b | head 1,2] | stats count'), 'index=a [search b | head 1,2]\n| stats count');
  });

  it('spaces commas between arguments, but not inside a search clause where a comma can be part of a term', () => {
    assert.equal(fmt('index=a | eval x=if(a>1,"y","n")'), 'index=a\n| eval x=if(a>1, "y", "n")');
    assert.equal(fmt('index=a | fields a ,b,  c'), 'index=a\n| fields a, b, c');
    assert.equal(fmt('index=a | search x=a,b'), 'index=a\n| search x=a,b');
    assert.equal(fmt('x=a,b | head 1'), 'x=a,b\n| head 1');
  });

  it('is idempotent and keeps the parse tree', () => {
    for (const s of [
      '`sysmon` EventCode=1 | stats count min(_time) as firstTime,max(_time) as lastTime by dest | `security_content_ctime(firstTime)`',
      '| inputlookup t.csv | where a IN ("x","y") | outputlookup u.csv',
      'index=a\n  | eval x = 1\n|  stats count',
    ]) {
      const once = fmt(s);
      assert.equal(fmt(once), once);
      assert.equal(treeShape(once, parseSpl(once)), treeShape(s, parseSpl(s)));
    }
  });

  it('refuses a search with syntax errors and says why', () => {
    const r = formatSpl('index=a | eval a="x');
    assert.ok('error' in r);
    assert.match(r.error, /syntax errors \(Unbalanced quotes/);
  });

  it('tree shapes differ when a token or a comment differs, not when only spacing does', () => {
    const shape = (s: string) => treeShape(s, parseSpl(s));
    assert.equal(shape('a | eval x=1'), shape('a\n|   eval x = 1'));
    assert.notEqual(shape('a | eval x=1'), shape('a | eval x=2'));
    assert.notEqual(shape('a ```c``` | head 1'), shape('a ```d``` | head 1'));
  });
});
