// Shared pieces of the code-server drivers (run-tests.mjs, ui-smoke.mjs): install check, starting
// code-server on a free port with throw-away user-data/extensions dirs, launching Debian's Chromium
// through playwright-core, building workbench URLs, and cleaning everything up.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const codeServerVersion = '4.100.3';
export const codeServerEntry = join(repoRoot, '.cache', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const installStamp = join(repoRoot, '.cache', 'code-server', `.installed-${codeServerVersion}`);
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Runs install.sh unless the install stamp says code-server is already there. */
export function ensureCodeServer() {
  if (existsSync(installStamp) && existsSync(codeServerEntry)) return;
  const result = spawnSync('bash', [join(repoRoot, 'scripts', 'code-server', 'install.sh')], { stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`scripts/code-server/install.sh failed (exit ${result.status ?? result.signal})`);
  }
}

/** Calls `onLine` with each complete line a child's output stream writes. */
export function onLines(stream, onLine) {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server with fresh user-data and extensions dirs under a temp folder.
 * `settings` goes to the user settings.json, `machineSettings` to the machine's (settings of scope
 * "machine" are read only from there in code-server). Resolves once the HTTP server answers.
 * `onOutput(line)` receives code-server's stdout/stderr lines; `env` is added to its environment
 * (the extension host inherits it).
 */
export async function startCodeServer({ folder, settings = {}, machineSettings = {}, env: extraEnv = {}, onOutput = () => {}, startTimeoutMs = 120_000 }) {
  const port = await freePort();
  const tempRoot = mkdtempSync(join(tmpdir(), 'dw-code-server-'));
  const userDataDir = join(tempRoot, 'user-data');
  const extensionsDir = join(tempRoot, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
        'files.autoSave': 'off',
        'files.hotExit': 'off',
        ...settings,
      },
      null,
      2,
    ),
  );
  mkdirSync(join(userDataDir, 'Machine'), { recursive: true });
  writeFileSync(join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(machineSettings, null, 2));
  const configFile = join(tempRoot, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');

  const args = [
    codeServerEntry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    folder,
  ];
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    // Do not let an outer VS Code / code-server session leak into this one.
    if (key.startsWith('VSCODE_') || key.startsWith('ELECTRON_') || key === 'CODE_SERVER_PARENT_PID') delete env[key];
  }
  Object.assign(env, extraEnv);
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) onLines(stream, onOutput);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`code-server exited during start-up (exit ${child.exitCode})`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      killProcessGroup(child);
      throw new Error(`code-server did not answer on ${url} within ${startTimeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    port,
    url,
    tempRoot,
    userDataDir,
    extensionsDir,
    child,
    /** Kills code-server and every process it started, and removes the temp dirs. */
    async stop() {
      killProcessGroup(child);
      await waitForExit(child, 5_000);
      rmSync(tempRoot, { recursive: true, force: true });
    },
  };
}

/** Sends SIGTERM (then SIGKILL) to the process group led by `child` (started with detached: true). */
export function killProcessGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    // The leader is gone, but its group (extension host, pty host) may still run.
    if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
    return;
  }
  signalGroup(child.pid, 'SIGTERM');
  setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 3_000).unref();
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function waitForExit(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signalGroup(child.pid, 'SIGKILL');
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      signalGroup(child.pid, 'SIGKILL'); // stragglers of the group
      resolve();
    });
  });
}

/** Top-level entries of the repo that are not part of the extension and must not be loaded with it. */
const NOT_EXTENSION = new Set(['.cache', '.git', '.vscode-test', 'test-results']);

/**
 * Makes `targetDir` a view of the extension at `source`: a symlink to each top-level entry except
 * .cache/ (which holds code-server itself: a development extension folder containing it keeps the
 * workbench from ever registering its built-in extensions, so no theme is applied), .git and test
 * output. Returns `targetDir`, to pass as extensionDevelopmentPath.
 */
export function stageExtension(source, targetDir) {
  mkdirSync(targetDir, { recursive: true });
  for (const entry of readdirSync(source)) {
    if (NOT_EXTENSION.has(entry) || entry.endsWith('.vsix')) continue;
    symlinkSync(join(source, entry), join(targetDir, entry));
  }
  return targetDir;
}

/** Launches headless Chromium through playwright-core. */
export async function launchBrowser() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * The workbench URL for `folder`, with an optional development extension and test runner
 * (absolute paths on this machine; code-server serves them as vscode-remote URIs).
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  let url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length > 0) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** Console text without Chrome's `%c` styling markers and their CSS arguments. */
export function plainConsoleText(msg) {
  const text = msg.text();
  if (!text.includes('%c')) return text;
  const styles = (text.match(/%c/g) ?? []).length;
  const parts = text.replace(/%c/g, '').split(' ');
  // Playwright appends the CSS arguments after the format string; drop what looks like CSS.
  const cssLike = /^(color|font|background|padding|border|margin|text-|:|;|$)/;
  let end = parts.length;
  let dropped = 0;
  while (end > 0 && dropped < styles * 4 && cssLike.test(parts[end - 1])) {
    end--;
    dropped++;
  }
  return parts.slice(0, end).join(' ');
}

/** Runs `fn` with a hard timeout; on timeout rejects with `message`. */
export function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}
