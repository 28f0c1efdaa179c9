// Compares the local engine's results with Splunk's for the same search: which rows both return,
// which only one side returns, and, for rows that almost match, which fields differ.
//
// Rows are matched by a key of all compared fields. Rows left over on both sides are then paired
// greedily by the number of equal fields (at least one), so a row whose only difference is one
// value shows up as "differs in X" rather than as one missing and one extra row.
import type { ResultJson } from '../engine/resultFormat';

type Cell = string | string[] | undefined;
type Row = Record<string, string | string[]>;

/**
 * Fields Splunk adds to events that the local engine does not model (bucket, serial, index-time
 * internals and the search head that answered); they are not part of a detection's answer.
 */
export const SPLUNK_INTERNAL_FIELDS = new Set([
  '_bkt', '_cd', '_si', '_serial', '_indextime', '_sourcetype', '_kv', '_eventtype_color', '_subsecond',
  'splunk_server', 'splunk_server_group', 'index', 'linecount', 'punct', 'timestartpos', 'timeendpos',
]);

export interface FieldDiff {
  field: string;
  local: Cell;
  splunk: Cell;
}

export interface RowDiff {
  local: Row;
  splunk: Row;
  fields: FieldDiff[];
}

export interface Comparison {
  /** True when both sides return the same rows (as multisets) over the compared fields. */
  same: boolean;
  compared: string[];
  /** Fields only one side returns (ignored in the row comparison). */
  onlyLocalFields: string[];
  onlySplunkFields: string[];
  matched: number;
  /** Rows only the local engine returned. */
  missingOnSplunk: Row[];
  /** Rows only Splunk returned. */
  extraOnSplunk: Row[];
  differing: RowDiff[];
  /** Either side failed or was truncated: the comparison is not conclusive. */
  notes: string[];
}

/** `_time` strings compare as instants (the two sides format them in different time zones). */
function norm(field: string, v: Cell): string {
  if (v === undefined) return '\u0000null';
  const one = (x: string) => {
    if (field === '_time') {
      const t = Date.parse(x);
      if (!Number.isNaN(t)) return `t${t}`;
    }
    return x;
  };
  return Array.isArray(v) ? JSON.stringify(v.map(one)) : JSON.stringify(one(v));
}

export function compareResults(local: ResultJson, splunk: ResultJson): Comparison {
  const notes: string[] = [];
  if (local.error) notes.push(`the local run failed: ${local.error}`);
  if (splunk.error) notes.push(`the Splunk run failed: ${splunk.error}`);
  if (local.truncated) notes.push('the local results were truncated');
  if (splunk.truncated) notes.push('the Splunk results were truncated');
  const keep = (f: string) => !SPLUNK_INTERNAL_FIELDS.has(f);
  const lf = local.fields.filter(keep);
  const sf = new Set(splunk.fields.filter(keep));
  const compared = lf.filter((f) => sf.has(f));
  const onlyLocalFields = lf.filter((f) => !sf.has(f));
  const onlySplunkFields = [...sf].filter((f) => !lf.includes(f));

  const key = (r: Row) => compared.map((f) => norm(f, r[f])).join('\u0001');
  const pool = new Map<string, Row[]>();
  for (const r of splunk.rows) {
    const k = key(r);
    const list = pool.get(k);
    if (list) list.push(r);
    else pool.set(k, [r]);
  }
  let matched = 0;
  const leftLocal: Row[] = [];
  for (const r of local.rows) {
    const list = pool.get(key(r));
    if (list?.length) {
      list.pop();
      matched++;
    } else leftLocal.push(r);
  }
  const leftSplunk = [...pool.values()].flat();

  // Pair leftovers by most equal fields; bounded so hostile row counts cannot go quadratic forever.
  const differing: RowDiff[] = [];
  const missingOnSplunk: Row[] = [];
  const used = new Set<number>();
  const PAIRING_LIMIT = 2000;
  for (const l of leftLocal) {
    let best = -1;
    let bestEq = 0;
    if (leftLocal.length <= PAIRING_LIMIT && leftSplunk.length <= PAIRING_LIMIT) {
      leftSplunk.forEach((s, i) => {
        if (used.has(i)) return;
        const eq = compared.filter((f) => norm(f, l[f]) === norm(f, s[f])).length;
        if (eq > bestEq) {
          bestEq = eq;
          best = i;
        }
      });
    }
    if (best < 0) {
      missingOnSplunk.push(l);
      continue;
    }
    used.add(best);
    const s = leftSplunk[best];
    differing.push({ local: l, splunk: s, fields: compared.filter((f) => norm(f, l[f]) !== norm(f, s[f])).map((f) => ({ field: f, local: l[f], splunk: s[f] })) });
  }
  if (leftLocal.length > PAIRING_LIMIT || leftSplunk.length > PAIRING_LIMIT) notes.push(`more than ${PAIRING_LIMIT} unmatched rows: rows are listed as missing/extra without field-level pairing`);
  const extraOnSplunk = leftSplunk.filter((_, i) => !used.has(i));
  const same = !missingOnSplunk.length && !extraOnSplunk.length && !differing.length && !local.error && !splunk.error;
  return { same, compared, onlyLocalFields, onlySplunkFields, matched, missingOnSplunk, extraOnSplunk, differing, notes };
}

/** A readable summary for the CLI and the output channel. */
export function comparisonText(c: Comparison): string {
  const show = (r: Row) => c.compared.map((f) => `${f}=${JSON.stringify(r[f] ?? null)}`).join(' ');
  const out: string[] = [];
  out.push(c.same ? `same: ${c.matched} row(s) match on ${c.compared.length} field(s)` : `DIFFERENT: ${c.matched} row(s) match, ${c.differing.length} differ, ${c.missingOnSplunk.length} only local, ${c.extraOnSplunk.length} only on Splunk`);
  if (c.onlyLocalFields.length) out.push(`fields only local: ${c.onlyLocalFields.join(', ')}`);
  if (c.onlySplunkFields.length) out.push(`fields only on Splunk: ${c.onlySplunkFields.join(', ')}`);
  for (const d of c.differing) {
    out.push(`row differs: ${show(d.local)}`);
    for (const f of d.fields) out.push(`  ${f.field}: local ${JSON.stringify(f.local ?? null)} vs Splunk ${JSON.stringify(f.splunk ?? null)}`);
  }
  for (const r of c.missingOnSplunk) out.push(`only local: ${show(r)}`);
  for (const r of c.extraOnSplunk) out.push(`only on Splunk: ${show(r)}`);
  for (const n of c.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}
