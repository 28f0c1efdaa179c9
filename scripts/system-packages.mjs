// The Debian packages the test levels that run VS Code need (code-server is built from source by
// scripts/code-server/install.sh; the drivers use Chromium), and setting them up the way
// `npx playwright install --with-deps` does: when some are missing and this process runs as root or
// has passwordless sudo, `apt-get update` then `apt-get install` them and say so; otherwise stop with
// the exact command to run. `node scripts/system-packages.mjs` runs it alone.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Each package with how to tell it is installed (`t.cmd`: on PATH; `t.file`: exists). */
export const PACKAGES = [
  { name: 'ripgrep', present: (t) => t.cmd('rg') },
  { name: 'build-essential', present: (t) => t.cmd('make') && t.cmd('g++') },
  { name: 'libkrb5-dev', present: (t) => t.file('/usr/include/gssapi/gssapi.h') || t.file('/usr/include/krb5.h') },
  { name: 'python3', present: (t) => t.cmd('python3') },
  // The drivers use CHROMIUM_PATH when set (scripts/code-server/lib.mjs), else /usr/bin/chromium.
  { name: 'chromium', present: (t) => t.file(t.env.CHROMIUM_PATH ?? '/usr/bin/chromium') },
];

function onPath(cmd, env, exists = existsSync) {
  return (env.PATH ?? '').split(delimiter).some((d) => d && exists(join(d, cmd)));
}

/** Names of the packages that are not installed. `exists`/`env` are injectable for tests. */
export function missingPackages({ exists = existsSync, env = process.env } = {}) {
  const t = { cmd: (c) => onPath(c, env, exists), file: (f) => exists(f), env };
  return PACKAGES.filter((p) => !p.present(t)).map((p) => p.name);
}

/**
 * What to do about missing packages. `root`: running as uid 0; `sudo`: passwordless sudo works;
 * `apt`: apt-get exists. Returns the commands to run, or the message to stop with.
 */
export function setupPlan(missing, { root, sudo, apt }) {
  if (missing.length === 0) return { action: 'none' };
  const list = missing.join(' ');
  const install = ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing];
  if (!apt) {
    return { action: 'stop', message: `missing system packages: ${list}; this is not a Debian/Ubuntu system (no apt-get): install the equivalents of ${list} with your package manager` };
  }
  if (root || sudo) {
    const prefix = root ? [] : ['sudo', '-n'];
    return {
      action: 'install',
      message: `installing missing Debian packages: ${list} (apt-get update, then apt-get install${root ? '' : ' through sudo'})`,
      commands: [[...prefix, 'apt-get', 'update', '-qq'], [...prefix, ...install]],
    };
  }
  return {
    action: 'stop',
    message: `missing Debian packages: ${list}\n       install them with: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${list}`,
  };
}

/** Checks, installs when allowed, and returns true when everything is there afterwards. */
export function ensureSystemPackages({ log = console.log, error = console.error } = {}) {
  const missing = missingPackages();
  if (missing.length === 0) return true;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = !root && onPath('sudo', process.env) && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  const plan = setupPlan(missing, { root, sudo, apt: onPath('apt-get', process.env) });
  if (plan.action === 'stop') {
    error(`ERROR: ${plan.message}`);
    return false;
  }
  log(plan.message);
  for (const [cmd, ...args] of plan.commands) {
    const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) {
      error(`ERROR: \`${[cmd, ...args].join(' ')}\` failed (exit ${r.status ?? r.signal})`);
      return false;
    }
  }
  const still = missingPackages();
  if (still.length > 0) {
    error(`ERROR: still missing after apt-get install: ${still.join(' ')}`);
    return false;
  }
  log(`installed: ${missing.join(' ')}`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = ensureSystemPackages() ? 0 : 1;
}
