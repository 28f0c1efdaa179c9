// Small Markdown building blocks for the documentation page: escaping of prose and table cells,
// links to files (`file:///…#Lline`, as the hovers use) and web addresses.
import * as path from 'path';
import { pathToFileURL } from 'url';

/**
 * Escapes text so Markdown (and the preview's math extension) shows it as written. Backticks are
 * kept. `<`, `>`, `[`, `]` become character references, not backslash escapes: the preview's
 * linkify rule swallows a backslash that follows a bare URL (`https://x/\<img …>` would leave a
 * live `<img>`), while a character reference always stays text.
 */
export function prose(text: string): string {
  return text.replace(/[\\*[\]<>$]/g, (c) => PROSE_ESCAPES[c] ?? `\\${c}`);
}

const PROSE_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '[': '&#91;', ']': '&#93;' };

/** A table cell: escaped, one line, pipes escaped. */
export function cell(text: string): string {
  return prose(text.replace(/\s*\r?\n\s*/g, ' ').trim()).replace(/\|/g, '\\|');
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const one = text.replace(/\s*\r?\n\s*/g, ' ');
  const runs = one.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function fenced(language: string, text: string): string {
  const runs = text.match(/`{3,}/g) ?? [];
  const fence = '`'.repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  return `${fence}${language}\n${text.replace(/\s+$/, '')}\n${fence}`;
}

/** Link text from a content file: one line, escaped like prose (no live HTML, no nested links). */
export function linkText(text: string): string {
  return prose(text.replace(/\s*\r?\n\s*/g, ' ').trim());
}

/**
 * A link target that cannot leave the Markdown link or carry markup: quotes, backslashes,
 * brackets, angle brackets, parentheses, spaces and control characters are percent-encoded.
 */
function safeTarget(url: string): string {
  // (encodeURIComponent leaves ' ( ) as they are, so ASCII characters are encoded by hand.)
  return url.replace(/[\s"'`\\<>()[\]\x00-\x1f\x7f]/g, (c) =>
    c.charCodeAt(0) < 0x80 ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c),
  );
}

/** `[label](file:///abs/path#L12)`; `line` is 0-based. */
export function fileLink(label: string, file: string, line?: number): string {
  const target = safeTarget(pathToFileURL(file).toString()) + (line !== undefined ? `#L${line + 1}` : '');
  return `[${linkText(label)}](${target})`;
}

/** Path of `file` relative to `root` (with `/`), or its base name without a root. */
export function displayPath(file: string, root?: string): string {
  return root ? path.relative(root, file).split(path.sep).join('/') : path.basename(file);
}

/**
 * A link to a web address (or the text itself when it is not one): only http(s) targets become
 * links, so `javascript:`, `data:` and `file:` addresses from a content file stay plain text.
 */
export function urlLink(url: string): string {
  const u = url.trim();
  if (!/^https?:\/\/\S+$/i.test(u)) return prose(u);
  return `[${prose(u).replace(/[_`]/g, '\\$&')}](${safeTarget(u)})`;
}

/** A Markdown table (nothing when there are no rows). */
export function table(header: string[], rows: string[][]): string {
  if (!rows.length) return '';
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}
