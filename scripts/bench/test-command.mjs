// Benchmark of `detection-workbench test`: generates a content repository of N detections (default
// 200) with attack data, then times the built CLI over it with `--jobs 1` and `--jobs 2` (median of
// --runs, default 3). A report: prints figures and exits 0 whatever they are.
//
//   node scripts/bench/test-command.mjs [--detections N] [--events N] [--runs N] [--dir DIR] [--jobs 1,2]
//
// The repository (in /tmp by default, regenerated when the parameters change) reuses examples/'
// macros, lookups, data sources and stories; detection i is a renamed copy of one of the three
// example detections, and its attack data is `--events` seeded, generated events of the matching
// kind (Sysmon XML or CloudTrail JSON, scripts/bench/gen) followed by the example's sample log, so
// every test has something to find.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLines } from './gen/rng.mjs';
import { createSysmonGenerator } from './gen/sysmon.mjs';
import { createCloudTrailGenerator } from './gen/cloudtrail.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const EXAMPLES = path.join(REPO, 'examples');
const CLI = path.join(REPO, 'dist', 'cli.js');
const GEN_VERSION = 1;

function parseOptions(argv) {
  const o = { detections: 200, events: 1000, runs: 3, dir: path.join(os.tmpdir(), 'dw-bench-test-repo'), jobs: [1, 2] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--detections') o.detections = Number(v());
    else if (a === '--events') o.events = Number(v());
    else if (a === '--runs') o.runs = Number(v());
    else if (a === '--dir') o.dir = path.resolve(v());
    else if (a === '--jobs') o.jobs = v().split(',').map(Number);
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

/** The three example detections, with the sample log each one's test names. */
function templates() {
  return [
    { file: 'endpoint/regsvcs_outbound_network_connection.yml', log: 'T1218.009/regsvcs/windows-sysmon.log', gen: createSysmonGenerator },
    { file: 'endpoint/powershell_encoded_command.yml', log: 'T1059.001/encoded/windows-sysmon.log', gen: createSysmonGenerator },
    { file: 'cloud/aws_cloudtrail_trail_deleted.yml', log: 'T1562.008/delete_trail/aws_cloudtrail_events.json', gen: createCloudTrailGenerator },
  ].map((t) => ({
    ...t,
    text: fs.readFileSync(path.join(EXAMPLES, 'detections', t.file), 'utf8'),
    sample: fs.readFileSync(path.join(EXAMPLES, 'attack_data', 'datasets', 'attack_techniques', t.log), 'utf8'),
  }));
}

export async function generateRepository({ dir, detections, events }) {
  const stamp = path.join(dir, '.bench.json');
  const want = JSON.stringify({ GEN_VERSION, detections, events });
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  for (const f of ['macros', 'lookups', 'data_sources', 'stories']) fs.cpSync(path.join(EXAMPLES, f), path.join(dir, f), { recursive: true });
  const tpl = templates();
  for (let i = 0; i < detections; i++) {
    const t = tpl[i % tpl.length];
    const slug = `${path.basename(t.file, '.yml')}_${String(i).padStart(3, '0')}`;
    const name = t.text.match(/^name: (.*)$/m)[1];
    const dataPath = `datasets/bench/${slug}/${path.basename(t.log)}`;
    const text = t.text
      .replace(/^name: .*$/m, `name: ${name} ${i}`)
      .replace(/^id: (.{8})/m, `id: ${(0x10000000 + i).toString(16)}`)
      .replace(/`\w+_filter`/, `\`${slug}_filter\``)
      .replace(/(- data: )\S+/, `$1https://media.githubusercontent.com/media/splunk/attack_data/master/${dataPath}`);
    const file = path.join(dir, 'detections', path.dirname(t.file), `${slug}.yml`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const log = path.join(dir, 'attack_data', ...dataPath.split('/'));
    fs.mkdirSync(path.dirname(log), { recursive: true });
    const next = t.gen(1000 + i);
    await writeLines(log, events, () => next());
    fs.appendFileSync(log, t.sample.endsWith('\n') ? t.sample : t.sample + '\n');
  }
  fs.writeFileSync(stamp, want);
  return dir;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeRun(dir, jobs) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, 'test', dir, '--jobs', String(jobs), '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`test exited ${r.status}: ${r.stderr}`);
  const records = JSON.parse(r.stdout);
  const count = (s) => records.filter((x) => x.status === s).length;
  return { ms, tests: records.length, pass: count('pass'), fail: count('fail'), skip: count('skip') };
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const t0 = Date.now();
  await generateRepository(o);
  const bytes = (function size(d) {
    return fs.readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? size(path.join(d, e.name)) : fs.statSync(path.join(d, e.name)).size), 0);
  })(path.join(o.dir, 'attack_data'));
  console.log(`repository: ${o.dir} — ${o.detections} detections, ${o.events} generated events + the example sample per test, ` +
    `${(bytes / 1e6).toFixed(1)} MB of attack data (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  console.log(`machine: ${os.cpus().length} CPU(s), ${os.cpus()[0]?.model ?? '?'}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  for (const jobs of o.jobs) {
    const runs = Array.from({ length: o.runs }, () => timeRun(o.dir, jobs));
    const m = median(runs.map((r) => r.ms));
    const last = runs[runs.length - 1];
    console.log(
      `test --jobs ${jobs}: median ${(m / 1000).toFixed(2)} s of ${o.runs} (${runs.map((r) => (r.ms / 1000).toFixed(2)).join(', ')}); ` +
        `${last.tests} tests: ${last.pass} pass, ${last.fail} fail, ${last.skip} skip; ${(m / last.tests).toFixed(0)} ms per test`,
    );
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 2;
});
