import { strict as assert } from 'assert';
import * as path from 'path';
import { createDocumentModel } from '../../../server/src/analysis/documentModel';
import { formatDocumentSearch } from '../../../server/src/analysis/formatSearch';
import { ReferenceIndex } from '../../../server/src/analysis/referenceIndex';
import { renameSymbol, snakeCase } from '../../../server/src/analysis/rename';
import { fuzzyScore, workspaceSymbols } from '../../../server/src/analysis/workspaceSymbols';
import { ContentIndex } from '../../../server/src/content';

const ROOT = path.resolve(__dirname, '../../lsp/fixtures/navigation');

describe('analysis/navigation', () => {
  const index = new ContentIndex();
  const refs = new ReferenceIndex(index);
  before(() => index.buildSync([ROOT]));

  it('the reverse index follows file updates and removals', () => {
    const sym = { kind: 'macro' as const, name: 'ttl_ctime', argCount: 1 };
    assert.equal(refs.uses(sym).length, 4);
    const extra = path.join(ROOT, 'detections', 'endpoint', 'virtual.yml');
    index.updateFile(extra, 'name: Virtual\nsearch: \'`ttl_ctime(a)` | `ttl_ctime(b)` | `ttl_ctime`\'\n');
    assert.equal(refs.uses(sym).length, 6, 'two calls with one argument; `ttl_ctime` without arguments is another macro');
    index.removeFile(extra);
    assert.equal(refs.uses(sym).length, 4);
  });

  it('refuses names a plain YAML scalar would not load as the same string', () => {
    const story = { kind: 'story' as const, name: 'Credential Theft' };
    for (const bad of ['yes', 'Theft: Part 2', '- Theft', 'Theft #2']) {
      const r = renameSymbol(story, bad, refs, index);
      assert.ok('error' in r, bad);
      assert.match(r.error, /cannot be written in the unquoted value|quote that value/);
    }
    assert.ok(!('error' in renameSymbol(story, 'Theft of Credentials', refs, index)));
    const ds = renameSymbol({ kind: 'data_source', name: 'Proc Events' }, 'A AND B', refs, index);
    assert.ok('error' in ds && /AND/.test(ds.error));
  });

  it('names story and data source files in snake case', () => {
    assert.equal(snakeCase('Sysmon EventID 1'), 'sysmon_eventid_1');
    assert.equal(snakeCase("Credential Theft's Return"), 'credential_theft_s_return');
  });

  it('matches workspace symbols fuzzily, best first', () => {
    assert.ok(fuzzyScore('ctime', 'ttl_ctime')! > fuzzyScore('ctm', 'ttl_ctime')!);
    assert.equal(fuzzyScore('zz', 'ttl_ctime'), undefined);
    // Equal matches: the one starting earlier in the name first.
    assert.deepEqual(workspaceSymbols(index, 'ctime').map((s) => s.name), ['ttl_ctime', 'wrap_ctime', 'other_ctime']);
  });

  it('leaves a search as is when one line per command would change a quoted string', () => {
    const text = 'name: X\nsearch: |\n  index=a | eval s="one\n  two" | head 1\n';
    const r = formatDocumentSearch(createDocumentModel(path.join(ROOT, 'detections', 'x.yml'), text));
    assert.deepEqual(r.edits, []);
    assert.match(r.error!, /line break inside a quoted string/);
  });

  it('writes the formatted search with the file’s line ends (CRLF here)', () => {
    const text = "name: X\r\nsearch: 'index=a x=''y'' | head 1'\r\nstatus: production\r\n";
    const r = formatDocumentSearch(createDocumentModel(path.join(ROOT, 'detections', 'x.yml'), text));
    assert.equal(r.error, undefined);
    assert.deepEqual(r.edits.map((e) => e.newText), ["'index=a x=''y''\r\n  | head 1'"]);
  });
});
