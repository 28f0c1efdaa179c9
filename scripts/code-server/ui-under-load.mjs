#!/usr/bin/env node
// Runs the UI level (ui-smoke.mjs) N times while busy loops keep every core busy, and prints the
// pass counts: the proof that the steps wait on conditions rather than on time.
//
//   npm run build && node scripts/code-server/ui-under-load.mjs [--runs 3] [--busy <cores>] [--extension-host]
//
// --busy: how many `for(;;){}` processes to run (default: one per core); --extension-host also runs
// the extension-host suite (run-tests.mjs) under the same load each round. The busy loops are
// started by this script and stopped by their process ids when it ends (also on Ctrl+C).
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { onLines, repoRoot } from './lib.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const runs = Number(option('--runs', 3));
const busy = Number(option('--busy', cpus().length));
const withExtensionHost = argv.includes('--extension-host');

/** The busy-loop processes this script started (stopped by pid in stopLoad). */
const loops = [];

function startLoad() {
  for (let i = 0; i < busy; i++) {
    const child = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
    loops.push(child);
  }
  console.log(`ui-under-load: started ${loops.length} busy loop(s) on ${cpus().length} core(s): pids ${loops.map((c) => c.pid).join(' ')}`);
}

function stopLoad() {
  for (const child of loops.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    stopLoad();
    process.exit(130);
  });
}
process.once('exit', stopLoad);

/** Runs a driver script; resolves with its exit code, its "<label>: P passed, F failed" counts and seconds. */
function runLevel(script, label) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'code-server', script)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let counts;
    const summary = new RegExp(`${label}: (\\d+) passed, (\\d+) failed`);
    const relay = (stream, out) =>
      onLines(stream, (line) => {
        const m = summary.exec(line);
        if (m) counts = { passed: Number(m[1]), failed: Number(m[2]) };
        out.write(`  ${line}\n`);
      });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('exit', (code) => resolve({ code: code ?? 1, counts: counts ?? { passed: 0, failed: 1 }, seconds: (Date.now() - started) / 1000 }));
  });
}

const rounds = [];
startLoad();
try {
  for (let i = 1; i <= runs; i++) {
    console.log(`ui-under-load: round ${i}/${runs} (load average ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
    const round = { ui: await runLevel('ui-smoke.mjs', 'ui-smoke') };
    if (withExtensionHost) round.extensionHost = await runLevel('run-tests.mjs', 'extension-host');
    round.load = loadavg()[0];
    rounds.push(round);
  }
} finally {
  stopLoad();
}

console.log('\n=== ui-under-load summary ===');
console.log(`load: ${busy} busy loop(s) on ${cpus().length} core(s), besides whatever else ran on the machine`);
let allOk = true;
rounds.forEach((r, i) => {
  const parts = [`ui ${r.ui.counts.passed}/${r.ui.counts.passed + r.ui.counts.failed} steps (${r.ui.seconds.toFixed(0)} s)`];
  if (r.extensionHost) parts.push(`extension-host ${r.extensionHost.counts.passed}/${r.extensionHost.counts.passed + r.extensionHost.counts.failed} tests (${r.extensionHost.seconds.toFixed(0)} s)`);
  const ok = r.ui.code === 0 && r.ui.counts.failed === 0 && (!r.extensionHost || (r.extensionHost.code === 0 && r.extensionHost.counts.failed === 0));
  allOk &&= ok;
  console.log(`round ${i + 1}: ${parts.join(', ')}; 1-min load average ${r.load.toFixed(2)} ${ok ? 'PASS' : 'FAIL'}`);
});
const passedRounds = rounds.filter((r) => r.ui.code === 0 && r.ui.counts.failed === 0).length;
console.log(`ui-under-load: UI level passed ${passedRounds} of ${rounds.length} run(s) under load`);
process.exitCode = allOk ? 0 : 1;
