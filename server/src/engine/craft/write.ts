// Writing one field edit into a raw event so that the add-ons extract it. Candidates come from
// rewrite.ts (the field itself, in the log's own format) and, when the field is computed by an
// add-on, from the fields it is computed from (sources.ts): an alias's source takes the value;
// an EVAL's inputs take values built from the wanted value (a path with the value as its last
// segment, for `replace(TargetObject, ".*\\\\", "")`-style names) and the literals its conditions
// compare them with (`if(EventCode=="13", …)`). Every candidate is re-extracted and kept only
// when the field gets the wanted value; among those, the first that keeps the edits made before
// (`Kept`) is chosen, so one edit does not undo another (a registry value name written by
// replacing the key's last segment would break the key-path pattern set a step earlier).
import type { LogFormat, Row } from '../types';
import { scalarText, valuesOf } from '../eval/values';
import { compileSearch } from '../search/compile';
import { valueMatcher } from '../search/match';
import { compilePcre } from '../eval/regex';
import { rewriteCandidates, termCandidates } from './rewrite';
import type { Edit } from './solve';

type Extract = (text: string) => Row;

/** An edit already made, and the test that it still holds on a re-extracted row. */
export interface Kept {
  field: string;
  /** The search patterns the value was made to match, when it came from `field=pattern`. */
  patterns?: string[];
  holds: (row: Row) => boolean;
}

/** The test that `edit` (on event field `field`) holds: the value matches its patterns (or equals it), or the field is absent. */
export function keptFor(field: string, edit: { value: string | undefined; patterns?: string[] }): Kept {
  const matchers = edit.patterns?.map((p) => valueMatcher(p));
  return {
    field,
    patterns: edit.patterns,
    holds: (row) => {
      const v = row[field];
      if (edit.value === undefined) return v === undefined;
      if (v === undefined) return false;
      const vs = valuesOf(v).map(scalarText);
      return matchers ? matchers.every((m) => vs.some((x) => m(x))) : vs.includes(edit.value);
    },
  };
}

function gets(row: Row, field: string, value: string | undefined): boolean {
  const v = row[field];
  return value === undefined ? v === undefined : v !== undefined && valuesOf(v).some((x) => scalarText(x) === value);
}

/** Some value of the field matches every pattern and regex (false when there are none). */
function matchesAll(row: Row, field: string, patterns: string[] | undefined, regexes: string[] | undefined): boolean {
  if (!patterns?.length && !regexes?.length) return false;
  const v = row[field];
  if (v === undefined) return false;
  const vs = valuesOf(v).map(scalarText);
  const res = (regexes ?? []).map((r) => compilePcre(r));
  return (patterns ?? []).every((p) => { const m = valueMatcher(p); return vs.some((x) => m(x)); })
    && res.every((re) => !(re instanceof Error) && vs.some((x) => re.test(x)));
}

function current(row: Row, field: string): string | undefined {
  const v = row[field];
  return v === undefined ? undefined : scalarText(valuesOf(v)[0]);
}

/** Values of a source field from which an add-on's EVAL may compute `wanted`: the value itself, or a path ending in it. */
function sourceValues(old: string | undefined, wanted: string): string[] {
  const out: string[] = [];
  if (old) {
    const sep = old.includes('\\') ? '\\' : old.includes('/') ? '/' : undefined;
    if (sep) {
      const cut = Math.max(old.lastIndexOf('\\'), old.lastIndexOf('/'));
      if (cut >= 0) out.push(old.slice(0, cut + 1) + wanted);
      out.push(`${old}${sep}${wanted}`);
    }
  }
  out.push(wanted);
  return [...new Set(out)];
}

export interface Sources {
  /** Event fields an add-on computes `field` from (aliases, EVAL inputs). */
  fields: (field: string) => string[];
  /** Literal values an add-on's EVAL for `field` compares its inputs with (`EventCode=="13"` → EventCode: 13). */
  conditions: (field: string) => { field: string; value: string }[];
}

/**
 * The text with `edit` written so that the add-ons extract it, or undefined: the field's own text
 * first, then (for a field an add-on computes) its sources; the first candidate that keeps every
 * earlier edit on other fields wins, else the first candidate.
 */
export function writeEdit(raw: string, format: LogFormat, edit: Edit, extract: Extract, sources: Sources, kept: Kept[]): string | undefined {
  if ('term' in edit) {
    const term = compileSearch({ kind: 'term', range: { start: 0, end: 0 }, term: false, value: { range: { start: 0, end: 0 }, raw: edit.term, text: edit.term, quoted: true, hasWildcard: false } });
    return choose(termCandidates(raw, format, edit.term).filter((c) => term.ok && term.fn(extract(c))), undefined, kept, extract)?.text;
  }
  const row = extract(raw);
  // The field must get the value — or, for a value made to match search patterns (and regexes), any
  // value that matches them all: a URL an add-on builds from scheme, host and path cannot be the
  // bare "x/setup/…x" the pattern suggested, but "http://host/x/setup/…x" matches the pattern.
  const wanted = (r: Row) => gets(r, edit.field, edit.value) || (edit.value !== undefined && matchesAll(r, edit.field, edit.patterns, edit.regexes));
  const direct = rewriteCandidates(raw, format, edit.field, current(row, edit.field), edit.value).filter((c) => wanted(extract(c)));
  const keeping = choose(direct, edit.field, kept, extract);
  if (keeping?.keeps || edit.value === undefined) return keeping?.text;
  const derived: string[] = [];
  const tryOn = (text: string) => {
    const r = extract(text);
    const found: { text: string; rank: number }[] = [];
    const pathLike = (v: string | undefined) => v !== undefined && /[\\/]/.test(v);
    for (const src of sources.fields(edit.field)) {
      // A path-like value goes to a path-like source first (a URL pattern into uri_path, not the host).
      const shape = pathLike(edit.value) && !pathLike(current(r, src)) ? 0.5 : 0;
      for (const v of sourceValues(current(r, src), edit.value!)) {
        for (const c of rewriteCandidates(text, format, src, current(r, src), v)) {
          const x = extract(c);
          if (!wanted(x)) continue;
          const got = x[src] === undefined ? [] : valuesOf(x[src]).map(scalarText);
          // Best: a source now holds exactly the value written, once. Then: a second value added
          // (a second TargetObject element). Last: the text changed elsewhere (an occurrence of the
          // source's value inside another field) and the field came out right anyway.
          found.push({ text: c, rank: (got.includes(v) ? 0 : 2) + (got.length > 1 ? 1 : 0) + shape });
        }
      }
    }
    derived.push(...found.sort((a, b) => a.rank - b.rank).map((f) => f.text));
  };
  tryOn(raw);
  if (derived.length === 0) {
    // The EVAL computes the field only under a condition on another input: meet it first.
    for (const cond of sources.conditions(edit.field)) {
      const met = rewriteCandidates(raw, format, cond.field, current(row, cond.field), cond.value).find((c) => gets(extract(c), cond.field, cond.value));
      if (met !== undefined) tryOn(met);
    }
  }
  const viaSource = choose(derived, edit.field, kept, extract);
  return viaSource?.keeps ? viaSource.text : keeping?.text ?? viaSource?.text;
}

/** The first candidate that keeps every earlier edit on other fields (keeps: true); else the first candidate. */
function choose(candidates: string[], field: string | undefined, kept: Kept[], extract: Extract): { text: string; keeps: boolean } | undefined {
  if (candidates.length === 0) return undefined;
  const others = kept.filter((k) => k.field !== field);
  const keeping = others.length === 0 ? candidates[0] : candidates.find((c) => { const r = extract(c); return others.every((k) => k.holds(r)); });
  return keeping !== undefined ? { text: keeping, keeps: true } : { text: candidates[0], keeps: false };
}
