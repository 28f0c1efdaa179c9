// `npm test`: builds once, then runs every test level and fails if any level fails or runs no
// tests. Levels: unit (server modules, golden engine cases), grammar (TextMate snapshots),
// lsp (the built server over stdio), extension-host (the mocha suite inside a real VS Code —
// code-server here, or @vscode/test-electron with DW_TEST_HOST=electron), ui (screenshots of the
// workbench: highlighting, hover, Problems panel, into test-results/screenshots/).
// On a fresh Debian machine it first installs the system packages those levels need
// (scripts/system-packages.mjs) when it may.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemPackages } from './system-packages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');

function run(cmd, args, opts = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28, ...opts });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  return { status: r.status ?? 1, out: (r.stdout ?? '') + (r.stderr ?? ''), seconds: (Date.now() - started) / 1000 };
}

function mochaCounts(out) {
  const num = (re) => Number((out.match(re) ?? [])[1] ?? 0);
  return { passed: num(/(\d+) passing/), failed: num(/(\d+) failing/), skipped: num(/(\d+) pending/) };
}

const levels = [
  {
    name: 'unit',
    run: () => {
      const specs = ['test/unit/**/*.test.ts', 'test/golden/**/*.test.ts'];
      const r = run(process.execPath, [mocha, '--config', 'test/unit/.mocharc.json', ...specs]);
      return { ...r, ...mochaCounts(r.out) };
    },
  },
  {
    name: 'grammar',
    when: () => existsSync(join(root, 'test', 'grammar')),
    run: () => {
      const r = run(process.execPath, [mocha, '--require', 'tsx/cjs', '--extension', 'ts', '--reporter', 'dot', '--timeout', '60000', 'test/grammar/**/*.test.ts']);
      return { ...r, ...mochaCounts(r.out) };
    },
  },
  {
    name: 'lsp',
    run: () => {
      const r = run(process.execPath, [mocha, '--config', 'test/lsp/.mocharc.json']);
      return { ...r, ...mochaCounts(r.out) };
    },
  },
  {
    name: 'extension-host',
    run: () => {
      const script = process.env.DW_TEST_HOST === 'electron' ? 'scripts/run-electron-tests.mjs' : 'scripts/code-server/run-tests.mjs';
      const r = run(process.execPath, [script]);
      const m = r.out.match(/extension-host: (\d+) passed, (\d+) failed/);
      return { ...r, passed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? (r.status === 0 ? 0 : 1)), skipped: 0 };
    },
  },
  {
    name: 'ui',
    when: () => process.env.DW_TEST_HOST !== 'electron',
    run: () => {
      const r = run(process.execPath, ['scripts/code-server/ui-smoke.mjs']);
      const m = r.out.match(/ui-smoke: (\d+) passed, (\d+) failed/);
      return { ...r, passed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? (r.status === 0 ? 0 : 1)), skipped: 0 };
    },
  },
];

const build = run('npm', ['run', '--silent', 'build']);
if (build.status !== 0) {
  console.error('build failed');
  process.exit(1);
}
if (!only.length) {
  const lint = run('npm', ['run', '--silent', 'lint']);
  if (lint.status !== 0) {
    console.error('type check failed (npm run lint)');
    process.exit(1);
  }
}
if (!only.length || ['extension-host', 'grammar', 'ui'].some((l) => only.includes(l))) {
  // Like `npx playwright install --with-deps`: installs missing Debian packages when root or with
  // passwordless sudo (and says so); otherwise stops with the exact command.
  if (!ensureSystemPackages()) {
    console.error('the grammar, extension-host and ui levels need these packages; `node scripts/test-all.mjs unit lsp` runs without them');
    process.exit(1);
  }
  const install = run('bash', ['scripts/code-server/install.sh']);
  if (install.status !== 0) {
    console.error('code-server install failed (needed by the grammar and extension-host levels)');
    process.exit(1);
  }
}

const results = [];
for (const level of levels) {
  if (only.length && !only.includes(level.name)) continue;
  if (level.when && !level.when()) continue;
  console.log(`\n=== ${level.name} tests ===`);
  const r = level.run();
  const ok = r.status === 0 && r.failed === 0 && r.passed > 0;
  results.push({ name: level.name, ...r, ok });
}

console.log('\n=== summary ===');
let passed = 0;
let failed = 0;
for (const r of results) {
  passed += r.passed;
  failed += r.failed;
  const why = r.ok ? '' : r.passed === 0 && r.failed === 0 ? '  <- ran no tests' : '  <- FAILED';
  console.log(`${r.name.padEnd(15)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed ${String(r.skipped).padStart(4)} skipped  ${r.seconds.toFixed(1)}s${why}`);
}
const allOk = results.length > 0 && results.every((r) => r.ok);
if (!allOk && failed === 0) failed = 1;
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(allOk ? 0 : 1);
