// `npm run package`: builds and packs the extension into a .vsix with @vscode/vsce, then prints
// its size and the files it carries. Fails if the .vsix exceeds 3 MB.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse((await import('node:fs')).readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, `${pkg.name}-${pkg.version}.vsix`);
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');

execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '-o', out], {
  cwd: root,
  stdio: 'inherit',
});
const listing = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
const size = statSync(out).size;
console.log(listing.trim().split('\n').map((l) => `  ${l}`).join('\n'));
console.log(`${out}: ${(size / 1024).toFixed(1)} KiB`);
if (size > 3 * 1024 * 1024) {
  console.error('the .vsix is larger than 3 MB');
  process.exit(1);
}
