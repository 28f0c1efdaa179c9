import * as assert from 'assert';
import * as YAML from 'yaml';
import { parseYaml, findPath, scalarSource } from '../../../server/src/yaml/document';
import { scanScalar, ScannedScalar } from '../../../server/src/yaml/scalarMap';

/** Scans the scalar at `path` and checks the value against the `yaml` library. */
function scan(text: string, path: (string | number)[] = ['k']): ScannedScalar & { libValue: unknown } {
  const parsed = parseYaml(text);
  const node = findPath(parsed.doc, path);
  assert.ok(YAML.isScalar(node), `no scalar at ${path.join('.')}`);
  const src = scalarSource(node)!;
  const r = scanScalar(text, src.range.start, src.range.end, src.style, { blockIndent: src.blockIndent });
  assert.strictEqual(r.value, node.value, 'value differs from the yaml library');
  return { ...r, libValue: node.value };
}

/** Document text covered by the value range of the first occurrence of `needle` in the value. */
function docTextOf(text: string, r: ScannedScalar, needle: string, from = 0): string {
  const i = r.value.indexOf(needle, from);
  assert.ok(i >= 0, `needle ${needle} not in value`);
  const d = r.map.toDocumentRange({ start: i, end: i + needle.length });
  return text.slice(d.start, d.end);
}

/** Every verbatim-copied value character is found at its mapped document offset; round trip. */
function checkRoundTrip(text: string, r: ScannedScalar): void {
  for (let i = 0; i < r.value.length; i++) {
    const d = r.map.toDocument(i);
    const v = r.map.toValue(d);
    assert.ok(v !== undefined && v <= i && r.map.toDocument(v) === d, `round trip at ${i}`);
    const src = r.map.sourceOf(i);
    if (src.end - src.start === 1 && text[d] !== '\n') assert.strictEqual(text[d], r.value[i], `char at ${i}`);
  }
}

describe('yaml/scalarMap: single-quoted', () => {
  it('maps a macro inside a one-line search exactly', () => {
    const text = "name: x\nsearch: '`sysmon` EventCode=1 | `x_filter`'\n";
    const r = scan(text, ['search']);
    assert.strictEqual(docTextOf(text, r, '`sysmon`'), '`sysmon`');
    const d = r.map.toDocumentRange({ start: 0, end: 8 });
    assert.strictEqual(d.start, text.indexOf('`sysmon`'));
    checkRoundTrip(text, r);
  });

  it("handles '' escapes, Windows paths and multi-line folding", () => {
    const text = [
      'search: \'| tstats count from datamodel=Endpoint.Processes where Processes.process_path=',
      "    \"C:\\Windows\\System32\\*\" Processes.process=\"*''quoted''*\"",
      '    by Processes.dest | `drop_dm_object_name(Processes)`',
      "    | eval p=\'\'C:\\Windows\\\'\' | `x_filter`\'",
      '',
    ].join('\n');
    const r = scan(text, ['search']);
    assert.ok(r.value.includes('process_path= "C:\\Windows\\System32\\*"'));
    assert.ok(r.value.includes("\"*'quoted'*\""));
    assert.strictEqual(docTextOf(text, r, '`drop_dm_object_name(Processes)`'), '`drop_dm_object_name(Processes)`');
    assert.strictEqual(docTextOf(text, r, "'quoted'"), "''quoted''");
    assert.strictEqual(docTextOf(text, r, '`x_filter`'), '`x_filter`');
    // The folded space maps to the line break; a range spanning a fold covers the break + indentation.
    const fold = r.value.indexOf(' "C:');
    assert.strictEqual(text[r.map.toDocument(fold)], '\n');
    assert.strictEqual(docTextOf(text, r, 'path= "C'), 'path=\n    "C');
    checkRoundTrip(text, r);
  });

  it('a search ending right at the closing quote maps value.length to the quote', () => {
    const text = "search: 'a | `b_filter`'\nnext: 1\n";
    const r = scan(text, ['search']);
    const q = text.indexOf("'\n");
    assert.strictEqual(r.map.toDocument(r.value.length), q);
    assert.strictEqual(r.map.toValue(q), undefined, 'the closing quote is not content');
    assert.strictEqual(r.map.toValue(q, 'cursor'), r.value.length);
    assert.strictEqual(r.map.toValue(text.indexOf("'")), undefined, 'the opening quote is not content');
    assert.strictEqual(docTextOf(text, r, '`b_filter`'), '`b_filter`');
  });

  it('value ending with an escaped quote', () => {
    const text = "k: 'say ''hi'''\n";
    const r = scan(text);
    assert.strictEqual(r.value, "say 'hi'");
    assert.strictEqual(r.map.toDocument(7), text.indexOf("'''"));
    checkRoundTrip(text, r);
  });

  it('blank lines become newlines and trailing whitespace before a break is dropped', () => {
    const text = "k: 'a  \n\n\n    b\t\n  c  '\n";
    const r = scan(text);
    assert.strictEqual(r.value, 'a\n\nb c  ');
    // Each newline maps to the break of its blank line.
    assert.strictEqual(r.map.toDocument(1), 8);
    assert.strictEqual(r.map.toDocument(2), 9);
    // Dropped whitespace (trailing spaces, indentation) maps forward to the next value char.
    assert.strictEqual(r.map.toValue(5), 1);
    assert.strictEqual(r.map.toValue(11), 3);
    assert.deepStrictEqual(r.map.toDocumentRange({ start: 0, end: 1 }), { start: 4, end: 5 });
    checkRoundTrip(text, r);
  });

  it('CRLF line endings', () => {
    const text = "k: '| search a=1\r\n    | `m`\r\n\r\n    | x'\r\n";
    const r = scan(text);
    assert.strictEqual(r.value, '| search a=1 | `m`\n| x');
    assert.strictEqual(docTextOf(text, r, '`m`'), '`m`');
    assert.strictEqual(text[r.map.toDocument(r.value.indexOf('\n'))], '\r');
    checkRoundTrip(text, r);
  });

  it('tabs inside content and after indentation', () => {
    const text = "k: 'a\tb\n  \t c'\n";
    const r = scan(text);
    assert.strictEqual(r.value, 'a\tb c');
    checkRoundTrip(text, r);
  });

  it('unicode (BMP and astral) is copied verbatim', () => {
    const text = "k: 'é 😀 ü'\n";
    const r = scan(text);
    assert.strictEqual(docTextOf(text, r, '😀'), '😀');
    checkRoundTrip(text, r);
  });
});

describe('yaml/scalarMap: double-quoted', () => {
  it('maps escapes to the start of the escape sequence', () => {
    const text = 'k: "a\\"b\\\\c\\n\\t\\/\\x41\\u00e9\\U0001F600z"\n';
    const r = scan(text);
    assert.strictEqual(r.value, 'a"b\\c\n\t/Aé😀z');
    const starts = ['\\"', '\\\\', '\\n', '\\t', '\\/', '\\x41', '\\u00e9', '\\U0001F600'].map((e) => text.indexOf(e));
    const valueIdx = [1, 3, 5, 6, 7, 8, 9, 10];
    valueIdx.forEach((v, k) => assert.strictEqual(r.map.toDocument(v), starts[k], `escape ${k}`));
    assert.strictEqual(r.map.toDocument(11), starts[7], 'second UTF-16 unit of the astral char');
    assert.deepStrictEqual(r.map.toDocumentRange({ start: 10, end: 12 }), { start: starts[7], end: starts[7] + 10 });
    // Offsets inside an escape map to its value offset.
    assert.strictEqual(r.map.toValue(starts[6] + 3), 9);
    checkRoundTrip(text, r);
  });

  it('escaped line breaks keep whitespace before the backslash and drop indentation after', () => {
    const text = 'k: "| search a=1 \\\n      b=2\\\n   | `m`"\n';
    const r = scan(text);
    assert.strictEqual(r.value, '| search a=1 b=2| `m`');
    assert.strictEqual(docTextOf(text, r, '`m`'), '`m`');
    assert.strictEqual(docTextOf(text, r, '1 b'), '1 \\\n      b');
    checkRoundTrip(text, r);
  });

  it('folds like single-quoted scalars', () => {
    const text = 'k: "a\n\n  b\n  c"\n';
    const r = scan(text);
    assert.strictEqual(r.value, 'a\nb c');
    checkRoundTrip(text, r);
  });

  it('reports an invalid escape and keeps the text', () => {
    const text = 'k: "C:\\Windows"\n';
    const parsed = parseYaml(text);
    const node = findPath(parsed.doc, ['k']) as YAML.Scalar;
    const src = scalarSource(node)!;
    const r = scanScalar(text, src.range.start, src.range.end, src.style);
    assert.strictEqual(r.value, node.value);
    assert.strictEqual(r.errors.length, 1);
    assert.deepStrictEqual(r.errors[0].range, { start: 6, end: 8 });
  });
});

describe('yaml/scalarMap: plain', () => {
  it('multi-line plain search', () => {
    const text = 'search: index=main sourcetype=x\n  | where a=1\n\n  | `m_filter`\nnext: 1\n';
    const r = scan(text, ['search']);
    assert.strictEqual(r.value, 'index=main sourcetype=x | where a=1\n| `m_filter`');
    assert.strictEqual(docTextOf(text, r, '`m_filter`'), '`m_filter`');
    assert.strictEqual(r.map.toDocument(r.value.length), text.indexOf('\nnext'));
    checkRoundTrip(text, r);
  });
});

describe('yaml/scalarMap: block scalars', () => {
  const body = '  | tstats count\n    where a=1\n\n  | `m`\n\n\n';
  const cases: [string, string][] = [
    ['|', '| tstats count\n  where a=1\n\n| `m`\n'],
    ['|-', '| tstats count\n  where a=1\n\n| `m`'],
    ['|+', '| tstats count\n  where a=1\n\n| `m`\n\n\n'],
    ['>', '| tstats count\n  where a=1\n\n| `m`\n'],
    ['>-', '| tstats count\n  where a=1\n\n| `m`'],
    ['>+', '| tstats count\n  where a=1\n\n| `m`\n\n\n'],
    ['|1', ' | tstats count\n   where a=1\n\n | `m`\n'],
    ['>1-', ' | tstats count\n   where a=1\n\n | `m`'],
    ['|-1', ' | tstats count\n   where a=1\n\n | `m`'],
  ];
  for (const [header, expected] of cases) {
    it(`header ${header}`, () => {
      const text = `k: ${header} # comment\n${body}other: 1\n`;
      const r = scan(text);
      assert.strictEqual(r.value, expected);
      assert.strictEqual(docTextOf(text, r, '`m`'), '`m`');
      assert.strictEqual(r.map.toValue(text.indexOf(header)), undefined, 'header is not content');
      checkRoundTrip(text, r);
    });
  }

  it('folded: normal lines fold, more-indented lines keep their breaks', () => {
    const text = 'k: >\n  a\n  b\n\n  c\n    d\n  e\n';
    const r = scan(text);
    assert.strictEqual(r.value, 'a b\nc\n  d\ne\n');
    assert.strictEqual(r.map.toDocument(1), text.indexOf('a\n') + 1);
    checkRoundTrip(text, r);
  });

  it('in a sequence item with an explicit indentation indicator', () => {
    const text = 'drilldown_searches:\n- name: n\n  search: |2-\n      x `m`\n     y\n';
    const r = scan(text, ['drilldown_searches', 0, 'search']);
    assert.strictEqual(r.value, '  x `m`\n y');
    assert.strictEqual(docTextOf(text, r, '`m`'), '`m`');
    checkRoundTrip(text, r);
  });

  it('CRLF block scalar', () => {
    const text = 'k: >-\r\n  a\r\n  b\r\n\r\n  c `m`\r\n';
    const r = scan(text);
    assert.strictEqual(r.value, 'a b\nc `m`');
    assert.strictEqual(docTextOf(text, r, '`m`'), '`m`');
    checkRoundTrip(text, r);
  });

  it('block scalar with a tag and an anchor', () => {
    const text = 'k: !!str &a |\n  x `m`\n';
    const r = scan(text);
    assert.strictEqual(docTextOf(text, r, '`m`'), '`m`');
  });

  it('keep chomping with no content and no final newline at end of input', () => {
    assert.strictEqual(scan('k: |+\n\n\n').value, '\n\n');
    assert.strictEqual(scan('k: |\n  a').value, 'a\n');
    assert.strictEqual(scan('k: |-\n').value, '');
  });
});

describe('yaml/scalarMap: robustness', () => {
  it('never throws on odd ranges and unterminated quotes', () => {
    for (const style of ['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const) {
      for (const [s, e] of [[0, 0], [5, 2], [-3, 100], [2, 7]]) {
        const r = scanScalar("k: '\\x\n|", s, e, style);
        assert.strictEqual(typeof r.value, 'string');
        assert.ok(r.map.toDocument(r.value.length) >= 0);
      }
    }
    const r = scanScalar("k: 'abc", 3, 7, 'QUOTE_SINGLE');
    assert.strictEqual(r.value, 'abc');
    assert.strictEqual(r.errors[0].message, "Missing closing '");
  });

  it('stores long verbatim runs as few segments', () => {
    const spl = Array.from({ length: 40 }, (_, i) => `| eval f${i}=\\"x\\"`).join(' ');
    const text = `k: '${spl}'\n`;
    const r = scan(text);
    assert.strictEqual(r.map.segmentCount, 1);
  });
});
