// Value formats used by the model (uuid, date, URL, MITRE, CVE, …), as pure predicates.

export const UUID_RE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;
/** What we consider correct. */
export const MITRE_STRICT_RE = /^T\d{4}(?:\.\d{3})?$/;
/** What contentctl accepts (`^T\d{4}$` or `^T\d{4}(.\d{3})$`, the dot unescaped). */
export const MITRE_CONTENTCTL_RE = /^T\d{4}(?:.\d{3})?$/;
/** contentctl's CVE pattern, including its `[1|2]` character class. */
export const CVE_RE = /^CVE-[1|2]\d{3}-\d+$/;
export const MATCH_TYPE_RE = /^(?:WILDCARD|CIDR)\(.+\)$/;
export const THROTTLE_PERIOD_RE = /^[0-9]+[smh]$/;

export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}

/** YYYY-MM-DD and a real calendar date. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = +m[1], mo = +m[2], d = +m[3];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= dim;
}

/** http(s) URL with a host (pydantic HttpUrl). */
export function isHttpUrl(s: string): boolean {
  if (!/^https?:\/\//i.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A corrected MITRE id for common slips (lower case, `,`/`/`/`_` instead of `.`, missing T), or undefined. */
export function fixMitreId(s: string): string | undefined {
  const m = /^\s*[tT]?(\d{4})(?:\s*[.,/_\-:]\s*(\d{3}))?\s*$/.exec(s);
  if (!m) return undefined;
  const fixed = 'T' + m[1] + (m[2] ? '.' + m[2] : '');
  return fixed !== s ? fixed : undefined;
}
