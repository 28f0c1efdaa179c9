// The fields a search's final results can contain, computed from the pipeline alone.
// `undefined` means unknowable without running it (events pass through with all their fields,
// or a command adds fields whose names depend on the data).

import type { Aggregation, Command, MacroCall, Pipeline } from './ast';
import { findCommand } from './catalog/commands';

type Fields = Set<string> | undefined;

/** Output column name of an aggregation: its AS name, or `func(field)` / `func` as Splunk names it. */
export function aggregationOutputName(a: Aggregation, src?: string): string {
  if (a.as) return a.as.name;
  if (!a.arg) return a.func;
  if (a.arg.kind === 'field') return `${a.func}(${a.arg.field.name})`;
  return src ? src.slice(a.range.start, a.range.end) : `${a.func}(eval)`;
}

const wildcardRegex = (pattern: string): RegExp =>
  new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('(.*)')}$`);

function renameAll(fields: Set<string>, from: string, to: string): Set<string> {
  const out = new Set<string>();
  if (!from.includes('*')) {
    for (const f of fields) out.add(f === from ? to : f);
    return out;
  }
  const re = wildcardRegex(from);
  for (const f of fields) {
    const m = re.exec(f);
    if (!m) {
      out.add(f);
      continue;
    }
    let k = 1;
    out.add(to.replace(/\*/g, () => m[k++] ?? ''));
  }
  return out;
}

function selectFields(fields: Fields, patterns: string[]): Fields {
  const hasWildcard = patterns.some((p) => p.includes('*'));
  if (!hasWildcard) return new Set(patterns);
  if (!fields) return undefined;
  const res = patterns.map(wildcardRegex);
  return new Set([...fields].filter((f) => res.some((r) => r.test(f))));
}

function step(fields: Fields, c: Command | MacroCall): Fields {
  if (c.kind === 'macro') return /_filter$/.test(c.name) ? fields : undefined;
  const info = findCommand(c.name);
  const b = c.body;
  switch (b.kind) {
    case 'search':
    case 'where':
    case 'regex':
    case 'sort':
      return fields;
    case 'stats': {
      if (c.name === 'stats' || c.name === 'tstats' || c.name === 'mstats') {
        if (c.options.some((o) => o.key === 'prestats' && /^(t|true|1)$/i.test(o.value))) return undefined;
        const out = new Set<string>();
        for (const a of b.aggregations) out.add(aggregationOutputName(a));
        for (const f of b.by) out.add(f.name);
        return out;
      }
      if (c.name === 'eventstats' || c.name === 'streamstats') {
        if (!fields) return undefined;
        const out = new Set(fields);
        for (const a of b.aggregations) out.add(aggregationOutputName(a));
        return out;
      }
      return undefined;
    }
    case 'eval':
      if (c.name === 'fieldformat' || !fields) return fields;
      return new Set([...fields, ...b.assignments.map((a) => a.field.name)]);
    case 'rename': {
      if (!fields) return undefined;
      let out = fields;
      for (const p of b.pairs) out = renameAll(out, p.from.name, p.to.name);
      return out;
    }
    case 'fields':
      if (b.mode === '+') return selectFields(fields, b.fields.map((f) => f.name));
      if (!fields) return undefined;
      return new Set([...fields].filter((f) => !b.fields.some((p) => wildcardRegex(p.name).test(f))));
    case 'lookup':
      if (!fields || b.outputs.length === 0) return undefined;
      return new Set([...fields, ...b.outputs.map((o) => (o.as ?? o.field).name)]);
    case 'convert':
      if (!fields) return undefined;
      return new Set([...fields, ...b.conversions.map((x) => (x.as ?? x.field).name)]);
    case 'rex': {
      if (!fields) return undefined;
      if (c.options.some((o) => o.key === 'mode' && o.value === 'sed')) return fields;
      const names = [...(b.regex?.value ?? '').matchAll(/\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]);
      return new Set([...fields, ...names]);
    }
    default:
      break;
  }
  if (!info) return undefined;
  if (info.fieldEffect === 'preserve') return fields;
  if (c.name === 'fillnull') return fields ? new Set([...fields, ...c.positional.map((p) => p.text)]) : undefined;
  if (c.name === 'bin' || c.name === 'bucket' || c.name === 'discretize') {
    const asIdx = c.positional.findIndex((p) => /^as$/i.test(p.text));
    if (!fields) return undefined;
    return asIdx >= 0 && c.positional[asIdx + 1] ? new Set([...fields, c.positional[asIdx + 1].text]) : fields;
  }
  return undefined;
}

/** Fields the final results can contain; undefined when that cannot be known from the text. */
export function outputFieldsOf(pipeline: Pipeline): Set<string> | undefined {
  let fields: Fields;
  for (const c of pipeline.commands) fields = step(fields, c);
  return fields;
}
