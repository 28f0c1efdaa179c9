// Layering of .conf files the way Splunk merges them: within one app `default/` then `local/`
// (local wins per setting), across apps lowest precedence first (user add-ons win over built-ins).

import { ConfSetting, ParsedConf, parseConf } from './parser';

/** A setting plus where it came from. */
export interface LayeredSetting extends ConfSetting {
  file: string;
  app: string;
}

export interface MergedStanza {
  name: string;
  settings: Map<string, LayeredSetting>;
}

/** Stanzas by name, settings merged over all layers. */
export type MergedConf = Map<string, MergedStanza>;

/** The .conf file kinds search-time extraction reads. */
export type ConfKind = 'props' | 'transforms' | 'eventtypes' | 'tags';
export const CONF_KINDS: readonly ConfKind[] = ['props', 'transforms', 'eventtypes', 'tags'];

export interface ConfProblem {
  file: string;
  line: number;
  message: string;
}

/** One app (add-on) with its parsed default and local files and its lookup tables. */
export interface AppLayer {
  name: string;
  /** Parsed files per kind, in application order (default first, then local). */
  confs: Record<ConfKind, ParsedConf[]>;
  /** Lookup table file name → loader of its text (CSV). */
  lookups: Map<string, () => string | undefined>;
}

/** All add-on knowledge, merged over apps. */
export interface AddonConfig {
  props: MergedConf;
  transforms: MergedConf;
  eventtypes: MergedConf;
  tags: MergedConf;
  /** Text of a lookup file (by file name) from the highest-precedence app that has it. */
  lookupFile(name: string): string | undefined;
  /** App names, lowest precedence first. */
  apps: string[];
  problems: ConfProblem[];
}

/** Merges parsed files, lowest precedence first, into one view. */
export function mergeConfs(files: readonly ParsedConf[], app: string, into: MergedConf = new Map()): MergedConf {
  for (const f of files) {
    for (const st of f.stanzas) {
      let m = into.get(st.name);
      if (!m) {
        m = { name: st.name, settings: new Map() };
        into.set(st.name, m);
      }
      for (const s of st.settings.values()) m.settings.set(s.key, { ...s, file: f.file, app });
    }
  }
  return into;
}

/** Builds an app from in-memory texts, e.g. `{ 'default/props.conf': '…', 'local/props.conf': '…' }`. */
export function appFromTexts(
  name: string,
  files: Record<string, string>,
  lookups: Record<string, string> = {},
): AppLayer {
  const confs = emptyConfs();
  const ordered = Object.keys(files).sort((a, b) => layerRank(a) - layerRank(b));
  for (const path of ordered) {
    const base = path.split('/').pop() ?? path;
    const kind = base.replace(/\.conf$/, '') as ConfKind;
    if (!CONF_KINDS.includes(kind)) continue;
    confs[kind].push(parseConf(files[path], `${name}/${path}`));
  }
  const lk = new Map<string, () => string | undefined>();
  for (const [file, text] of Object.entries(lookups)) lk.set(file, () => text);
  return { name, confs, lookups: lk };
}

function layerRank(path: string): number {
  return path.startsWith('local/') ? 1 : 0;
}

export function emptyConfs(): Record<ConfKind, ParsedConf[]> {
  return { props: [], transforms: [], eventtypes: [], tags: [] };
}

/** Merges apps given lowest precedence first (built-ins first, user add-ons last). */
export function mergeApps(apps: readonly AppLayer[]): AddonConfig {
  const props: MergedConf = new Map();
  const transforms: MergedConf = new Map();
  const eventtypes: MergedConf = new Map();
  const tags: MergedConf = new Map();
  const problems: ConfProblem[] = [];
  for (const app of apps) {
    mergeConfs(app.confs.props, app.name, props);
    mergeConfs(app.confs.transforms, app.name, transforms);
    mergeConfs(app.confs.eventtypes, app.name, eventtypes);
    mergeConfs(app.confs.tags, app.name, tags);
    for (const kind of CONF_KINDS) {
      for (const f of app.confs[kind]) for (const e of f.errors) problems.push({ file: f.file, ...e });
    }
  }
  const cache = new Map<string, string | undefined>();
  const lookupFile = (file: string): string | undefined => {
    if (cache.has(file)) return cache.get(file);
    let text: string | undefined;
    for (let i = apps.length - 1; i >= 0 && text === undefined; i--) {
      const loader = apps[i].lookups.get(file);
      if (loader) text = loader();
    }
    cache.set(file, text);
    return text;
  };
  return { props, transforms, eventtypes, tags, lookupFile, apps: apps.map((a) => a.name), problems };
}
