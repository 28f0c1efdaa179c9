// Loading add-on folders from disk: one app (`<app>/default/*.conf`, `<app>/local/*.conf`,
// `<app>/lookups/*.csv`) or a folder of apps. Missing or unreadable files are skipped, never thrown.

import * as fs from 'fs';
import * as path from 'path';
import { AddonConfig, AppLayer, CONF_KINDS, ConfKind, emptyConfs, mergeApps } from './layers';
import { parseConf } from './parser';
import { readUtf8File } from '../../../content/regularFile';
import { MAX_LOOKUP_FILE_BYTES } from '../../pipeline/csvLookups';

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A file's text; undefined when absent; a problem when it exists but is not a readable regular UTF-8 file. */
function readConfText(p: string): { text: string } | { problem: string } | undefined {
  if (!fs.existsSync(p) && !isLink(p)) return undefined;
  const r = readUtf8File(p);
  return r.ok ? { text: r.text } : { problem: r.problem };
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Lookup file text for add-on lookups: regular files only (a FIFO or device would never end). */
function readText(p: string): string | undefined {
  const r = readUtf8File(p, MAX_LOOKUP_FILE_BYTES);
  return r.ok ? r.text : undefined;
}

/** True when `dir` looks like one Splunk app (has `default/` or `local/`). */
export function isAppDir(dir: string): boolean {
  return isDir(path.join(dir, 'default')) || isDir(path.join(dir, 'local'));
}

/** Loads one app folder. */
export function loadAppDir(dir: string, name = path.basename(dir)): AppLayer {
  const confs = emptyConfs();
  for (const layer of ['default', 'local']) {
    for (const kind of CONF_KINDS) {
      const file = path.join(dir, layer, `${kind}.conf`);
      const read = readConfText(file);
      if (read === undefined) continue;
      if ('text' in read) confs[kind as ConfKind].push(parseConf(read.text, file));
      else {
        // Reported like a syntax problem of the file (a FIFO, device, broken link or non-UTF-8 text).
        const empty = parseConf('', file);
        empty.errors.push({ message: `${read.problem}; the file was not loaded`, line: 1 });
        confs[kind as ConfKind].push(empty);
      }
    }
  }
  const lookups = new Map<string, () => string | undefined>();
  const lookupDir = path.join(dir, 'lookups');
  if (isDir(lookupDir)) {
    for (const f of safeList(lookupDir)) lookups.set(f, () => readText(path.join(lookupDir, f)));
  }
  return { name, confs, lookups };
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** Loads a folder that is an app, or that contains apps (sorted by name). */
export function loadAppsUnder(dir: string): AppLayer[] {
  if (isAppDir(dir)) return [loadAppDir(dir)];
  return safeList(dir)
    .map((n) => path.join(dir, n))
    .filter(isAppDir)
    .map((d) => loadAppDir(d));
}

/** The built-in packs folder (`server/addons`), found next to the bundle or in the source tree. */
export function builtinAddonsDir(): string | undefined {
  const candidates = [
    path.join(__dirname, 'addons'),
    path.join(__dirname, '..', 'addons'),
    path.join(__dirname, '..', 'server', 'addons'),
    path.join(__dirname, '..', '..', '..', '..', 'addons'),
  ];
  return candidates.find(isDir);
}

export interface AddonLoadOptions {
  /** Built-in packs folder; default: `builtinAddonsDir()`. Pass `null` to load no built-ins. */
  builtinDir?: string | null;
  /** User add-on folders (each an app or a folder of apps), lowest precedence first; all win over built-ins. */
  userDirs?: readonly string[];
}

/** Loads built-in packs, then user add-ons on top, merged into one config. */
export function loadAddonConfig(opts: AddonLoadOptions = {}): AddonConfig {
  const apps: AppLayer[] = [];
  const builtin = opts.builtinDir === undefined ? builtinAddonsDir() : opts.builtinDir;
  if (builtin) apps.push(...loadAppsUnder(builtin));
  for (const d of opts.userDirs ?? []) apps.push(...loadAppsUnder(d));
  return mergeApps(apps);
}
