// Benchmark of the checks (issue targets): `check` of a whole content repository ≤ 3 s, and the
// diagnostics of one edited file ≤ 20 ms p95 with the index warm. Prints figures; exits 0.
// Run: npx tsx scripts/bench/schema.ts [corpusDir]
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { standardProviders } from '../../server/src/analysis/checkProviders';
import { diagnoseDocument } from '../../server/src/analysis/diagnose';
import { createDocumentModel } from '../../server/src/analysis/documentModel';
import { ContentIndex, listFiles } from '../../server/src/content';

const corpus = path.resolve(process.argv[2] ?? path.join(__dirname, '../../../shared/corpus/security_content'));
if (!fs.existsSync(path.join(corpus, 'detections'))) {
  console.log(`corpus not found at ${corpus}: skipped`);
  process.exit(0);
}
const cli = path.join(__dirname, '../../dist/cli.js');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const rows: [string, string, string, boolean][] = [];

// 1. `check` of the whole corpus, as a fresh process (what CI runs).
if (fs.existsSync(cli)) {
  const walls: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [cli, 'check', corpus, '--format', 'json'], { maxBuffer: 1 << 28 });
    walls.push(performance.now() - t0);
  }
  const best = Math.min(...walls);
  rows.push(['check whole corpus (fresh process, best of 3)', `${(best / 1000).toFixed(2)} s`, '≤ 3 s', best <= 3000]);
}

// 2. One edited file with a warm index: model (YAML + SPL parse) and every provider.
const index = new ContentIndex();
index.buildSync([corpus]);
const providers = standardProviders(index, () => 'auto');
const files = listFiles(path.join(corpus, 'detections'), /\.yml$/);
const sample = files.filter((_, i) => i % 7 === 0);
const times: number[] = [];
for (let round = 0; round < 2; round++) {
  for (const file of sample) {
    const text = fs.readFileSync(file, 'utf8') + '\n'; // an edit: a new version of the text
    const t0 = performance.now();
    diagnoseDocument(createDocumentModel(file, text), providers);
    if (round === 1) times.push(performance.now() - t0);
  }
}
const p95 = pct(times, 95);
rows.push([`diagnostics of one edited detection (${times.length} files, warm)`, `p50 ${pct(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`, '≤ 20 ms p95', p95 <= 20]);

const width = Math.max(...rows.map((r) => r[0].length));
for (const [what, value, target, ok] of rows) console.log(`${what.padEnd(width)}  ${value.padEnd(40)} target ${target.padEnd(12)} ${ok ? 'PASS' : 'FAIL'}`);
