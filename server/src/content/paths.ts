// Where content lives in a security_content repository: which folder holds which kind of file,
// how to find a repository's root, and how to classify a path.
import * as fs from 'fs';
import * as path from 'path';

export type ContentKind = 'detection' | 'macro' | 'story' | 'data_source' | 'lookup' | 'baseline';

/** Top-level folder of each kind. Detections and stories may be nested (detections/endpoint/…). */
export const KIND_FOLDERS: Record<ContentKind, string> = {
  detection: 'detections',
  macro: 'macros',
  story: 'stories',
  data_source: 'data_sources',
  lookup: 'lookups',
  baseline: 'baselines',
};

const FOLDER_KINDS = new Map<string, ContentKind>(
  Object.entries(KIND_FOLDERS).map(([kind, folder]) => [folder, kind as ContentKind]),
);

/** The kind of a YAML file from its path relative to a content root (undefined: not content). */
export function kindOfRelativePath(relativePath: string): ContentKind | undefined {
  if (!/\.ya?ml$/i.test(relativePath)) return undefined;
  const first = relativePath.split(/[\\/]/)[0];
  return FOLDER_KINDS.get(first);
}

/**
 * The content root holding an absolute path: the nearest ancestor whose child folder named in the
 * path is a content folder (…/repo/detections/endpoint/x.yml → …/repo).
 */
export function contentRootOf(file: string): string | undefined {
  const parts = path.resolve(file).split(path.sep);
  for (let i = parts.length - 2; i >= 0; i--) {
    if (FOLDER_KINDS.has(parts[i])) return parts.slice(0, i).join(path.sep) || path.sep;
  }
  return undefined;
}

/** Folders that mark a content repository (a Splunk app also has `lookups/`, so that one does not). */
const ROOT_MARKERS = ['detections', 'macros', 'stories', 'data_sources'];

/** Is `dir` a content root? */
export function isContentRoot(dir: string): boolean {
  return ROOT_MARKERS.some((f) => isDirectory(path.join(dir, f)));
}

/**
 * Content roots at or below `dir` (depth-limited, skipping node_modules and dot folders): a
 * workspace folder may be a content repository itself or contain several.
 */
export function findContentRoots(dir: string, maxDepth = 3): string[] {
  const found: string[] = [];
  const walk = (d: string, depth: number) => {
    if (isContentRoot(d)) {
      found.push(d);
      return;
    }
    if (depth >= maxDepth) return;
    for (const entry of safeReaddir(d)) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
        walk(path.join(d, entry.name), depth + 1);
      }
    }
  };
  walk(path.resolve(dir), 0);
  return found;
}

/** All files under `dir` (recursive) whose name matches `pattern`. */
export function listFiles(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of safeReaddir(d)) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.')) walk(p);
      } else if (pattern.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

function safeReaddir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
