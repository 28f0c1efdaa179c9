// Plans a local run: which search (a detection's, or ad-hoc SPL), expanded through the content
// index's macros, against which sample logs with which source/sourcetype. Shared by the CLI and
// the language server; the engine job it produces runs in a worker.
import * as fs from 'fs';
import * as path from 'path';
import type { ContentIndex } from '../content';
import { contentRootOf } from '../content';
import { loadMapping } from '../content/readEntries';
import type { WorkerJob } from '../engine/pipeline/workerProtocol';
import { detectFormat } from '../engine/readers';
import type { LogFormat } from '../engine/types';
import { expandMacros, SourceMap } from '../spl/expand';
import { macroResolver } from './splContext';

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
}

export class RunPlanError extends Error {
  constructor(
    message: string,
    /** 'usage': bad arguments or missing files (exit 2); 'search': the search cannot run (exit 1). */
    readonly kind: 'usage' | 'search',
    /** What is missing, for callers that offer a fix (the editor offers to pick a log). */
    readonly code?: 'no-sample' | 'no-attack-data-dir' | 'missing-attack-data' | 'missing-log',
    /** The path that was looked for, with 'missing-attack-data' and 'missing-log'. */
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

export function detectionAttackData(doc: Record<string, unknown>): AttackData[] {
  const tests = Array.isArray(doc.tests) ? doc.tests : [];
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
}

export function readDetection(file: string, text?: string): DetectionSource {
  if (text === undefined) {
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new RunPlanError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`, 'usage');
    }
  }
  const doc = loadMapping(text);
  if (!doc) throw new RunPlanError(`${file} is not a YAML mapping (check its syntax)`, 'usage');
  return { search: typeof doc.search === 'string' ? doc.search : undefined, attackData: detectionAttackData(doc) };
}

/** The attack-data folder: the one given (setting or --attack-data), else `attack_data/` at the content root. */
export function attackDataDirFor(given: string | undefined, root: string | undefined): string | undefined {
  if (given) return given;
  return root && fs.existsSync(path.join(root, 'attack_data')) ? path.join(root, 'attack_data') : undefined;
}

/**
 * Where an attack_data URL's file is in a local copy of the attack_data repository; undefined when
 * the URL climbs out of it with `..`. The URL comes from the detection (untrusted content), which
 * must not get any local file read (and, with compare, sent to Splunk).
 */
export function attackDataFile(dir: string, url: string): string | undefined {
  const file = path.join(dir, ...attackDataRelativePath(url).split('/'));
  const rel = path.relative(path.resolve(dir), path.resolve(file));
  return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : file;
}

export function planRun(req: RunRequest, index: ContentIndex): RunPlan {
  const notes: string[] = [];
  let original = req.search;
  let attackData: AttackData[] = [];
  let root: string | undefined;
  if (req.detectionFile) {
    const d = readDetection(req.detectionFile, req.detectionText);
    original ??= d.search;
    if (original === undefined) throw new RunPlanError(`${req.detectionFile} has no search:`, 'usage');
    attackData = d.attackData;
    // the index's root, or the repository the file sits in when it is outside the indexed roots
    root = index.rootFor(req.detectionFile) ?? contentRootOf(req.detectionFile);
  }
  if (original === undefined) throw new RunPlanError('give a detection file or --search', 'usage');

  const expanded = expandMacros(original, macroResolver(index));
  const unresolved = expanded.errors.filter((e) => e.code !== 'dw.spl.unknown-macro' || !/_filter$/.test(e.chain[e.chain.length - 1] ?? ''));
  if (unresolved.length) throw new RunPlanError(unresolved.map((e) => e.message).join('; '), 'search');

  const inputs: WorkerJob['inputs'] = [];
  const host = req.host ?? 'detection-workbench';
  if (req.logs?.length) {
    const first = attackData[0] ?? {};
    for (const log of req.logs) {
      if (!fs.existsSync(log)) throw new RunPlanError(`no such log file: ${log}`, 'usage', 'missing-log', log);
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
    if (!dir) throw new RunPlanError('the sample logs live in attack_data: give --attack-data DIR (a local copy of the attack_data repository) or --log FILE', 'usage', 'no-attack-data-dir');
    for (const a of attackData) {
      if (!a.data) continue;
      const file = attackDataFile(dir, a.data);
      if (!file) throw new RunPlanError(`${a.data} points outside the attack_data folder ${dir}; fix the URL in tests[].attack_data`, 'usage');
      if (!fs.existsSync(file)) throw new RunPlanError(`${a.data} resolves to ${file}, which does not exist`, 'usage', 'missing-attack-data', file);
      inputs.push({
        path: file,
        format: req.format ?? 'auto',
        source: req.source ?? a.source ?? path.basename(file),
        sourcetype: req.sourcetype ?? a.sourcetype ?? 'unknown',
        host,
      });
    }
  }
  const lookupDirs = [...new Set([...(root ? [path.join(root, 'lookups')] : []), ...index.roots.map((r) => path.join(r, 'lookups'))])].filter((d) =>
    fs.existsSync(d),
  );
  return {
    job: {
      search: expanded.text,
      inputs,
      addonDirs: req.addonDirs,
      lookupDirs,
      tz: req.tz ?? 'UTC',
      maxRows: req.maxRows,
    },
    original,
    map: expanded.map,
    notes,
    macrosUsed: [...new Set(expanded.used.map((u) => u.name))],
  };
}
