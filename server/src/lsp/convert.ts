// Conversions between the domain's offsets/paths and LSP positions/URIs.
import { fileURLToPath, pathToFileURL } from 'url';
import type { Range as LspRange, Position } from 'vscode-languageserver/node';
import type { LineIndex } from '../yaml';

export function uriToPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).toString();
}

export function toLspRange(lines: LineIndex, r: { start: number; end: number }): LspRange {
  return { start: lines.positionAt(r.start), end: lines.positionAt(r.end) };
}

export function toOffset(lines: LineIndex, p: Position): number {
  return lines.offsetAt(p);
}

/** A range for a 0-based line (used for targets given by line only). */
export function lineRange(line: number): LspRange {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}
