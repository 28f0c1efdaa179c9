import * as assert from 'assert';
import fc from 'fast-check';
import * as jsyaml from 'js-yaml';
import * as YAML from 'yaml';
import { findPath, parseYaml, scalarSource } from '../../../server/src/yaml/document';
import { scanScalar, ScannedScalar } from '../../../server/src/yaml/scalarMap';
import { Emitted, emitBlock, emitDouble, emitPlain, emitSingle, mulberry32 } from './emitters';

// SPL-like values: quotes, backslashes, backticks, pipes, white space, newlines, unicode.
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'Z', '0', 'x=1', '|', ' ', ' ', '  ', '\t', '\n', '\n\n', "'", "''", '"', '\\', '`', '`m`', '#', ':', '-', '*', '(', ')', ',', 'C:\\Windows\\', '/', 'é', '😀', '\xa0', '中') },
  { weight: 1, arbitrary: fc.constantFrom('\r', '\x07', '\0', '\x1b', '\u2028', '\x85', '\ufeff') },
  { weight: 2, arbitrary: fc.string({ maxLength: 4 }) },
);
const splValue = fc.array(piece, { maxLength: 30 }).map((ps) => ps.join(''));
// Values that are likely to be representable as plain scalars.
const plainPiece = fc.constantFrom('a', 'Z', '0', 'x=1', '|', ' ', '\n', '\n\n', "'", '"', '\\', '`m`', '-', '*', '(', ')', 'C:\\Windows\\', '/', 'é', '😀', '中');
const plainValue = fc.array(plainPiece, { maxLength: 30 }).map((ps) => ('s' + ps.join('')).replace(/[ \t\n]+$/, ''));

type Context = { prefix: string; path: (string | number)[]; indent: number; suffix: string };
const contexts: Context[] = [
  { prefix: 'name: x\nk: ', path: ['k'], indent: 0, suffix: '\nnext: 1\n' },
  { prefix: 'drilldown_searches:\n- name: n\n  search: ', path: ['drilldown_searches', 0, 'search'], indent: 2, suffix: '\n  earliest: x\n' },
  { prefix: 'a:\n  b:\n    k: ', path: ['a', 'b', 'k'], indent: 4, suffix: '\n' },
];

type Style = 'single' | 'double' | 'plain' | 'literal' | 'folded';

function emit(style: Style, value: string, ctx: Context, seed: number, crlf: boolean): Emitted | undefined {
  const r = mulberry32(seed);
  const cont = ctx.indent + 2;
  switch (style) {
    case 'single': return emitSingle(value, cont, r, crlf);
    case 'double': return emitDouble(value, cont, r, crlf);
    case 'plain': return emitPlain(value, cont, r, crlf);
    case 'literal': return emitBlock(value, false, ctx.indent, r, crlf);
    case 'folded': return emitBlock(value, true, ctx.indent, r, crlf);
  }
}

function scanAt(text: string, path: (string | number)[]): { r: ScannedScalar; node: YAML.Scalar; errors: string[] } {
  const parsed = parseYaml(text);
  const node = findPath(parsed.doc, path);
  if (!YAML.isScalar(node)) throw new Error(`no scalar at path in ${JSON.stringify(text)}`);
  const src = scalarSource(node)!;
  const r = scanScalar(text, src.range.start, src.range.end, src.style, { blockIndent: src.blockIndent });
  return { r, node, errors: parsed.errors.map((e) => e.message) };
}

/** Map invariants that hold for any scalar. */
function checkInvariants(text: string, r: ScannedScalar): void {
  const { map, value } = r;
  let prev = -1;
  for (let i = 0; i < value.length; i++) {
    const d = map.toDocument(i);
    assert.ok(d >= prev, 'toDocument is monotonic');
    prev = d;
    const v = map.toValue(d);
    assert.ok(v !== undefined && v <= i && map.toDocument(v) === d, `toValue(toDocument(${i}))`);
    const src = map.sourceOf(i);
    if (src.end - src.start === 1 && value[i] !== '\n' && value[i] !== ' ') assert.strictEqual(text[d], value[i]);
  }
  assert.ok(map.toDocument(value.length) >= prev);
}

// Raise for a deeper local run: YAML_PROP_RUNS=20000 npx mocha ...
const RUNS = Number(process.env.YAML_PROP_RUNS) || 400;
const STYLES: Style[] = ['single', 'double', 'plain', 'literal', 'folded'];

describe('yaml/scalarMap properties', () => {
  for (const style of STYLES) {
    it(`${style}: value equals yaml and js-yaml; every value char maps to its source`, () => {
      let tested = 0;
      fc.assert(
        fc.property(style === 'plain' ? plainValue : splValue, fc.nat(), fc.boolean(), fc.constantFrom(...contexts), (value, seed, crlf, ctx) => {
          const em = emit(style, value, ctx, seed, crlf);
          if (!em) return;
          const conv = (s: string): string => (crlf ? s.replace(/\n/g, '\r\n') : s);
          // Block scalars end with their own line break.
          const suffix = style === 'literal' || style === 'folded' ? ctx.suffix.slice(1) : ctx.suffix;
          const text = conv(ctx.prefix) + em.source + conv(suffix);
          const base = conv(ctx.prefix).length;
          const { r, node, errors } = scanAt(text, ctx.path);
          if (style === 'plain' && (errors.length > 0 || node.value !== value)) return; // not a plain-safe value
          assert.deepStrictEqual(errors, [], `yaml errors for ${JSON.stringify(text)}`);
          assert.strictEqual(node.value, value, `emitter produced a different value: ${JSON.stringify(text)}`);
          assert.strictEqual(r.value, value, `scanner value for ${JSON.stringify(text)}`);
          const js = jsyaml.load(text) as Record<string, unknown>;
          let jv: unknown = js;
          for (const p of ctx.path) jv = (jv as Record<string | number, unknown>)[p];
          assert.strictEqual(jv, value, `js-yaml value for ${JSON.stringify(text)}`);
          for (let i = 0; i < value.length; i++) {
            const want: number = base + em.origins[i];
            assert.strictEqual(r.map.toDocument(i), want, `toDocument(${i}) in ${JSON.stringify(text)}`);
            const first: number = em.origins.indexOf(em.origins[i]);
            assert.strictEqual(r.map.toValue(want), first, `toValue at ${want} in ${JSON.stringify(text)}`);
          }
          checkInvariants(text, r);
          tested++;
        }),
        { numRuns: RUNS },
      );
      assert.ok(tested > 50, `only ${tested} values were representable as ${style}`);
    });
  }

  const libTypes = [YAML.Scalar.QUOTE_SINGLE, YAML.Scalar.QUOTE_DOUBLE, YAML.Scalar.PLAIN, YAML.Scalar.BLOCK_LITERAL, YAML.Scalar.BLOCK_FOLDED];
  it("the yaml library's own stringify output (forced styles, narrow lines) scans to the same value", () => {
    fc.assert(
      fc.property(splValue, fc.constantFrom(...libTypes), fc.integer({ min: 20, max: 80 }), (value, type, lineWidth) => {
        const doc = new YAML.Document({ name: 'x', k: value, next: 1 });
        const node = (doc.contents as YAML.YAMLMap).get('k', true) as YAML.Scalar;
        node.type = type as YAML.Scalar.Type;
        const text = doc.toString({ lineWidth, minContentWidth: 0 });
        // The library sometimes emits a forced PLAIN style it cannot read back (e.g. ':'); skip those.
        if (!YAML.isScalar(findPath(parseYaml(text).doc, ['k']))) return;
        const { r, node: parsedNode, errors } = scanAt(text, ['k']);
        if (errors.length > 0) return;
        assert.strictEqual(r.value, parsedNode.value, `value for ${JSON.stringify(text)}`);
        checkInvariants(text, r);
      }),
      { numRuns: RUNS + 200 },
    );
  });
});
