#!/usr/bin/env node
// Preview benchmark: runs the extension-host "preview benchmark" suite inside code-server (a real
// VS Code) and prints, per case, the median time from the Preview command to the table on screen,
// the engine's own time, and the CLI's time for the same search and log measured in the same run.
// Targets (issue 10): ~5k events ≤ 1 s; 100k events ≤ 3 s; a 10,000-row panel opens in ≤ 1 s.
//   npm run build && node scripts/bench/preview.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(mkdtempSync(join(tmpdir(), 'dw-bench-')), 'preview.json');
const r = spawnSync(process.execPath, [join(root, 'scripts', 'code-server', 'run-tests.mjs'), '--timeout-ms', '1500000'], {
  cwd: root,
  env: { ...process.env, DW_BENCH_OUT: out, DW_TEST_GREP: 'preview benchmark' },
  encoding: 'utf8',
  maxBuffer: 1 << 26,
});
let figures;
try {
  figures = JSON.parse(readFileSync(out, 'utf8'));
} catch {
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  console.error('preview benchmark: no figures were written');
  process.exit(1);
}
const targets = { 'regsvcs on 5000 events': 1000, 'regsvcs on 100000 events': 3000, '10,000-row table': 1000 };
let failed = 0;
console.log('case                       rows  events   command→table (median of 3)   engine   CLI reference   target');
for (const [name, f] of Object.entries(figures)) {
  const target = targets[name];
  const ok = f.commandToTableMs.median <= target;
  if (!ok) failed++;
  console.log(
    `${name.padEnd(26)} ${String(f.rows).padStart(5)} ${String(f.eventsRead).padStart(7)}   ${String(Math.round(f.commandToTableMs.median)).padStart(6)} ms [${f.commandToTableMs.all.join(', ')}]`.padEnd(80) +
      ` ${String(Math.round(f.engineMs)).padStart(6)} ms ${String(Math.round(f.cliReferenceMs ?? NaN)).padStart(8)} ms   ≤ ${target} ms ${ok ? 'PASS' : 'FAIL'}${f.error ? ` (error: ${f.error})` : ''}`,
  );
}
process.exit(failed ? 1 : 0);
