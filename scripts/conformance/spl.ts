// SPL conformance over a security_content checkout:
//   npx tsx scripts/conformance/spl.ts [corpusDir]
// Parses every detection search (unexpanded and expanded with the corpus macros + built-ins) and
// every macro definition, and reports parse errors, unresolved macros, diagnostics by code and
// timings. Exits 0 with "skipped" when the corpus is absent.

import * as fs from 'fs';
import * as path from 'path';
import * as jsyaml from 'js-yaml';
import * as YAML from 'yaml';
import { parseSpl } from '../../server/src/spl/parse';
import { expandMacros, type MacroDefinition } from '../../server/src/spl/expand';
import { withBuiltinMacros } from '../../server/src/spl/builtinMacros';
import { analyzeSpl, type SplDiagnostic } from '../../server/src/spl/diagnostics';

const corpus = process.argv[2] ?? '/work/shared/corpus/security_content';
if (!fs.existsSync(path.join(corpus, 'detections'))) {
  console.log(`spl conformance: skipped (no corpus at ${corpus})`);
  process.exit(0);
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

function load(file: string): Record<string, unknown> | undefined {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return jsyaml.load(text) as Record<string, unknown>;
  } catch {
    try {
      return YAML.parse(text) as Record<string, unknown>;
    } catch {
      // Some files continue a quoted top-level scalar on unindented lines, which PyYAML (the
      // content tooling) tolerates and both JS parsers reject: indent those lines and retry.
      const lenient = text.replace(/^(?![A-Za-z_][\w-]*:|- |#|\s|$)/gm, ' ');
      try {
        return jsyaml.load(lenient) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    }
  }
}

const rel = (f: string): string => path.relative(corpus, f);

// ---- load
const macros = new Map<string, MacroDefinition>();
const macroTexts: { file: string; text: string }[] = [];
let unreadable = 0;
for (const f of yamlFiles(path.join(corpus, 'macros'))) {
  const y = load(f);
  if (!y || typeof y.name !== 'string' || typeof y.definition !== 'string') {
    unreadable++;
    continue;
  }
  const args = Array.isArray(y.arguments) ? y.arguments.map(String) : [];
  macros.set(`${y.name}/${args.length}`, { name: y.name, args, definition: y.definition, file: rel(f) });
  macroTexts.push({ file: rel(f), text: y.definition });
}
const detections: { file: string; text: string; deprecated: boolean }[] = [];
for (const f of yamlFiles(path.join(corpus, 'detections'))) {
  const y = load(f);
  if (!y || typeof y.search !== 'string') {
    unreadable++;
    continue;
  }
  detections.push({ file: rel(f), text: y.search, deprecated: f.includes(`${path.sep}deprecated${path.sep}`) || y.status === 'deprecated' });
}
const active = detections.filter((d) => !d.deprecated);
const resolve = withBuiltinMacros((name, n) => macros.get(`${name}/${n}`));
const macroCounts = new Map<string, number[]>();
for (const m of macros.values()) macroCounts.set(m.name, [...(macroCounts.get(m.name) ?? []), m.args.length]);

// ---- timing (cold first: this is what an editor session pays once; then warm)
function timeIt(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}
const expandParse = (): void => {
  for (const d of active) parseSpl(expandMacros(d.text, resolve).text);
};
const parseOnly = (): void => {
  for (const d of active) parseSpl(d.text);
};
const coldExpand = timeIt(expandParse);
const coldParse = timeIt(parseOnly);
const warmExpand = timeIt(expandParse);
const warmParse = timeIt(parseOnly);

// ---- correctness
const parseErrors: string[] = [];
const unresolved = new Map<string, number>();
const diagByCode = new Map<string, number>();
const diagSamples = new Map<string, string[]>();
const show = (file: string, text: string, d: { code: string; message: string; range: { start: number; end: number } }): string =>
  `${file} [${d.range.start},${d.range.end}) ${d.code}: ${d.message} — ${JSON.stringify(text.slice(d.range.start, d.range.end).slice(0, 80))}`;

for (const d of active) {
  const raw = parseSpl(d.text);
  for (const e of raw.errors) parseErrors.push(`(unexpanded) ${show(d.file, d.text, e)}`);
  const x = expandMacros(d.text, resolve);
  for (const e of x.errors) unresolved.set(e.message, (unresolved.get(e.message) ?? 0) + 1);
  const expanded = parseSpl(x.text);
  for (const e of expanded.errors) {
    const orig = x.map.toOriginalRange(e.range);
    parseErrors.push(`(expanded) ${d.file} ${e.code}: ${e.message} — expanded ${JSON.stringify(x.text.slice(Math.max(0, e.range.start - 30), e.range.end + 30))}, original [${orig.start},${orig.end}) ${JSON.stringify(d.text.slice(orig.start, orig.end).slice(0, 80))}`);
  }
  const diags: SplDiagnostic[] = analyzeSpl(raw, { macros: macroCounts }).filter((g) => !raw.errors.some((e) => e.code === g.code && e.range.start === g.range.start));
  // the expanded search is checked too (commands and functions that only macros contribute)
  for (const g of analyzeSpl(expanded)) {
    if (expanded.errors.some((e) => e.code === g.code && e.range.start === g.range.start)) continue;
    const r = x.map.toOriginalRange(g.range);
    if (diags.some((k) => k.code === g.code && k.range.start === r.start)) continue;
    diags.push({ ...g, message: `${g.message} (after macro expansion)`, range: r });
  }
  for (const g of diags) {
    diagByCode.set(g.code, (diagByCode.get(g.code) ?? 0) + 1);
    const list = diagSamples.get(g.code) ?? [];
    list.push(show(d.file, d.text, g));
    diagSamples.set(g.code, list);
  }
}
const macroErrors: string[] = [];
for (const m of macroTexts) for (const e of parseSpl(m.text).errors) macroErrors.push(show(m.file, m.text, e));
const deprecatedWithErrors = detections.filter((d) => d.deprecated && parseSpl(d.text).errors.length > 0).length;

// ---- report
console.log(`SPL conformance over ${corpus}`);
console.log(`  detections: ${detections.length} (${active.length} active, ${detections.length - active.length} deprecated), macros: ${macros.size}, unreadable YAML: ${unreadable}`);
console.log(`  searches parsed: ${active.length} unexpanded + ${active.length} expanded; macro definitions parsed: ${macroTexts.length}`);
console.log(`  parse errors: ${parseErrors.length}`);
for (const e of parseErrors) console.log(`    ${e}`);
console.log(`  macro definitions with parse errors: ${macroErrors.length}`);
for (const e of macroErrors) console.log(`    ${e}`);
console.log(`  deprecated detections with parse errors (not counted): ${deprecatedWithErrors}`);
console.log(`  unresolved macros: ${[...unresolved.values()].reduce((a, b) => a + b, 0)}`);
for (const [m, n] of unresolved) console.log(`    ${n} × ${m}`);
console.log(`  diagnostics (unexpanded + expanded searches, beyond parse errors): ${[...diagByCode.values()].reduce((a, b) => a + b, 0)}`);
for (const [code, n] of [...diagByCode].sort()) {
  console.log(`    ${code}: ${n}`);
  for (const s of (diagSamples.get(code) ?? []).slice(0, 10)) console.log(`      ${s}`);
}
const fmt = (t: { wall: number; cpu: number }): string => `${t.wall.toFixed(0)} ms wall / ${t.cpu.toFixed(0)} ms CPU`;
console.log(`  timing over ${active.length} searches (wall time depends on machine load; CPU time is the process's own):`);
console.log(`    expand + parse expanded: cold ${fmt(coldExpand)}, warm ${fmt(warmExpand)}`);
console.log(`    parse unexpanded:        cold ${fmt(coldParse)}, warm ${fmt(warmParse)}`);
