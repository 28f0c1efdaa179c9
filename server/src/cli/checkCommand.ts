// `detection-workbench check [PATH ...]`: checks a content repository (or files inside one) with
// the same rules as the editor: YAML syntax, SPL, schema (single-file and cross-file).
import * as fs from 'fs';
import * as path from 'path';
import { standardProviders } from '../analysis/checkProviders';
import { diagnoseDocument, DocumentDiagnostic } from '../analysis/diagnose';
import { createDocumentModel } from '../analysis/documentModel';
import { ContentIndex, isContentRoot, KIND_FOLDERS, kindOfRelativePath, listFiles, readContentFile } from '../content';
import { loadAttackIndex } from '../schema';
import { loadBundledAttackSnapshot } from '../schema/attackSnapshot';
import { LineIndex } from '../yaml';
import { parseArgs, stringOption, UsageError } from './args';
import { CliCommand } from './command';
import { EXIT } from './io';

export interface CheckFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: DocumentDiagnostic['severity'];
  code: string;
  message: string;
}

/** The content root holding `p`: the nearest folder (p itself or an ancestor) that holds detections/ etc. */
export function findRepositoryRoot(p: string): string | undefined {
  let dir = fs.statSync(p).isDirectory() ? p : path.dirname(p);
  for (;;) {
    if (isContentRoot(dir)) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function contentFilesUnder(root: string, target: string): string[] {
  const all = Object.values(KIND_FOLDERS).flatMap((f) => listFiles(path.join(root, f), /\.ya?ml$/i));
  if (path.resolve(target) === root) return all;
  const t = path.resolve(target);
  return all.filter((f) => f === t || f.startsWith(t + path.sep));
}

export async function checkPaths(
  targets: string[],
  options: { generation: 'auto' | 'v4' | 'v5'; attackFile?: string },
): Promise<{ root: string; findings: CheckFinding[]; files: number }[]> {
  const byRoot = new Map<string, Set<string>>();
  for (const t of targets) {
    if (!fs.existsSync(t)) throw new UsageError(`no such file or folder: ${t}`);
    const root = findRepositoryRoot(path.resolve(t));
    if (!root) throw new UsageError(`${t} is not inside a content repository (no detections/, macros/, stories/ or data_sources/ folder above it)`);
    const set = byRoot.get(root) ?? new Set<string>();
    for (const f of contentFilesUnder(root, t)) set.add(f);
    byRoot.set(root, set);
  }
  // As in the editor: without --attack, the ATT&CK snapshot bundled with the extension.
  const attack = options.attackFile ? loadAttackIndex(options.attackFile) : loadBundledAttackSnapshot();
  if (options.attackFile && !attack) throw new UsageError(`could not read the ATT&CK bundle ${options.attackFile}`);
  const results = [];
  for (const [root, files] of byRoot) {
    // Each file is read once: the index and the checks share the text.
    const texts = new Map<string, string>();
    const unreadable = new Map<string, { problem: string; line?: number }>();
    const read = (file: string): string | undefined => {
      let text = texts.get(file);
      if (text === undefined && !unreadable.has(file)) {
        // Regular UTF-8 files only; anything else becomes a finding on that file (below).
        const r = readContentFile(root, file);
        if (!r.ok) {
          unreadable.set(file, r);
          return undefined;
        }
        text = r.text;
        texts.set(file, text);
      }
      return text;
    };
    const index = new ContentIndex();
    index.buildSync([root], read);
    const providers = standardProviders(index, () => options.generation, { attack });
    const findings: CheckFinding[] = [];
    for (const file of [...files].sort()) {
      if (!kindOfRelativePath(path.relative(root, file))) continue;
      const text = read(file);
      if (text === undefined) {
        const why = unreadable.get(file);
        const line = why?.line ?? 1;
        findings.push({
          file: path.relative(root, file).split(path.sep).join('/'),
          line, column: 1, endLine: line, endColumn: 1,
          severity: 'error',
          code: 'dw.file.unreadable',
          message: `${why?.problem.replace(file, 'this file').replace(/; skipped$/, '') ?? 'cannot read this file'}; it was not checked`,
        });
        continue;
      }
      const model = createDocumentModel(file, text);
      const lines: LineIndex = model.lineIndex;
      for (const d of diagnoseDocument(model, providers)) {
        const s = lines.positionAt(d.range.start);
        const e = lines.positionAt(d.range.end);
        findings.push({
          file: path.relative(root, file).split(path.sep).join('/'),
          line: s.line + 1,
          column: s.character + 1,
          endLine: e.line + 1,
          endColumn: e.character + 1,
          severity: d.severity,
          code: d.code,
          message: d.message,
        });
      }
    }
    results.push({ root, findings, files: files.size });
  }
  return results;
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'check a content repository: YAML, SPL and schema rules, as the editor does',
  usage: 'detection-workbench check [PATH ...] [--format text|json] [--generation auto|v4|v5] [--attack FILE]',
  async run(argv, io) {
    const args = parseArgs(argv, {
      format: { value: true, choices: ['text', 'json'] },
      generation: { value: true, choices: ['auto', 'v4', 'v5'] },
      attack: { value: true },
    });
    const targets = args.positionals.length ? args.positionals.map((p) => path.resolve(io.cwd, p)) : [io.cwd];
    const started = performance.now();
    const results = await checkPaths(targets, {
      generation: (stringOption(args, 'generation') as 'auto' | 'v4' | 'v5') ?? 'auto',
      attackFile: stringOption(args, 'attack') && path.resolve(io.cwd, stringOption(args, 'attack')!),
    });
    const findings = results.flatMap((r) => r.findings);
    const errors = findings.filter((f) => f.severity === 'error').length;
    if (stringOption(args, 'format') === 'json') {
      io.out(JSON.stringify(findings, null, 2) + '\n');
    } else {
      for (const f of findings) io.out(`${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code} ${f.message}\n`);
      const count = (s: string) => findings.filter((f) => f.severity === s).length;
      const files = results.reduce((n, r) => n + r.files, 0);
      io.out(
        `${files} file(s) checked in ${((performance.now() - started) / 1000).toFixed(2)} s: ` +
          `${errors} error(s), ${count('warning')} warning(s), ${count('information')} information\n`,
      );
    }
    return errors > 0 ? EXIT.findings : EXIT.ok;
  },
};
