#!/usr/bin/env node
// Writes the compact ATT&CK snapshot the extension ships (technique id → name, tactics,
// revoked/deprecated, sub-technique parent, replacement; tactic names; ATT&CK version) from MITRE's
// STIX bundle (enterprise-attack.json from mitre/cti or mitre-attack/attack-stix-data).
//
//   node scripts/attack/snapshot.mjs <enterprise-attack.json> <out.json> [--attack-version 18.1] [--source TEXT]
//
// The version comes from the bundle's x-mitre-collection object; a bundle without one (a subset)
// needs --attack-version. --source records where the bundle came from (default: its file name).
// Reads only the file it is given; writes only <out.json>. MITRE's LICENSE must sit next to the output.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const USAGE = 'usage: node scripts/attack/snapshot.mjs <enterprise-attack.json> <out.json> [--attack-version X.Y] [--source TEXT]';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseArgs(argv) {
  const files = [];
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--attack-version' || a === '--source') {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      opts[a.slice(2)] = argv[++i];
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else files.push(a);
  }
  if (files.length !== 2) throw new Error('expected an input bundle and an output file');
  return { input: files[0], output: files[1], attackVersion: opts['attack-version'], source: opts.source };
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`snapshot: ${e.message}\n${USAGE}`);
    return 2;
  }
  const { snapshotFromStix } = await tsImport(join(root, 'server/src/schema/attackSnapshot.ts'), import.meta.url);
  let bundle;
  try {
    bundle = JSON.parse(readFileSync(args.input, 'utf8'));
  } catch (e) {
    console.error(`snapshot: cannot read ${args.input} as JSON: ${e.message}`);
    return 1;
  }
  const snap = snapshotFromStix(bundle, { source: args.source ?? basename(args.input), attackVersion: args.attackVersion });
  if ('error' in snap) {
    console.error(`snapshot: ${args.input}: ${snap.error}`);
    return 1;
  }
  // One technique per line: small diffs between ATT&CK releases, still compact.
  const { techniques, ...head } = snap;
  const lines = Object.entries(techniques).map(([id, t]) => `    ${JSON.stringify(id)}: ${JSON.stringify(t)}`);
  const text = JSON.stringify(head, null, 2).replace(/\n}$/, `,\n  "techniques": {\n${lines.join(',\n')}\n  }\n}\n`);
  writeFileSync(args.output, text);
  const all = Object.values(techniques);
  const count = (f) => all.filter(f).length;
  console.log(
    `${args.output}: ATT&CK v${snap.attackVersion}, ${all.length} techniques (${count((t) => t[3])} sub-techniques, ` +
      `${count((t) => t[2] & 1)} revoked, ${count((t) => t[2] & 2)} deprecated), ${Object.keys(snap.tactics).length} tactics, ` +
      `${(statSync(args.output).size / 1024).toFixed(1)} KB`,
  );
  return 0;
}

process.exitCode = await main();
