// Writes the benchmark's logs (deterministic for a seed) unless they already exist with the same
// parameters: `node scripts/bench/gen/index.mjs [--dir DIR] [--sysmon N] [--cloudtrail N] [--big]`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLines } from './rng.mjs';
import { createSysmonGenerator } from './sysmon.mjs';
import { createCloudTrailGenerator } from './cloudtrail.mjs';

const GEN_VERSION = 1;

/** Generates (or reuses) one file; returns { file, events, bytes }. */
export async function ensureLog(dir, name, spec, makeGen) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const stamp = `${file}.meta.json`;
  const want = JSON.stringify({ GEN_VERSION, ...spec });
  if (fs.existsSync(file) && fs.existsSync(stamp)) {
    const meta = JSON.parse(fs.readFileSync(stamp, 'utf8'));
    if (JSON.stringify({ GEN_VERSION: meta.GEN_VERSION, ...meta.spec }) === want) return { file, ...meta.result };
  }
  const next = makeGen(spec.seed);
  const result = await writeLines(file, spec.events ?? 0, () => next(), { untilBytes: spec.bytes });
  fs.writeFileSync(stamp, JSON.stringify({ GEN_VERSION, spec, result }));
  return { file, ...result };
}

export async function generateAll({ dir, sysmon = 200_000, cloudtrail = 200_000, big = false }) {
  const out = {
    sysmon: await ensureLog(dir, `sysmon-${sysmon}.xml.log`, { seed: 1, events: sysmon }, createSysmonGenerator),
    cloudtrail: await ensureLog(dir, `cloudtrail-${cloudtrail}.json`, { seed: 2, events: cloudtrail }, createCloudTrailGenerator),
  };
  if (big) out.big = await ensureLog(dir, 'sysmon-1GB.xml.log', { seed: 3, bytes: 1 << 30 }, createSysmonGenerator);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const argv = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : dflt;
  };
  const dir = path.resolve(opt('--dir', path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '.cache', 'bench')));
  const r = await generateAll({ dir, sysmon: Number(opt('--sysmon', 200000)), cloudtrail: Number(opt('--cloudtrail', 200000)), big: argv.includes('--big') });
  console.log(JSON.stringify(r, null, 2));
}
