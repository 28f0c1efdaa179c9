// Small Markdown building blocks for the documentation page: escaping of prose and table cells,
// links to files (`file:///…#Lline`, as the hovers use) and web addresses.
import * as path from 'path';
import { pathToFileURL } from 'url';

/** Escapes text so Markdown (and the preview's math extension) shows it as written. Backticks are kept. */
export function prose(text: string): string {
  return text.replace(/([\\*[\]<>$])/g, '\\$1');
}

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

/** `[label](file:///abs/path#L12)`; `line` is 0-based. */
export function fileLink(label: string, file: string, line?: number): string {
  // parentheses would end the Markdown link target early
  const target = pathToFileURL(file).toString().replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29')) + (line !== undefined ? `#L${line + 1}` : '');
  return `[${label.replace(/([\\[\]])/g, '\\$1')}](${target})`;
}

/** Path of `file` relative to `root` (with `/`), or its base name without a root. */
export function displayPath(file: string, root?: string): string {
  return root ? path.relative(root, file).split(path.sep).join('/') : path.basename(file);
}

/** A link to a web address (or the text itself when it is not one). */
export function urlLink(url: string): string {
  const u = url.trim();
  if (!/^https?:\/\/\S+$/i.test(u)) return prose(u);
  const target = u.replace(/[()<> ]/g, (c) => encodeURIComponent(c));
  return `[${u.replace(/([\\[\]*_<>$])/g, '\\$1')}](${target})`;
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
