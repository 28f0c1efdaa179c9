// Writes syntaxes/spl.tmLanguage.json and syntaxes/spl-yaml-injection.tmLanguage.json from
// scripts/grammar/spl-grammar.mjs. `--check` exits 1 when the committed files are out of date;
// `--contribution` prints the package.json snippet.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSplGrammar, buildYamlInjectionGrammar, packageContribution } from './spl-grammar.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outputs = [
  ['syntaxes/spl.tmLanguage.json', buildSplGrammar()],
  ['syntaxes/spl-yaml-injection.tmLanguage.json', buildYamlInjectionGrammar()],
];

if (process.argv.includes('--contribution')) {
  console.log(JSON.stringify(packageContribution(), null, 2));
  process.exit(0);
}
const check = process.argv.includes('--check');
let stale = 0;
for (const [rel, grammar] of outputs) {
  const text = `${JSON.stringify(grammar, null, 2)}\n`;
  const path = join(root, rel);
  if (check) {
    let current = '';
    try { current = readFileSync(path, 'utf8'); } catch { /* missing counts as stale */ }
    if (current !== text) { console.error(`${rel} is out of date: run node scripts/grammar/build-grammars.mjs`); stale++; }
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${rel}`);
  }
}
process.exit(stale ? 1 : 0);
