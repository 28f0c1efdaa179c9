// A detection rendered as Markdown the way the security_content project's published pages
// (research.splunk.com) show it: title, description, facts, ATT&CK, the search, macros, data
// sources, implementation notes, risk, references and test data. A pure function of the document
// model and the content index; sections the YAML does not have are left out.
import * as path from 'path';
import type { ContentIndex } from '../content';
import { type AttackIndex, attackAbout, fallbackTacticName } from '../schema/attack';
import { parseYaml as parseContentYaml } from '../schema/yamlSource';
import type { Generation } from '../schema/types';
import { builtinMacro } from '../spl/builtinMacros';
import { findCalls } from '../spl/expand';
import type { DocumentModel } from './documentModel';
import { cell, code, displayPath, fenced, fileLink, prose, table, urlLink } from './docPageMarkdown';
import { riskSection } from './docPageRisk';

export { v4RiskScore, severityOf } from './docPageRisk';

export interface DocPageOptions {
  /** MITRE ATT&CK index for technique names and tactics; without it only ids are shown. */
  attack?: AttackIndex;
  /** Content format generation of the repository (decides v4 `tags` risk vs v5 `rba:`). */
  generation: Generation;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? (v.trim() ? v : undefined) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map(str).filter((s): s is string => !!s);

/** "defense-evasion" → "Defense Evasion". */
export const tacticName = fallbackTacticName;

const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;

function attackUrl(id: string): string {
  return `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;
}

/** Reads the YAML of the document; a message (with the line) when it cannot be read. */
function readDetection(model: DocumentModel): { value: Obj } | { problems: string[] } {
  const parsed = model.contentYaml ?? parseContentYaml(model.text);
  const syntax = parsed.problems.filter((p) => p.kind === 'syntax');
  const lineOf = (offset: number) => model.lineIndex.positionAt(offset).line + 1;
  if (!parsed.doc || syntax.length) {
    const problems = syntax.map((p) => `Line ${lineOf(p.range.start)}: ${p.message.split('\n')[0]}`);
    return { problems: problems.length ? problems : ['The file could not be parsed as YAML.'] };
  }
  let value: unknown;
  try {
    value = parsed.doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { problems: [`The YAML could not be converted: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (!isObj(value)) return { problems: ['The file is not a YAML mapping of detection keys.'] };
  return { value };
}

function brokenPage(model: DocumentModel, problems: string[]): string {
  const stem = path.basename(model.file).replace(/\.ya?ml$/i, '');
  return [
    `# ${prose(stem)}`,
    '',
    '**The documentation cannot be shown: the YAML could not be read.**',
    '',
    ...problems.slice(0, 10).map((p) => `- ${prose(p)}`),
    ...(problems.length > 10 ? [`- … and ${problems.length - 10} more`] : []),
    '',
    'Fix the YAML and the preview updates.',
  ].join('\n');
}

function factsLine(d: Obj, tags: Obj): string[] {
  const parts = (pairs: [string, string | undefined][]) =>
    pairs.filter((p): p is [string, string] => !!p[1]).map(([k, v]) => `**${k}:** ${v}`).join(' · ');
  const products = strings(tags.product);
  const first = parts([
    ['Type', str(d.type) && prose(str(d.type)!)],
    ['Status', str(d.status) && prose(str(d.status)!)],
    [products.length > 1 ? 'Products' : 'Product', products.length ? products.map(prose).join(', ') : undefined],
  ]);
  const second = parts([
    ['Date', str(d.date) && prose(str(d.date)!)],
    ['Author', str(d.author) && prose(str(d.author)!)],
    ['ID', str(d.id) && code(str(d.id)!)],
    ['Version', str(d.version) && prose(str(d.version)!)],
  ]);
  return [first, second].filter(Boolean).map((l, i, all) => (i < all.length - 1 ? l + '  ' : l));
}

function attackSection(ids: string[], attack: AttackIndex | undefined): string[] {
  if (!ids.length) return [];
  // Only well-formed technique ids become links; anything else is shown escaped and flagged.
  const link = (id: string) => (TECHNIQUE_ID.test(id) ? `[${id}](${attackUrl(id)})` : `${cell(id)} ⚠ _not an ATT&CK technique id_`);
  if (!attack) {
    return [
      table(['ID'], ids.map((id) => [link(id)])),
      '',
      '_Technique names and tactics: set `detectionWorkbench.attack.file` to MITRE\'s `enterprise-attack.json`._',
    ];
  }
  const rows = ids.map((id) => {
    const t = attack.get(id);
    if (!t) return [link(id), '_not in the ATT&CK file_', '—'];
    const notes = [t.revoked ? `revoked${t.replacedBy ? `, replaced by ${t.replacedBy}` : ''}` : '', t.deprecated ? 'deprecated' : '']
      .filter(Boolean)
      .join('; ');
    return [link(id), cell(t.name) + (notes ? ` ⚠ _${notes}_` : ''), cell(t.tactics.map((x) => attack.tacticName(x)).join(', ') || '—')];
  });
  const about = attackAbout(attack);
  return [table(['ID', 'Technique', 'Tactic'], rows), ...(about ? ['', `_${about}._`] : [])];
}

interface MacroUse {
  label: string;
  name: string;
  argCount: number;
  depth: number;
}

/** Macro calls of the search and, indented, those their definitions call (each once). */
function macroUses(search: string, index: ContentIndex): MacroUse[] {
  const out: MacroUse[] = [];
  const seen = new Set<string>();
  const visit = (text: string, depth: number) => {
    for (const call of findCalls(text)) {
      const key = `${call.name}/${call.args.length}`;
      if (seen.has(key) || out.length >= 100) continue;
      seen.add(key);
      const label = `${call.name}${call.args.length ? `(${call.args.join(', ')})` : ''}`;
      out.push({ label, name: call.name, argCount: call.args.length, depth });
      const def = index.macro(call.name, call.args.length);
      if (def && depth < 8) visit(def.definition, depth + 1);
    }
  };
  visit(search, 0);
  return out;
}

function macroSection(search: string, index: ContentIndex): string[] {
  return macroUses(search, index).map((m) => {
    const indent = '  '.repeat(m.depth);
    const entry = index.macro(m.name, m.argCount);
    if (entry) {
      const where = fileLink(`${displayPath(entry.file, entry.root)}:${entry.line + 1}`, entry.file, entry.line);
      const about = entry.description ? ` — ${prose(entry.description.replace(/\s+/g, ' ').trim())}` : '';
      return `${indent}- ${code(m.label)} — ${where}${about}`;
    }
    if (builtinMacro(m.name, m.argCount)) {
      const what = /_filter$/.test(m.name) ? 'the detection\'s filter macro, created on deployment' : 'provided by a Splunk app';
      return `${indent}- ${code(m.label)} — built-in (${what})`;
    }
    const counts = index.macroArgCounts(m.name);
    return `${indent}- ${code(m.label)} — ⚠ ${counts ? `defined with ${counts.join(' or ')} argument(s), not ${m.argCount}` : 'not defined in the indexed content'}`;
  });
}

function dataSourceSection(names: string[], index: ContentIndex): string[] {
  return names.map((name) => {
    const ds = index.dataSources.first(name);
    if (!ds) return `- ${prose(name)} — ⚠ not found in data_sources/`;
    const details = [ds.source && `source ${code(ds.source)}`, ds.sourcetype && `sourcetype ${code(ds.sourcetype)}`].filter(Boolean);
    return `- ${fileLink(name, ds.file, ds.line)}${details.length ? ` — ${details.join(', ')}` : ''}`;
  });
}

function storySection(names: string[], index: ContentIndex): string[] {
  return names.map((name) => {
    const story = index.stories.first(name);
    return story ? `- ${fileLink(name, story.file, story.line)}` : `- ${prose(name)}`;
  });
}

function testDataSection(tests: unknown): string[] {
  const out: string[] = [];
  for (const t of Array.isArray(tests) ? tests : []) {
    if (!isObj(t)) continue;
    const items = (Array.isArray(t.attack_data) ? t.attack_data : []).filter(isObj);
    if (!items.length) continue;
    const testName = str(t.name);
    if (testName) out.push(`- **${prose(testName)}**`);
    for (const a of items) {
      const data = str(a.data);
      if (!data) continue;
      const details = [str(a.source) && `source ${code(str(a.source)!)}`, str(a.sourcetype) && `sourcetype ${code(str(a.sourcetype)!)}`].filter(Boolean);
      out.push(`${testName ? '  ' : ''}- ${urlLink(data)}${details.length ? ` — ${details.join(', ')}` : ''}`);
    }
  }
  return out;
}

/** The documentation page of a detection (or baseline) as Markdown. Never throws. */
export function documentationPage(model: DocumentModel, index: ContentIndex, options: DocPageOptions): string {
  const read = readDetection(model);
  if ('problems' in read) return brokenPage(model, read.problems);
  const d = read.value;
  const tags = isObj(d.tags) ? d.tags : {};
  const out: string[] = [];
  const section = (title: string, body: string[]) => {
    const lines = body.filter((l, i) => l !== '' || (i > 0 && i < body.length - 1));
    if (lines.some((l) => l.trim())) out.push('', `## ${title}`, '', ...lines);
  };
  const paragraph = (v: unknown) => (str(v) ? [prose(str(v)!.trim())] : []);

  const name = str(d.name) ?? path.basename(model.file).replace(/\.ya?ml$/i, '');
  out.push(`# ${prose(name)}`);
  const facts = factsLine(d, tags);
  if (facts.length) out.push('', ...facts);
  if (str(d.description)) out.push('', prose(str(d.description)!.trim()));

  section('MITRE ATT&CK', attackSection(strings(tags.mitre_attack_id), options.attack));
  const phases = strings(tags.kill_chain_phases);
  if (phases.length) section('Kill Chain Phase', phases.map((p) => `- ${prose(p)}`));
  const nist = strings(tags.nist);
  const cis = strings(tags.cis20);
  section('Frameworks', [...(nist.length ? [`**NIST:** ${nist.map(prose).join(', ')}`] : []), ...(cis.length ? [`**CIS:** ${cis.map(prose).join(', ')}`] : [])].flatMap((l, i) => (i ? ['', l] : [l])));
  section('Analytic Stories', storySection(strings(tags.analytic_story), index));

  const search = typeof d.search === 'string' ? d.search : undefined;
  if (search?.trim()) {
    section('Search', [fenced('spl', search)]);
    section('Macros', macroSection(search, index));
  }
  section('Data Sources', dataSourceSection(strings(d.data_source), index));
  section('Required Fields', strings(tags.required_fields).map((f) => `- ${code(f)}`));
  section('How To Implement', paragraph(d.how_to_implement));
  section('Known False Positives', paragraph(d.known_false_positives));
  section('Risk-Based Alerting', riskSection(d, options.generation));
  section('References', strings(d.references).map((r) => `- ${urlLink(r)}`));
  section('Test Datasets', testDataSection(d.tests));
  return out.join('\n') + '\n';
}
