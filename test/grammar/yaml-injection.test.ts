// Explicit assertions for the YAML injection running on VS Code's real YAML grammar.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir, hostModule, sharedHost, type TokenizedLine } from './grammar-host';
import { assertLinesNotSpl, assertNoScope, assertScope, scopesOf } from './scope-assert';

async function yaml(text: string): Promise<TokenizedLine[]> {
  return (await sharedHost()).tokenize(text, 'source.yaml');
}
const INLINE = 'meta.embedded.inline.spl';
const BLOCK = 'meta.embedded.block.spl';

/** The [start, end) columns of the embedded-SPL tokens on one line. */
function embeddedRange(lines: TokenizedLine[], line: number, scope = INLINE): [number, number] {
  const tokens = lines[line].tokens.filter((t) => t.scopes.includes(scope));
  assert.ok(tokens.length > 0, `line ${line + 1} has no ${scope}`);
  return [tokens[0].start, tokens[tokens.length - 1].end];
}

describe('SPL injection into YAML (VS Code YAML grammar)', function () {
  this.timeout(20000);
  before(async () => { await sharedHost(); });

  it('fails with a clear message when the VS Code YAML grammar is missing', async () => {
    const { locateYamlSyntaxesDir } = await hostModule();
    assert.throws(
      () => locateYamlSyntaxesDir({ DW_VSCODE_EXTENSIONS_DIR: join(fixturesDir, 'no-such-dir') }),
      /bash scripts\/code-server\/install\.sh/,
    );
  });

  it('embeds a single-quoted search exactly between its quotes, and the next key stays YAML', async () => {
    const text = "search: '| tstats count by x | `f_filter`'\nhow_to_implement: x | y";
    const lines = await yaml(text);
    assert.deepEqual(embeddedRange(lines, 0), [9, text.indexOf("'\n")]);
    assertScope(lines, "'|", 'punctuation.definition.string.begin.yaml');
    assertScope(lines, "'\n".slice(0, 1), 'punctuation.definition.string.end.yaml', 1);
    assertScope(lines, 'search', 'entity.name.tag.yaml');
    assertScope(lines, 'tstats', 'keyword.control.command.spl');
    assertScope(lines, 'f_filter', 'entity.name.function.macro.spl');
    assertLinesNotSpl(lines, 1);
    assertScope(lines, 'how_to_implement', 'entity.name.tag.yaml');
  });

  it("treats '' as an escaped quote, not the end of the scalar", async () => {
    const lines = await yaml("search: 'a=''x'' | eval b=''c d''=1 | stats count'\nk: v");
    assertScope(lines, "''x", 'constant.character.escape.single-quote.yaml');
    assertScope(lines, 'stats', 'keyword.control.command.spl');
    assertScope(lines, 'stats', INLINE);
    assertScope(lines, "''c d''", 'variable.other.field.quoted.spl');
    assertLinesNotSpl(lines, 1);
  });

  it("a backslash right before the closing single quote ends neither the string nor breaks the YAML ('C:\\Windows\\')", async () => {
    const lines = await yaml("search: 'path=C:\\Windows\\'\nk: v\nsearch: 'Image=\"C:\\Windows\\\"'\nk2: v");
    assertScope(lines, "'\nk".slice(0, 1), 'punctuation.definition.string.end.yaml', 1);
    assertLinesNotSpl(lines, 1);
    assertScope(lines, 'k: v', 'entity.name.tag.yaml');
    const closing = lines[2].text.length - 1;
    assert.ok(scopesOf(lines, "\"'", 0, 1).includes('punctuation.definition.string.end.yaml'));
    assert.equal(embeddedRange(lines, 2)[1], closing);
    assertLinesNotSpl(lines, 3);
  });

  it('a backtick inside a quoted SPL string does not start a macro', async () => {
    const lines = await yaml("search: '| eval p=split(process,\"`\") | stats count'\nk: v");
    assertNoScope(lines, '`")', /macro/);
    assertScope(lines, 'stats', 'keyword.control.command.spl');
    assertLinesNotSpl(lines, 1);
  });

  it('unbalanced SPL strings, brackets and macros end where the YAML scalar ends', async () => {
    for (const value of ["'| eval x=\"open'", "'| search [search y'", "'| eval x=`open'", '"| eval x=\\"open"', "'```open comment'"]) {
      const lines = await yaml(`search: ${value}\nnext: v`);
      assertLinesNotSpl(lines, 1);
      assertScope(lines, 'next', 'entity.name.tag.yaml');
    }
  });

  it('double-quoted: \\" is an SPL quote, \\\\ an SPL backslash, and the scalar ends at the bare quote', async () => {
    const lines = await yaml('search: "| where u=\\"a\\\\\\"b\\" | table u"\nk: v');
    assertScope(lines, '\\"a', 'punctuation.definition.string.begin.spl');
    assertScope(lines, 'table', 'keyword.control.command.spl');
    assertScope(lines, 'u"', 'punctuation.definition.string.end.yaml', 0, 1);
    assertLinesNotSpl(lines, 1);
  });

  it('plain scalars end before a YAML comment', async () => {
    const lines = await yaml('search: (`a` x=1) OR y=2 | stats count # note\nk: v');
    assertScope(lines, 'stats', 'keyword.control.command.spl');
    assertScope(lines, '# note', 'comment.line.number-sign.yaml');
    assertNoScope(lines, '# note', /\.spl$/);
    assertLinesNotSpl(lines, 1);
  });

  it('literal and folded block scalars are embedded blocks that end at the dedent', async () => {
    const lines = await yaml('search: |\n  `sysmon` x=1\n\n  | stats count\nk: v\nsearch: >-\n    a=1\n    | table a\n# c\nk2: v');
    assertScope(lines, 'sysmon', BLOCK);
    assertScope(lines, 'stats', 'keyword.control.command.spl');
    assertScope(lines, 'stats', BLOCK);
    assertLinesNotSpl(lines, 4);
    assertScope(lines, 'table', BLOCK);
    assertLinesNotSpl(lines, 8, 9);
    assertScope(lines, '# c', 'comment.line.number-sign.yaml');
  });

  it('block scalars in drilldown list items: header comment stays YAML, the block ends at the next key', async () => {
    const lines = await yaml(readFileSync(join(fixturesDir, 'block-scalars-in-lists.yml'), 'utf8'));
    assertScope(lines, '# header', 'comment.line.number-sign.yaml');
    assertNoScope(lines, '# header', /\.spl$/);
    assertScope(lines, 'from', 'keyword.control.command.spl');
    assertScope(lines, 'from', BLOCK);
    assertScope(lines, 'stats', BLOCK);
    assertLinesNotSpl(lines, 5);
    assertScope(lines, 'earliest_offset', 'entity.name.tag.yaml');
    assertScope(lines, '`m`', BLOCK);
    assertLinesNotSpl(lines, 8);
  });

  it('multi-line quoted scalars, also starting on the line after the key', async () => {
    const lines = await yaml("search:\n  '`okta` a=1\n  | stats count by user'\nk: v\nsearch: \"| tstats count\n  by x\"\nk2: v");
    assertScope(lines, 'okta', 'entity.name.function.macro.spl');
    assertScope(lines, 'stats', 'keyword.control.command.spl');
    assertLinesNotSpl(lines, 3);
    assertScope(lines, 'by x', 'keyword.other.clause.spl');
    assertLinesNotSpl(lines, 6);
  });

  it('drilldown_searches items (first key or not) and tags keep their YAML scopes', async () => {
    const lines = await yaml(readFileSync(join(fixturesDir, 'detection.yml'), 'utf8'));
    assertScope(lines, '%original_detection_search%', 'variable.other.token.spl');
    assertScope(lines, '| from datamodel', 'keyword.control.command.spl', 0, 2);
    assertScope(lines, 'Risk.All_Risk', 'entity.name.type.datamodel.spl');
    assertScope(lines, 'earliest_offset', 'entity.name.tag.yaml');
    assertNoScope(lines, 'earliest_offset', /\.spl$/);
    assertNoScope(lines, '$info_min_time$', /\.spl$/);
    assertScope(lines, 'name: View risk', 'entity.name.tag.yaml');
    assertNoScope(lines, 'search: key inside prose', /\.spl$/);
  });

  it('macro definitions are SPL; a leading known command is a command', async () => {
    const lines = await yaml(readFileSync(join(fixturesDir, 'macro.yml'), 'utf8'));
    assertScope(lines, 'Processes.process_name', 'variable.other.field.spl');
    assertScope(lines, 'convert', 'keyword.control.command.spl');
    assertScope(lines, 'ctime', 'entity.name.function.spl');
    assertScope(lines, '$field$', 'variable.other.token.spl');
    assertNoScope(lines, 'Converts a time', /\.spl$/);
  });

  it('continuation lines at column 0: the command after the `|` YAML marks as bad indentation is still a command', async () => {
    const lines = await yaml("definition: 'eval a=1\n| lookup t f OUTPUT b\n| fields - a'\nk: v");
    assertScope(lines, '| lookup', 'invalid.illegal.expected-indentation.yaml');
    assertScope(lines, 'lookup', 'keyword.control.command.spl');
    assertScope(lines, 'OUTPUT', 'keyword.other.clause.spl');
    assertScope(lines, 'fields', 'keyword.control.command.spl');
    assertLinesNotSpl(lines, 3);
  });

  it('keys that only resemble search/definition are not SPL', async () => {
    const lines = await yaml("searches: '| x'\nmy_search: '| x'\nname: 'search: | x'\ndescription: the search: | x");
    for (let i = 0; i < 4; i++) assertLinesNotSpl(lines, i);
  });

  it('without the injection the same document has no SPL scopes (the injection is what adds them)', async () => {
    const { createTextMateHost } = await hostModule();
    const plainHost = await createTextMateHost({ withInjection: false });
    const lines = plainHost.tokenize("search: '| stats count'");
    assertLinesNotSpl(lines, 0);
  });
});
