// Plans a local run: which search (a detection's, or ad-hoc SPL), expanded through the content
// index's macros, against which sample logs with which source/sourcetype. Shared by the CLI and
// the language server; the engine job it produces runs in a worker.
import * as fs from 'fs';
import * as path from 'path';
import type { ContentIndex } from '../content';
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
}

export class RunPlanError extends Error {
  constructor(
    message: string,
    /** 'usage': bad arguments or missing files (exit 2); 'search': the search cannot run (exit 1). */
    readonly kind: 'usage' | 'search',
  ) {
    super(message);
  }
}

interface AttackData {
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

function detectionAttackData(doc: Record<string, unknown>): AttackData[] {
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

/**
 * The search with the content index's macros expanded. An unknown `…_filter` macro (the per-site
 * tuning macro most detections end with) expands to nothing; other expansion errors throw.
 */
export function expandSearch(original: string, index: ContentIndex): { text: string; map: SourceMap } {
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
  if (req.detectionFile) {
    let text = req.detectionText;
    if (text === undefined) {
      try {
        text = fs.readFileSync(req.detectionFile, 'utf8');
      } catch (e) {
        throw new RunPlanError(`cannot read ${req.detectionFile}: ${e instanceof Error ? e.message : String(e)}`, 'usage');
      }
    }
    const doc = loadMapping(text);
    if (!doc) throw new RunPlanError(`${req.detectionFile} is not a YAML mapping (check its syntax)`, 'usage');
    if (original === undefined) {
      if (typeof doc.search !== 'string') throw new RunPlanError(`${req.detectionFile} has no search:`, 'usage');
      original = doc.search;
    }
    attackData = detectionAttackData(doc);
    root = index.rootFor(req.detectionFile);
  }
  if (original === undefined) throw new RunPlanError('give a detection file or --search', 'usage');

  const expanded = expandSearch(original, index);

  const inputs: WorkerJob['inputs'] = [];
  const host = req.host ?? 'detection-workbench';
  if (req.logs?.length) {
    const first = attackData[0] ?? {};
    for (const log of req.logs) {
      if (!fs.existsSync(log)) throw new RunPlanError(`no such log file: ${log}`, 'usage');
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
    if (!attackData.length) throw new RunPlanError('no --log given and the detection has no tests[].attack_data', 'usage');
    const dir = req.attackDataDir ?? (root && fs.existsSync(path.join(root, 'attack_data')) ? path.join(root, 'attack_data') : undefined);
    if (!dir) throw new RunPlanError('the sample logs live in attack_data: give --attack-data DIR (a local copy of the attack_data repository) or --log FILE', 'usage');
    for (const a of attackData) {
      if (!a.data) continue;
      const file = path.join(dir, ...attackDataRelativePath(a.data).split('/'));
      if (!fs.existsSync(file)) throw new RunPlanError(`${a.data} resolves to ${file}, which does not exist`, 'usage');
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
  };
}
