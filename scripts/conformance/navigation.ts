// Conformance and timings of navigation and refactoring over a content repository:
// - references of every macro equal the count of its calls found by a plain scan (contentctl's
//   regex over the js-yaml values of searches, drilldown searches and macro definitions);
// - SPL formatting of every live search is idempotent and keeps the parse tree, also through the
//   YAML round trip (js-yaml and the YAML 1.1 loader the checker uses), and PyYAML's safe_load
//   (what contentctl uses; when python3 with PyYAML is installed) reads the same search as js-yaml;
// - p95 of references and workspace symbols, and the time to compute a rename of
//   `security_content_ctime`.
// Prints counts; exits 1 on a difference.
// Run: npx tsx scripts/conformance/navigation.ts [--corpus <dir>] [--verbose]
import * as fs from 'fs';
import * as path from 'path';
import { ReferenceIndex } from '../../server/src/analysis/referenceIndex';
import { referencesTo } from '../../server/src/analysis/references';
import { renameSymbol } from '../../server/src/analysis/rename';
import { workspaceSymbols } from '../../server/src/analysis/workspaceSymbols';
import { ContentIndex, listFiles } from '../../server/src/content';
import { loadMapping } from '../../server/src/content/readEntries';
import { macroCalls } from '../../server/src/schema/searchRefs';
import { checkSearchFormatting, checkYamlSearchFormatting, searchesByPyYaml } from './navigationFormat';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const ci = args.indexOf('--corpus');
const corpus = ci >= 0 ? args[ci + 1] : args.find((a) => !a.startsWith('--')) ?? path.resolve(__dirname, '../../../shared/corpus/security_content');
if (!fs.existsSync(corpus)) {
  console.log(`skipped: no corpus at ${corpus}`);
  process.exit(0);
}
let failures = 0;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const ms = (x: number) => `${x.toFixed(2)} ms`;

// ---------------------------------------------------------------- index
const index = new ContentIndex();
const refs = new ReferenceIndex(index);
let t0 = performance.now();
index.buildSync([corpus]);
const indexMs = performance.now() - t0;
t0 = performance.now();
const files = refs.fileCount; // reads every file's names
console.log(`content index: ${ms(indexMs)}; reference index of ${files} files: ${ms(performance.now() - t0)} more`);

// ---------------------------------------------------------------- references vs a plain scan
const plain = new Map<string, number>();
for (const folder of ['detections', 'baselines', 'macros']) {
  for (const file of listFiles(path.join(corpus, folder), /\.ya?ml$/i)) {
    const doc = loadMapping(fs.readFileSync(file, 'utf8'));
    if (!doc) continue;
    const spl: unknown[] = [doc.search, doc.definition];
    if (Array.isArray(doc.drilldown_searches)) for (const d of doc.drilldown_searches) spl.push(d?.search);
    for (const s of spl) {
      if (typeof s !== 'string') continue;
      for (const c of macroCalls(s)) plain.set(`${c.name}/${c.argCount}`, (plain.get(`${c.name}/${c.argCount}`) ?? 0) + 1);
    }
  }
}
let macros = 0;
let equal = 0;
let calls = 0;
const refTimes: number[] = [];
for (const m of index.macros.all()) {
  macros++;
  const sym = { kind: 'macro' as const, name: m.name, argCount: m.args.length };
  const t = performance.now();
  const found = referencesTo(sym, refs, true).length - 1;
  refTimes.push(performance.now() - t);
  const expected = plain.get(`${m.name}/${m.args.length}`) ?? 0;
  calls += found;
  if (found === expected) equal++;
  else {
    failures++;
    console.log(`DIFFERENT macro ${m.name}(${m.args.length}): ${found} references, plain scan ${expected}`);
  }
}
console.log(`macros: ${macros}, references equal to the plain scan for ${equal}; ${calls} call sites`);
for (const [label, kind, map] of [
  ['lookups', 'lookup', index.lookups],
  ['stories', 'story', index.stories],
  ['data sources', 'data_source', index.dataSources],
] as const) {
  let n = 0;
  let used = 0;
  let sites = 0;
  for (const e of map.all()) {
    const t = performance.now();
    const found = referencesTo({ kind, name: e.name }, refs, true).length - 1;
    refTimes.push(performance.now() - t);
    n++;
    sites += found;
    if (found) used++;
  }
  console.log(`${label}: ${n}, ${used} referenced, ${sites} references`);
}
console.log(`references: ${refTimes.length} queries, p95 ${ms(p95(refTimes))}, max ${ms(Math.max(...refTimes))}`);

// ---------------------------------------------------------------- workspace symbols
const queries: string[] = [];
for (const e of index.allEntries()) {
  if (queries.length >= 300) break;
  if (queries.length % 3 === 0 && e.id) queries.push(e.id.slice(0, 8));
  else queries.push(e.name.slice(0, 3 + (queries.length % 7)));
}
queries.push('', 'pwsh enc', 'ctime', 'sysmon');
const wsTimes = queries.map((q) => {
  const t = performance.now();
  workspaceSymbols(index, q);
  return performance.now() - t;
});
console.log(`workspace symbols: ${queries.length} queries, p95 ${ms(p95(wsTimes))}, max ${ms(Math.max(...wsTimes))}`);

// ---------------------------------------------------------------- rename
t0 = performance.now();
const plan = renameSymbol({ kind: 'macro', name: 'security_content_ctime', argCount: 1 }, 'security_content_ctime_renamed', refs, index);
const renameMs = performance.now() - t0;
if ('error' in plan) {
  failures++;
  console.log(`rename of security_content_ctime refused: ${plan.error}`);
} else {
  const edits = plan.edits.reduce((n, f) => n + f.edits.length, 0);
  console.log(`rename security_content_ctime: ${edits} edits in ${plan.edits.length} files, ${plan.fileRenames.length} file rename(s), computed in ${ms(renameMs)}`);
}

// ---------------------------------------------------------------- formatting
const fmt = { searches: 0, changed: 0, refusedYaml: 0, problems: 0 };
const refusals = new Map<string, number>();
const formattedFiles: { file: string; text: string; search: string }[] = [];
for (const file of listFiles(path.join(corpus, 'detections'), /\.ya?ml$/i)) {
  const text = fs.readFileSync(file, 'utf8');
  const doc = loadMapping(text);
  if (!doc || typeof doc.search !== 'string' || doc.status === 'deprecated' || doc.status === 'removed') continue;
  fmt.searches++;
  const spl = checkSearchFormatting(doc.search);
  if (spl.changed) fmt.changed++;
  for (const p of spl.problems) {
    fmt.problems++;
    failures++;
    if (fmt.problems <= 20 || verbose) console.log(`FORMAT ${path.relative(corpus, file)}: ${p}`);
  }
  const y = checkYamlSearchFormatting(file, text);
  if (y.refused) {
    fmt.refusedYaml++;
    refusals.set(y.refused, (refusals.get(y.refused) ?? 0) + 1);
    if (verbose) console.log(`refused ${path.relative(corpus, file)}: ${y.refused}`);
  }
  if (y.formatted !== undefined && y.formatted !== text) {
    formattedFiles.push({ file, text: y.formatted, search: String(loadMapping(y.formatted)?.search) });
  }
  for (const p of y.problems) {
    fmt.problems++;
    failures++;
    if (fmt.problems <= 20 || verbose) console.log(`FORMAT-YAML ${path.relative(corpus, file)}: ${p}`);
  }
}
console.log(
  `formatting: ${fmt.searches} live searches, ${fmt.changed} changed by formatting, ` +
    `${fmt.problems} problems (not idempotent / tree changed / YAML round trip), ${fmt.refusedYaml} left as they are in YAML`,
);
for (const [why, n] of refusals) console.log(`  left as is (${n}): ${why}`);
const byPyYaml = searchesByPyYaml(formattedFiles.map((f) => f.text));
if (!byPyYaml) console.log('PyYAML check skipped: python3 with PyYAML is not installed');
else {
  let same = 0;
  byPyYaml.forEach((v, i) => {
    if (v === formattedFiles[i].search) same++;
    else {
      failures++;
      console.log(`PYYAML ${path.relative(corpus, formattedFiles[i].file)}: ${typeof v === 'object' && v ? v.error : 'a different search'}`);
    }
  });
  console.log(`PyYAML safe_load of the ${formattedFiles.length} reformatted files: ${same} give the same search as js-yaml`);
}
console.log(failures ? `${failures} difference(s)` : 'no differences');
process.exit(failures ? 1 : 0);
