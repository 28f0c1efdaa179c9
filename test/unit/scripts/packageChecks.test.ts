// scripts/package-checks.mjs: what `npm run package` warns about before vsce or the Marketplace would.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.join(__dirname, '..', '..', '..');
type Checks = {
  manifestWarnings(root: string, pkg: Record<string, unknown>): string[];
  pngSize(bytes: Buffer): { width: number; height: number } | undefined;
};
const load = (): Promise<Checks> => import(path.join(REPO, 'scripts', 'package-checks.mjs')) as Promise<Checks>;

describe('scripts/package-checks', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pkg-checks-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the repository manifest has nothing to flag', async () => {
    const { manifestWarnings } = await load();
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    assert.deepStrictEqual(manifestWarnings(REPO, pkg), []);
    assert.ok(pkg.categories.includes('Testing') && pkg.categories.includes('Visualization'));
  });

  it('the icon is a 128×128 PNG', async () => {
    const { pngSize } = await load();
    assert.deepStrictEqual(pngSize(fs.readFileSync(path.join(REPO, 'media', 'icon.png'))), { width: 128, height: 128 });
    assert.strictEqual(pngSize(Buffer.from('GIF89a')), undefined);
  });

  it('names each problem vsce or the Marketplace would raise', async () => {
    const { manifestWarnings } = await load();
    fs.writeFileSync(path.join(dir, 'README.md'), '# x\nThis is the README for your extension\n![a](http://x.test/a.png) ![b](https://x.test/b.svg) ![c](media/missing.png) <img src="media/ok.png">\n');
    fs.mkdirSync(path.join(dir, 'media'));
    fs.writeFileSync(path.join(dir, 'media', 'ok.png'), '');
    fs.writeFileSync(path.join(dir, 'icon.png'), Buffer.from('89504e470d0a1a0a0000000d4948445200000040000000400806000000', 'hex'));
    const w = manifestWarnings(dir, {
      name: 'x', engines: { vscode: '^1.80.0' }, devDependencies: { '@types/vscode': '^1.91.0' }, icon: 'icon.png',
      repository: 'git@example.com:x.git', galleryBanner: { theme: 'blue', color: 'navy' }, categories: ['Linters', 'Security'],
      keywords: Array.from({ length: 31 }, (_, i) => `k${i}`), activationEvents: ['*'],
    });
    const expected = [
      /"publisher" is missing/, /"displayName" is missing/, /"description" is missing/, /"repository" git@example\.com:x\.git is not an https URL/,
      /"bugs" is missing/, /"homepage" is missing/, /LICENSE not found/, /icon\.png is 64×64; .*at least 128×128/, /galleryBanner\.theme "blue"/,
      /galleryBanner\.color "navy"/, /category "Security" is not one the Marketplace allows/, /31 keywords; the Marketplace allows at most 30/,
      /"\*" activation/, /@types\/vscode \^1\.91\.0 is newer than engines\.vscode \^1\.80\.0/, /template text/, /image http:\/\/x\.test\/a\.png is not https/,
      /SVG image https:\/\/x\.test\/b\.svg/, /image media\/missing\.png does not exist/, /CHANGELOG\.md not found/,
    ];
    assert.strictEqual(w.length, expected.length, w.join('\n'));
    expected.forEach((re, i) => assert.match(w[i], re));
    assert.match(manifestWarnings(dir, { icon: 'logo.svg' }).join('\n'), /logo\.svg is an SVG/);
  });
});
