#!/usr/bin/env node
// Runs the extension-host suite (dist/test/integration/index.js) in desktop VS Code through
// @vscode/test-electron, which downloads VS Code into .vscode-test/ (needs internet access; on this
// project's sandboxed machines use scripts/code-server/run-tests.mjs instead).
//
//   npm run test:electron                               (build first, then this script)
//   node scripts/run-electron-tests.mjs [--vscode-version stable|insiders|1.101.0]
//   Linux without a display: xvfb-run -a npm run test:electron
//
// The suite uses mocha 12 (an ES module package loaded with require()), so the VS Code build must run
// its extension host on Node >= 20.19: VS Code 1.101 or newer. Env: VSCODE_TEST_VERSION.
// Exit code: the suite's. Last line: `extension-host: N passed, N failed`.
import { runTests } from '@vscode/test-electron';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const extensionDevelopmentPath = repoRoot;
const extensionTestsPath = join(repoRoot, 'dist', 'test', 'integration', 'index.js');
const examplesFolder = join(repoRoot, 'examples');

const argv = process.argv.slice(2);
const versionIndex = argv.indexOf('--vscode-version');
const version = (versionIndex >= 0 ? argv[versionIndex + 1] : undefined) ?? process.env.VSCODE_TEST_VERSION ?? 'stable';

if (!existsSync(extensionTestsPath)) {
  console.error(`${extensionTestsPath} does not exist: run \`npm run build\` first`);
  process.exit(1);
}

// The suite writes its counts here (see RESULTS_FILE_ENV in test/integration/index.ts).
const resultsDir = mkdtempSync(join(tmpdir(), 'dw-electron-'));
const resultsFile = join(resultsDir, 'results.json');

let code = 0;
try {
  await runTests({
    version,
    extensionDevelopmentPath,
    extensionTestsPath,
    launchArgs: [examplesFolder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: { DW_TEST_RESULTS_FILE: resultsFile },
  });
} catch (err) {
  console.error(`run-electron-tests: ${err instanceof Error ? err.message : String(err)}`);
  code = 1;
}

let counts;
try {
  counts = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  // the suite did not get to the end (VS Code failed to download or start, or the host crashed)
}
rmSync(resultsDir, { recursive: true, force: true });
if (counts) {
  console.log(`extension-host: ${counts.passed} passed, ${counts.failed} failed`);
} else if (code !== 0) {
  console.log('extension-host: 0 passed, 1 failed');
}
process.exit(code);
