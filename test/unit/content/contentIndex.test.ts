import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ContentIndex, contentRootOf, findContentRoots, kindOfRelativePath } from '../../../server/src/content';
import { indentContinuationLines, loadMapping } from '../../../server/src/content/readEntries';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

describe('content paths', () => {
  it('classifies files by their top-level folder', () => {
    assert.strictEqual(kindOfRelativePath('detections/endpoint/a.yml'), 'detection');
    assert.strictEqual(kindOfRelativePath('macros/sysmon.yml'), 'macro');
    assert.strictEqual(kindOfRelativePath('stories/deprecated/x.yaml'), 'story');
    assert.strictEqual(kindOfRelativePath('lookups/x.csv'), undefined);
    assert.strictEqual(kindOfRelativePath('docs/x.yml'), undefined);
  });

  it('finds the root of a nested file and the roots below a folder', () => {
    const file = path.join(EXAMPLES, 'detections', 'endpoint', 'powershell_encoded_command.yml');
    assert.strictEqual(contentRootOf(file), EXAMPLES);
    assert.deepStrictEqual(findContentRoots(path.dirname(EXAMPLES)), [EXAMPLES]);
  });
});

describe('ContentIndex over examples/', () => {
  const index = new ContentIndex();
  before(() => index.buildSync([EXAMPLES]));

  it('indexes macros by name and argument count, with the line of their definition', () => {
    const ctime = index.macro('security_content_ctime', 1);
    assert.ok(ctime);
    assert.deepStrictEqual(ctime.args, ['field']);
    assert.match(ctime.definition, /^convert timeformat=/);
    const lines = fs.readFileSync(ctime.file, 'utf8').split('\n');
    assert.match(lines[ctime.line], /^definition:/);
    assert.strictEqual(index.macro('security_content_ctime', 0), undefined);
    assert.deepStrictEqual(index.macroArgCounts('sysmon'), [0]);
    assert.strictEqual(index.macroArgCounts('nope'), undefined);
  });

  it('indexes stories, data sources, lookups (with CSV header) and detections', () => {
    assert.ok(index.stories.first('Living Off The Land'));
    const ds = index.dataSources.first('Sysmon EventID 3');
    assert.strictEqual(ds?.sourcetype, 'xmlwineventlog');
    assert.ok(ds?.fields.includes('dest_ip'));
    const lookup = index.lookup('suspicious_network_tools');
    assert.deepStrictEqual(lookup?.header, ['process_name', 'is_suspicious', 'reason']);
    assert.strictEqual(lookup?.matchType, 'WILDCARD(process_name)');
    assert.strictEqual(lookup?.caseSensitiveMatch, false);
    assert.strictEqual(index.lookup('suspicious_network_tools.csv'), lookup);
    const det = index.detections.first('PowerShell Encoded Command');
    assert.deepStrictEqual(det?.dataSources, ['Sysmon EventID 1']);
    assert.deepStrictEqual(det?.stories, ['Living Off The Land']);
    assert.deepStrictEqual(index.stats(), {
      files: 17, macros: 8, stories: 2, dataSources: 3, lookups: 1, detections: 3, baselines: 0,
    });
  });
});

describe('ContentIndex updates', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-index-'));
    fs.mkdirSync(path.join(dir, 'macros'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('replaces a file\'s entries on change and drops them on delete', async () => {
    const file = path.join(dir, 'macros', 'm.yml');
    fs.writeFileSync(file, 'name: m1\ndefinition: index=a\n');
    const index = new ContentIndex();
    await index.build([dir]);
    assert.ok(index.macro('m1', 0));
    index.updateFile(file, 'name: m2\narguments: [x]\ndefinition: index=$x$\n');
    assert.strictEqual(index.macro('m1', 0), undefined);
    assert.strictEqual(index.macro('m2', 1)?.definition, 'index=$x$');
    fs.rmSync(file);
    index.updateFile(file);
    assert.strictEqual(index.macros.size, 0);
  });

  it('keeps both entries of a duplicated name', () => {
    fs.writeFileSync(path.join(dir, 'macros', 'a.yml'), 'name: dup\ndefinition: a\n');
    fs.writeFileSync(path.join(dir, 'macros', 'b.yml'), 'name: dup\ndefinition: b\n');
    const index = new ContentIndex();
    index.buildSync([dir]);
    assert.strictEqual(index.macros.get('dup').length, 2);
  });

  it('ignores broken YAML without throwing', () => {
    fs.writeFileSync(path.join(dir, 'macros', 'bad.yml'), 'name: [unclosed\n\u0000\u0001');
    const index = new ContentIndex();
    assert.doesNotThrow(() => index.buildSync([dir]));
    assert.strictEqual(index.macros.size, 0);
  });
});

describe('lenient loading of column-0 continuation lines', () => {
  it('reads a quoted scalar whose continuation lines start in column 0, as PyYAML does', () => {
    const text = "name: x\ndefinition: 'eval a=1\n| eval b=''2''\n\n- not a list item'\ndescription: d\n";
    const doc = loadMapping(text);
    assert.strictEqual(doc?.definition, "eval a=1 | eval b='2'\n- not a list item");
    assert.strictEqual(doc?.description, 'd');
  });

  it('leaves well-formed files alone', () => {
    const text = "name: x\nsearch: 'a\n  b'\ntags:\n- y\n";
    assert.strictEqual(indentContinuationLines(text), "name: x\nsearch: 'a\n  b'\ntags:\n- y\n");
  });
});
