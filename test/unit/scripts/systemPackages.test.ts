// scripts/system-packages.mjs: which Debian packages the VS Code test levels miss, and what the test
// command does about them (install as root or with passwordless sudo, else stop with the command).
import * as assert from 'assert';
import * as path from 'path';

const REPO = path.join(__dirname, '..', '..', '..');
type Plan = { action: 'none' } | { action: 'install'; message: string; commands: string[][] } | { action: 'stop'; message: string };
type Mod = {
  missingPackages(o: { exists: (p: string) => boolean; env: Record<string, string | undefined> }): string[];
  setupPlan(missing: string[], o: { root: boolean; sudo: boolean; apt: boolean }): Plan;
};
const load = (): Promise<Mod> => import(path.join(REPO, 'scripts', 'system-packages.mjs')) as Promise<Mod>;

describe('scripts/system-packages', () => {
  it('probes commands on PATH and files', async () => {
    const { missingPackages } = await load();
    const present = new Set(['/bin/rg', '/usr/bin/make', '/usr/bin/g++', '/usr/include/krb5.h', '/usr/bin/python3', '/usr/bin/chromium']);
    const env = { PATH: '/bin:/usr/bin' };
    assert.deepStrictEqual(missingPackages({ exists: (p) => present.has(p), env }), []);
    assert.deepStrictEqual(missingPackages({ exists: () => false, env }), ['ripgrep', 'build-essential', 'libkrb5-dev', 'python3', 'chromium']);
    present.delete('/usr/bin/g++');
    assert.deepStrictEqual(missingPackages({ exists: (p) => present.has(p), env }), ['build-essential']);
    present.add('/usr/bin/g++');
    assert.deepStrictEqual(missingPackages({ exists: (p) => present.has(p), env: { ...env, CHROMIUM_PATH: '/opt/chrome' } }), ['chromium'], 'CHROMIUM_PATH is what the drivers use');
  });

  it('installs as root: apt-get update first, and says so', async () => {
    const { setupPlan } = await load();
    assert.deepStrictEqual(setupPlan([], { root: false, sudo: false, apt: true }), { action: 'none' });
    assert.deepStrictEqual(setupPlan(['ripgrep', 'libkrb5-dev'], { root: true, sudo: false, apt: true }), {
      action: 'install',
      message: 'installing missing Debian packages: ripgrep libkrb5-dev (apt-get update, then apt-get install)',
      commands: [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'ripgrep', 'libkrb5-dev']],
    });
  });

  it('installs through passwordless sudo', async () => {
    const { setupPlan } = await load();
    const plan = setupPlan(['ripgrep'], { root: false, sudo: true, apt: true });
    assert.strictEqual(plan.action, 'install');
    assert.deepStrictEqual(plan.action === 'install' && plan.commands.map((c) => c.slice(0, 3)), [['sudo', '-n', 'apt-get'], ['sudo', '-n', 'apt-get']]);
  });

  it('otherwise stops with the exact command', async () => {
    const { setupPlan } = await load();
    assert.deepStrictEqual(setupPlan(['ripgrep', 'chromium'], { root: false, sudo: false, apt: true }), {
      action: 'stop',
      message: 'missing Debian packages: ripgrep chromium\n       install them with: sudo apt-get update && sudo apt-get install -y --no-install-recommends ripgrep chromium',
    });
    const noApt = setupPlan(['ripgrep'], { root: true, sudo: false, apt: false });
    assert.strictEqual(noApt.action, 'stop');
    assert.match(noApt.action === 'stop' ? noApt.message : '', /no apt-get/);
  });
});
