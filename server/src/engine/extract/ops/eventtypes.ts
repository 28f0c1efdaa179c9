// Event types (eventtypes.conf `search =`) and tags (tags.conf `[eventtype=<name>]`, `[<field>=<value>]`).
// Produces `eventtype`, `tag::eventtype`, `tag::<field>` and `tag` (the union), all multivalue-sorted.

import { EngineMessage, Row, Scalar } from '../../types';
import { MergedConf } from '../conf/layers';
import { copyValue, valuesOf } from '../row-fields';
import { RowPredicate, SearchClauseCompiler } from './search-clause';
import { isEngineMessage } from './eval';

interface CompiledEventtype {
  name: string;
  match: RowPredicate;
  /** Its conditions on source/sourcetype/host alone (see SearchClauseCompiler.metadataCondition). */
  metadata: RowPredicate | undefined;
  tags: string[];
}

interface FieldTagRule {
  field: string;
  value: string;
  tags: string[];
}

/** What the tagger writes into one row (see TaggerResult.classify). */
export interface Tagging {
  combo: Combo;
  /** Tags of `[field=value]` rules by field, when any matched. */
  perField: Map<string, string[]> | undefined;
}

/** One combination of matching eventtypes: the sorted `eventtype` and tag values. */
class Combo {
  /** The Tagging of this combination without field rules (shared). */
  readonly plain: Tagging;
  constructor(
    readonly names: Row[string],
    readonly tags: Row[string],
    readonly tagList: string[],
  ) {
    this.plain = { combo: this, perField: undefined };
  }
}

export interface TaggerResult {
  /** Writes `eventtype`, `tag::eventtype`, `tag::<field>` and `tag` of a row: `write(row, classify(row))`. */
  apply(row: Row): void;
  /** What `apply` would write into `row`: it reads only the fields in `reads`. */
  classify(row: Row): Tagging;
  /** Writes a classification (of this row, or of another with the same `reads` values). */
  write(row: Row, tagging: Tagging): void;
  /**
   * Every field `apply` may read (a superset: identifiers and quoted strings of the eventtype
   * searches, `_raw` for terms, field=value tag fields), or undefined when that cannot be told.
   */
  reads: readonly string[] | undefined;
  /**
   * Like `reads`, for rows whose final source, sourcetype and host are `meta`'s: eventtypes whose
   * search requires another literal source/sourcetype/host are left out (they cannot match).
   */
  readsFor(meta: { source: string; sourcetype: string; host: string }): readonly string[] | undefined;
  /** True when there is nothing to do. */
  empty: boolean;
}

function enabledTags(settings: Map<string, { value: string }>): string[] {
  const tags: string[] = [];
  for (const [k, s] of settings) if (/^enabled$/i.test(s.value.trim())) tags.push(k);
  return tags;
}

function setSorted(row: Row, field: string, values: string[] | Set<string>): void {
  if (Array.isArray(values)) {
    if (values.length === 0) return;
    if (values.length === 1) {
      row[field] = values[0];
      return;
    }
  } else if (values.size === 0) return;
  const list = [...new Set(values)].sort();
  if (list.length === 0) return;
  row[field] = list.length === 1 ? list[0] : (list as Scalar[]);
}

/** The fields a search clause may read (over-approximated), or undefined (macros, wildcard field names). */
function searchReads(text: string, out: Set<string>): boolean {
  if (text.includes('`') || /\*[\w.:]*\s*(!=|=|<|>|\s+in\s*\()/i.test(text)) return false;
  // Every identifier except the right side of a comparison (always a literal value in a search).
  for (const m of text.matchAll(/(=\s*|[<>]\s*)?([A-Za-z_][\w.:@-]*)/g)) if (m[1] === undefined) out.add(m[2]);
  for (const m of text.matchAll(/'([^']*)'|"([^"]*)"/g)) out.add(m[1] ?? m[2]);
  return true;
}

/** Whether a search is a conjunction at its top level (OR/NOT/!=/< > only inside parentheses). */
function topLevelAnd(text: string): boolean {
  let depth = 0;
  let top = '';
  for (const part of text.split(/("[^"]*")/)) {
    if (part.startsWith('"')) { if (depth === 0) top += ' "" '; continue; }
    for (const ch of part) {
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      else if (depth === 0) top += ch;
      if (depth < 0) return false;
    }
  }
  return depth === 0 && !/\bOR\b|\bNOT\b|!=|[<>]/i.test(top);
}

/** Compiles all eventtypes and tags once. */
export function compileTagger(
  eventtypes: MergedConf,
  tags: MergedConf,
  compiler: SearchClauseCompiler,
  report: (m: EngineMessage) => void,
): TaggerResult {
  const tagsByEventtype = new Map<string, string[]>();
  const fieldRules: FieldTagRule[] = [];
  for (const st of tags.values()) {
    const eq = st.name.indexOf('=');
    if (eq < 0) continue;
    const field = st.name.slice(0, eq).trim();
    const value = decodeURIComponent(st.name.slice(eq + 1).trim());
    const list = enabledTags(st.settings);
    if (list.length === 0) continue;
    if (field === 'eventtype') tagsByEventtype.set(value, list);
    else fieldRules.push({ field, value, tags: list });
  }
  const ets: CompiledEventtype[] = [];
  for (const st of eventtypes.values()) {
    if (st.name === 'default') continue;
    const search = st.settings.get('search');
    if (!search || /^(1|true)$/i.test(st.settings.get('disabled')?.value ?? '')) continue;
    const pred = compiler.compile(search.value);
    if (isEngineMessage(pred)) {
      report({ ...pred, message: `eventtype ${st.name} (${search.file}:${search.line}): ${pred.message}` });
      continue;
    }
    const extra = (st.settings.get('tags')?.value ?? '').split(/[\s,]+/).filter(Boolean);
    const metadata = compiler.metadataCondition?.(search.value);
    ets.push({ name: st.name, match: pred, metadata, tags: [...(tagsByEventtype.get(st.name) ?? []), ...extra] });
  }
  const empty = ets.length === 0 && fieldRules.length === 0;
  const readSet: Set<string> | undefined = new Set(['_raw', 'eventtype', 'tag', ...fieldRules.map((r) => r.field)]);
  let reads: string[] | undefined = [...readSet];
  for (const st of eventtypes.values()) {
    const search = st.settings.get('search');
    if (search && !searchReads(search.value, readSet)) { reads = undefined; break; }
  }
  if (reads !== undefined) reads = [...readSet];
  // Per eventtype: its reads and the literal source/sourcetype/host its search requires (top-level AND only).
  const perEventtype: { reads: Set<string>; requires: [string, string][] }[] = [];
  for (const st of eventtypes.values()) {
    const search = st.settings.get('search');
    if (!search || st.name === 'default') continue;
    const r = new Set<string>();
    searchReads(search.value, r);
    const requires: [string, string][] = [];
    const text = search.value;
    if (topLevelAnd(text)) {
      for (const m of text.matchAll(/(?:^|\s)(source|sourcetype|host)\s*=\s*(?:"([^"*]*)"|([^\s"()*]+))(?=\s|$)/gi)) {
        const depth = (text.slice(0, m.index).match(/\(/g) ?? []).length - (text.slice(0, m.index).match(/\)/g) ?? []).length;
        if (depth === 0) requires.push([m[1].toLowerCase(), (m[2] ?? m[3]).toLowerCase()]);
      }
    }
    perEventtype.push({ reads: r, requires });
  }
  const readsFor = (meta: { source: string; sourcetype: string; host: string }): readonly string[] | undefined => {
    if (reads === undefined) return undefined;
    const out = new Set<string>(['_raw', 'eventtype', 'tag', 'source', 'sourcetype', 'host', ...fieldRules.map((r) => r.field)]);
    for (const et of perEventtype) {
      if (et.requires.some(([f, v]) => meta[f as 'source' | 'sourcetype' | 'host'].toLowerCase() !== v)) continue;
      for (const f of et.reads) out.add(f);
    }
    return [...out];
  };
  // The sorted eventtype / tag lists per combination of matching eventtypes (few distinct
  // combinations), keyed by the bit set of matching eventtypes (a string key beyond 30 of them).
  const combos = new Map<number | string, Combo>();
  const sortedValue = (list: string[]): Row[string] => {
    const u = [...new Set(list)].sort();
    return u.length === 0 ? undefined : u.length === 1 ? u[0] : u;
  };
  const comboOf = (idx: number[]): Combo => {
    const tagList = [...new Set(idx.flatMap((i) => ets[i].tags))].sort();
    return new Combo(sortedValue(idx.map((i) => ets[i].name)), sortedValue(tagList), tagList);
  };
  // The eventtypes whose metadata conditions hold for the last source/sourcetype/host seen (the
  // others cannot match rows with that metadata), in order.
  const all = ets.map((_, i) => i);
  const filtered = ets.some((et) => et.metadata !== undefined);
  let lastMeta: [string, string, string] | undefined;
  let candidates: readonly number[] = all;
  const candidatesFor = (row: Row): readonly number[] => {
    const s = row.source, st = row.sourcetype, h = row.host;
    if (!filtered || typeof s !== 'string' || typeof st !== 'string' || typeof h !== 'string') return all;
    if (lastMeta === undefined || lastMeta[0] !== s || lastMeta[1] !== st || lastMeta[2] !== h) {
      lastMeta = [s, st, h];
      candidates = all.filter((i) => ets[i].metadata?.(row) ?? true);
    }
    return candidates;
  };
  const matching = (row: Row): Combo => {
    let combo: Combo | undefined;
    const cands = candidatesFor(row);
    if (ets.length <= 30) {
      let bits = 0;
      for (let k = 0; k < cands.length; k++) if (ets[cands[k]].match(row)) bits |= 1 << cands[k];
      combo = combos.get(bits);
      if (!combo) combos.set(bits, (combo = comboOf(all.filter((i) => (bits & (1 << i)) !== 0))));
    } else {
      let key = '';
      for (let k = 0; k < cands.length; k++) if (ets[cands[k]].match(row)) key += cands[k] + ',';
      combo = combos.get(key);
      if (!combo) combos.set(key, (combo = comboOf(key.split(',').filter(Boolean).map(Number))));
    }
    return combo;
  };
  const classify = (row: Row): Tagging => {
    const combo = matching(row);
    let perField: Map<string, string[]> | undefined;
    for (const r of fieldRules) {
      const v = row[r.field];
      if (v === undefined) continue;
      if (Array.isArray(v) ? v.some((x) => String(x) === r.value) : String(v) === r.value) {
        perField ??= new Map();
        const l = perField.get(r.field) ?? [];
        l.push(...r.tags);
        perField.set(r.field, l);
      }
    }
    return perField === undefined ? combo.plain : { combo, perField };
  };
  const write = (row: Row, tagging: Tagging): void => {
    const { combo, perField } = tagging;
    if (combo.names !== undefined) row.eventtype = copyValue(combo.names);
    if (combo.tags !== undefined) row['tag::eventtype'] = copyValue(combo.tags);
    if (!perField) {
      if (combo.tags !== undefined) row.tag = copyValue(combo.tags);
      return;
    }
    const all = new Set(combo.tagList);
    for (const [f, l] of perField) {
      setSorted(row, `tag::${f}`, l);
      for (const t of l) all.add(t);
    }
    setSorted(row, 'tag', all);
  };
  return {
    empty,
    reads,
    readsFor,
    classify,
    write,
    apply(row: Row): void {
      write(row, classify(row));
    },
  };
}
