#!/usr/bin/env node
// Runs the extension-host suite (dist/test/integration/index.js) inside a real VS Code: code-server
// 4.100.3 (VS Code 1.100.3) driven by headless Chromium. The workbench loads the repo as a development
// extension, opens examples/, calls the suite's run() and reports its outcome via codeAutomationExit.
//
//   npm run test:codeserver                      (build first, then this script)
//   node scripts/code-server/run-tests.mjs [--timeout-ms 600000] [--verbose] [--extension-path DIR]
//
// Exit code: the suite's (0 = all passed). Last line: `extension-host: N passed, N failed`.
// Env: CODE_SERVER_TEST_TIMEOUT_MS, CHROMIUM_PATH.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureCodeServer,
  launchBrowser,
  plainConsoleText,
  repoRoot,
  stageExtension,
  startCodeServer,
  withTimeout,
  workbenchUrl,
} from './lib.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};

const timeoutMs = Number(option('--timeout-ms', process.env.CODE_SERVER_TEST_TIMEOUT_MS ?? 600_000));
const verbose = flag('--verbose');
const folder = join(repoRoot, 'examples');
// --extension-path: load the extension from another folder (e.g. an unpacked .vsix); default: the
// repo, staged without .cache/ (see stageExtension).
const extensionPathOption = option('--extension-path', undefined);
const testsPath = join(repoRoot, 'dist', 'test', 'integration', 'index.js');
const SUMMARY = /extension-host: (\d+) passed, (\d+) failed/;

let counts; // { passed, failed } once the suite printed its summary line
const started = Date.now();
// The suite also writes its counts here (RESULTS_FILE_ENV in test/integration/index.ts).
const resultsFile = join(tmpdir(), `dw-code-server-results-${process.pid}.json`);

function relay(source, text) {
  for (const line of String(text).split('\n')) {
    const m = SUMMARY.exec(line);
    if (m) counts = { passed: Number(m[1]), failed: Number(m[2]) };
    console.log(`[${source}] ${line}`);
  }
}

const SUITE_PREFIX = '[suite] ';
/** Gallery look-ups fail offline; they do not concern the suite. */
const NOISE = /ENOTFOUND|open-vsx\.org|extensionquery/;

/**
 * The workbench's log (codeAutomationLog) carries the extension host's console output, so the
 * suite's reporter lines ("[suite] ...") arrive here. Other workbench messages are shown when
 * they are errors, or all of them with --verbose.
 */
function relayWorkbenchLog(level, message) {
  const text = String(message);
  const lines = text.split('\n');
  if (lines.some((line) => line.startsWith(SUITE_PREFIX))) {
    for (const line of lines) relay('suite', line.startsWith(SUITE_PREFIX) ? line.slice(SUITE_PREFIX.length) : line);
  } else if (verbose || (level === 'error' && !NOISE.test(text))) {
    relay(`workbench:${level}`, text);
  }
}

async function main() {
  if (!existsSync(testsPath)) {
    throw new Error(`${testsPath} does not exist: run \`npm run build\` first`);
  }
  ensureCodeServer();

  let server;
  let browser;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
  };
  const onSignal = (signal) => {
    console.error(`run-tests: ${signal}, stopping code-server`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    return await withTimeout(
      (async () => {
        server = await startCodeServer({
          folder,
          env: { DW_TEST_RESULTS_FILE: resultsFile, ...(process.env.DW_TEST_GREP ? { DW_TEST_GREP: process.env.DW_TEST_GREP } : {}), ...(process.env.DW_BENCH_OUT ? { DW_BENCH_OUT: process.env.DW_BENCH_OUT } : {}) },
          onOutput: (line) => {
            if (verbose || SUMMARY.test(line)) relay('code-server', line);
          },
        });
        console.log(`run-tests: code-server on ${server.url} (${Date.now() - started} ms)`);
        browser = await launchBrowser();
        const page = await browser.newPage();

        let settle;
        const exitCode = new Promise((resolve) => (settle = resolve));
        await page.exposeFunction('codeAutomationLog', relayWorkbenchLog);
        await page.exposeFunction('codeAutomationExit', (code) => settle(Number(code)));
        if (verbose) page.on('console', (msg) => relay(`browser:${msg.type()}`, plainConsoleText(msg)));
        page.on('pageerror', (err) => relay('browser:pageerror', err.message));

        const extensionPath = extensionPathOption ?? stageExtension(repoRoot, join(server.tempRoot, 'extension'));
        const url = workbenchUrl(server, { folder, extensionDevelopmentPath: extensionPath, extensionTestsPath: testsPath });
        await page.goto(url, { waitUntil: 'domcontentloaded' });
        console.log(`run-tests: workbench opened, suite running`);
        return await exitCode;
      })(),
      timeoutMs,
      `run-tests: timed out after ${timeoutMs} ms`,
    );
  } finally {
    await cleanup();
  }
}

let code;
try {
  code = await main();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  code = 1;
}
console.log(`run-tests: finished in ${((Date.now() - started) / 1000).toFixed(1)} s, exit code ${code}`);
if (!counts && existsSync(resultsFile)) {
  try {
    counts = JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch {
    // unreadable: report without counts
  }
}
rmSync(resultsFile, { force: true });
if (counts) {
  console.log(`extension-host: ${counts.passed} passed, ${counts.failed} failed`);
} else if (code !== 0) {
  console.log('extension-host: 0 passed, 1 failed');
}
process.exit(code);
