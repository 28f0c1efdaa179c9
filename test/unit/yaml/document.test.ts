import * as assert from 'assert';
import * as YAML from 'yaml';
import { findPair, findPath, keyRange, LineIndex, nodeAt, nodeRange, parseYaml, valueRange } from '../../../server/src/yaml/document';

describe('yaml/document', () => {
  const text = 'name: Demo\ntags:\n  analytic_story:\n  - Story A\n  - Story B\n  asset_type: Endpoint\nsearch: \'a\n  b\'\n';

  it('finds nodes by path and gives key / value ranges', () => {
    const p = parseYaml(text);
    assert.deepStrictEqual(p.errors, []);
    const story = findPath(p.doc, ['tags', 'analytic_story', 1]);
    assert.ok(YAML.isScalar(story));
    const r = nodeRange(story)!;
    assert.strictEqual(text.slice(r.start, r.end), 'Story B');
    const pair = findPair(p.doc, ['tags', 'asset_type'])!;
    const k = keyRange(pair)!;
    const v = valueRange(pair)!;
    assert.strictEqual(text.slice(k.start, k.end), 'asset_type');
    assert.strictEqual(text.slice(v.start, v.end), 'Endpoint');
    assert.strictEqual(findPath(p.doc, ['tags', 'missing']), undefined);
    assert.strictEqual(findPath(p.doc, ['name', 0]), undefined);
  });

  it('nodeAt returns the deepest node and its path', () => {
    const p = parseYaml(text);
    const at = nodeAt(p.doc, text.indexOf('Story B') + 2)!;
    assert.deepStrictEqual(at.path, ['tags', 'analytic_story', 1]);
    assert.strictEqual(at.inKey, false);
    const key = nodeAt(p.doc, text.indexOf('asset_type') + 1)!;
    assert.deepStrictEqual(key.path, ['tags', 'asset_type']);
    assert.strictEqual(key.inKey, true);
  });

  it('reports duplicate keys, tabs and truncated input with ranges, without throwing', () => {
    const dup = parseYaml('a: 1\na: 2\n');
    assert.strictEqual(dup.errors[0].code, 'DUPLICATE_KEY');
    assert.deepStrictEqual(dup.errors[0].range, { start: 5, end: 6 });
    assert.ok(!dup.errors[0].message.includes('\n'), 'short messages');
    const tab = parseYaml('a:\n\tb: 1\n');
    assert.strictEqual(tab.errors[0].code, 'TAB_AS_INDENT');
    const trunc = parseYaml("a: 'x\n");
    assert.ok(trunc.errors.length > 0);
    for (const e of trunc.errors) assert.ok(e.range.start <= e.range.end && e.range.end <= 6);
    for (const junk of ['\u0000\u0001\uffff: [\n', ']]]{{{', '- - - :\n\t\t"', '\ufeff', '%YAML 9\n---\n']) {
      const r = parseYaml(junk);
      for (const e of r.errors) assert.ok(e.range.end <= junk.length);
    }
  });
});

describe('yaml/lineIndex', () => {
  it('converts offsets and positions (LF, CRLF, lone CR, UTF-16)', () => {
    const t = 'ab\r\nc😀d\ne\rf';
    const li = new LineIndex(t);
    assert.strictEqual(li.lineCount, 4);
    assert.deepStrictEqual(li.positionAt(0), { line: 0, character: 0 });
    assert.deepStrictEqual(li.positionAt(4), { line: 1, character: 0 });
    assert.deepStrictEqual(li.positionAt(t.indexOf('d')), { line: 1, character: 3 });
    assert.deepStrictEqual(li.positionAt(t.indexOf('f')), { line: 3, character: 0 });
    assert.deepStrictEqual(li.positionAt(999), { line: 3, character: 1 });
    for (let o = 0; o <= t.length; o++) {
      if (t[o - 1] === '\r' && t[o] === '\n') continue; // inside CRLF
      assert.strictEqual(li.offsetAt(li.positionAt(o)), o);
    }
    assert.strictEqual(li.offsetAt({ line: 0, character: 99 }), 4);
    assert.strictEqual(li.lineEnd(0, t), 2);
    assert.strictEqual(li.lineEnd(3, t), t.length);
  });
});
