// Conformance of field extraction against security_content data_sources/*.yml: extracts each
// `example_log` with its source/sourcetype and compares the produced field names with `fields`.
// Run: npx tsx scripts/conformance/extraction.ts [--verbose] [--corpus <dir>]
// Exits 0 ("skipped") when the corpus is absent.

import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { createExtractor, EvalCompiler } from '../../server/src/engine/extract';
import type { RawEvent, Row, LogFormat } from '../../server/src/engine/types';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const ci = args.indexOf('--corpus');
const corpus = ci >= 0 ? args[ci + 1] : path.resolve(__dirname, '../../../shared/corpus/security_content');
const dsDir = path.join(corpus, 'data_sources');

if (!fs.existsSync(dsDir)) {
  console.log(`skipped: no corpus at ${dsDir}`);
  process.exit(0);
}

const INTERNAL = new Set(['punct', 'splunk_server', 'index', 'linecount', 'timestartpos', 'timeendpos', 'eventtype', 'tag', 'tag::eventtype']);
const isInternal = (f: string) => INTERNAL.has(f) || f.startsWith('date_');

/** The readers and the eval evaluator are optional: used when the other engineers' modules exist. */
function tryRequire<T>(p: string): T | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(p) as T;
  } catch {
    return undefined;
  }
}
type ReadSync = (input: string, opts?: { format?: LogFormat | 'auto' }) => { events: RawEvent[] };
const readers = tryRequire<{ readEventsSync?: ReadSync }>('../../server/src/engine/readers');
const spl = tryRequire<{ parseEvalExpression?: (t: string) => unknown }>('../../server/src/spl');
const evalMod = tryRequire<{ createEvalCompiler?: (p: (t: string) => unknown) => EvalCompiler }>('../../server/src/engine/eval');
const evalCompiler = spl?.parseEvalExpression && evalMod?.createEvalCompiler ? evalMod.createEvalCompiler(spl.parseEvalExpression) : undefined;

const extractor = createExtractor({ evalCompiler });

function family(st: string, source: string): string {
  const s = source.toLowerCase();
  const t = st.toLowerCase();
  if (t === 'sysmon:linux') return 'Sysmon for Linux';
  if (t === 'xmlwineventlog' || t.startsWith('xmlwineventlog:')) {
    if (s.includes('sysmon/operational')) return 'Windows XML Sysmon';
    if (s === 'xmlwineventlog:security') return 'Windows XML Security';
    if (s.includes('powershell/operational')) return 'Windows XML PowerShell';
    if (s === 'xmlwineventlog:system') return 'Windows XML System';
    return 'Windows XML other';
  }
  if (t === 'aws:cloudtrail') return 'CloudTrail';
  if (t === 'o365:management:activity') return 'O365';
  if (t === 'azure:monitor:aad') return 'Azure AD';
  if (t === 'oktaim2:log') return 'Okta';
  if (t === 'linux:audit') return 'auditd';
  return 'other';
}

function fallbackEvent(text: string): RawEvent {
  const t = text.trimStart();
  const format: LogFormat = t.startsWith('{') || t.startsWith('[') ? 'json' : t.startsWith('<Event') ? 'xml' : /^type=\w+ msg=audit\(/.test(t) ? 'auditd' : 'text';
  return { raw: text.replace(/\s+$/, ''), format, line: 1 };
}

interface Result { file: string; fam: string; truncated: boolean; expected: number; produced: number; evalPending: string[]; missed: string[] }
const results: Result[] = [];
const t0 = Date.now();
let events = 0;
for (const file of fs.readdirSync(dsDir).filter((f) => f.endsWith('.yml')).sort()) {
  let doc: Record<string, unknown>;
  try {
    doc = yaml.load(fs.readFileSync(path.join(dsDir, file), 'utf8')) as Record<string, unknown>;
  } catch {
    continue;
  }
  const example = doc?.example_log;
  const fields = doc?.fields;
  if (typeof example !== 'string' || !Array.isArray(fields) || fields.length === 0) continue;
  const meta = { source: String(doc.source ?? ''), sourcetype: String(doc.sourcetype ?? ''), host: 'conformance-host' };
  // Some corpus examples were cut at their first embedded newline; they are reported separately.
  const t = example.trimStart();
  const truncated = (t.startsWith('<Event') && !t.includes('</Event>')) || /^\d{2}\/\d{2}\/\d{4} [\d:]+ [AP]M$/.test(t.trim());
  const read = readers?.readEventsSync ? readers.readEventsSync(example).events : [];
  const raws = read.length ? read : [fallbackEvent(example)];
  const produced = new Set<string>();
  for (const ev of raws) {
    const row: Row = extractor.extract(ev, meta);
    events++;
    for (const k of Object.keys(row)) produced.add(k);
  }
  const pendingEvalFields = new Set(extractor.plan(meta).skippedEvals.map((e) => e.field));
  const expected = [...new Set(fields.map(String))].filter((f) => !isInternal(f));
  const missed = expected.filter((f) => !produced.has(f));
  results.push({
    file,
    fam: family(meta.sourcetype, meta.source),
    truncated,
    expected: expected.length,
    produced: expected.length - missed.length,
    evalPending: missed.filter((f) => pendingEvalFields.has(f)),
    missed: missed.filter((f) => !pendingEvalFields.has(f)),
  });
}
const ms = Date.now() - t0;
const evalProblems = extractor.messages().filter((m) => m.message.startsWith('EVAL-'));
if (args.includes('--messages')) for (const m of extractor.messages()) console.log(`[${m.severity}] ${m.message}`);

const pct = (a: number, b: number) => (b === 0 ? 100 : (100 * a) / b).toFixed(1).padStart(5);
console.log(`Field extraction conformance: ${results.length} data sources, ${events} events, ${ms} ms, eval compiler: ${evalCompiler ? 'wired' : 'none (EVAL fields counted separately)'}`);
console.log(`EVAL expressions the evaluator could not compile: ${evalProblems.length}`);
console.log('');
if (verbose) {
  for (const r of results) {
    console.log(`${pct(r.produced, r.expected)}%  ${r.file} [${r.fam}]${r.truncated ? ' (example truncated in corpus)' : ''} ${r.produced}/${r.expected}` +
      (r.evalPending.length ? `  eval-pending: ${r.evalPending.join(' ')}` : '') +
      (r.missed.length ? `  missed: ${r.missed.join(' ')}` : ''));
  }
  console.log('');
}
const fams = [...new Set(results.map((r) => r.fam))].sort();
const truncatedCount = results.filter((r) => r.truncated).length;
console.log(`Examples cut short in the corpus (left out of the table below): ${truncatedCount}`);
console.log('family                    sources  produced  +eval-pending  missed (most frequent)');
for (const f of fams) {
  const rs = results.filter((r) => r.fam === f && !r.truncated);
  if (rs.length === 0) continue;
  const exp = rs.reduce((a, r) => a + r.expected, 0);
  const got = rs.reduce((a, r) => a + r.produced, 0);
  const pend = rs.reduce((a, r) => a + r.evalPending.length, 0);
  const counts = new Map<string, number>();
  for (const r of rs) for (const m of r.missed) counts.set(m, (counts.get(m) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, n]) => (n > 1 ? `${k}×${n}` : k)).join(' ');
  console.log(`${f.padEnd(26)}${String(rs.length).padStart(7)}  ${pct(got, exp)}%  ${pct(got + pend, exp)}%        ${top}`);
}
const complete = results.filter((r) => !r.truncated);
const all = complete.reduce((a, r) => a + r.expected, 0);
const allGot = complete.reduce((a, r) => a + r.produced, 0);
const allPend = complete.reduce((a, r) => a + r.evalPending.length, 0);
console.log(`${'ALL (complete examples)'.padEnd(26)}${String(complete.length).padStart(7)}  ${pct(allGot, all)}%  ${pct(allGot + allPend, all)}%`);
const rAll = results.reduce((a, r) => a + r.expected, 0);
const rGot = results.reduce((a, r) => a + r.produced, 0);
console.log(`${'ALL (incl. truncated)'.padEnd(26)}${String(results.length).padStart(7)}  ${pct(rGot, rAll)}%`);

// --bench: per-event extraction cost on the corpus examples of a few families (complete examples only).
if (args.includes('--bench')) {
  const benchFams = ['Windows XML Sysmon', 'Windows XML Security', 'CloudTrail', 'O365', 'Azure AD'];
  console.log('');
  console.log('bench (CPU µs per event, plans cached, EVALs skipped unless an evaluator is wired):');
  for (const fam of benchFams) {
    const samples: { ev: RawEvent; meta: { source: string; sourcetype: string; host: string } }[] = [];
    for (const file of fs.readdirSync(dsDir).filter((f) => f.endsWith('.yml')).sort()) {
      const doc = yaml.load(fs.readFileSync(path.join(dsDir, file), 'utf8')) as Record<string, unknown>;
      if (typeof doc?.example_log !== 'string') continue;
      const meta = { source: String(doc.source ?? ''), sourcetype: String(doc.sourcetype ?? ''), host: 'bench' };
      const r = results.find((x) => x.file === file);
      if (!r || r.fam !== fam || r.truncated) continue;
      samples.push({ ev: fallbackEvent(doc.example_log), meta });
    }
    if (samples.length === 0) continue;
    const n = 100000;
    for (let i = 0; i < 2000; i++) extractor.extract(samples[i % samples.length].ev, samples[i % samples.length].meta);
    // CPU time of this process (less sensitive to other load on a shared machine than wall time).
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) extractor.extract(samples[i % samples.length].ev, samples[i % samples.length].meta);
    const c1 = process.cpuUsage(c0);
    const us = (c1.user + c1.system) / n;
    const bytes = samples.reduce((a, s) => a + s.ev.raw.length, 0) / samples.length;
    console.log(`  ${fam.padEnd(24)} ${us.toFixed(2).padStart(7)} µs/event  (${samples.length} distinct events, avg ${Math.round(bytes)} chars)`);
  }
}
