// Local-engine benchmark: speed and memory of `detection-workbench run` on generated, seeded logs,
// against the issue's targets, with DuckDB and jq as outside references for the CloudTrail query.
// A report: prints figures beside targets with PASS/FAIL and exits 0 whatever they are.
//
//   node scripts/bench/engine.mjs [--runs N] [--big] [--cli] [--sysmon N] [--cloudtrail N]
//                                 [--dir DIR] [--only CASE,…] [--cpu-prof] [--json FILE]
//
// --runs N      repetitions of each measurement (default 3); the median is reported.
// --big         also generate a ~1 GB Sysmon log and measure the engine's peak memory on it.
// --cli         also time the built CLI (`node dist/cli.js run … --format json`, worker included).
// --only        cases to run: floor, readers, selective, broad, tstats, cloudtrail, selectiveNoPrune,
//               cloudtrailNoPrune, duckdb, jq, big (with --big), cli (with --cli).
// --cpu-prof    write V8 CPU profiles of the engine runs to .cache/bench/prof/.
//
// Every engine measurement runs in a fresh `node` process executing the esbuild bundle of
// engine.child.ts (the same bundled code the CLI runs): the run is planned like the CLI does
// (content index of examples/ → macro expansion), then `runJob` is timed in-process, so worker
// startup is not counted. Wall AND CPU time are printed (the machine may be shared).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { generateAll } from './gen/index.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const EXAMPLES = path.join(REPO, 'examples');
const SYSMON_SOURCE = 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational';

const TARGETS = {
  selective: 200_000, // events/s
  selectiveVsFloor: 4, // ≤ 4× the floor's time
  broad: 50_000, // events/s
  cloudtrailVsDuckdb: 1.5, // ≤ 1.5× DuckDB's time
  bigMemMb: 250,
};

function parseOptions(argv) {
  const o = { runs: 3, big: false, cli: false, sysmon: 200_000, cloudtrail: 200_000, dir: path.join(REPO, '.cache', 'bench'), only: null, cpuProf: false, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') o.runs = Math.max(1, Number(argv[++i]) || 3);
    else if (a === '--big') o.big = true;
    else if (a === '--cli') o.cli = true;
    else if (a === '--sysmon') o.sysmon = Number(argv[++i]);
    else if (a === '--cloudtrail') o.cloudtrail = Number(argv[++i]);
    else if (a === '--dir') o.dir = path.resolve(argv[++i]);
    else if (a === '--only') o.only = new Set(argv[++i].split(','));
    else if (a === '--cpu-prof') o.cpuProf = true;
    else if (a === '--json') o.json = path.resolve(argv[++i]);
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const fmtS = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)}s` : 'n/a');

async function bundleChild() {
  // Next to dist/'s depth: the bundled extractor finds the built-in add-ons at ../server/addons.
  const outfile = path.join(REPO, '.cache', 'bench-engine-child.cjs');
  await esbuild.build({
    entryPoints: [path.join(HERE, 'engine.child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: REPO,
  });
  return outfile;
}

/** Runs `cmd args` once under /usr/bin/time; returns { stdout, wallMs, cpuMs, maxRssKb }. */
function timed(cmd, args, opts = {}) {
  const useTime = fs.existsSync('/usr/bin/time');
  const [c, a] = useTime ? ['/usr/bin/time', ['-f', '\n__TIME__ %e %U %S %M', cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const r = spawnSync(c, a, { encoding: 'utf8', maxBuffer: 1 << 30, cwd: opts.cwd ?? REPO, shell: opts.shell ?? false });
  const wallMs = performance.now() - t0;
  const m = /__TIME__ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  return {
    stdout: r.stdout ?? '',
    stderr: (r.stderr ?? '').replace(/\n?__TIME__.*\n?/, ''),
    status: r.status,
    wallMs: m ? Number(m[1]) * 1000 : wallMs,
    cpuMs: m ? (Number(m[2]) + Number(m[3])) * 1000 : NaN,
    maxRssKb: m ? Number(m[4]) : NaN,
  };
}

function runChild(child, task, o, label) {
  const args = [];
  if (o.cpuProf && task.mode === 'engine') {
    const profDir = path.join(o.dir, 'prof');
    fs.mkdirSync(profDir, { recursive: true });
    args.push('--cpu-prof', `--cpu-prof-dir=${profDir}`, `--cpu-prof-name=${label}-${Date.now()}.cpuprofile`);
  }
  args.push('--enable-source-maps', child, JSON.stringify(task));
  const r = timed(process.execPath, args);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  let res;
  try {
    res = JSON.parse(line);
  } catch {
    res = { error: `no result (exit ${r.status}): ${r.stderr.slice(0, 2000)}` };
  }
  res.processWallMs = r.wallMs;
  res.processCpuMsTotal = r.cpuMs;
  res.maxRssKb = r.maxRssKb;
  return res;
}

/** Repeats `once` `runs` times; returns medians plus the last result (for rows). */
function repeat(runs, once) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(once(i));
  const ok = all.filter((r) => !r.error);
  const last = ok[ok.length - 1] ?? all[all.length - 1];
  return {
    ...last,
    runs: all.length,
    wallMs: median(ok.map((r) => r.wallMs)),
    cpuMs: median(ok.map((r) => r.cpuMs)),
    wallAll: ok.map((r) => r.wallMs),
    cpuAll: ok.map((r) => r.cpuMs),
    vmHWMKb: Math.max(...ok.map((r) => r.vmHWMKb ?? r.maxRssKb ?? 0)),
  };
}

// ---- independent references for the Sysmon results (a regex scan of the XML, no engine code) ----

const PRIVATE = [
  [0x0a000000, 8],
  [0xac100000, 12],
  [0xc0a80000, 16],
];
function isPrivate(ip) {
  const p = ip.split('.').map(Number);
  if (p.length !== 4 || p.some((x) => !(x >= 0 && x <= 255))) return false;
  const n = ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
  return PRIVATE.some(([net, bits]) => n >>> (32 - bits) === net >>> (32 - bits));
}

async function sysmonReference(file) {
  const selective = new Map(); // "dest_ip" → count  (regsvcs.exe EventID 3 to public addresses)
  const broad = new Map(); // process_name → count  (EventID 1)
  const rl = (await import('node:readline')).createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  const data = (line, name) => {
    const m = new RegExp(`<Data Name='${name}'>([^<]*)</Data>`).exec(line);
    return m ? m[1] : undefined;
  };
  for await (const line of rl) {
    const id = /<EventID>(\d+)<\/EventID>/.exec(line)?.[1];
    if (id === '1') {
      const image = data(line, 'Image') ?? '';
      const name = image.slice(image.lastIndexOf('\\') + 1);
      broad.set(name, (broad.get(name) ?? 0) + 1);
    } else if (id === '3') {
      const image = data(line, 'Image') ?? '';
      const name = image.slice(image.lastIndexOf('\\') + 1).toLowerCase();
      const dip = data(line, 'DestinationIp') ?? '';
      if (name === 'regsvcs.exe' && !isPrivate(dip)) selective.set(dip, (selective.get(dip) ?? 0) + 1);
    }
  }
  return { selective, broad };
}

function sumBy(rows, key, value = 'count') {
  const m = new Map();
  for (const r of rows ?? []) {
    const k = Array.isArray(r[key]) ? r[key].join(',') : String(r[key]);
    m.set(k, (m.get(k) ?? 0) + Number(r[value]));
  }
  return m;
}
function sameMaps(a, b, ci = false) {
  const norm = (m) => new Map([...m].map(([k, v]) => [ci ? k.toLowerCase() : k, v]));
  const x = norm(a);
  const y = norm(b);
  if (x.size !== y.size) return `groups ${x.size} vs ${y.size}`;
  for (const [k, v] of x) if (y.get(k) !== v) return `${k}: ${v} vs ${y.get(k)}`;
  return '';
}

// ---- CloudTrail references ----

function cloudtrailKey(r) {
  return `${r.src}|${r.user_arn}|${r.awsRegion}`;
}
function normCloudtrail(rows) {
  const m = new Map();
  for (const r of rows ?? []) {
    const names = r.trail_name == null ? [] : Array.isArray(r.trail_name) ? r.trail_name : [r.trail_name];
    m.set(cloudtrailKey(r), JSON.stringify([Number(r.count), String(r.firstTime), String(r.lastTime), [...names].map(String).sort()]));
  }
  return m;
}
function compareCloudtrail(a, b) {
  const x = normCloudtrail(a);
  const y = normCloudtrail(b);
  if (x.size !== y.size) return `groups ${x.size} vs ${y.size}`;
  for (const [k, v] of x) if (y.get(k) !== v) return `${k}: ${v} vs ${y.get(k) ?? 'missing'}`;
  return '';
}

const JQ_PROGRAM = `
reduce (inputs | select((.eventName|ascii_downcase) == "deletetrail" and (.eventSource|ascii_downcase) == "cloudtrail.amazonaws.com")
                 | select(.sourceIPAddress != null and .userIdentity.arn != null and .awsRegion != null)) as $e
  ({}; ([$e.sourceIPAddress, $e.userIdentity.arn, $e.awsRegion] | join("|")) as $k
       | .[$k] |= { src: $e.sourceIPAddress, user_arn: $e.userIdentity.arn, awsRegion: $e.awsRegion,
                    count: ((.count // 0) + 1),
                    firstTime: ([.firstTime // $e.eventTime, $e.eventTime] | min),
                    lastTime: ([.lastTime // $e.eventTime, $e.eventTime] | max),
                    trail_name: ((.trail_name // []) + [$e.requestParameters.name // empty] | unique) })
| [.[] | .firstTime |= sub("Z$"; "") | .lastTime |= sub("Z$"; "")]`;

// ---- main ----

async function main() {
  const o = parseOptions(process.argv.slice(2));
  const want = (c) => !o.only || o.only.has(c);
  const started = performance.now();
  console.log(`engine benchmark — ${new Date().toISOString()}, node ${process.version}, ${(await import('node:os')).cpus().length} CPUs, load ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`generating logs in ${path.relative(REPO, o.dir) || o.dir} (cached between runs)…`);
  const logs = await generateAll({ dir: o.dir, sysmon: o.sysmon, cloudtrail: o.cloudtrail, big: o.big || (o.only?.has('big') ?? false) });
  for (const [k, v] of Object.entries(logs)) console.log(`  ${k}: ${path.relative(REPO, v.file)} — ${fmtInt(v.events)} events, ${(v.bytes / 1048576).toFixed(0)} MiB`);
  const child = await bundleChild();
  const results = {};
  const sys = { log: logs.sysmon.file, content: EXAMPLES, source: SYSMON_SOURCE, sourcetype: 'xmlwineventlog' };
  const det = (p) => path.join(EXAMPLES, 'detections', p);

  const cases = [
    ['floor', 'FLOOR: read + split lines (Sysmon file)', { mode: 'floor', log: logs.sysmon.file }],
    ['readers', 'readers only (Sysmon file, no extraction)', { mode: 'readers', log: logs.sysmon.file }],
    ['selective', 'SELECTIVE: regsvcs_outbound_network_connection.yml', { mode: 'engine', ...sys, detection: det('endpoint/regsvcs_outbound_network_connection.yml') }],
    ['broad', 'BROAD: `sysmon` EventID=1 | stats count by dest process_name', { mode: 'engine', ...sys, search: '`sysmon` EventID=1 | stats count by dest process_name' }],
    ['tstats', 'BROAD (tstats): powershell_encoded_command.yml', { mode: 'engine', ...sys, detection: det('endpoint/powershell_encoded_command.yml') }],
    ['cloudtrail', 'CLOUDTRAIL: aws_cloudtrail_trail_deleted.yml', { mode: 'engine', log: logs.cloudtrail.file, content: EXAMPLES, source: 'aws_cloudtrail', sourcetype: 'aws:cloudtrail', detection: det('cloud/aws_cloudtrail_trail_deleted.yml') }],
  ];
  // Informational: the same searches with pruning and the extraction gate turned off (`search * | …`).
  cases.push(
    ['selectiveNoPrune', 'selective, pruning off', { ...cases[2][2], noPrune: true }, 1],
    ['cloudtrailNoPrune', 'CloudTrail, pruning off', { ...cases[5][2], noPrune: true }, 1],
  );
  for (const [key, label, task, runs] of cases) {
    if (!want(key)) continue;
    const n = runs ?? o.runs;
    process.stdout.write(`running ${label} ×${n} …`);
    results[key] = repeat(n, () => runChild(child, task, o, key));
    const r = results[key];
    r.fileEvents = Object.values(logs).find((l) => l.file === task.log)?.events;
    process.stdout.write(r.error ? ` ERROR ${String(r.error).slice(0, 500)}\n` : ` ${fmtS(r.wallMs)} wall, ${fmtS(r.cpuMs)} CPU (runs, wall/CPU: ${r.wallAll.map((w, i) => `${fmtS(w)}/${fmtS(r.cpuAll[i])}`).join(' ')})\n`);
  }
  if (want('duckdb') && logs.cloudtrail) {
    process.stdout.write(`running DuckDB (read_ndjson + filter + group by) ×${o.runs} …`);
    results.duckdb = repeat(o.runs, () => {
      const r = timed(process.execPath, [path.join(HERE, 'engine.duckdb.mjs'), logs.cloudtrail.file]);
      try {
        return { ...JSON.parse(r.stdout.trim().split('\n').pop()), processWallMs: r.wallMs, processCpuMsTotal: r.cpuMs };
      } catch {
        return { error: r.stderr.slice(0, 1000) };
      }
    });
    const r = results.duckdb;
    process.stdout.write(r.error ? ` ERROR ${r.error}\n` : ` ${fmtS(r.wallMs)} wall, ${fmtS(r.cpuMs)} CPU\n`);
  }
  if (want('jq') && logs.cloudtrail) {
    const jq = fs.existsSync('/usr/bin/jq') ? '/usr/bin/jq' : 'jq';
    process.stdout.write(`running jq (streaming reduce) ×${o.runs} …`);
    results.jq = repeat(o.runs, () => {
      const r = timed(jq, ['-n', '-c', JQ_PROGRAM, logs.cloudtrail.file]);
      if (r.status !== 0) return { error: r.stderr.slice(0, 1000) };
      return { wallMs: r.wallMs, cpuMs: r.cpuMs, rows: JSON.parse(r.stdout) };
    });
    const r = results.jq;
    process.stdout.write(r.error ? ` ERROR ${r.error}\n` : ` ${fmtS(r.wallMs)} wall, ${fmtS(r.cpuMs)} CPU\n`);
  }
  if (logs.big && want('big')) {
    for (const [key, label, task] of [['big', 'SELECTIVE', cases[2][2]], ['bigBroad', 'BROAD', cases[3][2]]]) {
      process.stdout.write(`running ${label} on the ~1 GB log (peak memory) ×1 …`);
      results[key] = repeat(1, () => runChild(child, { ...task, log: logs.big.file }, o, key));
      const r = results[key];
      r.fileEvents = logs.big.events;
      process.stdout.write(r.error ? ` ERROR ${r.error}\n` : ` ${fmtS(r.wallMs)} wall, VmHWM ${(r.vmHWMKb / 1024).toFixed(0)} MB\n`);
    }
  }
  if (o.cli && want('cli')) {
    process.stdout.write('running the built CLI (dist/cli.js, worker included) on the selective detection ×1 …');
    const cli = path.join(REPO, 'dist', 'cli.js');
    if (!fs.existsSync(cli)) process.stdout.write(' skipped: run `npm run build` first\n');
    else {
      const r = timed(process.execPath, [cli, 'run', det('endpoint/regsvcs_outbound_network_connection.yml'), '--log', logs.sysmon.file, '--source', SYSMON_SOURCE, '--sourcetype', 'xmlwineventlog', '--format', 'json', '--timeout', '1200'], { cwd: EXAMPLES });
      results.cli = { wallMs: r.wallMs, cpuMs: r.cpuMs, vmHWMKb: r.maxRssKb, status: r.status };
      process.stdout.write(` ${fmtS(r.wallMs)} wall, ${fmtS(r.cpuMs)} CPU, max RSS ${(r.maxRssKb / 1024).toFixed(0)} MB (exit ${r.status})\n`);
    }
  }

  // ---- verification ----
  const checks = [];
  if (results.selective || results.broad) {
    const ref = await sysmonReference(logs.sysmon.file);
    if (results.selective && !results.selective.error) {
      const diff = sameMaps(sumBy(results.selective.rows, 'dest_ip'), ref.selective);
      checks.push(['selective rows = regex scan of the XML (count per dest_ip)', diff]);
      if (results.selectiveNoPrune && !results.selectiveNoPrune.error) {
        checks.push(['selective rows = rows with pruning off', JSON.stringify(results.selective.rows) === JSON.stringify(results.selectiveNoPrune.rows) ? '' : 'rows differ']);
      }
    }
    if (results.broad && !results.broad.error) {
      const diff = sameMaps(sumBy(results.broad.rows, 'process_name'), ref.broad);
      checks.push(['broad rows = regex scan of the XML (count per process_name)', diff]);
    }
  }
  if (results.cloudtrail && !results.cloudtrail.error) {
    if (results.duckdb && !results.duckdb.error) checks.push(['cloudtrail rows = DuckDB rows (count, first/last time, trail names per group)', compareCloudtrail(results.cloudtrail.rows, results.duckdb.rows)]);
    if (results.cloudtrailNoPrune && !results.cloudtrailNoPrune.error) checks.push(['cloudtrail rows = rows with pruning off', compareCloudtrail(results.cloudtrail.rows, results.cloudtrailNoPrune.rows)]);
    if (results.jq && !results.jq.error) checks.push(['cloudtrail rows = jq rows', compareCloudtrail(results.cloudtrail.rows, results.jq.rows)]);
  }
  for (const k of ['selective', 'broad', 'cloudtrail']) {
    const r = results[k];
    if (r && !r.error) checks.push([`${k}: the engine's eventsRead = events in the file`, r.events === r.fileEvents ? '' : `${r.events} vs ${r.fileEvents}`]);
  }
  if (results.floor && results.readers && !results.readers.error) checks.push(['readers see as many events as the floor sees lines', results.floor.events === results.readers.events ? '' : `${results.readers.events} vs ${results.floor.events}`]);

  // ---- report ----
  // Events in the file ÷ runJob time.
  const eps = (r) => (r && !r.error ? r.fileEvents / (r.wallMs / 1000) : NaN);
  const epsCpu = (r) => (r && !r.error ? r.fileEvents / (r.cpuMs / 1000) : NaN);
  const rowsOut = [];
  // Verdicts use wall time; when CPU time (the engine's own cost on a loaded machine) disagrees, both are shown.
  const verdict = (pass, passCpu) =>
    pass === undefined ? '' : passCpu === undefined || passCpu === pass ? (pass ? 'PASS' : 'FAIL') : `${pass ? 'PASS' : 'FAIL'} (by CPU time: ${passCpu ? 'PASS' : 'FAIL'})`;
  const add = (what, measured, target, pass, passCpu) => rowsOut.push([what, measured, target, verdict(pass, passCpu)]);
  const rate = (r) => (r && !r.error ? `${fmtInt(eps(r))} ev/s wall, ${fmtInt(epsCpu(r))} ev/s CPU (${fmtS(r.wallMs)} / ${fmtS(r.cpuMs)} CPU, ${fmtInt(r.fileEvents)} ev${r.mode === 'engine' ? `, ${r.rows?.length ?? 0} rows` : ''})` : `error: ${String(r?.error).slice(0, 200)}`);
  if (results.floor) add('floor: read + split lines', rate(results.floor), '—');
  if (results.readers) add('readers only (no extraction)', rate(results.readers), '—');
  if (results.selective) {
    add('selective Sysmon', rate(results.selective), `≥ ${fmtInt(TARGETS.selective)} ev/s`, eps(results.selective) >= TARGETS.selective, epsCpu(results.selective) >= TARGETS.selective);
    if (results.floor) {
      const x = results.selective.wallMs / results.floor.wallMs;
      const xc = results.selective.cpuMs / results.floor.cpuMs;
      add('selective ÷ floor', `${x.toFixed(2)}× wall, ${xc.toFixed(2)}× CPU`, `≤ ${TARGETS.selectiveVsFloor}×`, x <= TARGETS.selectiveVsFloor, xc <= TARGETS.selectiveVsFloor);
    }
  }
  if (results.broad) add('broad Sysmon (stats by dest process_name)', rate(results.broad), `≥ ${fmtInt(TARGETS.broad)} ev/s`, eps(results.broad) >= TARGETS.broad, epsCpu(results.broad) >= TARGETS.broad);
  if (results.tstats) add('broad Sysmon (tstats powershell_encoded_command)', rate(results.tstats), `≥ ${fmtInt(TARGETS.broad)} ev/s`, eps(results.tstats) >= TARGETS.broad, epsCpu(results.tstats) >= TARGETS.broad);
  if (results.selectiveNoPrune) add('  (selective with pruning off, 1 run)', rate(results.selectiveNoPrune), '—');
  if (results.cloudtrail) add('CloudTrail trail deleted (engine)', rate(results.cloudtrail), '—');
  if (results.cloudtrailNoPrune) add('  (CloudTrail with pruning off, 1 run)', rate(results.cloudtrailNoPrune), '—');
  if (results.duckdb) add('CloudTrail in DuckDB (scan + query)', results.duckdb.error ? `error` : `${fmtS(results.duckdb.wallMs)} wall / ${fmtS(results.duckdb.cpuMs)} CPU (${results.duckdb.rows.length} rows)`, '—');
  if (results.jq) add('CloudTrail in jq (streaming reduce)', results.jq.error ? `error` : `${fmtS(results.jq.wallMs)} wall / ${fmtS(results.jq.cpuMs)} CPU (${results.jq.rows.length} rows)`, '—');
  if (results.cloudtrail && !results.cloudtrail.error && results.duckdb && !results.duckdb.error) {
    const x = results.cloudtrail.wallMs / results.duckdb.wallMs;
    const xc = results.cloudtrail.cpuMs / results.duckdb.cpuMs;
    add('engine ÷ DuckDB (CloudTrail)', `${x.toFixed(2)}× wall, ${xc.toFixed(2)}× CPU`, `≤ ${TARGETS.cloudtrailVsDuckdb}×`, x <= TARGETS.cloudtrailVsDuckdb, xc <= TARGETS.cloudtrailVsDuckdb);
  }
  if (results.cloudtrail && !results.cloudtrail.error && results.jq && !results.jq.error) {
    const x = results.cloudtrail.wallMs / results.jq.wallMs;
    const xc = results.cloudtrail.cpuMs / results.jq.cpuMs;
    add('engine ÷ jq (CloudTrail)', `${x.toFixed(2)}× wall, ${xc.toFixed(2)}× CPU`, '< 1×', x < 1, xc < 1);
  }
  for (const k of ['selective', 'broad', 'cloudtrail']) if (results[k] && !results[k].error) add(`peak memory (VmHWM) ${k}, ${(fs.statSync(k === 'cloudtrail' ? logs.cloudtrail.file : logs.sysmon.file).size / 1048576).toFixed(0)} MiB log`, `${(results[k].vmHWMKb / 1024).toFixed(0)} MB`, '—');
  for (const [key, what] of [['big', 'selective'], ['bigBroad', 'broad']]) {
    const r = results[key];
    if (r) add(`peak memory (VmHWM), ${what}, ${(logs.big.bytes / 1048576).toFixed(0)} MiB log`, r.error ? 'error' : `${(r.vmHWMKb / 1024).toFixed(0)} MB (${rate(r)})`, `≤ ${TARGETS.bigMemMb} MB`, !r.error && r.vmHWMKb / 1024 <= TARGETS.bigMemMb);
  }
  if (!results.big) add('peak memory on a 1 GB log', 'not measured (use --big)', `≤ ${TARGETS.bigMemMb} MB`);
  if (results.cli) add('built CLI, selective (worker + planning included)', `${fmtS(results.cli.wallMs)} wall / ${fmtS(results.cli.cpuMs)} CPU, max RSS ${(results.cli.vmHWMKb / 1024).toFixed(0)} MB`, '—');

  console.log('\nFigures (median of runs; events/s = events in the file ÷ runJob wall (and CPU) time, measured in-process from the bundled engine;');
  console.log('CPU = user+system of the process, all threads; DuckDB uses several threads):');
  const w = [0, 0, 0];
  for (const r of rowsOut) for (let i = 0; i < 3; i++) w[i] = Math.max(w[i], r[i].length);
  for (const r of rowsOut) console.log(`  ${r[0].padEnd(w[0])}  ${r[1].padEnd(w[1])}  ${r[2].padEnd(w[2])}  ${r[3]}`);
  console.log('\nResult checks:');
  for (const [what, diff] of checks) console.log(`  ${diff ? 'MISMATCH' : 'ok      '}  ${what}${diff ? ` — ${diff}` : ''}`);
  for (const k of ['selective', 'broad', 'tstats', 'cloudtrail']) {
    const r = results[k];
    if (r?.warnings?.length) console.log(`  note: ${k} warnings: ${r.warnings.join(' | ').slice(0, 300)}`);
    if (r && !r.error && (r.rows?.length ?? 0) === 0) console.log(`  note: ${k} returned no rows`);
  }
  console.log(`\ntotal ${fmtS(performance.now() - started)}`);
  if (o.json) fs.writeFileSync(o.json, JSON.stringify({ targets: TARGETS, results: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { ...v, rows: v.rows?.length }])), checks }, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 0;
});
