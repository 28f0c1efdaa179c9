// `npm run package`: checks the manifest for what vsce and the Marketplace would flag
// (scripts/package-checks.mjs), builds and packs the extension into a .vsix with @vscode/vsce, then
// prints its size, its tag count and the files it carries. Fails if the .vsix exceeds 3 MB; warnings
// do not fail the run (`--strict` makes them fail it).
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestWarnings, vsixWarnings } from './package-checks.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, `${pkg.name}-${pkg.version}.vsix`);
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const strict = process.argv.includes('--strict');
const MAX_BYTES = 3 * 1024 * 1024;

const warn = (lines) => { for (const l of lines) console.warn(`warning: ${l}`); };
const before = manifestWarnings(root, pkg);
warn(before);

execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
// The bypass flags keep vsce from stopping at a prompt; the checks above report those cases.
// Relative README links stay relative: VS Code shows the packaged media/ images from the .vsix.
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '-o', out], {
  cwd: root,
  stdio: 'inherit',
});
const listing = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
const size = statSync(out).size;
console.log(listing.trim().split('\n').map((l) => `  ${l}`).join('\n'));
const after = await vsixWarnings(out, pkg);
warn(after);
console.log(`${out}: ${(size / 1024).toFixed(1)} KiB (limit ${MAX_BYTES / 1024 / 1024} MB); ${before.length + after.length} warning(s)`);
if (size > MAX_BYTES) {
  console.error('the .vsix is larger than 3 MB');
  process.exit(1);
}
if (strict && before.length + after.length > 0) process.exit(1);
