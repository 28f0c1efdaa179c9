// Content kind from a repository-relative path, and the file-name rule (R-FILE).

import type { ContentKind } from './types';

const FOLDERS: Array<[string, ContentKind]> = [
  ['detections/', 'detection'],
  ['macros/', 'macro'],
  ['stories/', 'story'],
  ['data_sources/', 'data_source'],
  ['lookups/', 'lookup'],
  ['baselines/', 'baseline'],
];

export function normalizePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** Kind of a `.yml` content file from its repo-relative path, or undefined. */
export function kindFromPath(path: string): ContentKind | undefined {
  const p = normalizePath(path);
  if (!/\.ya?ml$/i.test(p)) return undefined;
  for (const [dir, kind] of FOLDERS) if (p.startsWith(dir)) return kind;
  return undefined;
}

/** contentctl: name with ' ', '-', '.', '/' → '_', lower-cased, plus `.yml`. */
export function expectedFileName(name: string): string {
  return fileStemFromName(name) + '.yml';
}

export function fileStemFromName(name: string): string {
  return name.replace(/[ \-./]/g, '_').toLowerCase();
}

export function baseName(path: string): string {
  const p = normalizePath(path);
  return p.slice(p.lastIndexOf('/') + 1);
}

export function dirName(path: string): string {
  const p = normalizePath(path);
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}
