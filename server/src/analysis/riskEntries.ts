// The risk entries of a detection, read from either format generation: v4 keeps them under `tags`
// (`message`, `observable` with roles Victim/Attacker, score = impact × confidence / 100), v5 in a
// top-level `rba:` block (`message`, `risk_objects` with scores, `threat_objects`). One reader for the
// documentation page, the results panel (the analyst's view of each row) and the detection-test pass
// rule (every field the risk entries name must be in the results).
//
// contentctl's v4 → risk mapping: an observable with role Victim becomes a risk object (score
// impact × confidence / 100), one with role Attacker a threat object (`objects/observable.py`,
// `detection_abstract.py` @v4.4.1; see shared notes detection-schema.md §1.3–1.4).

type Obj = Record<string, unknown>;

export interface RiskObjectEntry {
  /** The result field that holds the risk (or threat) object. */
  field: string;
  /** v5 type (`system`, `user`, `other`, or a threat-object type); v4 observable type. */
  type?: string;
  /** Risk score of this object (risk objects only). */
  score?: number;
}

export interface RiskEntries {
  /** Which block the entries came from. */
  source: 'v4' | 'v5';
  /** The risk message with `$field$` tokens, single-spaced as Splunk shows it. */
  message?: string;
  riskObjects: RiskObjectEntry[];
  threatObjects: RiskObjectEntry[];
}

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
export const numberOf = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** v4 risk score as contentctl computes it: impact × confidence / 100, rounded to an integer. */
export function v4RiskScore(impact: number, confidence: number): number {
  return Math.round((impact * confidence) / 100);
}

/** A message as one line: YAML folding and line breaks become single spaces. */
const oneLine = (s: string) => s.replace(/\s*\r?\n\s*/g, ' ').trim();

function fromV4(tags: Obj): RiskEntries | undefined {
  const message = text(tags.message);
  const observables = asList(tags.observable).filter(isObj);
  if (!message && !observables.length) return undefined;
  const impact = numberOf(tags.impact);
  const confidence = numberOf(tags.confidence);
  const score = impact !== undefined && confidence !== undefined ? v4RiskScore(impact, confidence) : numberOf(tags.risk_score);
  const riskObjects: RiskObjectEntry[] = [];
  const threatObjects: RiskObjectEntry[] = [];
  for (const o of observables) {
    const field = text(o.name);
    if (!field) continue;
    const roles = asList(o.role).map(text);
    if (roles.includes('Attacker')) threatObjects.push({ field, type: text(o.type) });
    else riskObjects.push({ field, type: text(o.type), score });
  }
  return { source: 'v4', message: message ? oneLine(message) : undefined, riskObjects, threatObjects };
}

function fromV5(rba: Obj): RiskEntries {
  const message = text(rba.message);
  const entry = (o: Obj, withScore: boolean): RiskObjectEntry | undefined => {
    const field = text(o.field);
    return field ? { field, type: text(o.type), score: withScore ? numberOf(o.score) : undefined } : undefined;
  };
  return {
    source: 'v5',
    message: message ? oneLine(message) : undefined,
    riskObjects: asList(rba.risk_objects).filter(isObj).map((o) => entry(o, true)).filter((e): e is RiskObjectEntry => !!e),
    threatObjects: asList(rba.threat_objects).filter(isObj).map((o) => entry(o, false)).filter((e): e is RiskObjectEntry => !!e),
  };
}

/**
 * The detection's risk entries, or undefined when it declares none. A v5 `rba:` block wins when
 * `prefer` is v5 or there is no v4 data; v4 `tags` win otherwise.
 */
export function riskEntriesOf(detection: unknown, prefer: 'v4' | 'v5' = 'v5'): RiskEntries | undefined {
  if (!isObj(detection)) return undefined;
  const v5 = isObj(detection.rba) ? fromV5(detection.rba) : undefined;
  const v4 = isObj(detection.tags) ? fromV4(detection.tags) : undefined;
  return prefer === 'v5' ? (v5 ?? v4) : (v4 ?? v5);
}

/** Every `$field$` token of a risk message, in order, without repeats. */
export function messageFields(message: string): string[] {
  const out: string[] = [];
  for (const m of message.matchAll(/\$([^$\s]+)\$/g)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

/** The fields a result must carry for the risk entries to be complete: message tokens and objects. */
export function requiredRiskFields(r: RiskEntries): string[] {
  const all = [...(r.message ? messageFields(r.message) : []), ...r.riskObjects.map((o) => o.field), ...r.threatObjects.map((o) => o.field)];
  return [...new Set(all)];
}

/**
 * The message for one result row: each `$field$` replaced by the row's value, or left as written
 * when the row lacks the field (the risk framework leaves an unresolved token as it is). How Enterprise
 * Security joins a multivalue field's values is not documented; the values are shown joined with ","
 * so that none is hidden.
 */
export function renderRiskMessage(message: string, row: Record<string, string | string[] | undefined>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const textOut = message.replace(/\$([^$\s]+)\$/g, (whole, field: string) => {
    const v = Object.prototype.hasOwnProperty.call(row, field) ? row[field] : undefined;
    if (v === undefined || (Array.isArray(v) && !v.length)) {
      if (!missing.includes(field)) missing.push(field);
      return whole;
    }
    return Array.isArray(v) ? v.join(',') : v;
  });
  return { text: textOut, missing };
}
