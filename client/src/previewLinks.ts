// Links of a documentation page for VS Code's Markdown preview. The server writes links to local
// files as `file:///abs/path#L12` (as hovers use them); the preview drops `file:` links but follows
// relative ones — opening the file at the `#L` line — so they are rewritten relative to the folder
// the page is written to. No `vscode` import: unit-tested on its own.
import * as path from 'path';
import { fileURLToPath } from 'url';

const FILE_LINK = /\]\((file:\/\/[^)\s]+)\)/g;

/** `markdown` with every `](file:///…)` link target made relative to `pageDir` (kept as is when it cannot be). */
export function relativizeFileLinks(markdown: string, pageDir: string): string {
  return markdown.replace(FILE_LINK, (whole, target: string) => {
    const hash = target.indexOf('#');
    const fragment = hash >= 0 ? target.slice(hash) : '';
    let file: string;
    try {
      file = fileURLToPath(hash >= 0 ? target.slice(0, hash) : target);
    } catch {
      return whole;
    }
    const rel = path.relative(pageDir, file);
    if (!rel || path.isAbsolute(rel)) return whole; // another drive: no relative form
    return `](${rel.split(path.sep).map(encodeSegment).join('/')}${fragment})`;
  });
}

/** A path segment safe inside a Markdown link target (no spaces or parentheses). */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
