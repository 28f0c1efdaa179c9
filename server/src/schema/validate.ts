// validateFile: every schema rule for one content file. Never throws.

import { isMap } from 'yaml';
import { checkRoot, type ShapeContext } from './checkShape';
import { checkDataSourceFields, checkDataSources, checkDuplicates, checkLookupFiles, checkLookupRefs, checkMacros, checkStories } from './crossRules';
import { checkDetection } from './detectionRules';
import { baseName, dirName, expectedFileName, kindFromPath, normalizePath } from './kind';
import { describe, getNode, getString, rangeOf, requote, type YNode } from './nodes';
import { Reporter } from './report';
import type { SchemaDiagnostic, SchemaFix, ValidateInput } from './types';
import { parseYaml } from './yamlSource';

export function validateFile(input: ValidateInput): SchemaDiagnostic[] {
  const generation = input.generation ?? 'v5';
  try {
    return validateUnsafe(input, generation);
  } catch (e) {
    // a bug in a rule must not take the editor down: report it instead
    return [{ code: 'dw.schema.internal', severity: 'information', message: `Schema check failed: ${e instanceof Error ? e.message : String(e)}`, range: { start: 0, end: 0 } }];
  }
}

function validateUnsafe(input: ValidateInput, generation: 'v4' | 'v5'): SchemaDiagnostic[] {
  const path = normalizePath(input.path);
  const kind = input.kind ?? kindFromPath(path);
  if (!kind) return [];
  const text = input.text;
  const early = new Reporter(generation);

  if (text.indexOf('\u0000') >= 0) {
    early.add('binary-file', { start: 0, end: 0 }, 'This file contains NUL bytes; it is not a YAML text file.');
    return early.diagnostics;
  }
  if (!/\S/.test(text.replace(/^\s*#.*$/gm, ''))) {
    early.add('empty-file', { start: 0, end: Math.min(text.length, 1) }, 'The file is empty or holds only comments.');
    return early.diagnostics;
  }

  const parsed = input.parsed ?? parseYaml(text);
  const rep = new Reporter(generation, parsed.toOriginal);
  for (const p of parsed.problems) {
    if (p.kind === 'compat') {
      rep.addOriginal('yaml-compat', p.range, p.message, { fix: [{ kind: 'insert', title: 'Indent this line', offset: p.range.start, text: p.insert ?? ' ' }] });
    } else {
      rep.addOriginal('yaml-syntax', p.range.end > p.range.start ? p.range : { start: p.range.start, end: Math.min(text.length, p.range.start + 1) }, p.message);
    }
  }
  const up = text.indexOf('__UPDATE__');
  if (up >= 0) rep.addOriginal('update-placeholder', { start: up, end: up + 10 }, 'Replace __UPDATE__ (left by `contentctl new`) with a real value.');

  const doc = parsed.doc;
  if (!doc) return rep.diagnostics;
  const root = doc.contents;
  if (!isMap(root)) {
    // syntax errors already explain broken files
    if (parsed.problems.some((p) => p.kind === 'syntax')) return rep.diagnostics;
    rep.add('wrong-type', rangeOf(root, { start: 0, end: Math.min(text.length, 1) }), `A ${kind.replace('_', ' ')} file must be a mapping of keys (name: …, id: …), but it is ${describe(root)}.`);
    return rep.diagnostics;
  }
  const ctx = input.context ?? {};
  const s: ShapeContext = { kind, rep, text: parsed.text, root, ctx };
  checkRoot(s);
  checkFileName(s, path);
  if (kind === 'detection') {
    checkDetection(s);
    checkStories(s);
    checkDataSources(s);
    checkDataSourceFields(s);
    checkMacros(s);
    checkLookupRefs(s);
  } else if (kind === 'baseline') {
    checkStories(s);
    checkDataSources(s);
    checkMacros(s);
    checkLookupRefs(s);
  } else if (kind === 'lookup') {
    checkLookupFiles(s, path);
  }
  checkDuplicates(s, path);
  return rep.diagnostics;
}

/** The `name` a file name stands for (`my_detection.yml` → `My Detection`), as a replace fix. */
function nameFromFileFix(node: YNode, fileName: string): SchemaFix[] {
  if (!node) return [];
  const stem = fileName.replace(/\.ya?ml$/i, '');
  if (!/^[a-z0-9_]+$/.test(stem)) return [];
  const name = stem
    .split('_')
    .filter((w) => w)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
  return [{ kind: 'replace', title: `Change name to "${name}"`, range: rangeOf(node), text: requote(node, name) }];
}

/** R-FILE: file name derived from `name`. */
function checkFileName(s: ShapeContext, path: string): void {
  const name = getString(s.root, 'name');
  if (!name) return;
  const expected = expectedFileName(name);
  const actual = baseName(path);
  if (actual === expected) return;
  const dir = dirName(path);
  s.rep.add('file-name', rangeOf(getNode(s.root, 'name')), `The file name must be derived from \`name\`: expected ${expected}, found ${actual}.`, {
    fix: [
      { kind: 'rename-file', title: `Rename the file to ${expected}`, newPath: (dir ? dir + '/' : '') + expected },
      ...nameFromFileFix(getNode(s.root, 'name'), actual),
    ],
  });
}
