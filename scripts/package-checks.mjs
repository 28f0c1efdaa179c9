// What `vsce package` / `vsce publish` and the Visual Studio Marketplace would flag in this extension,
// checked up front so `npm run package` can print every problem at once (vsce stops at the first,
// and some only surface at publish time). Rules, with their sources:
// - vsce (src/package.ts, src/validation.ts): publisher and engines required; `repository` missing
//   and a missing LICENSE are prompts; SVG icons are refused and the icon must be in the package;
//   README images must be https and not SVG; template README text is refused; `*` activation is a
//   prompt; @types/vscode must not be newer than engines.vscode.
// - Extension manifest reference (code.visualstudio.com/api/references/extension-manifest):
//   categories from a fixed list; keywords "currently limited to 30" (the Marketplace refuses more
//   than 30 tags — vsce adds tags of its own, so the packaged count is checked too);
//   galleryBanner.theme is "dark" or "light"; the icon is a PNG of at least 128×128 pixels.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const CATEGORIES = [
  'Programming Languages', 'Snippets', 'Linters', 'Themes', 'Debuggers', 'Formatters', 'Keymaps', 'SCM Providers', 'Other',
  'Extension Packs', 'Language Packs', 'Data Science', 'Machine Learning', 'Visualization', 'Notebooks', 'Education', 'Testing',
  'AI', 'Chat',
];
export const MAX_TAGS = 30;

/** Width and height of a PNG (from its IHDR), or undefined when the bytes are not a PNG. */
export function pngSize(bytes) {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || sig.some((b, i) => bytes[i] !== b) || bytes.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function semverParts(v) {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(String(v ?? ''));
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

const cmp = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Markdown image sources: `![alt](src "title")` and `<img src="…">`. */
function imageSources(markdown) {
  const out = [];
  for (const m of markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push(m[1]);
  for (const m of markdown.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)) out.push(m[1]);
  return out;
}

/** Problems in package.json and the files it points at, as one line each. */
export function manifestWarnings(root, pkg) {
  const w = [];
  if (!pkg.publisher) w.push('package.json: "publisher" is missing (vsce refuses to package)');
  if (!pkg.engines?.vscode) w.push('package.json: "engines.vscode" is missing (vsce refuses to package)');
  if (!pkg.displayName) w.push('package.json: "displayName" is missing (the Marketplace shows the bare name)');
  if (!pkg.description) w.push('package.json: "description" is missing (the Marketplace listing has no summary)');
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (!repo) w.push('package.json: "repository" is missing (vsce asks before packaging; the Marketplace has no source link)');
  else if (!/^(https:\/\/|git\+https:\/\/|github:)/.test(repo)) w.push(`package.json: "repository" ${repo} is not an https URL`);
  if (!pkg.bugs?.url && typeof pkg.bugs !== 'string') w.push('package.json: "bugs" is missing (the Marketplace has no issues link)');
  if (!pkg.homepage) w.push('package.json: "homepage" is missing');
  if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => existsSync(join(root, f)))) w.push('LICENSE not found (vsce asks before packaging)');

  if (!pkg.icon) w.push('package.json: "icon" is missing (the Marketplace shows a placeholder)');
  else if (/\.svg$/i.test(pkg.icon)) w.push(`package.json: icon ${pkg.icon} is an SVG (vsce refuses SVG icons; use a PNG)`);
  else if (!existsSync(join(root, pkg.icon))) w.push(`package.json: icon ${pkg.icon} does not exist`);
  else {
    const size = pngSize(readFileSync(join(root, pkg.icon)));
    if (!size) w.push(`${pkg.icon} is not a PNG file`);
    else if (size.width < 128 || size.height < 128 || size.width !== size.height) w.push(`${pkg.icon} is ${size.width}×${size.height}; the Marketplace wants a square icon of at least 128×128`);
  }

  const banner = pkg.galleryBanner;
  if (!banner) w.push('package.json: "galleryBanner" is missing (the Marketplace header uses a default colour)');
  else {
    if (banner.theme !== undefined && !['dark', 'light'].includes(banner.theme)) w.push(`package.json: galleryBanner.theme "${banner.theme}" is not "dark" or "light"`);
    if (banner.color !== undefined && !/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(banner.color)) w.push(`package.json: galleryBanner.color "${banner.color}" is not a hex colour`);
  }
  const categories = pkg.categories ?? [];
  if (categories.length === 0) w.push('package.json: "categories" is empty');
  for (const c of categories) if (!CATEGORIES.includes(c)) w.push(`package.json: category "${c}" is not one the Marketplace allows (${CATEGORIES.join(', ')})`);
  const keywords = pkg.keywords ?? [];
  if (keywords.length === 0) w.push('package.json: "keywords" is empty (harder to find on the Marketplace)');
  if (keywords.length > MAX_TAGS) w.push(`package.json: ${keywords.length} keywords; the Marketplace allows at most ${MAX_TAGS}`);

  if ((pkg.activationEvents ?? []).includes('*')) w.push('package.json: "*" activation (vsce asks before packaging; it slows VS Code start-up)');
  const engine = semverParts(pkg.engines?.vscode);
  const types = semverParts(pkg.devDependencies?.['@types/vscode']);
  if (engine && types && cmp(types, engine) > 0) w.push(`@types/vscode ${pkg.devDependencies['@types/vscode']} is newer than engines.vscode ${pkg.engines.vscode} (vsce refuses to package)`);

  const readmePath = join(root, 'README.md');
  if (!existsSync(readmePath)) w.push('README.md not found (the Marketplace page would be empty)');
  else {
    const readme = readFileSync(readmePath, 'utf8');
    if (/This is the README for your extension/i.test(readme)) w.push('README.md still holds the generator\'s template text (vsce refuses to package)');
    for (const src of imageSources(readme)) {
      if (/^data:image\/svg/i.test(src)) w.push(`README.md: SVG data URL image (vsce refuses): ${src.slice(0, 40)}…`);
      else if (/^http:\/\//i.test(src)) w.push(`README.md: image ${src} is not https (vsce refuses)`);
      else if (/\.svg(\?|#|$)/i.test(src)) w.push(`README.md: SVG image ${src} (vsce refuses SVGs outside trusted badge services)`);
      else if (!/^https:\/\//i.test(src)) {
        if (!existsSync(join(root, src.split(/[?#]/)[0]))) w.push(`README.md: image ${src} does not exist`);
      }
    }
  }
  if (!existsSync(join(root, 'CHANGELOG.md'))) w.push('CHANGELOG.md not found (the Marketplace has no Changelog tab)');
  return w;
}

/** Reads one entry of a .vsix (a zip) as text, with vsce's own zip reader. */
async function readZipEntry(vsix, name) {
  const requireFromVsce = createRequire(createRequire(import.meta.url).resolve('@vscode/vsce/package.json'));
  const yauzl = requireFromVsce('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.open(vsix, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      let found;
      zip.on('entry', (entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const parts = [];
          stream.on('data', (c) => parts.push(c));
          stream.on('end', () => { found = Buffer.concat(parts).toString('utf8'); zip.close(); resolve(found); });
        });
      });
      zip.on('end', () => { if (found === undefined) resolve(undefined); });
      zip.readEntry();
    });
  });
}

/** Problems only the packed .vsix shows: the tags vsce generated, the icon's presence. */
export async function vsixWarnings(vsix, pkg) {
  const w = [];
  const manifest = await readZipEntry(vsix, 'extension.vsixmanifest');
  if (!manifest) return [`${vsix}: no extension.vsixmanifest inside`];
  const tags = (/<Tags>([^<]*)<\/Tags>/.exec(manifest)?.[1] ?? '').split(',').filter(Boolean);
  if (tags.length > MAX_TAGS) w.push(`the .vsix carries ${tags.length} tags (keywords plus tags vsce derives from languages and file extensions); the Marketplace refuses more than ${MAX_TAGS}`);
  if (pkg.icon && !(await readZipEntry(vsix, `extension/${pkg.icon}`))) w.push(`the icon ${pkg.icon} is not in the .vsix (check .vscodeignore)`);
  return w;
}

export { readZipEntry };
