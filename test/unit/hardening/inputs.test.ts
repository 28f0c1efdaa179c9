// Only regular files are read (issue 11): FIFOs, devices, directories, broken or looping links and
// non-UTF-8 content get a message on that file; nothing hangs; the rest of the repository is checked.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ContentIndex } from '../../../server/src/content';
import { checkRegularFile, firstInvalidUtf8, readUtf8File } from '../../../server/src/content/regularFile';
import { cli } from '../cli/cliHarness';

const posix = process.platform !== 'win32';

const DETECTION = (name: string, search: string, data = '') => `name: ${name}
id: 0b8e4c5e-4f1e-4e0a-9a57-0c2a5d4f${String(name.length).padStart(4, '0')}
version: 1
date: '2024-05-01'
author: Test
status: production
type: TTP
description: A test detection.
data_source: []
search: '${search}'
how_to_implement: Test.
known_false_positives: None.
references: []
tags:
  analytic_story: []
  asset_type: Endpoint
  mitre_attack_id: []
  product:
  - Splunk Enterprise
  security_domain: endpoint
${data ? `tests:\n- name: True Positive Test\n  attack_data:\n  - data: ${data}\n    sourcetype: kv\n    source: test\n` : ''}`;

describe('hardening: only regular files, per-file problems', function () {
  this.timeout(30000);
  let tmp: string;
  let repo: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-inputs-'));
    repo = path.join(tmp, 'repo');
    for (const d of ['detections', 'macros', 'lookups', 'attack_data/datasets']) fs.mkdirSync(path.join(repo, d), { recursive: true });
    fs.writeFileSync(path.join(repo, 'detections', 'good.yml'), DETECTION('good', 'index=main | stats count'));
    fs.writeFileSync(path.join(repo, 'detections', 'latin1.yml'), Buffer.from(DETECTION('latin1', 'index=main | stats count') + '# caf\xe9\n', 'latin1'));
    fs.symlinkSync(path.join(repo, 'nowhere.yml'), path.join(repo, 'detections', 'broken.yml'));
    fs.symlinkSync(path.join(repo, 'detections', 'loop2.yml'), path.join(repo, 'detections', 'loop1.yml'));
    fs.symlinkSync(path.join(repo, 'detections', 'loop1.yml'), path.join(repo, 'detections', 'loop2.yml'));
    if (posix) execFileSync('mkfifo', [path.join(repo, 'detections', 'x.yml')]);
    fs.writeFileSync(path.join(tmp, 'outside.log'), 'secret=1\n');
    fs.writeFileSync(path.join(repo, 'attack_data', 'datasets', 'in.log'), 'a=1\n');
    fs.writeFileSync(path.join(repo, 'detections', 'escape.yml'), DETECTION('escape', '* | stats count', 'https://media.githubusercontent.com/media/splunk/attack_data/master/../../outside.log'));
    fs.writeFileSync(path.join(repo, 'detections', 'encoded.yml'), DETECTION('encoded', '* | stats count', 'https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/%2e%2e/%2e%2e/%2e%2e/outside.log'));
    fs.writeFileSync(path.join(repo, 'detections', 'inside.yml'), DETECTION('inside', '* | stats count', 'https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/in.log'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('names what a file is instead of opening it', () => {
    const dir = checkRegularFile(tmp);
    assert.ok(!dir.ok && /is a directory, not a regular file/.test(dir.problem));
    if (posix) {
      const fifo = checkRegularFile(path.join(repo, 'detections', 'x.yml'));
      assert.ok(!fifo.ok && /FIFO/.test(fifo.problem));
      const dev = checkRegularFile('/dev/zero');
      assert.ok(!dev.ok && /character device/.test(dev.problem));
    }
    const broken = checkRegularFile(path.join(repo, 'detections', 'broken.yml'));
    assert.ok(!broken.ok && /symbolic link whose target does not exist/.test(broken.problem));
    const loop = checkRegularFile(path.join(repo, 'detections', 'loop1.yml'));
    assert.ok(!loop.ok && /loops/.test(loop.problem));
  });

  it('finds the first byte that is not UTF-8, with its line', () => {
    assert.strictEqual(firstInvalidUtf8(Buffer.from('café ✓ 𝄞', 'utf8')), -1);
    assert.strictEqual(firstInvalidUtf8(Buffer.from([0x61, 0x0a, 0x63, 0xe9, 0x0a])), 3);
    assert.strictEqual(firstInvalidUtf8(Buffer.from([0xc0, 0x80])), 0, 'overlong');
    assert.strictEqual(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80])), 0, 'surrogate');
    assert.strictEqual(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82])), 1, 'truncated');
    const r = readUtf8File(path.join(repo, 'detections', 'latin1.yml'));
    assert.ok(!r.ok);
    if (!r.ok) {
      assert.strictEqual(r.line, 21);
      assert.match(r.problem, /not UTF-8: byte 0xe9 .*line 21/);
    }
  });

  it('check reports each unreadable file on that file and still checks the rest (no hang on a FIFO)', async () => {
    const r = await cli(['check', repo, '--format', 'json']);
    const findings = JSON.parse(r.out) as { file: string; line: number; code: string; message: string }[];
    const unreadable = findings.filter((f) => f.code === 'dw.file.unreadable');
    const byFile = new Map(unreadable.map((f) => [f.file, f]));
    assert.match(byFile.get('detections/broken.yml')!.message, /symbolic link whose target does not exist/);
    assert.match(byFile.get('detections/loop1.yml')!.message, /loops/);
    assert.match(byFile.get('detections/latin1.yml')!.message, /not UTF-8/);
    assert.strictEqual(byFile.get('detections/latin1.yml')!.line, 21);
    if (posix) assert.match(byFile.get('detections/x.yml')!.message, /FIFO \(named pipe\), not a regular file/);
    assert.deepStrictEqual([...byFile.keys()].sort(), ['detections/broken.yml', 'detections/latin1.yml', 'detections/loop1.yml', 'detections/loop2.yml', ...(posix ? ['detections/x.yml'] : [])]);
    // The readable files were checked too.
    assert.ok(findings.some((f) => f.file === 'detections/good.yml' && f.code === 'dw.schema.filter-macro'));
    const text = await cli(['check', repo]);
    assert.match(text.out, new RegExp(`${posix ? 9 : 8} file\\(s\\) checked`));
    assert.strictEqual(r.code, 1);
  });

  it('index does not hang on a FIFO or stop at a broken link', async () => {
    const r = await cli(['index', repo, '--format', 'json']);
    assert.strictEqual(r.code, 0, r.err);
    assert.strictEqual(JSON.parse(r.out).detections, 4, 'good, escape, encoded, inside');
  });

  it('a content file that is a symbolic link out of the repository is not read', async () => {
    const outside = path.join(tmp, 'outside.yml');
    fs.writeFileSync(outside, DETECTION('outside', 'index=secret | stats count'));
    const link = path.join(repo, 'detections', 'leak.yml');
    fs.symlinkSync(outside, link);
    try {
      const r = await cli(['check', repo, '--format', 'json']);
      const leak = (JSON.parse(r.out) as { file: string; code: string; message: string }[]).filter((f) => f.file === 'detections/leak.yml');
      assert.deepStrictEqual(leak.map((f) => f.code), ['dw.file.unreadable']);
      assert.match(leak[0].message, /"detections\/leak\.yml" is a symbolic link to .*outside\.yml, which is outside/);
      const index = new ContentIndex();
      index.buildSync([repo]);
      assert.strictEqual(index.detections.first('outside'), undefined);
      assert.ok(index.detections.first('good'));
    } finally {
      fs.rmSync(link);
    }
  });

  it('a lookup definition reads the header of its CSV only inside its folder, never a FIFO', () => {
    const lookups = path.join(repo, 'lookups');
    fs.writeFileSync(path.join(tmp, 'outside.csv'), 'secret_column\n');
    fs.writeFileSync(path.join(lookups, 'escape.yml'), 'name: escape\nfilename: ../../outside.csv\n');
    fs.writeFileSync(path.join(lookups, 'ok.yml'), 'name: ok\nfilename: ok.csv\n');
    fs.writeFileSync(path.join(lookups, 'ok.csv'), 'a,b\n1,2\n');
    if (posix) {
      execFileSync('mkfifo', [path.join(lookups, 'pipe.csv')]);
      fs.writeFileSync(path.join(lookups, 'pipe.yml'), 'name: pipe\nfilename: pipe.csv\n');
    }
    const index = new ContentIndex();
    index.buildSync([repo]);
    assert.deepStrictEqual(index.lookups.first('ok')?.header, ['a', 'b']);
    assert.strictEqual(index.lookups.first('escape')?.header, undefined);
    assert.strictEqual(index.lookups.first('escape')?.csvFile, undefined);
    if (posix) assert.strictEqual(index.lookups.first('pipe')?.header, undefined);
    for (const f of ['escape.yml', 'ok.yml', 'ok.csv', 'pipe.yml', 'pipe.csv']) fs.rmSync(path.join(lookups, f), { force: true });
  });

  it('a FIFO as the detection file is a usage error, not a hang', async function () {
    if (!posix) this.skip();
    const r = await cli(['run', path.join(repo, 'detections', 'x.yml'), '--log', path.join(repo, 'attack_data', 'datasets', 'in.log')]);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /x\.yml is a FIFO \(named pipe\), not a regular file/);
  });

  it('a directory or a FIFO as --log is a usage error (exit 2), not an empty run', async () => {
    const dir = await cli(['run', '--search', '* | stats count', '--log', tmp]);
    assert.strictEqual(dir.code, 2);
    assert.match(dir.err, /--log .* is a directory, not a regular file/);
    if (posix) {
      const t0 = Date.now();
      const fifo = await cli(['run', '--search', '* | stats count', '--log', path.join(repo, 'detections', 'x.yml'), '--timeout', '5']);
      assert.strictEqual(fifo.code, 2);
      assert.match(fifo.err, /FIFO/);
      assert.ok(Date.now() - t0 < 3000, 'answered without waiting for the budget');
    }
  });

  it('an add-on .conf that is a FIFO is reported and skipped, not opened', async function () {
    if (!posix) this.skip();
    const addon = path.join(tmp, 'addon');
    fs.mkdirSync(path.join(addon, 'default'), { recursive: true });
    execFileSync('mkfifo', [path.join(addon, 'default', 'props.conf')]);
    fs.writeFileSync(path.join(addon, 'default', 'transforms.conf'), '[t]\nREGEX = (?<a>\\w+)\n');
    const log = path.join(repo, 'attack_data', 'datasets', 'in.log');
    const r = await cli(['run', '--search', '* | stats count', '--log', log, '--addons', addon, '--format', 'json', '--timeout', '20']);
    assert.strictEqual(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.deepStrictEqual(j.rows, [{ count: '1' }]);
    assert.ok(j.warnings.some((w: string) => /props\.conf.*FIFO \(named pipe\), not a regular file.*not loaded/.test(w)), j.warnings.join('\n'));
  });

  it('attack_data URLs stay inside the attack-data root (.., encoded dots)', async () => {
    const ad = path.join(repo, 'attack_data');
    const esc = await cli(['run', path.join(repo, 'detections', 'escape.yml'), '--attack-data', ad]);
    assert.strictEqual(esc.code, 2);
    assert.match(esc.err, /is refused: .*"\.\." segment/);
    const enc = await cli(['run', path.join(repo, 'detections', 'encoded.yml'), '--attack-data', ad]);
    assert.strictEqual(enc.code, 2);
    assert.match(enc.err, /is refused: .*"\.\." segment/);
    const ok = await cli(['run', path.join(repo, 'detections', 'inside.yml'), '--attack-data', ad, '--format', 'json']);
    assert.strictEqual(ok.code, 0, ok.err);
    assert.deepStrictEqual(JSON.parse(ok.out).rows, [{ count: '1' }]);
  });

  it('inputlookup of a path is refused in every format; nothing is printed as results', async () => {
    const log = path.join(repo, 'attack_data', 'datasets', 'in.log');
    for (const format of ['table', 'csv', 'json']) {
      const r = await cli(['run', '--content', repo, '--search', '| inputlookup ../../../../../../etc/passwd', '--log', log, '--format', format]);
      assert.strictEqual(r.code, 1, format);
      const all = format === 'json' ? JSON.parse(r.out).error : r.err;
      assert.match(all, /the lookup name "\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" is refused: it contains a path separator/, format);
      assert.doesNotMatch(r.out, /root:/, format);
    }
    const viaLookup = await cli(['run', '--content', repo, '--search', '* | lookup ../../../../../../etc/passwd root OUTPUT x', '--log', log, '--format', 'csv']);
    assert.strictEqual(viaLookup.code, 1);
    assert.match(viaLookup.err, /lookup: the lookup name ".*etc\/passwd" is refused/);
    assert.strictEqual(viaLookup.out, '');
    const dev = await cli(['run', '--content', repo, '--search', '| inputlookup ../../../../dev/zero', '--log', log, '--timeout', '20']);
    assert.strictEqual(dev.code, 1);
    assert.match(dev.err, /refused/);
  });

  it('a missing lookup table is an error in every format (CSV: on stderr, exit 1, no rows)', async () => {
    const log = path.join(repo, 'attack_data', 'datasets', 'in.log');
    for (const format of ['table', 'csv', 'json']) {
      const r = await cli(['run', '--content', repo, '--search', '* | inputlookup append=t no_such_table', '--log', log, '--format', format]);
      assert.strictEqual(r.code, 1, format);
      const where = format === 'json' ? JSON.parse(r.out).error : r.err;
      assert.match(where, /inputlookup: table "no_such_table" was not found/, format);
      if (format !== 'json') assert.doesNotMatch(r.out, /a=1/, format);
    }
  });
});

describe('hardening: the UTF-8 check', () => {
  it("Node's native validator and the locating scan agree on arbitrary bytes", async () => {
    const fc = (await import('fast-check')).default;
    const { isUtf8 } = await import('node:buffer');
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.string({ unit: 'binary', maxLength: 32 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
    );
    fc.assert(fc.property(bytes, (b) => assert.strictEqual(firstInvalidUtf8(b) === -1, isUtf8(b), Buffer.from(b).toString('hex'))), { numRuns: 5000 });
  });
});
