// Plans a local run: which search (a detection's, or ad-hoc SPL), expanded through the content
// index's macros, against which sample logs with which source/sourcetype. Shared by the CLI and
// the language server; the engine job it produces runs in a worker.
import * as fs from 'fs';
import * as path from 'path';
import type { ContentIndex } from '../content';
import { contentRootOf } from '../content';
import { pathInside } from '../content/confine';
import { checkRegularFile, readUtf8File } from '../content/regularFile';
import { loadMapping } from '../content/readEntries';
import type { WorkerJob } from '../engine/pipeline/workerProtocol';
import { detectFormat } from '../engine/readers';
import type { LogFormat } from '../engine/types';
import { expandMacros, type MacroUse, SourceMap } from '../spl/expand';
import { macroResolver } from './splContext';
import { type LookupSources, planLookupSeeds } from './lookupSeedPlan';
import { parseSpl } from '../spl/parse';

export interface RunRequest {
  /** Ad-hoc SPL; otherwise the detection's `search`. */
  search?: string;
  /** A detection YAML file (its `search` and `tests[].attack_data`). */
  detectionFile?: string;
  /** The detection's current text (an unsaved editor buffer); read from disk when absent. */
  detectionText?: string;
  /** Sample logs; without them, the detection's attack_data files under `attackDataDir`. */
  logs?: string[];
  source?: string;
  sourcetype?: string;
  host?: string;
  format?: LogFormat | 'auto';
  attackDataDir?: string;
  addonDirs?: string[];
  tz?: string;
  maxRows?: number;
  /** Only this `tests[]` entry's attack_data (a detection test); default: every test's. */
  testIndex?: number;
  /** CSVs the user names for KV store collections and ES's asset/identity tables (settings or CLI flags). */
  lookupSources?: LookupSources;
}

export interface RunPlan {
  job: WorkerJob;
  /** The search as written (before macro expansion). */
  original: string;
  /** Maps offsets of the expanded search back to `original`. */
  map: SourceMap;
  notes: string[];
  /** Names of the macros the expansion used (directly or nested). */
  macrosUsed: string[];
  /** Names of the repository baselines that run first to fill lookups the search reads. */
  baselinesUsed: string[];
  /** The detection as loaded, when the run is a detection's (its risk entries need no second parse). */
  detection?: Record<string, unknown>;
}

export class RunPlanError extends Error {
  constructor(
    message: string,
    /** 'usage': bad arguments or missing files (exit 2); 'search': the search cannot run (exit 1). */
    readonly kind: 'usage' | 'search',
    /** What is missing, for callers that offer a fix (the editor offers to pick a log). */
    readonly code?: 'no-sample' | 'no-attack-data-dir' | 'missing-attack-data' | 'missing-log',
    /** The path that was looked for, with 'missing-attack-data', 'missing-log' and (when the detection is in a content root) 'no-attack-data-dir'. */
    readonly path?: string,
  ) {
    super(message);
  }
}

export interface AttackData {
  data?: string;
  source?: string;
  sourcetype?: string;
}

/** The part of an attack_data URL below the repository (after `attack_data/master/`). */
export function attackDataRelativePath(url: string): string {
  const marker = 'attack_data/master/';
  const i = url.indexOf(marker);
  if (i >= 0) return url.slice(i + marker.length);
  return url.replace(/^[a-z]+:\/\/[^/]+\//i, '');
}

/** The attack_data items of every test, or of `tests[testIndex]` only. */
export function detectionAttackData(doc: Record<string, unknown>, testIndex?: number): AttackData[] {
  const all = Array.isArray(doc.tests) ? doc.tests : [];
  const tests = testIndex === undefined ? all : all.slice(testIndex, testIndex + 1);
  return tests.flatMap((t) => (t && typeof t === 'object' && Array.isArray((t as { attack_data?: unknown }).attack_data) ? (t as { attack_data: AttackData[] }).attack_data : []));
}

/** Splunk's usual sourcetype for a log format, when the user gives none. */
const SOURCETYPE_FOR_FORMAT: Partial<Record<LogFormat, { sourcetype: string; source?: string }>> = {
  xml: { sourcetype: 'xmlwineventlog' },
  wineventlog: { sourcetype: 'WinEventLog' },
  json: { sourcetype: '_json' },
  csv: { sourcetype: 'csv' },
  auditd: { sourcetype: 'linux:audit' },
  'syslog-xml': { sourcetype: 'sysmon:linux', source: 'Syslog:Linux-Sysmon/Operational' },
};

function sniffFormat(file: string): LogFormat {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      return detectFormat(buf.subarray(0, n));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return 'text';
  }
}

/** A detection's search and attack data, read from its (possibly unsaved) text. */
export interface DetectionSource {
  /** Absent when the file has no `search:` string. */
  search?: string;
  attackData: AttackData[];
  /** The whole detection as loaded (risk entries, tests: callers read it instead of parsing again). */
  doc: Record<string, unknown>;
}

export function readDetection(file: string, text?: string, testIndex?: number): DetectionSource {
  if (text === undefined) {
    // only a regular UTF-8 file is read (a FIFO would block, a device never end)
    const read = readUtf8File(file);
    if (!read.ok) throw new RunPlanError(read.problem.startsWith('no such file') ? `cannot read ${file}: no such file` : read.problem.replace(/; skipped$/, ''), 'usage');
    text = read.text;
  }
  const doc = loadMapping(text);
  if (!doc) throw new RunPlanError(`${file} is not a YAML mapping (check its syntax)`, 'usage');
  return { search: typeof doc.search === 'string' ? doc.search : undefined, attackData: detectionAttackData(doc, testIndex), doc };
}

/** The attack-data folder: the one given (setting or --attack-data), else `attack_data/` at the content root. */
export function attackDataDirFor(given: string | undefined, root: string | undefined): string | undefined {
  if (given) return given;
  return root && fs.existsSync(path.join(root, 'attack_data')) ? path.join(root, 'attack_data') : undefined;
}

/**
 * Where an attack_data URL's file is in a local copy of the attack_data repository, or why it is
 * refused: the URL comes from the detection (untrusted content), which must not get any file outside
 * that folder read (and, with compare, sent to Splunk) — `..`, absolute paths, encoded dots and
 * symbolic links that leave it are refused (content/confine.ts).
 */
export function attackDataPath(dir: string, url: string): { ok: true; path: string } | { ok: false; problem: string } {
  return pathInside(dir, attackDataRelativePath(url));
}

/** The file of an attack_data URL inside `dir`, or undefined when it is refused. */
export function attackDataFile(dir: string, url: string): string | undefined {
  const r = attackDataPath(dir, url);
  return r.ok ? r.path : undefined;
}

/**
 * The search with the content index's macros expanded. An unknown `…_filter` macro (the per-site
 * tuning macro most detections end with) expands to nothing; other expansion errors throw.
 */
export function expandSearch(original: string, index: ContentIndex): { text: string; map: SourceMap; used: MacroUse[] } {
  const expanded = expandMacros(original, macroResolver(index));
  const unresolved = expanded.errors.filter((e) => e.code !== 'dw.spl.unknown-macro' || !/_filter$/.test(e.chain[e.chain.length - 1] ?? ''));
  if (unresolved.length) throw new RunPlanError(unresolved.map((e) => e.message).join('; '), 'search');
  return expanded;
}

/** The lookups/ folders a run reads CSV lookups from: the detection's content root first. */
export function lookupDirsFor(root: string | undefined, index: ContentIndex): string[] {
  return [...new Set([...(root ? [path.join(root, 'lookups')] : []), ...index.roots.map((r) => path.join(r, 'lookups'))])].filter((d) => fs.existsSync(d));
}

export function planRun(req: RunRequest, index: ContentIndex): RunPlan {
  const notes: string[] = [];
  let original = req.search;
  let attackData: AttackData[] = [];
  let root: string | undefined;
  let detection: Record<string, unknown> | undefined;
  if (req.detectionFile) {
    const d = readDetection(req.detectionFile, req.detectionText, req.testIndex);
    detection = d.doc;
    original ??= d.search;
    if (original === undefined) throw new RunPlanError(`${req.detectionFile} has no search:`, 'usage');
    attackData = d.attackData;
    // the index's root, or the repository the file sits in when it is outside the indexed roots
    root = index.rootFor(req.detectionFile) ?? contentRootOf(req.detectionFile);
  }
  if (original === undefined) throw new RunPlanError('give a detection file or --search', 'usage');

  const expanded = expandSearch(original, index);

  const inputs: WorkerJob['inputs'] = [];
  const host = req.host ?? 'detection-workbench';
  if (req.logs?.length) {
    const first = attackData[0] ?? {};
    for (const log of req.logs) {
      // Only regular files are logs: a FIFO would block the reader, a device or directory never ends or yields nothing.
      const kind = checkRegularFile(log);
      if (!kind.ok) {
        const missing = kind.problem.startsWith('no such file');
        throw new RunPlanError(missing ? `no such log file: ${log}` : `--log ${kind.problem.replace(/; skipped$/, '')}`, 'usage', missing ? 'missing-log' : undefined, log);
      }
      let sourcetype = req.sourcetype ?? first.sourcetype;
      let source = req.source ?? first.source;
      if (!sourcetype) {
        const guess = SOURCETYPE_FOR_FORMAT[req.format && req.format !== 'auto' ? req.format : sniffFormat(log)];
        sourcetype = guess?.sourcetype ?? 'unknown';
        source ??= guess?.source;
        notes.push(`no sourcetype given for ${path.basename(log)}; using ${sourcetype}${guess ? '' : ' (field extraction is limited to key=value pairs)'}`);
      }
      inputs.push({ path: log, format: req.format ?? 'auto', source: source ?? path.basename(log), sourcetype, host });
    }
  } else if (!attackData.length && /^\s*\|/.test(expanded.text)) {
    notes.push('no sample log: the search starts with a generating command');
  } else {
    if (!attackData.length) throw new RunPlanError('no --log given and the detection has no tests[].attack_data', 'usage', 'no-sample');
    const dir = attackDataDirFor(req.attackDataDir, root);
    if (!dir) {
      throw new RunPlanError(
        'the sample logs live in attack_data: give --attack-data DIR (a local copy of the attack_data repository) or --log FILE',
        'usage',
        'no-attack-data-dir',
        root ? path.join(root, 'attack_data') : undefined,
      );
    }
    for (const a of attackData) {
      if (!a.data) continue;
      const inside = attackDataPath(dir, a.data);
      if (!inside.ok) throw new RunPlanError(`attack_data ${a.data} is refused: ${inside.problem}; fix the URL in tests[].attack_data`, 'usage');
      const file = inside.path;
      const kind = checkRegularFile(file);
      if (!kind.ok) {
        if (kind.problem.startsWith('no such file')) throw new RunPlanError(`${a.data} resolves to ${file}, which does not exist`, 'usage', 'missing-attack-data', file);
        throw new RunPlanError(`attack_data ${a.data}: ${kind.problem}`, 'usage');
      }
      inputs.push({
        path: file,
        format: req.format ?? 'auto',
        source: req.source ?? a.source ?? path.basename(file),
        sourcetype: req.sourcetype ?? a.sourcetype ?? 'unknown',
        host,
      });
    }
  }
  const lookupDirs = lookupDirsFor(root, index);
  // Lookups a repository baseline fills (it runs first, on the same sample) or the user's CSVs start.
  const lookupSeeds = planLookupSeeds(parseSpl(expanded.text), index, {
    sources: req.lookupSources,
    detectionName: typeof detection?.name === 'string' ? detection.name : undefined,
    expand: (s) => expandSearch(s, index).text,
  });
  return {
    job: {
      search: expanded.text,
      inputs,
      addonDirs: req.addonDirs,
      lookupDirs,
      ...(lookupSeeds.length ? { lookupSeeds } : {}),
      tz: req.tz ?? 'UTC',
      maxRows: req.maxRows,
    },
    original,
    map: expanded.map,
    notes,
    macrosUsed: [...new Set(expanded.used.map((u) => u.name))],
    baselinesUsed: [...new Set(lookupSeeds.flatMap((l) => (l.baseline ? [l.baseline.name] : [])))],
    detection,
  };
}
