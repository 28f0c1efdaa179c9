// Turns one content file's text into index entries. The few keys an entry needs are read by a
// fast top-level key scanner; files it does not fully understand are parsed with js-yaml, which
// gives the same values (a check over a real corpus: `scripts/bench/language.ts --verify`).
// The line of the key an entry points at is found with a line scan.
import * as fs from 'fs';
import * as path from 'path';
import { load } from 'js-yaml';
import { ContentEntry, DetectionEntry, LookupEntry } from './entries';
import { ContentKind } from './paths';
import { KeySpec, scanTopLevelKeys } from './topLevelKeys';
import { pathInside, plainNameProblem } from './confine';
import { checkRegularFile } from './regularFile';

type Obj = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : v == null ? undefined : String(v));
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

/** Offset and line of the first top-level `key:` in the text (0/0 when absent). */
export function topLevelKeyPosition(text: string, key: string): { offset: number; line: number } {
  let re = KEY_POSITION_RES.get(key);
  if (!re) KEY_POSITION_RES.set(key, (re = new RegExp(`^${key}\\s*:`, 'm')));
  const m = re.exec(text);
  if (!m) return { offset: 0, line: 0 };
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
  return { offset: m.index, line };
}

const KEY_POSITION_RES = new Map<string, RegExp>();

/**
 * Parses a YAML file; undefined when it is not a mapping (broken files are the schema checker's job).
 * Real content (parsed by PyYAML upstream) has multi-line quoted scalars whose continuation lines
 * start in column 0, which js-yaml rejects as "deficient indentation"; since leading white space of
 * a continuation line is folded away, indenting such lines by one space gives the same value.
 */
export function loadMapping(text: string): Obj | undefined {
  const asMapping = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
  try {
    return asMapping(load(text));
  } catch (e) {
    if (!/indentation/.test(String(e))) return undefined;
    try {
      return asMapping(load(indentContinuationLines(text)));
    } catch {
      return undefined;
    }
  }
}

const QUOTED_TOP_LEVEL_VALUE = /^[A-Za-z_][\w.-]*\s*:\s+(['"])/;

/**
 * Indents the column-0 continuation lines of top-level quoted scalars by one space. A scan of the
 * quoted value (with `''` and backslash escapes) finds where each such scalar closes.
 */
export function indentContinuationLines(text: string): string {
  const lines = text.split('\n');
  let quote: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    let from = 0;
    if (quote === undefined) {
      const m = QUOTED_TOP_LEVEL_VALUE.exec(lines[i]);
      if (!m) continue;
      quote = m[1];
      from = m[0].length;
    } else if (lines[i].length && !/^\s/.test(lines[i])) {
      lines[i] = ' ' + lines[i];
      from = 1;
    }
    quote = stillOpen(lines[i], from, quote);
  }
  return lines.join('\n');
}

/** Scans one line of a quoted scalar from `from`; returns the quote if the scalar is still open. */
function stillOpen(line: string, from: number, quote: string): string | undefined {
  for (let j = from; j < line.length; j++) {
    const c = line[j];
    if (quote === "'" && c === "'") {
      if (line[j + 1] === "'") j++;
      else return undefined;
    } else if (quote === '"') {
      if (c === '\\') j++;
      else if (c === '"') return undefined;
    }
  }
  return quote;
}

/** Reads the header row of a CSV file (first line only). */
export function readCsvHeader(file: string): string[] | undefined {
  if (!checkRegularFile(file).ok) return undefined;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const first = buf.toString('utf8', 0, n).replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    return first.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The keys each kind of entry is built from, and nothing else: `entriesOf` must only read keys
 * listed here (the fast scanner reads only these, and the js-yaml fallback is cut down to them).
 */
const KEYS: Record<ContentKind, KeySpec> = {
  macro: { name: true, id: true, arguments: true, definition: true, description: true },
  story: { name: true, id: true, description: true },
  data_source: { name: true, id: true, source: true, sourcetype: true, fields: true, output_fields: true, description: true },
  lookup: { name: true, id: true, description: true, filename: true, collection: true, match_type: true, case_sensitive_match: true },
  detection: { name: true, id: true, status: true, type: true, search: true, data_source: true, tags: { analytic_story: true } },
  baseline: { name: true, id: true, status: true, type: true, search: true, data_source: true, tags: { analytic_story: true, detections: true } },
};

/** The keys of one kind of file by the fast scanner alone (undefined: it leaves the file to js-yaml). */
export function scanKeys(kind: ContentKind, text: string): Obj | undefined {
  return scanTopLevelKeys(text, KEYS[kind]);
}

/** The keys of one kind of file the index reads: by the fast scanner, else by js-yaml. */
export function readKeys(kind: ContentKind, text: string): Obj | undefined {
  const fast = scanTopLevelKeys(text, KEYS[kind]);
  if (fast) return fast;
  const doc = loadMapping(text);
  return doc && pick(doc, KEYS[kind]);
}

/** The keys of `spec` in a js-yaml document (so both ways of reading see the same keys). */
function pick(doc: Obj, spec: KeySpec): Obj {
  const out: Obj = {};
  for (const key of Object.keys(spec)) {
    if (!Object.prototype.hasOwnProperty.call(doc, key)) continue;
    const want = spec[key];
    const v = doc[key];
    out[key] = want !== true && v && typeof v === 'object' && !Array.isArray(v) ? pick(v as Obj, want) : v;
  }
  return out;
}

/** Index entries of one content file (none when it is not a mapping with a `name`). */
export function readEntries(kind: ContentKind, file: string, root: string, text: string): ContentEntry[] {
  return entriesOf(kind, file, root, text, readKeys(kind, text));
}

/** The same entries, always through js-yaml: the reference the fast reader is checked against. */
export function readEntriesWithJsYaml(kind: ContentKind, file: string, root: string, text: string): ContentEntry[] {
  return entriesOf(kind, file, root, text, loadMapping(text));
}

/** Builds the entries from the document's keys; every key read here must be listed in KEYS. */
function entriesOf(kind: ContentKind, file: string, root: string, text: string, doc: Obj | undefined): ContentEntry[] {
  if (!doc) return [];
  const name = str(doc.name);
  if (!name) return [];
  const at = topLevelKeyPosition(text, 'name');
  const base = { file, root, ...at, name, id: str(doc.id) };
  switch (kind) {
    case 'macro':
      return [
        {
          ...base,
          ...topLevelKeyPosition(text, 'definition'),
          kind: 'macro',
          args: strList(doc.arguments),
          definition: str(doc.definition) ?? '',
          description: str(doc.description),
        },
      ];
    case 'story':
      return [{ ...base, kind: 'story', id: str(doc.id), description: str(doc.description) }];
    case 'data_source':
      return [
        {
          ...base,
          kind: 'data_source',
          id: str(doc.id),
          source: str(doc.source),
          sourcetype: str(doc.sourcetype),
          fields: strList(doc.fields),
          outputFields: doc.output_fields === undefined ? undefined : strList(doc.output_fields),
          description: str(doc.description),
        },
      ];
    case 'lookup':
      return [lookupEntry(base, doc)];
    case 'detection':
    case 'baseline': {
      const tags = (doc.tags && typeof doc.tags === 'object' ? doc.tags : {}) as Obj;
      const entry: DetectionEntry = {
        ...base,
        kind,
        id: str(doc.id),
        status: str(doc.status),
        type: str(doc.type),
        search: str(doc.search),
        dataSources: strList(doc.data_source),
        stories: strList(tags.analytic_story),
      };
      // A baseline names the detections it feeds (`tags.detections`): used to pick the baseline
      // that fills a lookup a detection reads (analysis/lookupSeeds.ts).
      if (kind === 'baseline') entry.detections = strList(tags.detections);
      return [entry];
    }
  }
}

function lookupEntry(base: Omit<LookupEntry, 'kind'>, doc: Obj): LookupEntry {
  const filename = str(doc.filename);
  // The CSV is a plain file name beside the definition, and a regular file (a FIFO would block the
  // open): confine.ts / regularFile.ts, as the engine's lookup resolver does.
  const inside = filename && !plainNameProblem(filename) ? pathInside(path.dirname(base.file), filename) : undefined;
  const csvFile = inside?.ok ? inside.path : undefined;
  const header = csvFile ? readCsvHeader(csvFile) : undefined;
  const cs = str(doc.case_sensitive_match);
  return {
    ...base,
    kind: 'lookup',
    description: str(doc.description),
    filename,
    collection: str(doc.collection),
    csvFile: header ? csvFile : undefined,
    header,
    matchType: str(doc.match_type),
    caseSensitiveMatch: cs === undefined ? undefined : cs.toLowerCase() === 'true',
  };
}
