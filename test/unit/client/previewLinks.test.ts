import * as assert from 'assert';
import * as path from 'path';
import { fileLink } from '../../../server/src/analysis/docPageMarkdown';
import { relativizeFileLinks } from '../../../client/src/previewLinks';

describe('relativizeFileLinks', () => {
  const root = path.resolve('/work/repo');
  const pageDir = path.resolve('/home/u/.storage/documentation/ab12cd34');
  // as the server writes them (server/src/analysis/docPageMarkdown.ts fileLink)
  const link = (label: string, file: string, line?: number) => fileLink(label, file, line === undefined ? undefined : line - 1);

  it('rewrites file links relative to the page folder and keeps the line fragment', () => {
    const md = `Uses ${link('sysmon', path.join(root, 'macros', 'sysmon.yml'), 3)} and ${link('story', path.join(root, 'stories', 'a.yml'))}.`;
    const out = relativizeFileLinks(md, pageDir);
    const targets = [...out.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
    assert.strictEqual(targets.length, 2);
    assert.ok(targets[0].endsWith('#L3'), targets[0]);
    assert.strictEqual(path.resolve(pageDir, decodeURIComponent(targets[0].replace(/#.*$/, ''))), path.join(root, 'macros', 'sysmon.yml'));
    assert.strictEqual(path.resolve(pageDir, decodeURIComponent(targets[1])), path.join(root, 'stories', 'a.yml'));
    assert.ok(!out.includes('file:'), out);
  });

  it('encodes spaces and other characters a Markdown link target cannot hold', () => {
    const out = relativizeFileLinks(link('x', path.join(root, 'my lookups', 'a (1).yml'), 2), pageDir);
    const target = /\]\(([^)]+)\)/.exec(out)![1];
    assert.ok(!/[ ()]/.test(target), target);
    assert.strictEqual(path.resolve(pageDir, decodeURIComponent(target.replace(/#.*$/, ''))), path.join(root, 'my lookups', 'a (1).yml'));
  });

  it('leaves web links, plain text and code alone', () => {
    const md = '[ATT&CK](https://attack.mitre.org/techniques/T1059/) `file:///not/a/link` and text';
    assert.strictEqual(relativizeFileLinks(md, pageDir), md);
  });
});
