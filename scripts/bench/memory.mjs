// Memory benchmark (issue 11): peak RSS of `detection-workbench run --search '* | stats count by x'`
// over a generated key=value log of about 1 GB, and over a gzip that expands to about 1 GB, against
// the 250 MB target. Streaming aggregation keeps per-group state, so the figure must not grow with
// the log. A report: prints figures beside the target with PASS/FAIL and exits 0 whatever they are.
//
//   npm run build && node scripts/bench/memory.mjs [--mb N] [--dir DIR] [--keep]
//
// --mb N    size of the plain log and of the gzip's expansion in MB (default 1024)
// --dir DIR where to generate (default: a new folder under the OS temp dir); deleted afterwards
//           unless --keep.
//
// Each measurement runs the built CLI bundle (dist/cli.js, engine worker included) in a fresh
// `node` process that prints `process.resourceUsage().maxRSS` (peak resident set of the whole
// process, worker thread included) when the run is done.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import { createRng } from './gen/rng.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const TARGET_MB = 250;
const SEARCH = '* | stats count by x';

function parseOptions(argv) {
  const o = { mb: 1024, dir: undefined, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--mb') o.mb = Math.max(1, Number(argv[++i]) || 1024);
    else if (a === '--dir') o.dir = path.resolve(argv[++i]);
    else if (a === '--keep') o.keep = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

/** key=value lines with 1000 distinct values of x, seeded so every run reads the same log. */
function lineMaker() {
  const rng = createRng(11);
  const actions = ['allowed', 'blocked', 'dropped', 'reset'];
  return (i) =>
    `2024-05-01T${String(i % 24).padStart(2, '0')}:00:00Z host=h${i % 50} x=k${rng.int(0, 999)} user=u${rng.int(0, 4999)} ` +
    `action=${rng.pick(actions)} bytes=${rng.int(0, 1 << 20)} src=10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)} msg="benchmark line ${i}"`;
}

/** Writes lines until `bytes` uncompressed bytes, through gzip when `gzip`; backpressure honoured. */
async function generate(file, bytes, gzip) {
  const make = lineMaker();
  const sink = fs.createWriteStream(file);
  const out = gzip ? zlib.createGzip({ level: 6 }) : sink;
  if (gzip) out.pipe(sink);
  let written = 0;
  let i = 0;
  while (written < bytes) {
    let buf = '';
    while (buf.length < 1 << 20 && written + buf.length < bytes) buf += make(i++) + '\n';
    written += Buffer.byteLength(buf);
    if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((resolve, reject) => {
    sink.once('finish', resolve);
    sink.once('error', reject);
    out.end();
  });
  return { lines: i, bytes: written, fileBytes: fs.statSync(file).size };
}

function measure(log) {
  const script = `
    const { main } = require(${JSON.stringify(CLI)});
    let out = '';
    const io = { out: (t) => { out += t; }, err: (t) => process.stderr.write(t), cwd: process.cwd() };
    const t0 = Date.now();
    main(['run', '--search', ${JSON.stringify(SEARCH)}, '--log', ${JSON.stringify(log)}, '--sourcetype', 'bench:kv',
          '--format', 'json', '--timeout', '3600'], io).then((code) => {
      const j = JSON.parse(out || '{}');
      console.log(JSON.stringify({ code, ms: Date.now() - t0, maxRssKb: process.resourceUsage().maxRSS, rows: (j.rows || []).length,
        eventsRead: j.eventsRead, total: (j.rows || []).reduce((n, r) => n + Number(r.count), 0), error: j.error }));
      process.exit(0);
    });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`measurement failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const dir = o.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dw-membench-'));
  fs.mkdirSync(dir, { recursive: true });
  const bytes = o.mb * 1024 * 1024;
  const results = [];
  try {
    for (const kind of ['plain', 'gzip']) {
      const file = path.join(dir, kind === 'gzip' ? 'bench.log.gz' : 'bench.log');
      process.stderr.write(`generating ${kind} log (${o.mb} MB of lines) in ${dir} …\n`);
      const gen = await generate(file, bytes, kind === 'gzip');
      process.stderr.write(`measuring \`${SEARCH}\` over ${path.basename(file)} …\n`);
      const m = measure(file);
      fs.rmSync(file, { force: true });
      results.push({ kind, ...gen, ...m });
    }
  } finally {
    if (!o.keep && !o.dir) fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Peak RSS of \`run --search '${SEARCH}'\` (target ≤ ${TARGET_MB} MB)`);
  for (const r of results) {
    const mb = r.maxRssKb / 1024;
    const ok = r.code === 0 && r.total === r.lines && r.eventsRead === r.lines;
    console.log(
      `  ${r.kind.padEnd(5)} ${(r.bytes / 1048576).toFixed(0)} MB of lines (${(r.fileBytes / 1048576).toFixed(1)} MB on disk), ${r.lines} events: ` +
        `peak RSS ${mb.toFixed(0)} MB ${mb <= TARGET_MB ? 'PASS' : 'FAIL'}; ${(r.ms / 1000).toFixed(1)} s; ` +
        `${r.rows} groups, counts ${ok ? 'add up' : `DO NOT add up (${r.total} of ${r.lines}; exit ${r.code}${r.error ? `; ${r.error}` : ''})`}`,
    );
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
