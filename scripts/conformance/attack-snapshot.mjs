#!/usr/bin/env node
// Conformance: regenerates the ATT&CK snapshot from the STIX bundle in ../shared/data/attack/ (when
// present) and checks it is byte-identical to the committed server/data/attack/ snapshot and that a
// few well-known techniques read back as MITRE names them. Not a unit test (reads ../shared/).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundle = process.argv[2] ?? join(root, '..', 'shared', 'data', 'attack', 'enterprise-attack-techniques.json');
const committed = join(root, 'server', 'data', 'attack', 'enterprise-attack-snapshot.json');
if (!existsSync(bundle)) {
  console.log(`attack-snapshot: skipped (no bundle at ${bundle})`);
  process.exit(0);
}
const head = JSON.parse(readFileSync(committed, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'attack-conf-'));
let failures = 0;
try {
  const out = join(dir, 'snapshot.json');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'attack', 'snapshot.mjs'), bundle, out, '--attack-version', head.attackVersion, '--source', head.source], { encoding: 'utf8' });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  if (r.status !== 0) process.exit(1);
  if (readFileSync(out, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error('attack-snapshot: FAIL the committed snapshot differs from one generated from the bundle');
    failures++;
  }
  const snap = JSON.parse(readFileSync(out, 'utf8'));
  const expect = [
    ['T1218.009', 'Regsvcs/Regasm', ['defense-evasion'], 'T1218'],
    ['T1059.001', 'PowerShell', ['execution'], 'T1059'],
    ['T1003.001', 'LSASS Memory', ['credential-access'], 'T1003'],
    ['T1105', 'Ingress Tool Transfer', ['command-and-control'], undefined],
  ];
  for (const [id, name, tactics, parent] of expect) {
    const t = snap.techniques[id];
    const ok = t && t[0] === name && JSON.stringify(t[1]) === JSON.stringify(tactics) && (t[3] || undefined) === parent;
    if (!ok) { console.error(`attack-snapshot: FAIL ${id}: ${JSON.stringify(t)}`); failures++; }
  }
  console.log(`attack-snapshot: ${failures === 0 ? 'ok' : `${failures} failure(s)`} (${Object.keys(snap.techniques).length} techniques)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
