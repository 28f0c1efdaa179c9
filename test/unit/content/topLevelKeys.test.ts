import * as assert from 'assert';
import * as fc from 'fast-check';
import * as path from 'path';
import { ContentKind } from '../../../server/src/content';
import { loadMapping, readEntries, readEntriesWithJsYaml, scanKeys } from '../../../server/src/content/readEntries';
import { foldLines, KeySpec, scanTopLevelKeys } from '../../../server/src/content/topLevelKeys';
import { scanScalar } from '../../../server/src/yaml/scalarMap';

const SPEC: KeySpec = { name: true, id: true, search: true, data_source: true, arguments: true, tags: { analytic_story: true } };

/** What js-yaml (through the index's loader) gives for the wanted keys. */
function viaJsYaml(text: string, spec: KeySpec): Record<string, unknown> | undefined {
  const doc = loadMapping(text);
  return doc && project(doc, spec);
}

function project(doc: Record<string, unknown>, spec: KeySpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, want] of Object.entries(spec)) {
    if (!(k in doc)) continue;
    const v = doc[k];
    out[k] = want !== true && v && typeof v === 'object' && !Array.isArray(v) ? project(v as Record<string, unknown>, want) : v;
  }
  return out;
}

/** The scanner must read it (not hand it to js-yaml) and agree with js-yaml. */
function readsLikeJsYaml(text: string, spec: KeySpec = SPEC): Record<string, unknown> {
  const fast = scanTopLevelKeys(text, spec);
  assert.ok(fast, `the scanner should read:\n${text}`);
  assert.deepStrictEqual(fast, viaJsYaml(text, spec));
  return fast;
}

/** The scanner must hand it to js-yaml. */
function leftToJsYaml(text: string, spec: KeySpec = SPEC): void {
  assert.strictEqual(scanTopLevelKeys(text, spec), undefined, `the scanner should leave to js-yaml:\n${text}`);
}

describe('scanTopLevelKeys', () => {
  it('reads plain, quoted and block scalars like js-yaml', () => {
    const v = readsLikeJsYaml(
      [
        'name: Suspicious  Thing   # a comment',
        "id: 'a1b2''c3'",
        'description: not wanted, not validated',
        'search: "| tstats count\\n where x=\\"y\\""',
        '',
      ].join('\n'),
    );
    assert.strictEqual(v.name, 'Suspicious  Thing');
    assert.strictEqual(v.id, "a1b2'c3");
    assert.strictEqual(v.search, '| tstats count\n where x="y"');
    readsLikeJsYaml('name: x\nsearch: |\n  | tstats count\n\n  | where a > 1\n\nid: 1\n');
    readsLikeJsYaml('name: x\nsearch: >-\n  folded\n  lines\n\n  para\nid: y\n');
    readsLikeJsYaml('name: x\nsearch: |+\n  keep\n\n\nid: y');
  });

  it('folds multi-line quoted and plain scalars, including PyYAML-style column-0 continuations', () => {
    readsLikeJsYaml("name: x\nsearch: '| tstats count from datamodel=Endpoint\n  by host\n\n  | `drop`'\n");
    readsLikeJsYaml("name: x\nsearch: '`sysmon` EventCode=1\n| stats count by host\n| `filter`'\nid: abc\n");
    readsLikeJsYaml('name: x\nsearch: "a\n  b\\\n  c"\n');
    const v = readsLikeJsYaml('name: A long\n  name over\n\n  three lines\nid: 7\n');
    assert.strictEqual(v.name, 'A long name over\nthree lines');
  });

  it('resolves plain scalars with the core schema (numbers, booleans, null)', () => {
    const v = readsLikeJsYaml('name: 123\nid: 0x1f\nsearch: true\narguments:\n- null\n- 1.5\n- ~\n- 2023-01-01\n');
    assert.strictEqual(v.name, 123);
    assert.deepStrictEqual(v.arguments, [null, 1.5, null, '2023-01-01']);
    assert.deepStrictEqual(readsLikeJsYaml('name:\nid: x\n'), { name: null, id: 'x' });
  });

  it('reads block and flow sequences and a nested mapping', () => {
    const v = readsLikeJsYaml(
      [
        'name: x',
        'data_source:',
        '- Sysmon EventID 1',
        "-   'Windows Event Log Security 4688'   # comment",
        '# a comment line',
        'tags:',
        '  analytic_story:',
        '    - Living Off The Land',
        '    - "Ransomware"',
        '  asset_type: Endpoint',
        '  message: |',
        '    anything: here',
        '  security_domain: endpoint',
        'arguments: [a, "b c", \'d\', ]',
      ].join('\n'),
    );
    assert.deepStrictEqual(v.data_source, ['Sysmon EventID 1', 'Windows Event Log Security 4688']);
    assert.deepStrictEqual(v.tags, { analytic_story: ['Living Off The Land', 'Ransomware'] });
    assert.deepStrictEqual(v.arguments, ['a', 'b c', 'd']);
    readsLikeJsYaml('name: x\ndata_source: []\ntags:\n  analytic_story:\n  - compact\n');
    readsLikeJsYaml('name: x\r\ndata_source:\r\n  - a\r\nsearch: \'b\r\n  c\'\r\n');
  });

  it('leaves to js-yaml what it does not fully understand', () => {
    leftToJsYaml('\uFEFFname: x\n');
    leftToJsYaml('---\nname: x\n');
    leftToJsYaml('name: &a x\nid: *a\n');
    leftToJsYaml('name: !!str 1\n');
    leftToJsYaml('name: {a: 1}\n');
    leftToJsYaml('name: x\nname: y\n'); // duplicate key: js-yaml refuses the file
    leftToJsYaml('name: a: b\n');
    leftToJsYaml('name: x\n\tid: y\n');
    leftToJsYaml('  name: x\n  id: y\n');
    leftToJsYaml('name: x\nsearch: |2\n   indented\n');
    leftToJsYaml('data_source: [a,\n  b]\n');
    leftToJsYaml('data_source:\n- a\n  continued\n');
    leftToJsYaml('tags:\n  analytic_story: x\n  analytic_story: y\n');
    leftToJsYaml('name: "unterminated\n');
    leftToJsYaml('name: "x" trailing\n');
    leftToJsYaml('name: x\n# comment\n  orphan: indented\n');
    leftToJsYaml('# only a comment\n');
    leftToJsYaml('');
    for (const text of ['- a\n- b\n', 'just text\n', 'name: "bad \\q escape"\n']) leftToJsYaml(text);
  });

  const scalar = fc.oneof(
    fc.constantFrom('x', 'two words', '1', 'true', '~', 'a: b', 'C#', 'a #c', '-x', '- x', '"q"', "'s'", '[a, b]', '|', '>-', ''),
    fc.stringMatching(/^[a-z '"#:\-|>\[\], ]{0,12}$/),
  );
  const documents = (keys: string[], extra: string[]) =>
    fc
      .array(
        fc.oneof(
          fc.tuple(fc.constantFrom(...keys), scalar).map(([k, v]) => `${k}: ${v}`),
          scalar.map((v) => `  ${v}`),
          scalar.map((v) => `- ${v}`),
          fc.constantFrom('# c', '', 'search: |', "search: 'a", "  b'", '  - s', ...extra),
        ),
        { maxLength: 8 },
      )
      .map((lines) => lines.join('\n') + '\n');

  it('reads generated documents of wanted keys exactly like js-yaml, or leaves them to it', () => {
    fc.assert(
      fc.property(documents(['name', 'id', 'search', 'data_source'], []), (text) => {
        const fast = scanTopLevelKeys(text, SPEC);
        if (fast !== undefined) assert.deepStrictEqual(fast, viaJsYaml(text, SPEC), text);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads generated documents js-yaml accepts exactly like it (values it skips are not validated)', () => {
    fc.assert(
      fc.property(documents(['name', 'search', 'other'], ['tags:', '  analytic_story:', '    - s', '  other: x']), (text) => {
        const fast = scanTopLevelKeys(text, SPEC);
        const ref = viaJsYaml(text, SPEC);
        if (fast !== undefined && ref !== undefined) assert.deepStrictEqual(fast, ref, text);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('scanTopLevelKeys on arbitrary text', () => {
  it('never throws, whatever the text', () => {
    const text = fc.array(fc.oneof(fc.constantFrom('\n', '\r\n', '\r', ' ', '\t', '- ', ': ', '#', "'", '"', '\\', '|', '>', '[', ']', '{', 'name:', 'tags:', '  analytic_story:'), fc.string({ maxLength: 4 })), { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (t) => {
        scanTopLevelKeys(t, SPEC);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('foldLines', () => {
  it('folds like the exact scalar scanner for quoted content without escapes', () => {
    const content = fc.array(fc.constantFrom('a', 'b', ' ', '\t', '\n', '\r\n', "''"), { maxLength: 14 }).map((a) => a.join(''));
    fc.assert(
      fc.property(content, (c) => {
        const single = `'${c}'`;
        assert.strictEqual(foldLines(c).replace(/''/g, "'"), scanScalar(single, 0, single.length, 'QUOTE_SINGLE').value);
        const double = `"${c.replace(/'/g, '')}"`;
        assert.strictEqual(foldLines(c.replace(/'/g, '')), scanScalar(double, 0, double.length, 'QUOTE_DOUBLE').value);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('readEntries (fast reader) = readEntriesWithJsYaml', () => {
  const file = (kind: string) => path.join('/repo', kind, 'x.yml');
  const cases: [ContentKind, string][] = [
    ['macro', 'definition: \'search `x`\n  | where y\'\ndescription: d\nname: m\narguments:\n- field\n'],
    ['story', "name: S\nid: 1234\ndescription: 'multi\n\n  line'\n"],
    ['data_source', 'name: DS\nsource: XmlWinEventLog\nsourcetype: xmlwineventlog\nfields:\n- _time\n- dest\n'],
    ['data_source', 'name: DS\nfields: []\noutput_fields:\n  - dest\n  - user\n'],
    ['lookup', 'name: l\nfilename: l.csv\ncase_sensitive_match: false\nmatch_type: WILDCARD(x)\n'],
    ['detection', "name: D\nid: abc\nstatus: production\ntype: TTP\nsearch: '`s`\n| stats count'\ndata_source: [A]\ntags:\n  analytic_story:\n  - St\n"],
    ['detection', 'name: D\nsearch: x\nsearch: y\n'],
  ];
  for (const [kind, text] of cases) {
    it(`gives the same ${kind} entries`, () => {
      const f = file(kind === 'data_source' ? 'data_sources' : `${kind}s`);
      assert.deepStrictEqual(readEntries(kind, f, '/repo', text), readEntriesWithJsYaml(kind, f, '/repo', text));
    });
  }

  it('reads every key the entries are built from (a document with all of them, for each kind)', () => {
    const all = [
      'name: N', 'id: 1d', 'arguments: [a]', "definition: 'x'", 'description: d', 'source: s', 'sourcetype: st',
      'fields: [f]', 'output_fields: [o]', 'filename: f.csv', 'match_type: m', 'case_sensitive_match: true',
      'status: production', 'type: TTP', 'search: q', 'data_source: [ds]', 'tags:', '  analytic_story: [st]', '',
    ].join('\n');
    for (const kind of ['macro', 'story', 'data_source', 'lookup', 'detection', 'baseline'] as ContentKind[]) {
      const f = file(kind === 'data_source' ? 'data_sources' : `${kind}s`);
      assert.ok(scanKeys(kind, all), kind);
      assert.deepStrictEqual(readEntries(kind, f, '/repo', all), readEntriesWithJsYaml(kind, f, '/repo', all), kind);
    }
  });

  it('reads the common shapes itself', () => {
    const [ds] = readEntries('data_source', file('data_sources'), '/repo', cases[3][1]);
    assert.deepStrictEqual(ds.kind === 'data_source' && ds.outputFields, ['dest', 'user']);
    for (const [kind, text] of cases.slice(0, 6)) assert.ok(scanKeys(kind, text), `${kind} read by the scanner`);
    const [entry] = readEntries('detection', file('detections'), '/repo', cases[5][1]);
    assert.deepStrictEqual(entry, {
      file: file('detections'), root: '/repo', offset: 0, line: 0, name: 'D', kind: 'detection', id: 'abc',
      status: 'production', type: 'TTP', search: '`s` | stats count', dataSources: ['A'], stories: ['St'],
    });
  });
});
