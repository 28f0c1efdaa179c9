// Conformance of the quick YAML composer (server/src/yaml/quickCompose.ts) with the `yaml`
// library: parses every content YAML file of a repository both ways, compares the trees the
// checkers read, counts the files the quick path hands back to the library (and why), and times
// both. Exits 1 on any difference.
// Run: npx tsx scripts/conformance/quick-compose.ts [--corpus <dir>] [--verbose]
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { CONTENT_YAML_OPTIONS, lastQuickComposeBailout, quickComposeDocument } from '../../server/src/yaml/quickCompose';
import { firstDifference, yamlTreeShape } from '../../test/support/yamlTreeShape';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const ci = args.indexOf('--corpus');
const corpus = ci >= 0 ? args[ci + 1] : path.resolve(__dirname, '../../../shared/corpus/security_content');
if (!fs.existsSync(corpus)) {
  console.log(`skipped: no corpus at ${corpus}`);
  process.exit(0);
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

const files = yamlFiles(corpus);
const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
const bailouts = new Map<string, number>();
let differences = 0;
let quick = 0;
for (let i = 0; i < files.length; i++) {
  const doc = quickComposeDocument(texts[i]);
  if (!doc) {
    const why = lastQuickComposeBailout ?? '?';
    bailouts.set(why, (bailouts.get(why) ?? 0) + 1);
    if (verbose) console.log(`fallback ${path.relative(corpus, files[i])}: ${why}`);
    continue;
  }
  quick++;
  const d = firstDifference(yamlTreeShape(doc), yamlTreeShape(parseDocument(texts[i], CONTENT_YAML_OPTIONS)));
  if (d) {
    differences++;
    if (differences <= 20) console.log(`DIFFERENT ${path.relative(corpus, files[i])}: ${d}`);
  }
}

function time(f: (t: string) => unknown): number {
  const t0 = performance.now();
  for (const t of texts) f(t);
  return performance.now() - t0;
}
time((t) => parseDocument(t, CONTENT_YAML_OPTIONS)); // warm up both
time(quickComposeDocument);
const lib = time((t) => parseDocument(t, CONTENT_YAML_OPTIONS));
const fast = time((t) => quickComposeDocument(t) ?? parseDocument(t, CONTENT_YAML_OPTIONS));

console.log(`quick compose: ${files.length} files, ${quick} composed quickly, ${files.length - quick} handed to the yaml library, ${differences} different`);
for (const [why, n] of [...bailouts].sort((a, b) => b[1] - a[1])) console.log(`  fallback ×${n}: ${why}`);
console.log(`  time: yaml library ${lib.toFixed(0)} ms, quick path with fallback ${fast.toFixed(0)} ms (${(lib / fast).toFixed(1)}× faster)`);
process.exit(differences > 0 ? 1 : 0);
