// Confinement (issue 11): one helper decides "a path inside this root"; lookups and attack_data use it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathInside, plainNameProblem } from '../../../server/src/content/confine';
import { createCsvLookupResolver } from '../../../server/src/engine/pipeline/csvLookups';
import { isLookupProblem, type LookupProblem, type LookupTable } from '../../../server/src/engine/commands/types';

describe('hardening: confinement', () => {
  let tmp: string;
  let root: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-confine-'));
    root = path.join(tmp, 'root');
    fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(root, 'sub', 'ok.log'), 'a=1\n');
    fs.writeFileSync(path.join(tmp, 'secret.txt'), 'secret\n');
    fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(root, 'leak.log'));
    fs.symlinkSync(path.join(root, 'sub', 'ok.log'), path.join(root, 'inner.log'));
    fs.symlinkSync(tmp, path.join(root, 'up'));
    fs.symlinkSync(path.join(root, 'loop-a'), path.join(root, 'loop-b'));
    fs.symlinkSync(path.join(root, 'loop-b'), path.join(root, 'loop-a'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('accepts a relative path below the root', () => {
    const r = pathInside(root, 'sub/ok.log');
    assert.deepStrictEqual(r, { ok: true, path: path.join(root, 'sub', 'ok.log') });
    assert.ok(pathInside(root, 'sub/missing.log').ok, 'a missing file is the caller\'s to report');
  });
  it('refuses ".." segments, raw and percent-encoded', () => {
    for (const rel of ['../secret.txt', 'sub/../../secret.txt', '%2e%2e/secret.txt', 'sub/%2E%2E/%2e%2e/secret.txt', '..%2fsecret.txt']) {
      const r = pathInside(root, rel);
      assert.strictEqual(r.ok, false, rel);
      if (!r.ok) assert.match(r.problem, /"\.\." segment|outside/, rel);
    }
  });
  it('refuses absolute paths, drive letters, backslashes and NUL', () => {
    const cases: [string, RegExp][] = [
      ['/etc/passwd', /absolute/],
      ['%2fetc/passwd', /absolute/],
      ['C:/Windows/win.ini', /absolute/],
      ['sub\\..\\..\\secret.txt', /backslash/],
      ['sub%5c..%5csecret.txt', /backslash/],
      ['sub/ok.log\0.txt', /NUL/],
      ['%zz', /malformed/],
    ];
    for (const [rel, why] of cases) {
      const r = pathInside(root, rel);
      assert.strictEqual(r.ok, false, rel);
      if (!r.ok) assert.match(r.problem, why, rel);
    }
  });
  it('refuses symbolic links that leave the root, accepts those that stay inside', () => {
    const leak = pathInside(root, 'leak.log');
    assert.strictEqual(leak.ok, false);
    if (!leak.ok) assert.match(leak.problem, /symbolic link to .*secret\.txt, which is outside/);
    const viaDir = pathInside(root, 'up/secret.txt');
    assert.strictEqual(viaDir.ok, false);
    assert.ok(pathInside(root, 'inner.log').ok);
    const loop = pathInside(root, 'loop-a');
    assert.strictEqual(loop.ok, false);
    if (!loop.ok) assert.match(loop.problem, /loops/);
  });
  it('plain names: no separators, no "..", no encoded dots', () => {
    assert.strictEqual(plainNameProblem('suspicious_network_tools.csv'), undefined);
    assert.strictEqual(plainNameProblem('a.b.csv'), undefined);
    for (const n of ['../x', 'a/b', 'a\\b', '..', 'x..csv', '%2e%2e', 'C:x', '']) assert.ok(plainNameProblem(n), n);
  });

  describe('lookups resolve only by name inside lookup folders', () => {
    let lookups: string;
    before(() => {
      lookups = path.join(tmp, 'repo', 'lookups');
      fs.mkdirSync(lookups, { recursive: true });
      fs.writeFileSync(path.join(lookups, 'tools.csv'), 'name,reason\nnc.exe,netcat\n');
      fs.writeFileSync(path.join(lookups, 'escape.yml'), 'name: escape\nfilename: ../../secret.txt\n');
      fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(lookups, 'linked.csv'));
    });
    it('finds a table by name and by file name', () => {
      const r = createCsvLookupResolver([lookups]);
      for (const n of ['tools', 'tools.csv']) {
        const t = r.resolve(n) as LookupTable | LookupProblem | undefined;
        assert.ok(t && !isLookupProblem(t), n);
        assert.deepStrictEqual((t as LookupTable).rows.map((x) => ({ ...x })), [{ name: 'nc.exe', reason: 'netcat' }]);
      }
    });
    it('refuses names with separators or ".." with a clear message', () => {
      const r = createCsvLookupResolver([lookups]);
      for (const n of ['../../../../../../etc/passwd', '/etc/passwd', '..\\..\\secret.txt', '../../../../dev/zero']) {
        const t = r.resolve(n) as LookupTable | LookupProblem | undefined;
        assert.ok(isLookupProblem(t), n);
        assert.match((t as { problem: string }).problem, /refused: .*lookups resolve only by name/, n);
      }
    });
    it('refuses a definition whose filename leaves the folder, and a symbolic link out of it', () => {
      const r = createCsvLookupResolver([lookups]);
      const e = r.resolve('escape') as { problem: string };
      assert.match(e.problem, /"\.\.\/\.\.\/secret\.txt" is refused: it contains a path separator/);
      const l = r.resolve('linked') as { problem: string };
      assert.match(l.problem, /symbolic link to .*secret\.txt, which is outside/);
    });
    it('a lookup file over the size cap is refused with the figures', () => {
      const t = createCsvLookupResolver([lookups], {}, 16).resolve('tools') as LookupProblem;
      assert.match(t.problem, /tools\.csv is 26 bytes, over the 16-byte limit/);
    });
    it('a missing table is undefined (the command reports it)', () => {
      assert.strictEqual(createCsvLookupResolver([lookups]).resolve('nope'), undefined);
    });
  });
});
