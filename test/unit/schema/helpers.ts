// Test helpers: load a fixture repository, build its context, validate one (optionally edited) file.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { schemaContextFor } from '../../../server/src/analysis/schemaContext';
import { ContentIndex } from '../../../server/src/content';
import { validateFile, type Generation, type SchemaContext, type SchemaDiagnostic } from '../../../server/src/schema';

export const FIXTURES = path.join(__dirname, 'fixtures');

export interface Repo {
  root: string;
  files: Map<string, string>;
  generation: Generation;
}

function walk(dir: string, base: string, out: Map<string, string>): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, base, out);
    else out.set(path.relative(base, p).split(path.sep).join('/'), fs.readFileSync(p, 'utf8'));
  }
}

export function loadRepo(name: 'repo-v4' | 'repo-v5'): Repo {
  const root = path.join(FIXTURES, name);
  const files = new Map<string, string>();
  walk(root, root, files);
  return { root, files, generation: name === 'repo-v4' ? 'v4' : 'v5' };
}

/**
 * Context over the repo — the content index the server and CLI use, over the fixture folder —
 * with `overrides` applied to file contents (undefined deletes a file).
 */
export function contextOf(repo: Repo, overrides: Record<string, string | undefined> = {}, extra: Partial<SchemaContext> = {}): SchemaContext {
  const files = new Map(repo.files);
  const index = new ContentIndex();
  index.buildSync([repo.root]);
  for (const [k, v] of Object.entries(overrides)) {
    const abs = path.join(repo.root, ...k.split('/'));
    if (v === undefined) {
      files.delete(k);
      index.removeFile(abs);
    } else {
      files.set(k, v);
      if (k.endsWith('.yml')) index.updateFile(abs, v);
    }
  }
  const ctx = schemaContextFor(index, repo.root, { today: '2026-01-01' });
  return { ...ctx, fileExists: (p) => files.has(p), readText: (p) => files.get(p), ...extra };
}

/** Replaces `from` (must occur) by `to` in text. */
export function edit(text: string, from: string | RegExp, to: string): string {
  if (typeof from === 'string') assert.ok(text.includes(from), `fixture does not contain ${JSON.stringify(from)}`);
  else assert.ok(from.test(text), `fixture does not match ${from}`);
  return text.replace(from, to);
}

export interface CheckOptions {
  /** Edits applied to the file before validation. */
  edits?: Array<[string | RegExp, string]>;
  /** Replace the whole text. */
  text?: string;
  /** Validate under another path. */
  path?: string;
  context?: SchemaContext | null;
  generation?: Generation;
}

export function check(repo: Repo, file: string, o: CheckOptions = {}): { diags: SchemaDiagnostic[]; text: string } {
  let text = o.text ?? repo.files.get(file);
  assert.ok(text !== undefined, `no fixture ${file}`);
  for (const [a, b] of o.edits ?? []) text = edit(text, a, b);
  const context = o.context === null ? undefined : (o.context ?? contextOf(repo, { [file]: text }));
  const diags = validateFile({ text, path: o.path ?? file, generation: o.generation ?? repo.generation, context });
  return { diags, text };
}

export const codes = (ds: SchemaDiagnostic[]) => ds.map((d) => d.code.replace('dw.schema.', ''));

export function only(ds: SchemaDiagnostic[], code: string): SchemaDiagnostic[] {
  return ds.filter((d) => d.code === 'dw.schema.' + code);
}

/** Asserts exactly one diagnostic of `code` and returns it. */
export function one(ds: SchemaDiagnostic[], code: string): SchemaDiagnostic {
  const hits = only(ds, code);
  assert.strictEqual(hits.length, 1, `expected one ${code}, got ${JSON.stringify(ds.map((d) => [d.code, d.message]), null, 1)}`);
  return hits[0];
}

export const textAt = (text: string, d: { range: { start: number; end: number } }) => text.slice(d.range.start, d.range.end);

/** Applies a replace/insert fix to text. */
export function applyFix(text: string, d: SchemaDiagnostic, i = 0): string {
  const f = d.fix?.[i];
  assert.ok(f, 'diagnostic has no fix');
  if (f.kind === 'replace') return text.slice(0, f.range.start) + f.text + text.slice(f.range.end);
  if (f.kind === 'insert') return text.slice(0, f.offset) + f.text + text.slice(f.offset);
  throw new Error('fix is not a text edit: ' + f.kind);
}
