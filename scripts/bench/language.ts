// Language-side speed and memory figures over a real content repository, against the product's
// targets: index the corpus (in this process, cold and warm, and in a fresh `node dist/cli.js`
// process), parse + expand every detection search, macro-hover latency over every macro call,
// and the resident memory of the built language server with the corpus as its workspace.
// Wall time AND CPU time are reported (the machine may be shared); each figure is measured a few
// times. A report: exits 0 whatever the figures; exits 2 ("skipped") when the corpus is missing.
//
//   npx tsx scripts/bench/language.ts [corpusDir] [--verify] [--runs N] [--no-server] [--build]
//                                     [--cli-js FILE] [--server-js FILE]   (default: dist/…)
//
// --verify: also compares the fast index reader with the js-yaml reader on every corpus file.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { isDeepStrictEqual } from 'util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { ContentIndex, findContentRoots, KIND_FOLDERS, kindOfRelativePath, listFiles } from '../../server/src/content';
import { readEntries, readEntriesWithJsYaml, scanKeys } from '../../server/src/content/readEntries';
import { createDocumentModel } from '../../server/src/analysis/documentModel';
import { hoverAt } from '../../server/src/analysis/hover';
import { macroResolver } from '../../server/src/analysis/splContext';
import { walkPipeline } from '../../server/src/analysis/splWalk';
import { parseSpl } from '../../server/src/spl/parse';
import { expandMacros } from '../../server/src/spl/expand';

const REPO = path.resolve(__dirname, '..', '..');
const DEFAULT_CORPUS = path.resolve(REPO, '..', 'shared', 'corpus', 'security_content');

interface Options {
  corpus: string;
  verify: boolean;
  runs: number;
  server: boolean;
  /** Run `npm run build` first. */
  build: boolean;
  /** Built files to measure (default dist/cli.js and dist/server.js), e.g. an older build. */
  cliJs: string;
  serverJs: string;
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    corpus: DEFAULT_CORPUS,
    verify: false,
    runs: 3,
    server: true,
    build: false,
    cliJs: path.join(REPO, 'dist', 'cli.js'),
    serverJs: path.join(REPO, 'dist', 'server.js'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--verify') o.verify = true;
    else if (a === '--no-server') o.server = false;
    else if (a === '--build') o.build = true;
    else if (a === '--runs') o.runs = Math.max(1, Number(argv[++i]) || 3);
    else if (a === '--cli-js') o.cliJs = path.resolve(argv[++i]);
    else if (a === '--server-js') o.serverJs = path.resolve(argv[++i]);
    else if (!a.startsWith('--')) o.corpus = path.resolve(a);
  }
  return o;
}

/** Wall and CPU (user + system) milliseconds of `fn`. */
function measure<T>(fn: () => T): { result: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { result, wall, cpu: (c.user + c.system) / 1000 };
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const runsText = (xs: { wall: number; cpu: number }[]) => xs.map((x) => `${ms(x.wall)} wall / ${ms(x.cpu)} cpu`).join('; ');
const min = (xs: number[]) => Math.min(...xs);

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Row {
  figure: string;
  value: string;
  target: string;
  pass: boolean;
}
const rows: Row[] = [];
const row = (figure: string, measured: number, target: number, unit: string, detail = '') =>
  rows.push({
    figure,
    value: Number.isFinite(measured)
      ? `${measured.toFixed(unit === 'MB' || measured >= 10 ? 0 : 2)} ${unit}${detail ? ` (${detail})` : ''}`
      : `n/a${detail ? ` (${detail})` : ''}`,
    target: `≤ ${target} ${unit}`,
    pass: measured <= target,
  });

/** Every content YAML file of the roots, with its kind and root. */
function contentFiles(roots: string[]) {
  const out: { file: string; root: string; kind: NonNullable<ReturnType<typeof kindOfRelativePath>> }[] = [];
  for (const root of roots) {
    for (const folder of Object.values(KIND_FOLDERS)) {
      for (const file of listFiles(path.join(root, folder), /\.ya?ml$/i)) {
        const kind = kindOfRelativePath(path.relative(root, file));
        if (kind) out.push({ file, root, kind });
      }
    }
  }
  return out;
}

function verify(roots: string[]): void {
  const files = contentFiles(roots);
  let same = 0, fallback = 0;
  const diffs: string[] = [];
  for (const { file, root, kind } of files) {
    const text = fs.readFileSync(file, 'utf8');
    if (!scanKeys(kind, text)) fallback++;
    const fast = readEntries(kind, file, root, text);
    const ref = readEntriesWithJsYaml(kind, file, root, text);
    if (isDeepStrictEqual(fast, ref)) same++;
    else diffs.push(path.relative(root, file));
  }
  console.log(`verify: ${same}/${files.length} files give identical entries with the fast reader and js-yaml` +
    ` (${fallback} files left to js-yaml by the scanner)`);
  for (const d of diffs.slice(0, 20)) console.log(`  DIFFERS: ${d}`);
  rows.push({ figure: 'fast reader = js-yaml reader', value: `${diffs.length} differing files`, target: '0', pass: diffs.length === 0 });
}

function indexInProcess(roots: string[], runs: number): ContentIndex {
  const times: { wall: number; cpu: number }[] = [];
  let index = new ContentIndex();
  for (let i = 0; i < runs + 1; i++) {
    const fresh = new ContentIndex();
    times.push(measure(() => fresh.buildSync(roots)));
    index = fresh;
  }
  console.log(`index in process, cold (first build): ${runsText(times.slice(0, 1))}`);
  console.log(`index in process, warm: ${runsText(times.slice(1))}`);
  row('index, in process, cold (cpu)', times[0].cpu, 1000, 'ms', `${ms(times[0].wall)} wall`);
  const warm = times.slice(1);
  row('index, in process, warm (cpu, best)', min(warm.map((t) => t.cpu)), 1000, 'ms', `${ms(min(warm.map((t) => t.wall)))} wall`);
  return index;
}

/** `node dist/cli.js index <corpus> --format json` in a fresh process; CPU from the shell's `times`. */
function indexInFreshProcess(cli: string, corpus: string, runs: number): void {
  if (!fs.existsSync(cli)) {
    console.log(`cold process: ${cli} missing (run \`npm run build\`)`);
    return;
  }
  const results: { wall: number; cpu: number; inner: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const r = spawnSync('bash', ['-c', `${quote(process.execPath)} ${quote(cli)} index ${quote(corpus)} --format json; times`], {
      encoding: 'utf8',
    });
    const wall = performance.now() - t0;
    const json = /\{[\s\S]*\}/.exec(r.stdout ?? '');
    const times = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec((r.stdout ?? '').trim());
    const cpu = times ? (Number(times[1]) * 60 + Number(times[2]) + Number(times[3]) * 60 + Number(times[4])) * 1000 : NaN;
    results.push({ wall, cpu, inner: json ? (JSON.parse(json[0]) as { ms: number }).ms : NaN });
  }
  console.log(`index in a fresh node process (whole process): ` +
    results.map((r) => `${ms(r.wall)} wall / ${ms(r.cpu)} cpu (index itself ${r.inner} ms wall)`).join('; '));
  const best = results.reduce((a, b) => (b.cpu < a.cpu ? b : a));
  row('index, fresh process, whole (cpu, best)', best.cpu, 1000, 'ms', `${ms(best.wall)} wall`);
}

function parseAndExpand(index: ContentIndex, runs: number): void {
  const searches = [...index.detections.all(), ...index.baselines.all()].map((d) => d.search ?? '').filter(Boolean);
  const parse: { wall: number; cpu: number }[] = [];
  const expand: { wall: number; cpu: number }[] = [];
  let errors = 0;
  for (let i = 0; i < runs; i++) {
    parse.push(measure(() => searches.forEach((s) => parseSpl(s))));
    const resolve = macroResolver(index);
    expand.push(measure(() => (errors = searches.reduce((n, s) => n + expandMacros(s, resolve).errors.length, 0))));
  }
  const total = parse.map((p, i) => ({ wall: p.wall + expand[i].wall, cpu: p.cpu + expand[i].cpu }));
  console.log(`parse ${searches.length} searches: ${runsText(parse)}`);
  console.log(`expand their macros (${errors} expansion errors): ${runsText(expand)}`);
  row('parse + expand all searches (cpu, first)', total[0].cpu, 500, 'ms',
    `${ms(total[0].wall)} wall; parse ${ms(parse[0].cpu)} + expand ${ms(expand[0].cpu)} cpu; warm ${ms(min(total.map((t) => t.cpu)))} cpu`);
}

function hovers(index: ContentIndex, runs: number): void {
  const samples: number[] = [];
  let calls = 0, answered = 0, files = 0;
  const detections = [...index.detections.all(), ...index.baselines.all()];
  for (const d of detections) {
    const model = createDocumentModel(d.file, fs.readFileSync(d.file, 'utf8'));
    const region = model.mainSearch;
    if (!region) continue;
    files++;
    const offsets: number[] = [];
    walkPipeline(region.pipeline, (item) => {
      if (item.kind === 'macro') offsets.push(region.toDocument(item.range.start + 1));
    });
    for (let r = 0; r < runs; r++) {
      for (const at of offsets) {
        const t0 = performance.now();
        const h = hoverAt(model, at, index);
        samples.push(performance.now() - t0);
        if (r === 0) {
          calls++;
          if (h) answered++;
        }
      }
    }
  }
  samples.sort((a, b) => a - b);
  const p50 = percentile(samples, 50), p95 = percentile(samples, 95), max = samples[samples.length - 1];
  console.log(`macro hover: ${calls} calls in ${files} files (${answered} answered), ${runs} rounds: ` +
    `p50 ${ms(p50)}, p95 ${ms(p95)}, max ${ms(max)}`);
  row('macro hover p95 (wall)', p95, 5, 'ms', `p50 ${ms(p50)}, max ${ms(max)}`);
}

/** Starts the built server on the corpus, waits for indexing, reads its memory from /proc. */
async function serverMemory(server: string, corpus: string): Promise<void> {
  if (!fs.existsSync(server)) {
    console.log(`server memory: ${server} missing (run \`npm run build\`)`);
    return;
  }
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.resume();
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => undefined);
  conn.listen();
  const readStatus = () => {
    const s = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  };
  try {
    const uri = pathToFileURL(corpus).toString();
    const t0 = performance.now();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(corpus) }],
      capabilities: { workspace: { workspaceFolders: true, configuration: true } },
    });
    await conn.sendNotification('initialized', {});
    // The server answers the status request at once until `initialized` has started the indexing
    // (it first asks the client for settings), so ask until it reports its content roots.
    let status = (await conn.sendRequest('detectionWorkbench/status')) as { roots: string[]; detections: number };
    for (let i = 0; !status.roots.length && i < 300; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await conn.sendRequest('detectionWorkbench/status')) as typeof status;
    }
    const indexedMs = performance.now() - t0;
    const atIndexed = readStatus();
    await new Promise((r) => setTimeout(r, 3000));
    const settled = readStatus();
    console.log(`server: indexed ${status.detections} detections ${ms(indexedMs)} after initialize; ` +
      `VmRSS ${atIndexed.rss.toFixed(0)} MB then ${settled.rss.toFixed(0)} MB after 3 s; VmHWM ${settled.hwm.toFixed(0)} MB`);
    row('server RSS, corpus indexed (+3 s)', settled.rss, 150, 'MB', `peak VmHWM ${settled.hwm.toFixed(0)} MB`);
  } catch (e) {
    console.log(`server memory: failed (${e instanceof Error ? e.message : String(e)})`);
  } finally {
    try {
      await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await conn.sendNotification('exit');
    } catch {
      // already gone
    }
    conn.dispose();
    child.kill();
  }
}

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(o.corpus)) {
    console.log(`skipped: no corpus at ${o.corpus}`);
    return 2;
  }
  const roots = findContentRoots(o.corpus);
  if (!roots.length) {
    console.log(`skipped: no content repository at ${o.corpus}`);
    return 2;
  }
  if (o.build) spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'ignore' });
  const stale = staleBuild();
  if (stale) console.log(`WARNING: ${stale} is newer than dist/: run \`npm run build\` (or pass --build)`);
  console.log(`corpus: ${roots.join(', ')} (node ${process.version}, ${runsNote(o.runs)})`);
  const index = indexInProcess(roots, o.runs);
  const s = index.stats();
  console.log(`  ${s.detections} detections, ${s.macros} macros, ${s.stories} stories, ${s.dataSources} data sources, ${s.lookups} lookups`);
  indexInFreshProcess(o.cliJs, o.corpus, o.runs);
  parseAndExpand(index, o.runs);
  hovers(index, o.runs);
  if (o.verify) verify(roots);
  if (o.server) await serverMemory(o.serverJs, o.corpus);

  const w = Math.max(...rows.map((r) => r.figure.length));
  const v = Math.max(...rows.map((r) => r.value.length));
  console.log('');
  for (const r of rows) console.log(`${r.pass ? 'PASS' : 'FAIL'}  ${r.figure.padEnd(w)}  ${r.value.padEnd(v)}  target ${r.target}`);
  return 0;
}

/** A source file newer than the built CLI/server, if any (dist/ is then stale). */
function staleBuild(): string | undefined {
  const built = ['cli.js', 'server.js'].map((f) => path.join(REPO, 'dist', f)).filter((f) => fs.existsSync(f));
  if (!built.length) return undefined;
  const builtAt = Math.min(...built.map((f) => fs.statSync(f).mtimeMs));
  const walk = (dir: string): string | undefined => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        const found = walk(p);
        if (found) return found;
      } else if (/\.ts$/.test(e.name) && fs.statSync(p).mtimeMs > builtAt) return path.relative(REPO, p);
    }
    return undefined;
  };
  return walk(path.join(REPO, 'server', 'src'));
}

function runsNote(runs: number): string {
  return `${runs} run(s) per figure`;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(0);
  },
);
