// What crafting an event for a detection starts from: the detection's expanded search and a base
// event — the `example_log` of its first data source that has one (with that data source's source
// and sourcetype), or event N of a given sample (with the run's source/sourcetype rules, planRun).
import * as fs from 'fs';
import type { ContentIndex } from '../content';
import { loadMapping } from '../content/readEntries';
import type { CraftRequest } from '../engine/craft/craft';
import { detectFormatFromText, readEvents } from '../engine/readers';
import type { SourceMap } from '../spl/expand';
import { expandSearch, lookupDirsFor, planRun, RunPlanError } from './runPlan';

export interface CraftPlanRequest {
  detectionFile: string;
  detectionText?: string;
  /** A sample log to take the base event from (instead of the data source's example_log). */
  from?: string;
  /** 1-based event of `from` (default 1). */
  event?: number;
  source?: string;
  sourcetype?: string;
  addonDirs?: string[];
  tz?: string;
}

export interface CraftPlan {
  request: CraftRequest;
  original: string;
  map: SourceMap;
  /** Where the base event came from, for messages. */
  baseOrigin: string;
}

/**
 * Closes the elements left open by a Windows XML example cut short (some data sources' example_log
 * ends inside a Data element): the add-ons extract EventData only from a complete element.
 * Undefined when the text is not a truncated `<Event>`.
 */
export function closeTruncatedXml(raw: string): string | undefined {
  if (!/^<Event[\s>]/.test(raw) || raw.includes('</Event>')) return undefined;
  const open: string[] = [];
  for (const m of raw.matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^<>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) { const i = open.lastIndexOf(m[2]); if (i >= 0) open.length = i; }
    else open.push(m[2]);
  }
  return raw + open.reverse().map((t) => `</${t}>`).join('');
}

/**
 * Closes a JSON object cut short (some data sources' example_log stops mid-value at 10,000
 * characters): the open string is ended, then the text is cut back to the last complete member
 * and the open arrays/objects closed, so the add-ons see the members that are there.
 * Undefined when the text is not a truncated JSON object.
 */
/** Larger example logs are not repaired (each repair attempt parses the whole text). */
const MAX_REPAIR_CHARS = 1_000_000;

export function closeTruncatedJson(raw: string): string | undefined {
  if (!raw.startsWith('{') || raw.length > MAX_REPAIR_CHARS) return undefined;
  try { JSON.parse(raw); return undefined; } catch { /* truncated or invalid: repaired below */ }
  const stack: string[] = [];
  const cuts: { at: number; closers: string }[] = [];
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') cuts.push({ at: i, closers: [...stack].reverse().join('') });
    if (stack.length === 0) return undefined; // a complete value followed by more text: not a cut-short object
  }
  const tries = [raw.replace(/\\$/, '') + (inString ? '"' : '') + [...stack].reverse().join(''), ...cuts.reverse().slice(0, 64).map((c) => raw.slice(0, c.at) + c.closers)];
  for (const t of tries) {
    try { JSON.parse(t); return t; } catch { /* next cut */ }
  }
  return undefined;
}

/** Providers of the Windows channels content reads, for an empty event of that channel. */
const CHANNEL_PROVIDERS: Record<string, string> = {
  Security: 'Microsoft-Windows-Security-Auditing',
  System: 'Service Control Manager',
  'Microsoft-Windows-Sysmon/Operational': 'Microsoft-Windows-Sysmon',
  'Microsoft-Windows-PowerShell/Operational': 'Microsoft-Windows-PowerShell',
};

function xmlText(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
}

/**
 * An empty Windows XML event to craft from when a data source read as Windows XML
 * (`xmlwineventlog`) gives an example_log that is not an XML event (several hold only a
 * timestamp such as "10/09/2020 10:41:26 AM"): the channel from the source
 * (`XmlWinEventLog:Security` → Security), the event ID from the data source's name
 * ("Windows Event Log Security 4720" → 4720), the time from the example when it is one.
 * Undefined when the example is usable as it is.
 */
export function windowsXmlSkeleton(example: string, name: string, source: string | undefined, sourcetype: string | undefined): string | undefined {
  if (!/xmlwineventlog/i.test(sourcetype ?? '') || example.startsWith('<')) return undefined;
  if (/^\s*[{[]/.test(example)) return undefined; // JSON: another format, read as it is
  const channel = /^XmlWinEventLog:(.+)$/i.exec(source ?? '')?.[1] ?? 'Security';
  const id = /\b(\d{1,5})$/.exec(name.trim())?.[1] ?? '0';
  const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ([AP]M)$/.exec(example);
  let time = '2024-01-01T00:00:00.000000000Z';
  if (m) {
    const hour = (Number(m[4]) % 12) + (m[7] === 'PM' ? 12 : 0);
    time = `${m[3]}-${m[1]}-${m[2]}T${String(hour).padStart(2, '0')}:${m[5]}:${m[6]}.000000000Z`;
  }
  const provider = CHANNEL_PROVIDERS[channel] ?? '';
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='${xmlText(provider)}'/><EventID>${id}</EventID><Version>0</Version><Level>0</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords><TimeCreated SystemTime='${time}'/><EventRecordID>1</EventRecordID><Correlation/><Execution ProcessID='4' ThreadID='8'/><Channel>${xmlText(channel)}</Channel><Computer>host.example.com</Computer><Security/></System><EventData></EventData></Event>`;
}

export async function planCraft(req: CraftPlanRequest, index: ContentIndex): Promise<CraftPlan> {
  let text = req.detectionText;
  if (text === undefined) {
    try {
      text = fs.readFileSync(req.detectionFile, 'utf8');
    } catch (e) {
      throw new RunPlanError(`cannot read ${req.detectionFile}: ${e instanceof Error ? e.message : String(e)}`, 'usage');
    }
  }
  const doc = loadMapping(text);
  if (!doc || typeof doc.search !== 'string') throw new RunPlanError(`${req.detectionFile} has no search:`, 'usage');
  const original = doc.search;
  if (req.from) {
    const plan = planRun({ detectionFile: req.detectionFile, detectionText: text, logs: [req.from], source: req.source, sourcetype: req.sourcetype, addonDirs: req.addonDirs, tz: req.tz }, index);
    const input = plan.job.inputs[0];
    const want = req.event ?? 1;
    let n = 0;
    for await (const batch of readEvents({ path: input.path }, { format: input.format ?? 'auto' }).batches()) {
      if (n + batch.length < want) { n += batch.length; continue; }
      const raw = batch[want - n - 1];
      return {
        request: { search: plan.job.search, base: { raw: raw.raw, format: raw.format }, meta: { source: input.source, sourcetype: input.sourcetype, host: input.host }, addonDirs: req.addonDirs, tz: req.tz, lookupDirs: plan.job.lookupDirs },
        original, map: plan.map, baseOrigin: `event ${want} of ${req.from}`,
      };
    }
    throw new RunPlanError(`${req.from} has no event ${want}`, 'usage');
  }
  const names = Array.isArray(doc.data_source) ? doc.data_source.filter((x): x is string => typeof x === 'string') : [];
  for (const name of names) {
    const ds = index.dataSources.first(name);
    if (!ds) continue;
    let dsDoc: Record<string, unknown> | undefined;
    try {
      dsDoc = loadMapping(fs.readFileSync(ds.file, 'utf8'));
    } catch {
      continue;
    }
    const example = dsDoc?.example_log;
    if (typeof example !== 'string' || !example.trim()) continue;
    const skeleton = windowsXmlSkeleton(example.trim(), name, ds.source, ds.sourcetype);
    const repaired = skeleton ? undefined : closeTruncatedXml(example.trim()) ?? closeTruncatedJson(example.trim());
    const raw = skeleton ?? repaired ?? example.trim();
    const expanded = expandSearch(original, index);
    return {
      request: {
        search: expanded.text,
        base: { raw, format: detectFormatFromText(raw) },
        meta: { source: req.source ?? ds.source ?? name, sourcetype: req.sourcetype ?? ds.sourcetype ?? 'unknown', host: 'detection-workbench' },
        addonDirs: req.addonDirs,
        tz: req.tz,
        lookupDirs: lookupDirsFor(index.rootFor(req.detectionFile), index),
      },
      original, map: expanded.map, baseOrigin: skeleton ? `an empty Windows XML event for data source "${name}" (its example_log is not an event: ${JSON.stringify(example.trim().slice(0, 60))})` : `the example_log of data source "${name}"${repaired ? ` (cut short in the data source: ${repaired.startsWith('{') ? 'cut back to its last complete member and its open objects closed' : 'its open XML elements were closed'})` : ''}`,
    };
  }
  throw new RunPlanError(names.length ? `none of the detection's data sources (${names.join(', ')}) has an example_log: give --from FILE` : 'the detection names no data_source: give --from FILE', 'usage');
}
