// "A path inside this root": the one place that turns an untrusted relative name (a lookup file
// name, the tail of an attack_data URL) into a file path, and refuses anything that could leave the
// root — `..` segments (also percent-encoded as `%2e%2e`), absolute paths, drive letters,
// backslashes, NUL bytes, and symbolic links whose target lies outside the root. The check is done
// twice: lexically after `path.resolve`, then on the real path (`fs.realpathSync`) when it exists.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Confined = { ok: true; path: string } | { ok: false; problem: string };

/** True when `p` is `root` itself or below it (both absolute, already resolved). */
export function isWithin(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Why `segment` text cannot name something inside a root, or undefined when it can. */
function relativeProblem(rel: string): string | undefined {
  if (rel.includes('\0')) return 'it contains a NUL character';
  if (rel.includes('\\')) return 'it contains a backslash (use "/" between folders)';
  if (rel.startsWith('/') || /^[a-zA-Z]:/.test(rel) || path.isAbsolute(rel)) return 'it is an absolute path';
  if (rel.split('/').some((s) => s === '..')) return 'it contains a ".." segment';
  return undefined;
}

/** Percent-decodes `rel` (URL tails are percent-encoded); undefined when the escapes are malformed. */
function percentDecoded(rel: string): string | undefined {
  try {
    return decodeURIComponent(rel);
  } catch {
    return undefined;
  }
}

/**
 * Resolves `relative` (segments separated by "/", as in a URL; percent escapes decoded unless
 * `percentDecode: false`, for names that are file names rather than URL parts) inside
 * `root`. The result is refused when the name, raw or decoded, could leave the root, or when the
 * existing file's real path (symbolic links followed) is outside the root's real path.
 */
export function pathInside(root: string, relative: string, opts: { percentDecode?: boolean } = {}): Confined {
  const shown = JSON.stringify(relative);
  const decoded = opts.percentDecode === false ? relative : percentDecoded(relative);
  if (decoded === undefined) return { ok: false, problem: `${shown} has a malformed percent escape` };
  for (const candidate of [relative, decoded]) {
    const why = relativeProblem(candidate);
    if (why) return { ok: false, problem: `${shown} cannot be used: ${why}; only names inside ${root} are allowed` };
  }
  const absRoot = path.resolve(root);
  const resolved = path.resolve(absRoot, ...decoded.split('/').filter((s) => s !== '' && s !== '.'));
  if (!isWithin(absRoot, resolved)) return { ok: false, problem: `${shown} resolves outside ${root}` };
  return realPathInside(absRoot, resolved, shown);
}

/** The symbolic-link half of the check: an existing path must really be inside the root. */
function realPathInside(absRoot: string, resolved: string, shown: string): Confined {
  let linkStat: fs.Stats;
  try {
    linkStat = fs.lstatSync(resolved);
  } catch {
    return { ok: true, path: resolved }; // does not exist: the caller reports it missing
  }
  let real: string;
  let realRoot: string;
  try {
    // the native realpath(3): one call instead of an lstat per path component (indexing a
    // repository checks every file)
    realRoot = fs.realpathSync.native(absRoot);
    real = fs.realpathSync.native(resolved);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { ok: false, problem: `${shown} is a symbolic link that loops (${resolved})` };
    if (linkStat.isSymbolicLink()) return { ok: false, problem: `${shown} is a symbolic link whose target does not exist (${resolved})` };
    return { ok: false, problem: `${shown} cannot be resolved: ${(e as Error).message}` };
  }
  if (!isWithin(realRoot, real)) return { ok: false, problem: `${shown} is a symbolic link to ${real}, which is outside ${absRoot}` };
  return { ok: true, path: resolved };
}

/**
 * Why `name` is not a plain file name (no folders, no `..`), or undefined when it is one. Lookup
 * table names are resolved only by name inside lookup folders.
 */
export function plainNameProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..') return 'it is not a file name';
  if (name.includes('\0')) return 'it contains a NUL character';
  if (/[/\\]/.test(name)) return 'it contains a path separator';
  if (name.includes('..')) return 'it contains ".."';
  if (/%2e|%2f|%5c/i.test(name)) return 'it contains a percent-encoded "." or separator';
  if (/^[a-zA-Z]:/.test(name)) return 'it names a drive';
  return undefined;
}

/** A file found by listing `root` (an OS path below it), checked like `pathInside` without URL decoding. */
export function fileInside(root: string, file: string): Confined {
  return pathInside(root, path.relative(root, file).split(path.sep).join('/'), { percentDecode: false });
}
