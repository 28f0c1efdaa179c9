// Formatting checks used by scripts/conformance/navigation.ts: the SPL formatter is idempotent and
// keeps the parse tree; the YAML edit loads back (js-yaml and YAML 1.1) and formats to itself.
import { spawnSync } from 'child_process';
import { createDocumentModel } from '../../server/src/analysis/documentModel';
import { formatDocumentSearch } from '../../server/src/analysis/formatSearch';
import { formatSpl } from '../../server/src/spl/format';
import { parseSpl } from '../../server/src/spl/parse';
import { treeShape } from '../../server/src/spl/treeShape';

export function checkSearchFormatting(search: string): { changed: boolean; problems: string[] } {
  const problems: string[] = [];
  const once = formatSpl(search);
  if ('error' in once) return { changed: false, problems: parseSpl(search).errors.length ? [] : [once.error] };
  const twice = formatSpl(once.text);
  if ('error' in twice || twice.text !== once.text) problems.push('not idempotent');
  if (treeShape(once.text, parseSpl(once.text)) !== treeShape(search, parseSpl(search))) problems.push('parse tree changed');
  return { changed: once.text !== search, problems };
}

export function checkYamlSearchFormatting(file: string, text: string): { refused?: string; problems: string[]; formatted?: string } {
  const model = createDocumentModel(file, text);
  const r = formatDocumentSearch(model);
  if (r.error) return { refused: r.error.replace(/\(.*\)/, '(…)'), problems: [] };
  let out = text;
  for (const e of [...r.edits].sort((a, b) => b.range.start - a.range.start)) {
    out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  }
  const again = formatDocumentSearch(createDocumentModel(file, out));
  const problems: string[] = [];
  if (again.error) problems.push(`formatted file refused: ${again.error}`);
  else if (again.edits.length) problems.push('YAML formatting not idempotent');
  return { problems, formatted: out };
}

/**
 * The `search:` of each YAML text as PyYAML's `safe_load` (what contentctl uses) reads it, when
 * python3 with PyYAML is installed (undefined otherwise). An entry is `{ error }` for a file
 * PyYAML rejects.
 */
export function searchesByPyYaml(texts: string[]): (string | null | { error: string })[] | undefined {
  const program = [
    'import sys, json, yaml',
    'out = []',
    'for t in json.load(sys.stdin):',
    '    try:',
    '        d = yaml.safe_load(t)',
    "        out.append(d.get('search') if isinstance(d, dict) else None)",
    '    except Exception as e:',
    "        out.append({'error': str(e)[:300]})",
    'json.dump(out, sys.stdout)',
  ].join('\n');
  const r = spawnSync('python3', ['-c', program], { input: JSON.stringify(texts), maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return JSON.parse(r.stdout);
}
