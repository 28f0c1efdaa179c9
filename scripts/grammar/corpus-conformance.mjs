#!/usr/bin/env node
// Grammar conformance over a real content corpus: tokenizes every detection YAML with VS Code's
// YAML grammar + our SPL injection and checks, for every `search:` / `definition:` scalar:
//   region-start / region-end   the embedded SPL region starts right after the opening quote (or
//                               header) and ends at the scalar's closing quote; quotes stay YAML;
//   region-gap                  every non-blank character of the value is embedded SPL;
//   command-not-scoped          every `|`-command (simple quote/bracket-aware scan) is a command;
//   macro-not-scoped            every macro call name is scoped as a macro;
//   escaped-quote-opens-string  a backslash-escaped quote in an unquoted term (`*\"privileged\":true*`)
//                               is part of the term: it is not scoped as an SPL string;
//   spl-scope-leak              no SPL scope anywhere outside the SPL scalars (keys that follow…).
// Usage: node scripts/grammar/corpus-conformance.mjs [detections-dir] [--bench]
//   --bench: only tokenize (timing), then the same with the YAML grammar alone, for comparison.
// Exit 0 with "corpus not found, skipped" when the corpus is absent; exit 1 on any violation.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findSplScalars, normalizeSpace } from './spl-scalars.mjs';
import { scanSpl } from './spl-scan.mjs';
import { createTextMateHost, repoRoot } from './textmate-host.mjs';

const args = process.argv.slice(2);
const bench = args.includes('--bench');
const corpusDir = args.find((a) => !a.startsWith('--'))
  ?? join(repoRoot, '..', 'shared', 'corpus', 'security_content', 'detections');

if (!existsSync(corpusDir)) {
  console.log(`corpus not found, skipped (${corpusDir})`);
  process.exit(0);
}

function yamlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

const EMBEDDED = /^meta\.embedded\.(inline|block)\.spl$/;
const isSpl = (scopes) => scopes.some((s) => s.endsWith('.spl'));
const isEmbedded = (scopes) => scopes.some((s) => EMBEDDED.test(s));

/** Per-character scopes of a tokenized document (document offsets; line breaks get []). */
function scopeIndex(text, lines) {
  const byOffset = new Array(text.length).fill(null);
  let lineStart = 0;
  for (const { text: lineText, tokens } of lines) {
    for (const t of tokens) for (let c = t.start; c < t.end; c++) byOffset[lineStart + c] = t.scopes;
    lineStart += lineText.length + 1;
  }
  return (offset) => byOffset[offset] ?? [];
}

const host = await createTextMateHost();
const files = yamlFiles(corpusDir);
const violations = new Map();
const report = (kind, file, text, offset, detail) => {
  if (!violations.has(kind)) violations.set(kind, []);
  const line = text.slice(0, offset).split('\n').length;
  violations.get(kind).push(`${relative(corpusDir, file)}:${line} ${detail}`);
};
let searches = 0;
let commandsChecked = 0;
let macrosChecked = 0;
let escapedQuotesChecked = 0;
let decoderMismatches = 0;
let tokenizeMs = 0;
let tokenizeCpuMs = 0;
const invalidYamlFiles = [];
let lineCount = 0;

for (const file of files) {
  const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const lines = host.tokenize(text, 'source.yaml');
  const cpu = process.cpuUsage(cpu0);
  tokenizeMs += performance.now() - t0;
  tokenizeCpuMs += (cpu.user + cpu.system) / 1000;
  lineCount += lines.length;
  if (bench) continue;
  const scopesAt = scopeIndex(text, lines);
  const scalars = findSplScalars(text);
  if (scalars.yamlErrors > 0) { invalidYamlFiles.push(relative(corpusDir, file)); continue; }
  const inSpl = new Uint8Array(text.length);

  for (const s of scalars) {
    searches++;
    for (let o = s.contentStart; o < s.contentEnd; o++) inSpl[o] = 1;
    const quoted = s.type === 'QUOTE_SINGLE' || s.type === 'QUOTE_DOUBLE';
    if (quoted) {
      if (isSpl(scopesAt(s.start)) || !scopesAt(s.start).includes('punctuation.definition.string.begin.yaml')) {
        report('region-start', file, text, s.start, `opening quote is not YAML punctuation: [${scopesAt(s.start).join(' ')}]`);
      }
      if (isSpl(scopesAt(s.end - 1)) || !scopesAt(s.end - 1).includes('punctuation.definition.string.end.yaml')) {
        report('region-end', file, text, s.end - 1, `closing quote is not YAML punctuation: [${scopesAt(s.end - 1).join(' ')}]`);
      }
      if (s.contentEnd > s.contentStart && !isEmbedded(scopesAt(s.contentStart))) {
        report('region-start', file, text, s.contentStart, 'first character after the opening quote is not embedded SPL');
      }
      if (s.contentEnd > s.contentStart && text[s.contentEnd - 1] !== '\n' && !isEmbedded(scopesAt(s.contentEnd - 1))) {
        report('region-end', file, text, s.contentEnd - 1, 'last character before the closing quote is not embedded SPL');
      }
    } else if (isSpl(scopesAt(s.start)) && s.type !== 'PLAIN') {
      report('region-start', file, text, s.start, 'block scalar header is scoped as SPL');
    }
    for (let o = s.contentStart; o < s.contentEnd; o++) {
      if (/\s/.test(text[o]) || isEmbedded(scopesAt(o))) continue;
      report('region-gap', file, text, o, `character ${JSON.stringify(text[o])} of the value is not embedded SPL`);
      break;
    }
    if (normalizeSpace(s.decoded) !== normalizeSpace(s.value)) { decoderMismatches++; continue; }
    const { commands, macros, escapedQuotes } = scanSpl(s.decoded);
    for (const q of escapedQuotes) {
      escapedQuotesChecked++;
      const scopes = scopesAt(s.map[q]);
      if (scopes.includes('string.quoted.double.spl')) {
        report('escaped-quote-opens-string', file, text, s.map[q], `\\" opens a string: [${scopes.slice(-2).join(' ')}]`);
      }
    }
    for (const c of commands) {
      commandsChecked++;
      const scopes = scopesAt(s.map[c.index]);
      if (!scopes.some((x) => x === 'keyword.control.command.spl' || x === 'entity.name.function.command.spl')) {
        report('command-not-scoped', file, text, s.map[c.index], `| ${c.name}: [${scopes.slice(-2).join(' ')}]`);
      }
    }
    for (const m of macros) {
      macrosChecked++;
      const scopes = scopesAt(s.map[m.index]);
      if (!scopes.includes('entity.name.function.macro.spl')) {
        report('macro-not-scoped', file, text, s.map[m.index], `\`${m.name}\`: [${scopes.slice(-2).join(' ')}]`);
      }
    }
  }

  let lineStart = 0;
  for (const { text: lineText, tokens } of lines) {
    for (const t of tokens) {
      if (!isSpl(t.scopes)) continue;
      for (let c = t.start; c < t.end; c++) {
        if (inSpl[lineStart + c] || /\s/.test(lineText[c])) continue;
        report('spl-scope-leak', file, text, lineStart + c, `${JSON.stringify(lineText.slice(t.start, t.end))} [${t.scopes.slice(-1)}] outside any SPL scalar`);
        break;
      }
    }
    lineStart += lineText.length + 1;
  }
}

console.log(`corpus: ${corpusDir}`);
console.log(`files: ${files.length}, lines: ${lineCount}`);
if (!bench) {
  console.log(`SPL scalars (search/definition): ${searches}, |-commands checked: ${commandsChecked}, macro calls checked: ${macrosChecked}, escaped quotes in terms checked: ${escapedQuotesChecked}`);
  if (invalidYamlFiles.length) console.log(`files with YAML errors (scalar checks skipped): ${invalidYamlFiles.length}: ${invalidYamlFiles.slice(0, 10).join(', ')}`);
  if (decoderMismatches) console.log(`scalars skipped for command/macro checks (decoder mismatch): ${decoderMismatches}`);
  const kinds = ['region-start', 'region-end', 'region-gap', 'command-not-scoped', 'macro-not-scoped', 'escaped-quote-opens-string', 'spl-scope-leak'];
  let total = 0;
  for (const kind of kinds) {
    const list = violations.get(kind) ?? [];
    total += list.length;
    console.log(`violations ${kind}: ${list.length}`);
    for (const example of list.slice(0, 10)) console.log(`  ${example}`);
  }
  console.log(`violations total: ${total}`);
  printTiming();
  process.exit(total > 0 ? 1 : 0);
}
printTiming();
if (bench) {
  // The same files with VS Code's YAML grammar alone: the injection's share of the time.
  const yamlOnly = await createTextMateHost({ withInjection: false });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const file of files) yamlOnly.tokenize(readFileSync(file, 'utf8').replace(/\r\n?/g, '\n'), 'source.yaml');
  const cpu = process.cpuUsage(cpu0);
  console.log(`YAML grammar alone: ${(performance.now() - t0).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`);
}

function printTiming() {
  console.log(`tokenize time: ${tokenizeMs.toFixed(0)} ms wall, ${tokenizeCpuMs.toFixed(0)} ms CPU (${(lineCount / (tokenizeMs / 1000)).toFixed(0)} lines/s wall)`);
}
