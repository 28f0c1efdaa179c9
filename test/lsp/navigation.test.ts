import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { load } from 'js-yaml';
import {
  CodeLensRequest,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbol,
  DocumentSymbolRequest,
  Location,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameFile,
  RenameRequest,
  SymbolInformation,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient, uriOf } from './lspClient';

const ROOT = path.join(__dirname, 'fixtures', 'navigation');
const file = (...p: string[]) => path.join(ROOT, ...p);
const ESCAPED = file('detections', 'endpoint', 'escaped_quotes.yml');
const FOLDED = file('detections', 'endpoint', 'folded_search.yml');
const TTL_CTIME = file('macros', 'ttl_ctime.yml');
const WRAP = file('macros', 'wrap_ctime.yml');
const STORY = file('stories', 'credential_theft.yml');
const LOOKUP = file('lookups', 'suspicious_tools.yml');
const read = (f: string) => fs.readFileSync(f, 'utf8');

/** LSP position of the `nth` occurrence of `needle` in `text`, `delta` characters into it. */
function pos(text: string, needle: string, delta = 0, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${needle} #${nth} not found`);
  }
  const before = text.slice(0, at + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The LSP range of the `nth` occurrence of `needle` (its first `length` characters). */
function rangeOf(text: string, needle: string, nth = 0, length = needle.length) {
  return { start: pos(text, needle, 0, nth), end: pos(text, needle, length, nth) };
}

const key = (l: Location) => `${path.relative(ROOT, new URL(l.uri).pathname)}:${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`;
const keyOf = (f: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  key({ uri: uriOf(f), range: r });

/** Applies a WorkspaceEdit's text edits to the files' current text. */
function applied(edit: WorkspaceEdit): Map<string, string> {
  const out = new Map<string, string>();
  for (const change of edit.documentChanges ?? []) {
    if (!TextDocumentEdit.is(change)) continue;
    const f = new URL(change.textDocument.uri).pathname;
    const doc = TextDocument.create(change.textDocument.uri, 'yaml', 1, read(f));
    out.set(f, TextDocument.applyEdits(doc, change.edits as TextEdit[]));
  }
  return out;
}

describe('language server over stdio: navigate and refactor', () => {
  let client: LspTestClient;
  const uris = new Map<string, string>();
  before(async () => {
    client = await LspTestClient.start(ROOT);
    const status = (await client.connection.sendRequest('detectionWorkbench/status')) as { detections: number; macros: number };
    assert.strictEqual(status.detections, 2);
    assert.strictEqual(status.macros, 4);
    for (const f of [ESCAPED, FOLDED, TTL_CTIME, STORY, LOOKUP]) uris.set(f, await client.open(f));
  });
  after(async () => client?.stop());

  const references = async (f: string, position: { line: number; character: number }, includeDeclaration = true) =>
    ((await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: uris.get(f)! },
      position,
      context: { includeDeclaration },
    })) as Location[]).map(key);

  describe('find all references', () => {
    const esc = read(ESCAPED);
    const fold = read(FOLDED);
    const expectedCtime = [
      keyOf(TTL_CTIME, rangeOf(read(TTL_CTIME), 'ttl_ctime')),
      keyOf(ESCAPED, rangeOf(esc, 'ttl_ctime')),
      keyOf(FOLDED, rangeOf(fold, 'ttl_ctime', 0)),
      keyOf(FOLDED, rangeOf(fold, 'ttl_ctime', 1)),
      keyOf(WRAP, rangeOf(read(WRAP), 'ttl_ctime')),
    ].sort();

    it('from a macro call after `` escapes on a continuation line of a single-quoted search', async () => {
      const got = await references(ESCAPED, pos(esc, 'ttl_ctime(firstTime)', 3));
      assert.deepStrictEqual(got.sort(), expectedCtime);
    });

    it('from the backtick of a call in a folded block scalar, and without the declaration', async () => {
      const got = await references(FOLDED, pos(fold, '`ttl_ctime(firstTime)`', 0), false);
      assert.deepStrictEqual(got.sort(), expectedCtime.filter((k) => !k.startsWith('macros/ttl_ctime')));
    });

    it('from the definition’s name:', async () => {
      const got = await references(TTL_CTIME, pos(read(TTL_CTIME), 'name: ttl_ctime', 8));
      assert.deepStrictEqual(got.sort(), expectedCtime);
    });

    it('of a lookup: `lookup NAME`, `inputlookup NAME.csv` and the lookup YAML', async () => {
      const got = await references(ESCAPED, pos(esc, 'suspicious_tools', 2));
      assert.deepStrictEqual(got.sort(), [
        keyOf(LOOKUP, rangeOf(read(LOOKUP), 'suspicious_tools')),
        keyOf(ESCAPED, rangeOf(esc, 'suspicious_tools')),
        keyOf(FOLDED, rangeOf(fold, 'suspicious_tools.csv')),
      ].sort());
    });

    it('of a lookup from its `filename:` too', async () => {
      const lk = read(LOOKUP);
      const got = await references(LOOKUP, pos(lk, 'filename: suspicious_tools.csv', 12), false);
      assert.deepStrictEqual(got.sort(), [keyOf(ESCAPED, rangeOf(esc, 'suspicious_tools')), keyOf(FOLDED, rangeOf(fold, 'suspicious_tools.csv'))].sort());
    });

    it('includes the calls of an open .spl file, which the index does not hold', async () => {
      const spl = path.join(ROOT, 'scratch_refs.spl');
      const text = 'index=a | `ttl_ctime(x)`';
      uris.set(spl, await client.open(spl, text, 'spl'));
      const got = await references(spl, pos(text, 'ttl_ctime', 1));
      assert.deepStrictEqual(got.sort(), [...expectedCtime, keyOf(spl, rangeOf(text, 'ttl_ctime'))].sort());
    });

    it('of a story and a data source, plain and quoted entries', async () => {
      const story = await references(STORY, pos(read(STORY), 'Credential Theft', 1));
      assert.deepStrictEqual(story.sort(), [
        keyOf(STORY, rangeOf(read(STORY), 'Credential Theft')),
        keyOf(ESCAPED, rangeOf(esc, 'Credential Theft')),
        keyOf(FOLDED, rangeOf(fold, 'Credential Theft')),
      ].sort());
      const ds = await references(ESCAPED, pos(esc, '- Proc Events', 3), false);
      assert.deepStrictEqual(ds.sort(), [keyOf(ESCAPED, rangeOf(esc, 'Proc Events')), keyOf(FOLDED, rangeOf(fold, 'Proc Events'))].sort());
    });

    it('follows an edit of an open document', async () => {
      const text = fold.replace('| `drop_dm_object_name(Processes)`', '| `ttl_ctime(x)` | `drop_dm_object_name(Processes)`');
      await client.change(uris.get(FOLDED)!, text, 2);
      const got = await references(TTL_CTIME, pos(read(TTL_CTIME), 'name: ttl_ctime', 8));
      assert.strictEqual(got.length, expectedCtime.length + 1);
      assert.ok(got.includes(keyOf(FOLDED, rangeOf(text, 'ttl_ctime', 1))));
      await client.change(uris.get(FOLDED)!, fold, 3);
      assert.strictEqual((await references(TTL_CTIME, pos(read(TTL_CTIME), 'name: ttl_ctime', 8))).length, expectedCtime.length);
    });
  });

  describe('rename', () => {
    it('renames a macro everywhere and its file, keeping each scalar loadable', async () => {
      const esc = read(ESCAPED);
      const prep = (await client.connection.sendRequest(PrepareRenameRequest.type, {
        textDocument: { uri: uris.get(ESCAPED)! },
        position: pos(esc, 'ttl_ctime(firstTime)', 2),
      })) as { range: unknown; placeholder: string };
      assert.strictEqual(prep.placeholder, 'ttl_ctime');
      assert.deepStrictEqual(prep.range, rangeOf(esc, 'ttl_ctime'));
      const edit = (await client.connection.sendRequest(RenameRequest.type, {
        textDocument: { uri: uris.get(ESCAPED)! },
        position: pos(esc, 'ttl_ctime(firstTime)', 2),
        newName: 'dw_ctime',
      })) as WorkspaceEdit;
      const renames = (edit.documentChanges ?? []).filter(RenameFile.is);
      assert.deepStrictEqual(renames.map((r) => [r.oldUri, r.newUri]), [[uriOf(TTL_CTIME), uriOf(file('macros', 'dw_ctime.yml'))]]);
      const after = applied(edit);
      assert.deepStrictEqual([...after.keys()].sort(), [ESCAPED, FOLDED, TTL_CTIME, WRAP].sort());
      for (const [f, text] of after) {
        const before = load(read(f)) as Record<string, unknown>;
        const now = load(text) as Record<string, unknown>;
        assert.strictEqual(JSON.stringify(now), JSON.stringify(before).replace(/ttl_ctime/g, 'dw_ctime'), f);
        assert.ok(!text.includes('ttl_ctime'), f);
      }
      // `''` escapes before the call stay escapes.
      assert.ok(after.get(ESCAPED)!.includes("title=''it''''s''"));
    });

    it('renames a story through single-quoted entries, escaping the new quote, and renames its file', async () => {
      const story = read(STORY);
      const edit = (await client.connection.sendRequest(RenameRequest.type, {
        textDocument: { uri: uris.get(STORY)! },
        position: pos(story, 'Credential Theft', 3),
        newName: "Credential Theft's Return",
      })) as WorkspaceEdit;
      const after = applied(edit);
      assert.ok(after.get(FOLDED)!.includes("- 'Credential Theft''s Return'"));
      assert.ok(after.get(ESCAPED)!.includes("- Credential Theft's Return"));
      for (const f of [FOLDED, ESCAPED]) {
        const tags = (load(after.get(f)!) as { tags: { analytic_story: string[] } }).tags;
        assert.deepStrictEqual(tags.analytic_story, ["Credential Theft's Return"]);
      }
      const renames = (edit.documentChanges ?? []).filter(RenameFile.is);
      assert.deepStrictEqual(renames.map((r) => r.newUri), [uriOf(file('stories', 'credential_theft_s_return.yml'))]);
    });

    it('renames a lookup, its CSV and the uses written as the CSV name', async () => {
      const lk = read(LOOKUP);
      const edit = (await client.connection.sendRequest(RenameRequest.type, {
        textDocument: { uri: uris.get(LOOKUP)! },
        position: pos(lk, 'name: suspicious_tools', 7),
        newName: 'risky_tools',
      })) as WorkspaceEdit;
      const after = applied(edit);
      assert.ok(after.get(FOLDED)!.includes('inputlookup risky_tools.csv'));
      assert.ok(after.get(ESCAPED)!.includes('| lookup risky_tools tool'));
      assert.strictEqual(after.get(LOOKUP), 'name: risky_tools\ndescription: tools that deserve a look\nfilename: risky_tools.csv\n');
      const renames = (edit.documentChanges ?? []).filter(RenameFile.is).map((r) => path.basename(new URL(r.newUri).pathname));
      assert.deepStrictEqual(renames.sort(), ['risky_tools.csv', 'risky_tools.yml']);
    });

    it('refuses: a macro not defined in the repository, an existing name, an invalid name, plain text', async () => {
      const fold = read(FOLDED);
      await assert.rejects(
        client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: uris.get(FOLDED)! }, position: pos(fold, 'drop_dm_object_name', 2) }),
        /not defined in the content roots/,
      );
      const at = { textDocument: { uri: uris.get(FOLDED)! }, position: pos(fold, 'ttl_ctime', 2) };
      await assert.rejects(client.connection.sendRequest(RenameRequest.type, { ...at, newName: 'other_ctime' }), /already exists .*other_ctime\.yml/);
      await assert.rejects(client.connection.sendRequest(RenameRequest.type, { ...at, newName: 'bad name' }), /not a valid macro name/);
      await assert.rejects(
        client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: uris.get(FOLDED)! }, position: pos(fold, 'status:', 1) }),
        /Only a macro, lookup, story or data source/,
      );
    });
  });

  it('shows "used by N detections" on a definition, opening the references', async () => {
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uris.get(TTL_CTIME)! } });
    assert.strictEqual(lenses!.length, 1);
    const [lens] = lenses!;
    assert.strictEqual(lens.command!.title, 'used by 2 detections, 1 macro');
    assert.strictEqual(lens.command!.command, 'detectionWorkbench.showReferences');
    assert.deepStrictEqual(lens.range, rangeOf(read(TTL_CTIME), 'ttl_ctime'));
    assert.strictEqual((lens.command!.arguments![2] as Location[]).length, 4);
  });

  it('outlines a detection: name, search with one child per command at exact ranges, tests', async () => {
    const esc = read(ESCAPED);
    const [root] = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uris.get(ESCAPED)! } })) as DocumentSymbol[];
    assert.strictEqual(root.name, 'Escaped Quotes Detection');
    assert.deepStrictEqual(root.selectionRange, rangeOf(esc, 'Escaped Quotes Detection'));
    const [search, tests] = root.children!;
    assert.strictEqual(search.name, 'search');
    assert.deepStrictEqual(search.children!.map((c) => c.name), ['search', 'lookup', 'stats', '`ttl_ctime`']);
    assert.deepStrictEqual(search.children![1].selectionRange, rangeOf(esc, 'lookup'));
    assert.deepStrictEqual(search.children![3].range, rangeOf(esc, '`ttl_ctime(firstTime)`'));
    // The leading search clause (a macro and terms) runs over the `''` escapes up to the pipe of the next line.
    assert.deepStrictEqual(search.children![0].range, { start: pos(esc, '`proc_filter`'), end: pos(esc, "title=''it''''s''", "title=''it''''s''".length) });
    assert.strictEqual(tests.name, 'tests');
    assert.deepStrictEqual(tests.children!.map((c) => c.name), ['True Positive Test']);
  });

  it('finds workspace symbols by fuzzy name and by id', async () => {
    const byName = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'cred thft' })) as SymbolInformation[];
    assert.strictEqual(byName[0].name, 'Credential Theft');
    assert.strictEqual(byName[0].location.uri, uriOf(STORY));
    const byId = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '44444444' })) as SymbolInformation[];
    assert.deepStrictEqual(byId.map((s) => s.name), ['Folded Search Detection']);
    const all = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' })) as SymbolInformation[];
    assert.strictEqual(all.length, 9); // 2 detections, 4 macros, a story, a data source, a lookup
  });

  describe('formatting', () => {
    it('writes the search single-quoted, one command per line, loading to the same search', async () => {
      const esc = read(ESCAPED);
      const edits = (await client.connection.sendRequest(DocumentFormattingRequest.type, {
        textDocument: { uri: uris.get(ESCAPED)! },
        options: { tabSize: 2, insertSpaces: true },
      })) as TextEdit[];
      const out = TextDocument.applyEdits(TextDocument.create('x', 'yaml', 1, esc), edits);
      assert.strictEqual(
        out.split('\ntags:')[0].split('search: ')[1],
        "'`proc_filter` process=''cmd.exe'' title=''it''''s''\n" +
          '  | lookup suspicious_tools tool AS process_name OUTPUT is_bad\n' +
          '  | stats count min(_time) as firstTime by process_name\n' +
          "  | `ttl_ctime(firstTime)`'",
      );
      const before = (load(esc) as { search: string }).search;
      const after = (load(out) as { search: string }).search;
      assert.strictEqual(after, before.replace(/\s+/g, ' '));
    });

    it('re-lays a folded search, spacing commas; range formatting outside the search does nothing', async () => {
      const fold = read(FOLDED);
      const outside = await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
        textDocument: { uri: uris.get(FOLDED)! },
        range: rangeOf(fold, 'name: View'),
        options: { tabSize: 2, insertSpaces: true },
      });
      assert.deepStrictEqual(outside, []);
      const edits = (await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
        textDocument: { uri: uris.get(FOLDED)! },
        range: rangeOf(fold, 'by process_name'),
        options: { tabSize: 2, insertSpaces: true },
      })) as TextEdit[];
      const out = TextDocument.applyEdits(TextDocument.create('x', 'yaml', 1, fold), edits);
      assert.strictEqual(
        (load(out) as { search: string }).search,
        '`proc_filter` process="x" | stats count min(_time) as firstTime, max(_time) as lastTime by process_name | `ttl_ctime(firstTime)` | `drop_dm_object_name(Processes)`',
      );
      assert.ok(out.includes("search: '`proc_filter` process=\"x\"\n  | stats count min(_time) as firstTime, max(_time) as lastTime by process_name\n  | `ttl_ctime(firstTime)`\n"));
    });

    it('formats a .spl file and says why a broken search is left as is', async () => {
      const spl = path.join(ROOT, 'scratch.spl');
      const uri = await client.open(spl, 'index=main sourcetype=x | eval a=1 |stats count by a , b', 'spl');
      const edits = (await client.connection.sendRequest(DocumentFormattingRequest.type, {
        textDocument: { uri },
        options: { tabSize: 2, insertSpaces: true },
      })) as TextEdit[];
      assert.deepStrictEqual(edits.map((e) => e.newText), ['index=main sourcetype=x\n| eval a=1\n| stats count by a, b']);
      const broken = await client.open(path.join(ROOT, 'broken.spl'), 'index=main | eval a="x', 'spl');
      const r = (await client.connection.sendRequest('detectionWorkbench/formatSearch', { uri: broken })) as { edits: unknown[]; error?: string };
      assert.deepStrictEqual(r.edits, []);
      assert.match(r.error!, /syntax errors .*Unbalanced quotes/);
    });
  });
});
