// Coverage of real content: runs every non-deprecated corpus detection on the `example_log` of its
// first data source (with that data source's source and sourcetype), through the same planning
// (planRun: macro expansion, lookups of the repository) and engine (runJob) as `detection-workbench
// run`, and prints the table of outcomes and of the reasons a detection does not run, with counts.
// Run: npx tsx scripts/conformance/coverage.ts [--corpus <dir>] [--verbose] [--min <percent>]
// Exits 0 ("skipped") when the corpus is absent; with --min, exits 1 when fewer detections run.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { ContentIndex } from '../../server/src/content';
import { planRun, RunPlanError } from '../../server/src/analysis/runPlan';
import { runJob } from '../../server/src/engine/pipeline/runJob';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const opt = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const corpus = path.resolve(opt('--corpus') ?? path.resolve(__dirname, '../../../shared/corpus/security_content'));
const minPercent = opt('--min') !== undefined ? Number(opt('--min')) : undefined;

if (!fs.existsSync(path.join(corpus, 'detections'))) {
  console.log(`skipped: no corpus at ${corpus}`);
  process.exit(0);
}

interface DataSource { example_log?: string; source?: string; sourcetype?: string }

function load(file: string): Record<string, unknown> | undefined {
  try {
    const d = yaml.load(fs.readFileSync(file, 'utf8'));
    return d && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

const dataSources = new Map<string, DataSource>();
for (const f of yamlFiles(path.join(corpus, 'data_sources'))) {
  const d = load(f);
  if (typeof d?.name === 'string') dataSources.set(d.name, { example_log: d.example_log as string | undefined, source: d.source as string | undefined, sourcetype: d.sourcetype as string | undefined });
}

/** A reason in a form that groups: names stay (they say what to do), numbers and positions go. */
function reasonOf(message: string): string {
  return message
    .replace(/\s*\(search line \d+.*$/s, '')
    .replace(/\b\d+(\.\d+)?\b/g, 'N')
    .slice(0, 140);
}

const index = new ContentIndex();
index.buildSync([corpus]);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-coverage-'));
const outcomes = new Map<string, number>();
const reasons = new Map<string, string[]>();
const warnings = new Map<string, number>();
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
const t0 = Date.now();
let total = 0;
let ran = 0;

async function main(): Promise<void> {
  for (const file of yamlFiles(path.join(corpus, 'detections'))) {
    const rel = path.relative(corpus, file);
    if (rel.split(path.sep).includes('deprecated')) continue;
    const doc = load(file);
    if (!doc || doc.status === 'deprecated' || typeof doc.search !== 'string') continue;
    total++;
    const fail = (outcome: string, reason: string) => {
      bump(outcomes, outcome);
      const list = reasons.get(reason) ?? [];
      list.push(rel);
      reasons.set(reason, list);
    };
    // The first data source; a combined name ("Sysmon EventID 1 AND Sysmon EventID 11") by its first
    // part. Without a data source or an example log the search still runs, on an empty log: it
    // shows whether the search itself can run here (correlation searches over the risk index,
    // generating commands, …); the outcome says which input it had.
    const dsName = Array.isArray(doc.data_source) ? doc.data_source[0] : undefined;
    const ds = typeof dsName === 'string' ? dataSources.get(dsName) ?? dataSources.get(dsName.split(' AND ')[0].trim()) : undefined;
    const input = typeof dsName !== 'string' ? 'no data source' : !ds ? 'data source not in data_sources/' : !ds.example_log ? 'no example_log' : 'example_log';
    const log = path.join(tmp, 'example.log');
    const text = ds?.example_log ?? '';
    fs.writeFileSync(log, text === '' || text.endsWith('\n') ? text : text + '\n');
    let job;
    try {
      job = planRun({ detectionFile: file, logs: [log], source: ds?.source ?? 'coverage', sourcetype: ds?.sourcetype ?? 'coverage' }, index).job;
    } catch (e) {
      if (e instanceof RunPlanError) { fail('cannot plan', reasonOf(e.message)); continue; }
      throw e;
    }
    const r = await runJob({ ...job, now: 1700000000 });
    for (const w of r.warnings) bump(warnings, reasonOf(w.message));
    if (r.error) { fail(`stopped with an error (${input})`, reasonOf(r.error.message)); continue; }
    ran++;
    bump(outcomes, `ran, ${r.rows.length > 0 ? 'rows' : 'no rows'} (${input})`);
  }
}

function table(title: string, entries: [string, number][], limit: number): void {
  console.log(`\n${title}`);
  const w = Math.max(5, ...entries.slice(0, limit).map(([, n]) => String(n).length));
  for (const [k, n] of entries.slice(0, limit)) console.log(`  ${String(n).padStart(w)}  ${k}`);
  if (entries.length > limit) console.log(`  … ${entries.length - limit} more`);
}

main().then(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  const pct = total ? (100 * ran) / total : 0;
  console.log(`corpus: ${corpus}`);
  console.log(`non-deprecated detections: ${total}; ran without an error: ${ran} (${pct.toFixed(1)}%); ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  table('outcomes', [...outcomes.entries()].sort((a, b) => b[1] - a[1]), 20);
  const byReason = [...reasons.entries()].map(([k, l]) => [k, l.length] as [string, number]).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  table('reasons a detection did not run (count, reason)', byReason, verbose ? 1000 : 40);
  if (verbose) for (const [k, l] of reasons) console.log(`\n${k}\n  ${l.join('\n  ')}`);
  table('warnings of the runs that ran (count, warning)', [...warnings.entries()].sort((a, b) => b[1] - a[1]), 15);
  if (minPercent !== undefined && pct < minPercent) {
    console.log(`\ncoverage ${pct.toFixed(1)}% is below --min ${minPercent}%`);
    process.exit(1);
  }
}).catch((e) => {
  console.error(e);
  process.exit(2);
});
