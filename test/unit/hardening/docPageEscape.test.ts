// Documentation preview (issue 11): every value from a content file is escaped for Markdown and
// HTML. A detection (with its story, data source and macro) carrying HTML in every field renders,
// through markdown-it with HTML enabled as VS Code's preview does, with no live tag and no link
// other than http(s) and file.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createDocumentModel } from '../../../server/src/analysis/documentModel';
import { documentationPage } from '../../../server/src/analysis/docPage';
import { fileLink, urlLink } from '../../../server/src/analysis/docPageMarkdown';
import { ContentIndex } from '../../../server/src/content';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (o: object) => { render(md: string): string };
const md = new MarkdownIt({ html: true, linkify: true });

const X = `<img src=https://evil.example/x.png onerror=alert(1)><script>alert(1)</script>`;
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Tags markdown-it itself produces for our Markdown; anything else would come from content. */
const ALLOWED = new Set(['h1', 'h2', 'p', 'ul', 'li', 'a', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'em', 'br', 'hr']);

function liveTags(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase()).filter((t) => !ALLOWED.has(t));
}

describe('hardening: documentation page escaping', () => {
  let tmp: string;
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-doc-')); });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('renders HTML in every field as text', () => {
    const repo = path.join(tmp, 'repo');
    for (const d of ['detections', 'stories', 'data_sources', 'macros']) fs.mkdirSync(path.join(repo, d), { recursive: true });
    fs.writeFileSync(path.join(repo, 'stories', 's.yml'), `name: ${q(`Story ${X}`)}\nid: 1\ndescription: ${q(X)}\n`);
    fs.writeFileSync(path.join(repo, 'data_sources', 'd.yml'), `name: ${q(`DS ${X}`)}\nsource: ${q(X)}\nsourcetype: ${q('`x`' + X)}\n`);
    fs.writeFileSync(path.join(repo, 'macros', 'm.yml'), `name: evil_macro\ndefinition: index=main\ndescription: ${q(X)}\n`);
    const file = path.join(repo, 'detections', `evil.yml`);
    const text = `name: ${q(`Evil ${X}`)}
id: ${q(X)}
version: ${q(X)}
date: ${q(X)}
author: ${q(X)}
status: ${q(X)}
type: ${q(X)}
description: ${q(`${X} [click](javascript:alert(1)) ![i](https://evil.example/i.png) <https://evil.example> $x^2$`)}
data_source:
- ${q(`DS ${X}`)}
- ${q(`Missing ${X}`)}
search: ${q(`\`evil_macro\` | eval a="${X}" | \`evil_filter\``)}
how_to_implement: ${q(X)}
known_false_positives: ${q(X)}
references:
- ${q('javascript:alert(1)')}
- ${q(`https://example.com/"><img src=x onerror=alert(1)>`)}
- ${q(`https://example.com/a) [x](javascript:alert(1)`)}
- ${q(X)}
rba:
  message: ${q(`${X} on $dest$`)}
  risk_objects:
  - field: ${q(X)}
    type: ${q(X)}
    score: ${q(X)}
  threat_objects:
  - field: ${q(X)}
    type: ${q(X)}
tags:
  analytic_story:
  - ${q(`Story ${X}`)}
  - ${q(`Unknown ${X}`)}
  asset_type: ${q(X)}
  mitre_attack_id:
  - ${q(`T1059${X}`)}
  - T1105
  kill_chain_phases:
  - ${q(X)}
  nist:
  - ${q(X)}
  cis20:
  - ${q(X)}
  product:
  - ${q(X)}
  required_fields:
  - ${q(X)}
  impact: ${q(X)}
  confidence: ${q(X)}
  message: ${q(X)}
  security_domain: endpoint
tests:
- name: ${q(X)}
  attack_data:
  - data: ${q(`https://example.com/${X}`)}
    source: ${q(X)}
    sourcetype: ${q(X)}
  - data: ${q(`javascript:alert(1)`)}
`;
    fs.writeFileSync(file, text);
    const index = new ContentIndex();
    index.buildSync([repo]);
    for (const generation of ['v4', 'v5'] as const) {
      const page = documentationPage(createDocumentModel(file, text), index, { generation });
      const html = md.render(page);
      assert.deepStrictEqual(liveTags(html), [], `${generation}: live tags in\n${html}`);
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
      assert.ok(hrefs.length > 3, 'links are still made');
      for (const h of hrefs) assert.match(h, /^(https?:|file:)/, `${generation}: href ${h}`);
      assert.ok(!/<img|<script|<[^>]*\bonerror=/i.test(html), `${generation}: no markup from content`);
      // Values are still shown (as text).
      assert.ok(html.includes('&lt;img src=https://evil.example/x.png onerror=alert(1)&gt;'), 'the HTML is shown as text');
      assert.ok(html.includes('href="https://attack.mitre.org/techniques/T1105/"'));
      assert.ok(html.includes('not an ATT&amp;CK technique id'));
    }
  });

  it('link helpers: only http(s) targets become links; targets cannot break out', () => {
    assert.strictEqual(urlLink('javascript:alert(1)'), 'javascript:alert(1)');
    assert.strictEqual(urlLink('data:text/html,<b>x</b>'), 'data:text/html,&lt;b&gt;x&lt;/b&gt;');
    assert.strictEqual(urlLink('https://e.x/a)"b'), '[https://e.x/a)"b](https://e.x/a%29%22b)');
    assert.strictEqual(fileLink('a <b> [c]', '/tmp/x (1).yml', 2), '[a &lt;b&gt; &#91;c&#93;](file:///tmp/x%20%281%29.yml#L3)');
    // The preview's linkify rule cannot swallow an escape and leave a live tag.
    assert.doesNotMatch(md.render(urlLink('https://e.x/<img src=x onerror=alert(1)>')), /<img/);
  });
});
