// Rules that need the repository index (SchemaContext): references to stories, data sources,
// macros and lookups; duplicate ids and names; lookup data files.

import { isMap } from 'yaml';
import type { ShapeContext } from './checkShape';
import { lineOf, occurrenceIndex } from './detectionRules';
import { baseName, dirName, normalizePath } from './kind';
import { findInScalarSource, getNode, getPair, getString, keyRange, rangeOf, requote, stringItems, type YNode } from './nodes';
import { isIgnoredMacro, lookupRefs, macroCalls } from './searchRefs';
import { suggest } from './suggest';
import type { NameLookup, Range } from './types';
import { parseCsvShape } from './csvShape';

function referenceFix(node: YNode, sugg: string[], r: Range) {
  return sugg.map((x) => ({ kind: 'replace' as const, title: `Change to "${x}"`, range: r, text: requote(node, x) }));
}

function suggestFrom(name: string, lookup: NameLookup | undefined): string[] {
  return lookup ? suggest(name, lookup.names(), 3) : [];
}

/** tags.analytic_story: known story names, no duplicates. */
export function checkStories(s: ShapeContext): void {
  const tags = getNode(s.root, 'tags');
  if (!isMap(tags)) return;
  const items = stringItems(getNode(tags, 'analytic_story'));
  const seen = new Set<string>();
  for (const it of items) {
    const r = rangeOf(it.node);
    if (seen.has(it.value)) {
      s.rep.add('duplicate-entry', r, `Duplicate story "${it.value}" in tags.analytic_story.`, {
        fix: [{ kind: 'replace', title: `Remove the duplicate "${it.value}"`, range: lineOf(s.text, r), text: '' }],
      });
    }
    seen.add(it.value);
    const stories = s.ctx.stories;
    if (stories && !stories.has(it.value)) {
      const sugg = suggestFrom(it.value, stories);
      s.rep.add('unknown-story', r, `Unknown analytic story "${it.value}"${sugg.length ? `; did you mean "${sugg[0]}"?` : ' (no story in stories/ has this name).'}`, { suggestions: sugg, fix: referenceFix(it.node, sugg, r) });
    }
  }
}

/** data_source entries, each split on AND, must name data sources. */
export function checkDataSources(s: ShapeContext): void {
  const ds = s.ctx.dataSources;
  if (!ds) return;
  for (const it of stringItems(getNode(s.root, 'data_source'))) {
    const parts = it.value.split('AND').map((p) => p.trim()).filter((p) => p.length > 0);
    for (const p of parts) {
      if (ds.has(p)) continue;
      const r = parts.length === 1 ? rangeOf(it.node) : findInScalarSource(s.text, it.node, p) ?? rangeOf(it.node);
      const sugg = suggestFrom(p, ds);
      s.rep.add('unknown-data-source', r, `Unknown data source "${p}"${sugg.length ? `; did you mean "${sugg[0]}"?` : ' (no data source in data_sources/ has this name).'}`, {
        suggestions: sugg,
        fix: parts.length === 1 ? referenceFix(it.node, sugg, r) : sugg.map((x) => ({ kind: 'replace' as const, title: `Change to "${x}"`, range: r, text: x })),
      });
    }
  }
}

/** R-DSFIELDS (v5.2+): production, not Hunting/Correlation: every output_field of each data source appears in the search. */
export function checkDataSourceFields(s: ShapeContext): void {
  const of = s.ctx.dataSourceOutputFields;
  const search = getString(s.root, 'search');
  const type = getString(s.root, 'type');
  if (!of || search === undefined || getString(s.root, 'status') !== 'production' || type === 'Hunting' || type === 'Correlation') return;
  const seen = new Set<string>();
  for (const it of stringItems(getNode(s.root, 'data_source'))) {
    for (const p of it.value.split('AND').map((x) => x.trim())) {
      if (seen.has(p)) continue;
      seen.add(p);
      const missing = (of(p) ?? []).filter((f) => !search.includes(f));
      if (missing.length) s.rep.add('data-source-fields', rangeOf(it.node), `Data source "${p}" has output fields [${missing.join(', ')}] that are not present in the search.`);
    }
  }
}

/** Macros used by the search: defined, and called with a defined argument count. */
export function checkMacros(s: ShapeContext): void {
  const argCounts = s.ctx.macroArgCounts;
  if (!argCounts) return;
  const search = getString(s.root, 'search');
  const node = getNode(s.root, 'search');
  if (search === undefined) return;
  const names = s.ctx.macroNames ? [...s.ctx.macroNames()] : [];
  for (const c of macroCalls(search)) {
    const counts = argCounts(c.name);
    const locate = () => findInScalarSource(s.text, node, c.token, occurrenceIndex(search, c.token, c.offset)) ?? rangeOf(node);
    if (!counts) {
      if (c.name.endsWith('_filter') || isIgnoredMacro(c.name)) continue;
      const r = locate();
      const sugg = suggest(c.name, names, 3);
      const inner = { start: r.start + 1, end: r.start + 1 + c.name.length };
      s.rep.add('unknown-macro', inner.end <= r.end ? inner : r, `Unknown macro \`${c.name}\`${sugg.length ? `; did you mean \`${sugg[0]}\`?` : ' (not defined in macros/).'}`, {
        suggestions: sugg,
        fix: inner.end <= r.end ? sugg.map((x) => ({ kind: 'replace' as const, title: `Change to ${x}`, range: inner, text: x })) : undefined,
      });
    } else if (!counts.includes(c.argCount)) {
      s.rep.add('macro-args', locate(), `Macro \`${c.name}\` takes ${counts.join(' or ')} argument${counts.length === 1 && counts[0] === 1 ? '' : 's'}, but is called with ${c.argCount}.`);
    }
  }
}

/** Lookups used by the search must be defined in lookups/ (contentctl's regexes and ignore list). */
export function checkLookupRefs(s: ShapeContext): void {
  const lookups = s.ctx.lookups;
  if (!lookups) return;
  const search = getString(s.root, 'search');
  const node = getNode(s.root, 'search');
  if (search === undefined) return;
  const reported = new Set<string>();
  for (const ref of lookupRefs(search)) {
    if (lookups.has(ref.name) || reported.has(ref.name)) continue;
    reported.add(ref.name);
    // the name is followed by ".csv" when a file name was used
    const dotted = search.slice(ref.offset).match(/^\w+(\.\w+)?/)?.[0] ?? ref.name;
    const r = findInScalarSource(s.text, node, dotted, occurrenceIndex(search, dotted, ref.offset)) ?? rangeOf(node);
    const sugg = suggestFrom(ref.name, lookups);
    const fileHint = dotted !== ref.name ? ` ("${dotted}" is a file name; contentctl resolves it as "${ref.name}", which lookups/ does not define)` : '';
    s.rep.add('unknown-lookup', r, `Unknown lookup "${ref.name}"${fileHint}${sugg.length ? `; did you mean "${sugg[0]}"?` : '.'}`, { suggestions: sugg });
  }
}

/** id and name must be unique across all content. */
export function checkDuplicates(s: ShapeContext, path: string): void {
  const me = normalizePath(path);
  const idNode = getNode(s.root, 'id');
  const id = getString(s.root, 'id');
  if (id && s.ctx.idOwners) {
    const others = s.ctx.idOwners(id).map(normalizePath).filter((p) => p !== me);
    if (others.length) s.rep.add('duplicate-id', rangeOf(idNode), `Duplicate id ${id}: also used by ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}.`, { fix: [{ kind: 'new-uuid', title: 'Generate a new UUID', range: rangeOf(idNode) }] });
  }
  const name = getString(s.root, 'name');
  if (name && s.ctx.nameOwners) {
    const others = s.ctx.nameOwners(name).map(normalizePath).filter((p) => p !== me);
    if (others.length) s.rep.add('duplicate-name', rangeOf(getNode(s.root, 'name')), `Duplicate name "${name}": also used by ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}.`);
  }
}

/** Lookup YAML: its data file exists (v4: `filename`; v5: <stem>.csv / __mlspl_<stem>.mlmodel) and CSV rows are consistent. */
export function checkLookupFiles(s: ShapeContext, path: string): void {
  const p = normalizePath(path);
  const dir = dirName(p);
  const stem = baseName(p).replace(/\.ya?ml$/i, '');
  const exists = s.ctx.fileExists;
  let csvPath: string | undefined;
  let anchor: Range = rangeOf(getNode(s.root, 'name'));
  if (s.rep.generation === 'v4') {
    const fnNode = getNode(s.root, 'filename');
    const fn = getString(s.root, 'filename');
    if (!fn) return;
    anchor = rangeOf(fnNode);
    const target = (dir ? dir + '/' : '') + fn;
    if (exists && !exists(target)) {
      s.rep.add('lookup-file', anchor, `Lookup file "${fn}" does not exist next to this YAML (${target}).`);
      return;
    }
    if (/\.csv$/i.test(fn)) csvPath = target;
  } else {
    const type = getString(s.root, 'lookup_type');
    const typePair = getPair(s.root, 'lookup_type');
    if (typePair) anchor = keyRange(typePair);
    if (type === 'csv') {
      csvPath = (dir ? dir + '/' : '') + stem + '.csv';
      if (exists && !exists(csvPath)) {
        s.rep.add('lookup-file', anchor, `A csv lookup needs the file ${stem}.csv next to ${baseName(p)}.`);
        return;
      }
    } else if (type === 'mlmodel') {
      if (!stem.startsWith('__mlspl_')) s.rep.add('lookup-file', anchor, `An mlmodel lookup's file name must start with "__mlspl_" (it is ${baseName(p)}).`);
      else if (exists && !exists((dir ? dir + '/' : '') + stem + '.mlmodel')) s.rep.add('lookup-file', anchor, `An mlmodel lookup needs the file ${stem}.mlmodel next to ${baseName(p)}.`);
    } else if (type === 'kvstore') {
      const fields = getNode(s.root, 'fields');
      const first = stringItems(fields)[0];
      if (first && first.value !== '_key') {
        s.rep.add('lookup-kvstore-fields', rangeOf(first.node), `KV store fields must begin with '_key', not '${first.value}'.`, {
          fix: [{ kind: 'insert', title: 'Insert _key as the first field', offset: rangeOf(first.node).start, text: '_key\n' + ' '.repeat(Math.max(0, column(s.text, rangeOf(first.node).start) - 2)) + '- ' }],
        });
      }
    }
  }
  if (csvPath && s.ctx.readText) {
    const text = s.ctx.readText(csvPath);
    if (text === undefined) return;
    const shape = parseCsvShape(text);
    if (shape.header.length === 0) {
      s.rep.add('lookup-csv-rows', anchor, `${baseName(csvPath)} has no header row (is the CSV empty?).`);
      return;
    }
    const bad = shape.badRows;
    if (bad.length) {
      const list = bad.slice(0, 5).map((b) => `row ${b.row} has ${b.columns}`).join(', ');
      s.rep.add('lookup-csv-rows', anchor, `${baseName(csvPath)}: every row should have ${shape.header.length} columns like the header, but ${list}${bad.length > 5 ? ` (and ${bad.length - 5} more)` : ''}.`);
    }
  }
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
