// The candidate lists completion draws from: catalog commands and functions, macros, lookups,
// data model datasets and fields, and the fields known at a point of a search (the detection's
// data sources plus the fields produced earlier in the pipeline).
import * as path from 'path';
import { isSeq } from 'yaml';
import type { ContentIndex } from '../content';
import type { DataModelRegistry } from '../engine/datamodels';
import { dataModelFields } from '../engine/datamodels';
import { fileStemFromName } from '../schema/kind';
import type { Pipeline } from '../spl/ast';
import { builtinMacroSignatures } from '../spl/builtinMacros';
import { COMMANDS, findCommand } from '../spl/catalog/commands';
import { EVAL_FUNCTIONS } from '../spl/catalog/evalFunctions';
import { STATS_FUNCTIONS } from '../spl/catalog/statsFunctions';
import { aggregationOutputName } from '../spl/outputFields';
import type { DocumentModel } from './documentModel';
import { walkPipeline } from './splWalk';

export type CompletionKind = 'command' | 'function' | 'macro' | 'field' | 'keyword' | 'value' | 'lookup' | 'datamodel';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** One line shown next to the label (a syntax or signature). */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text to insert instead of the label; a snippet (`${1:x}`, `$1`) when `isSnippet`. */
  insertText?: string;
  isSnippet?: boolean;
  sortText?: string;
}

/** Everything completion may consult besides the document. All members are optional. */
export interface CompletionContext {
  index?: ContentIndex;
  /** Data models for `datamodel=` and tstats fields (the bundled CIM models when omitted). */
  dataModels?: DataModelRegistry;
  /** The detection's `data_source:` names; read from the document's YAML when omitted. */
  dataSources?: string[];
  /** The detection's filter macro stem (`<stem>_filter`); from the file name / `name:` when omitted. */
  detectionStem?: string;
}

const sortKey = (group: number, label: string) => `${group}_${label.toLowerCase()}`;

// ---------------------------------------------------------------- catalog

export function commandEntries(): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const c of COMMANDS) {
    const doc = c.description + (c.externalApp ? `\n\n_Provided by ${c.externalApp}._` : '');
    out.push({ label: c.name, kind: 'command', detail: c.syntax, documentation: doc, sortText: sortKey(0, c.name) });
    for (const a of c.aliases ?? []) {
      out.push({ label: a, kind: 'command', detail: c.syntax, documentation: `Alias of \`${c.name}\`. ${doc}`, sortText: sortKey(1, a) });
    }
  }
  return out;
}

export function evalFunctionEntries(): CompletionEntry[] {
  return EVAL_FUNCTIONS.map((f) => ({
    label: f.name,
    kind: 'function' as const,
    detail: f.signature,
    documentation: f.description,
    insertText: f.maxArgs === 0 ? `${f.name}()` : `${f.name}($1)`,
    isSnippet: true,
    sortText: sortKey(1, f.name),
  }));
}

const PERCENTILE_EXAMPLES: Record<string, string[]> = {
  perc: ['p50', 'p90', 'p95', 'p99', 'perc95'],
  exactperc: ['exactperc95'],
  upperperc: ['upperperc95'],
};

export function statsFunctionEntries(commandName: string): CompletionEntry[] {
  const chart = commandName === 'timechart' || commandName === 'chart';
  const out: CompletionEntry[] = [];
  for (const f of STATS_FUNCTIONS) {
    if (f.chartOnly && !chart) continue;
    const names = PERCENTILE_EXAMPLES[f.name] ?? [f.name, ...(f.aliases ?? []).filter((a) => a.length > 1)];
    for (const name of names) {
      const bare = f.minArgs === 0;
      out.push({
        label: name,
        kind: 'function',
        detail: f.signature,
        documentation: f.description,
        insertText: bare ? name : `${name}($1)`,
        isSnippet: !bare,
        sortText: sortKey(0, name),
      });
    }
  }
  return out;
}

/** `key=` entries for a command's options. */
export function optionEntries(commandName: string): CompletionEntry[] {
  const info = findCommand(commandName);
  return (info?.options ?? []).map((o) => ({
    label: `${o.name}=`,
    kind: 'keyword' as const,
    detail: `${info!.name} option`,
    documentation: o.doc,
    sortText: sortKey(4, o.name),
  }));
}

export function keywordEntries(words: string[], group = 3): CompletionEntry[] {
  return words.map((w) => ({ label: w, kind: 'keyword' as const, sortText: sortKey(group, w) }));
}

// ---------------------------------------------------------------- content

/** Filter-macro stems of the detection the document is: its file stem and the stem of its `name:`. */
export function detectionStemsOf(model: DocumentModel, ctx: CompletionContext): string[] {
  if (ctx.detectionStem) return [ctx.detectionStem];
  if (model.kind !== 'detection' && model.kind !== 'baseline') return [];
  const stems = [path.basename(model.file).replace(/\.ya?ml$/i, '')];
  try {
    const name = model.yaml?.doc.get('name');
    if (typeof name === 'string' && name.trim()) stems.push(fileStemFromName(name.trim()));
  } catch {
    // no usable name
  }
  return [...new Set(stems)];
}

export function macroEntries(model: DocumentModel, ctx: CompletionContext): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  const add = (name: string, args: string[], doc: string, group: number) => {
    const key = `${name}/${args.length}`;
    if (seen.has(key)) return;
    seen.add(key);
    const call = args.length ? `${name}(${args.join(', ')})` : name;
    out.push({
      label: name,
      kind: 'macro',
      detail: call,
      documentation: doc,
      insertText: args.length ? `${name}(${args.map((a, i) => `\${${i + 1}:${a.replace(/[$}\\]/g, '')}}`).join(', ')})` : name,
      isSnippet: args.length > 0,
      sortText: sortKey(group, name),
    });
  };
  for (const stem of detectionStemsOf(model, ctx)) {
    add(`${stem}_filter`, [], 'The filter macro of this detection (empty by default; used for local tuning).', 0);
  }
  for (const m of ctx.index?.macros.all() ?? []) {
    const doc = (m.description ? m.description + '\n\n' : '') + '```spl\n' + m.definition + '\n```';
    add(m.name, m.args, doc, 1);
  }
  for (const b of builtinMacroSignatures()) add(b.name, b.args, 'Built-in macro provided by a Splunk app (not defined in this repository).', 2);
  return out;
}

export function lookupEntries(ctx: CompletionContext): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (const l of ctx.index?.lookups.all() ?? []) {
    if (seen.has(l.name)) continue;
    seen.add(l.name);
    const doc = [l.description, l.header?.length ? `Columns: ${l.header.map((h) => `\`${h}\``).join(', ')}` : undefined]
      .filter(Boolean)
      .join('\n\n');
    out.push({ label: l.name, kind: 'lookup', detail: l.filename, documentation: doc || undefined, sortText: sortKey(0, l.name) });
  }
  return out;
}

/** Columns of a lookup by name or file name; undefined when unknown. */
export function lookupColumns(ctx: CompletionContext, name: string): string[] | undefined {
  const l = ctx.index?.lookup(name.replace(/^"|"$/g, ''));
  return l?.header?.length ? l.header : undefined;
}

// ---------------------------------------------------------------- data models

export function dataModelEntries(registry: DataModelRegistry): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const name of registry.names()) {
    const m = registry.get(name);
    if (!m) continue;
    out.push({ label: m.modelName, kind: 'datamodel', detail: m.displayName, documentation: m.description, sortText: sortKey(1, m.modelName) });
    for (const o of m.objects) {
      const label = `${m.modelName}.${o.objectName}`;
      out.push({
        label,
        kind: 'datamodel',
        detail: o.displayName ?? o.objectName,
        documentation: `Dataset \`${o.objectName}\` of the ${m.displayName ?? m.modelName} data model (${o.fields.length} fields).` +
          (o.comment ? `\n\n${o.comment}` : ''),
        sortText: sortKey(0, label),
      });
    }
  }
  return out;
}

/** Fields of `Model.Object` as tstats writes them (`Processes.process_name`). */
export function dataModelFieldNames(registry: DataModelRegistry, spec: string): string[] {
  return dataModelFields(spec.replace(/^["']|["']$/g, ''), registry);
}

// ---------------------------------------------------------------- fields

/** The `data_source:` names of the document (a detection or baseline), split at ` AND `. */
export function declaredDataSources(model: DocumentModel, ctx: CompletionContext): string[] {
  if (ctx.dataSources) return ctx.dataSources;
  const doc = model.yaml?.doc;
  if (!doc) return [];
  try {
    const node = doc.get('data_source');
    if (!isSeq(node)) return [];
    return node.toJSON().flatMap((v: unknown) => (typeof v === 'string' ? v.split(' AND ').map((s) => s.trim()) : []));
  } catch {
    return [];
  }
}

export function dataSourceFields(model: DocumentModel, ctx: CompletionContext): { field: string; source: string }[] {
  const out: { field: string; source: string }[] = [];
  for (const name of declaredDataSources(model, ctx)) {
    const ds = ctx.index?.dataSources.first(name);
    for (const f of ds?.fields ?? []) out.push({ field: f, source: name });
  }
  return out;
}

const NAMED_GROUP = /\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/g;

/**
 * Fields the pipeline produces or references before `before` (an SPL offset): eval targets,
 * rename targets, stats outputs and BY fields, lookup outputs, rex groups, inputlookup columns,
 * fields used in earlier clauses; `drop_dm_object_name(X)` adds the `X.`-less names.
 */
export function pipelineFields(pipeline: Pipeline, before: number, ctx: CompletionContext): string[] {
  const out = new Set<string>();
  const add = (f: string) => {
    if (f && !f.includes('*') && !/^__.*__$/.test(f)) out.add(f);
  };
  const before_ = pipeline.commands.filter((c) => c.range.start < before);
  const current = before_[before_.length - 1];
  for (const c of before_) {
    // Inside a stats-like command its own outputs (AS names, aggregations) do not exist yet.
    const own = c === current && c.kind === 'command' && c.body.kind === 'stats' ? c.body : undefined;
    const ownNames = new Set(own?.aggregations.flatMap((a) => (a.as ? [a.as.range.start] : [])) ?? []);
    walkPipeline({ ...pipeline, commands: [c] }, (item) => {
      if (item.kind === 'field' && item.range.end <= before && !ownNames.has(item.range.start)) add(item.name);
    });
    if (c.kind === 'macro') {
      if (c.name === 'drop_dm_object_name' && c.args.length === 1) {
        const prefix = c.args[0].text.replace(/^["']|["']$/g, '') + '.';
        for (const f of [...out]) if (f.startsWith(prefix)) add(f.slice(prefix.length));
      }
      continue;
    }
    const b = c.body;
    if (b.kind === 'stats' && !own) {
      for (const a of b.aggregations) if (!a.as) add(aggregationOutputName(a));
    } else if (b.kind === 'lookup' && b.table && !b.outputs.length) {
      const inputs = new Set(b.inputs.map((i) => i.field.name));
      for (const col of lookupColumns(ctx, b.table.name) ?? []) if (!inputs.has(col)) add(col);
    } else if (b.kind === 'rex' && b.regex && b.regex.range.end <= before) {
      for (const m of b.regex.value.matchAll(NAMED_GROUP)) add(m[1]);
    }
    if (c.name === 'inputlookup' && c.positional.length) {
      for (const col of lookupColumns(ctx, c.positional[0].text) ?? []) add(col);
    }
  }
  return [...out];
}

export function fieldEntries(
  produced: string[],
  fromSources: { field: string; source: string }[],
  exclude?: string,
): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  if (exclude) seen.add(exclude);
  for (const f of produced) {
    if (seen.has(f)) continue;
    seen.add(f);
    out.push({ label: f, kind: 'field', detail: 'field (earlier in the search)', sortText: sortKey(0, f) });
  }
  const sources = new Map<string, string[]>();
  for (const { field, source } of fromSources) sources.set(field, [...(sources.get(field) ?? []), source]);
  for (const [f, list] of sources) {
    if (seen.has(f)) continue;
    seen.add(f);
    out.push({ label: f, kind: 'field', detail: `field of ${list.join(', ')}`, sortText: sortKey(2, f) });
  }
  return out;
}

export function plainFieldEntries(fields: string[], detail: string, group = 0): CompletionEntry[] {
  return [...new Set(fields)].map((f) => ({ label: f, kind: 'field' as const, detail, sortText: sortKey(group, f) }));
}
