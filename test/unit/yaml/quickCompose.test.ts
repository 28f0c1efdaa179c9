import * as assert from 'assert';
import fc from 'fast-check';
import { Document, parseDocument } from 'yaml';
import { CONTENT_YAML_OPTIONS, lastQuickComposeBailout, quickComposeDocument } from '../../../server/src/yaml/quickCompose';
import { firstDifference, yamlTreeShape } from '../../support/yamlTreeShape';

const library = (text: string) => parseDocument(text, CONTENT_YAML_OPTIONS);

/** The quick composer must build exactly the library's tree, with no library error or warning. */
function assertSameAsLibrary(text: string, mustCompose: boolean): boolean {
  const quick = quickComposeDocument(text);
  if (!quick) {
    if (mustCompose) assert.fail(`fell back (${lastQuickComposeBailout}) on:\n${text}`);
    return false;
  }
  const lib = library(text);
  assert.strictEqual(lib.errors.length + lib.warnings.length, 0, `library reports problems the quick path missed:\n${text}\n${lib.errors.map((e) => e.message).join('\n')}`);
  const d = firstDifference(yamlTreeShape(quick), yamlTreeShape(lib));
  assert.strictEqual(d, undefined, `trees differ on:\n${JSON.stringify(text)}\n${d}`);
  return true;
}

describe('quickComposeDocument', () => {
  const composes: Record<string, string> = {
    'scalars of every style': "name: Foo Bar\nid: 5b3e0c7a-1f2d-4e5a-9b8c-0d1e2f3a4b5c\nsearch: '`sysmon` EventCode=1 | stats count by dest'\nd: \"a\\tb \\\"q\\\" \\u00e9\"\nx: 'it''s'\n",
    'YAML 1.1 implicit types': 'a: yes\nb: No\nc: on\nd: 0x1F\ne: 010\nf: 1_000\ng: 3.5\nh: .inf\ni: 1e3\nj: ~\nk: null\nl: 2024-01-05\nm: 12:30:45\nn: true\ny: 2024-01-05T10:00:00Z\n',
    'keys that are booleans in YAML 1.1': 'y: 1\nn: 2\non: 3\n',
    'nested mappings and sequences': 'tags:\n  analytic_story:\n  - A\n  - B\n  mitre_attack_id:\n    - T1059.001\n  observable:\n  - name: dest\n    type: Hostname\n    role:\n    - Victim\n  product:\n  - Splunk Enterprise\nnext: 1\n',
    'compact nested sequences': 'a:\n- - x\n  - y\n- z\n',
    'values on their own line': 'description:\n  The following analytic\n  detects things.\nname:\n  "quoted"\n',
    'multi-line plain scalars with blank lines': 'description: The following analytic detects\n  use of a thing\n\n  and more.   \nnext: x\n',
    'multi-line single and double quotes': "a: 'one\n  two\n\n  three'\nb: \"x\\\n  y \\\"z\\\" \n  w\"\n",
    'block scalars': 'search: |\n  | tstats count\n  | where x=1\n\n# comment\nhow: >\n  folded\n  text\n\n  para\nstrip: |-\n  a\nkeep: |+\n  b\nlast: 1\n',
    'block scalar at the end without a newline': 'a: 1\nsearch: |-\n  abc\n  def',
    'block scalars in sequences and compact maps': 'a:\n  - k: |\n      x\n    j: >\n      y\n  - |\n    z\nb: 1\n',
    'flow sequences': "a: []\nb: [x, 'y', \"z\"]\nc: [1, 2.5, yes]\nd: [a b,\n  c ]  # note\ne: 1\n",
    'comments everywhere': '# head\n\nname: x  # trailing\n# between\ntags:\n  # indented\n  a: 1\n    # deeper\n\n      # deeper still\n  b: 2\n# c4\n  # c5\nnext: 3\n# tail\n\n',
    'empty value followed by a key': 'a:\nb: 1\nc:\n  d:\n  e: 2\n',
    'plain values with colons and hashes': 'url: https://example.com/a#b\nt: a:b c#d\nq: "a: b # c"\n',
    'a sequence at the root': '- a\n- b: 1\n  c: 2\n',
    'indented root': '  a: 1\n  b: 2\n',
    'deep dedent ends several collections': 'a:\n  b:\n    c:\n    - d\n    - e: 1\n      f: |\n        x\nz: 1\n',
    'key with spaces before the colon': 'a : 1\nb  :\n  - x\n',
    'document without a final newline': 'a: 1\nb: two words',
  };
  for (const [name, text] of Object.entries(composes)) {
    it(`composes like the library: ${name}`, () => {
      assertSameAsLibrary(text, true);
    });
  }

  const fallsBack: Record<string, string> = {
    'anchors and aliases': 'a: &x 1\nb: *x\n',
    'tags': 'a: !!str 1\n',
    'flow mappings': 'a: {b: 1}\n',
    'document markers': '---\na: 1\n',
    'a duplicate-key-free but broken document': 'a: 1\n b: 2\n',
    'tabs for indentation': 'a:\n\tb: 1\n',
    'an unterminated quote': "a: 'abc\n",
    'a quoted key': '"a": 1\n',
    'CRLF line breaks': 'a: 1\r\nb: 2\r\n',
    'a scalar document': 'just text\n',
    'an empty document': '',
    'nested implicit keys on one line': 'a: b: c\n',
    'a merge key': '<<: 1\n',
    'unindented quoted continuation (PyYAML accepts it)': "a: 'one\ntwo'\n",
    'block scalar with an indentation indicator': 'a: |2\n   x\n',
    'very deep nesting': 'a:\n' + '- '.repeat(5000) + 'x\n',
  };
  for (const [name, text] of Object.entries(fallsBack)) {
    it(`hands ${name} to the library`, () => {
      assert.strictEqual(quickComposeDocument(text), undefined);
      assert.ok(lastQuickComposeBailout, 'a reason is recorded');
    });
  }

  it('the YAML 1.1 implicit tags are the ones its first-character filter was derived from', () => {
    const tags = (new Document(undefined, CONTENT_YAML_OPTIONS).schema.tags as unknown as { tag: string; default?: unknown; test?: RegExp }[])
      .filter((t) => t.test)
      .map((t) => `${t.default} ${t.test!.source}`);
    // If the `yaml` library changes these, re-derive TAGGABLE_FIRST in quickCompose.ts.
    assert.deepStrictEqual(tags, [
      'true ^(?:~|[Nn]ull|NULL)?$',
      'true ^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$',
      'true ^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$',
      'true ^[-+]?0b[0-1_]+$',
      'true ^[-+]?0[0-7_]+$',
      'true ^[-+]?[0-9][0-9_]*$',
      'true ^[-+]?0x[0-9a-fA-F_]+$',
      'true ^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$',
      'true ^[-+]?(?:[0-9][0-9_]*)?(?:\\.[0-9_]*)?[eE][-+]?[0-9]+$',
      'true ^[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]*$',
      'key ^<<$',
      'true ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$',
      'true ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*$',
      'true ^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$',
    ]);
  });

  // ---- generated documents ------------------------------------------------------------------

  type Tree = { kind: 'map'; items: [string, Tree][] } | { kind: 'seq'; items: Tree[] } | { kind: 'scalar'; text: string };

  const words = fc.constantFrom('a', 'name', 'x y', 'yes', 'No', '12', '0x1f', '1.5', '~', '2024-01-02', 'T1059.001', 'a:b', 'c#d', '`m`', "it's", 'q"q', 'é', '-x', '.inf', 'https://e.com/a#b', '');
  const scalarText = fc.tuple(fc.oneof({ weight: 12, arbitrary: fc.constantFrom('plain', 'single', 'double', 'literal', 'folded', 'flow') }, { weight: 1, arbitrary: fc.constant('empty') }), fc.array(words, { minLength: 1, maxLength: 6 }), fc.constantFrom(' ', '\n', '\n\n'))
    .map(([style, ws, sep]) => ({ style, ws, sep }));
  const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalarText.map((s) => ({ kind: 'scalar' as const, text: JSON.stringify(s) })),
      fc.array(fc.tuple(fc.constantFrom('a', 'name', 'search', 'y', 'key two', 'k-3'), tie('node')), { minLength: 1, maxLength: 3 }).map((items) => ({ kind: 'map' as const, items })),
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items) => ({ kind: 'seq' as const, items })),
    ),
  })).node;
  const decoration = fc.array(fc.constantFrom('', '', '', '\n', '# c\n', '  # c\n', '      # deep\n', '\n  # c\n'), { maxLength: 3 }).map((a) => a.join(''));

  function renderScalar(spec: { style: string; ws: string[]; sep: string }, indent: number): string {
    // plain and flow scalars cannot start with an indicator: such documents would only test the fallback
    const body = spec.ws.filter((w, i) => w !== '' && !((spec.style === 'plain' && i === 0) || spec.style === 'flow' ? /^[`-]/.test(w) : false));
    if (body.length === 0) body.push('v');
    const pad = ' '.repeat(indent + 2);
    switch (spec.style) {
      case 'single': return `'${body.join(spec.sep === ' ' ? ' ' : `${spec.sep}${pad}`).replace(/'/g, "''")}'`;
      case 'double': return JSON.stringify(body.join(' ')).replace(/ /g, spec.sep === ' ' ? ' ' : `\n${pad}`);
      case 'literal': return `|${spec.sep === '\n\n' ? '-' : ''}\n${body.map((w) => pad + w).join('\n')}\n`;
      case 'folded': return `>${spec.sep === '\n\n' ? '+' : ''}\n${body.map((w) => pad + w).join('\n')}\n`;
      case 'flow': return `[${body.join(', ')}]`;
      case 'empty': return '';
      default: return body.join(spec.sep === ' ' ? ' ' : `${spec.sep}${pad}`);
    }
  }

  function render(t: Tree, indent: number, decorate: () => string): string {
    const pad = ' '.repeat(indent);
    if (t.kind === 'scalar') return renderScalar(JSON.parse(t.text), indent);
    if (t.kind === 'map') {
      return t.items.map(([k, v]) => {
        const head = `${decorate()}${pad}${k}:`;
        if (v.kind === 'scalar') {
          const s = render(v, indent, decorate);
          return `${head} ${s}${s.endsWith('\n') ? '' : '\n'}`;
        }
        const childIndent = v.kind === 'seq' && k.length % 2 === 0 ? indent : indent + 2;
        return `${head}\n${render(v, childIndent, decorate)}`;
      }).join('');
    }
    return t.items.map((v) => {
      if (v.kind === 'scalar') {
        const s = render(v, indent, decorate);
        return `${decorate()}${pad}- ${s}${s.endsWith('\n') ? '' : '\n'}`;
      }
      return `${decorate()}${pad}-\n${render(v, indent + 2, decorate)}`;
    }).join('');
  }

  it('builds the same tree as the library on generated documents (or falls back)', () => {
    let composed = 0, total = 0;
    fc.assert(
      fc.property(fc.record({ items: fc.array(fc.tuple(fc.constantFrom('name', 'tags', 'search', 'n'), tree), { minLength: 1, maxLength: 4 }) }), fc.array(decoration, { minLength: 20, maxLength: 20 }), (root, decos) => {
        let i = 0;
        const text = render({ kind: 'map', items: root.items }, 0, () => decos[i++ % decos.length]);
        total++;
        if (assertSameAsLibrary(text, false)) composed++;
      }),
      { numRuns: 400, seed: 20261128 },
    );
    assert.ok(composed > total * 0.5, `the quick path composed only ${composed} of ${total} generated documents`);
  });

  it('never throws and never disagrees with the library on damaged text', () => {
    const bases = [
      'name: Foo\nid: 1\ntags:\n  a:\n  - x\n  - \'y z\'\n  b: "q"\nsearch: |\n  | tstats count\n  | where x=1\nlist: [a, b]\n# end\n',
      'description: The following\n  analytic detects\n\n  things.\nhow: >-\n  a\n\n  b\ntests:\n- name: T\n  attack_data:\n  - data: https://x/y.log\n    source: S  # c\n      # deep\n    sourcetype: st\nx: "a\\\n  b"\n',
      'a:\n  - - 1\n    - yes\n  -\n    k: \'it\'\'s\'\n    e:\n    f: [1, 2.5,\n      x]\nb: ~\n',
    ];
    const edit = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 4 }), fc.constantFrom('', ' ', '\n', '-', ':', '#', "'", '"', '|', '>', '[', ']', '  ', '\t', 'x: ', '- ', '\\', '&a ', '\n  # c\n'));
    fc.assert(
      fc.property(fc.nat({ max: bases.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 3 }), (b, edits) => {
        let text = bases[b];
        for (const [at0, del, ins] of edits) {
          const at = at0 % (text.length + 1);
          text = text.slice(0, at) + ins + text.slice(at + del);
        }
        assertSameAsLibrary(text, false);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});
