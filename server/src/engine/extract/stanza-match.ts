// Which props.conf stanzas apply to an event, and in which precedence: `[source::<pattern>]` over
// `[host::<pattern>]` over `[<sourcetype>]` over `[default]`; within a kind, a higher `priority`
// (literal names default to 100, patterns to 0) wins, then the ASCII-lower stanza name.

import { InputMeta } from '../types';

export type StanzaKind = 'source' | 'host' | 'sourcetype' | 'default';

export interface StanzaMatcher {
  name: string;
  kind: StanzaKind;
  literal: boolean;
  /** Tests the metadata value of this kind. */
  test(value: string): boolean;
}

const KIND_RANK: Record<StanzaKind, number> = { default: 0, sourcetype: 1, host: 2, source: 3 };

/**
 * Converts a Splunk stanza pattern into a RegExp: `...` matches anything including path separators,
 * `*` anything but `/` and `\`, `|` and `( )` keep their regex meaning, a leading `(?i)` ignores case.
 */
export function stanzaPatternToRegex(pattern: string): RegExp {
  let flags = '';
  let p = pattern;
  if (p.startsWith('(?i)')) {
    flags = 'i';
    p = p.slice(4);
  }
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (p.startsWith('...', i)) {
      out += '.*';
      i += 2;
    } else if (c === '*') out += '[^/\\\\]*';
    else if (c === '\\' && p[i + 1] === '\\') {
      out += '\\\\';
      i++;
    } else if (c === '(' && p.startsWith('(?:', i)) {
      out += '(?:';
      i += 2;
    } else if (c === '(' || c === ')' || c === '|') out += c;
    else if (c === '{' && /^\{\d+(,\d*)?\}/.test(p.slice(i))) {
      const m = /^\{\d+(,\d*)?\}/.exec(p.slice(i))!;
      out += m[0];
      i += m[0].length - 1;
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  try {
    return new RegExp(`^(?:${out})$`, flags);
  } catch {
    return new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
  }
}

function hasPatternSyntax(s: string): boolean {
  return s.includes('*') || s.includes('...') || s.includes('|') || s.startsWith('(');
}

/** Classifies a props.conf stanza name. Returns undefined for kinds that are not search-time (rule::). */
export function stanzaMatcher(name: string): StanzaMatcher | undefined {
  if (name === 'default') return { name, kind: 'default', literal: false, test: () => true };
  if (name.startsWith('rule::') || name.startsWith('delayedrule::')) return undefined;
  let kind: StanzaKind = 'sourcetype';
  let pattern = name;
  if (name.startsWith('source::')) {
    kind = 'source';
    pattern = name.slice(8);
  } else if (name.startsWith('host::')) {
    kind = 'host';
    pattern = name.slice(6);
  }
  if (!hasPatternSyntax(pattern) && !pattern.startsWith('(?i)')) {
    return { name, kind, literal: true, test: (v) => v === pattern };
  }
  const re = stanzaPatternToRegex(pattern);
  return { name, kind, literal: false, test: (v) => re.test(v) };
}

export interface MatchedStanza {
  name: string;
  kind: StanzaKind;
  priority: number;
}

/** The stanzas that apply to `meta`, ordered from lowest to highest precedence. */
export function matchStanzas(
  stanzas: Iterable<{ name: string; priority?: string }>,
  meta: InputMeta,
): MatchedStanza[] {
  const out: MatchedStanza[] = [];
  for (const st of stanzas) {
    const m = stanzaMatcher(st.name);
    if (!m) continue;
    const value = m.kind === 'source' ? meta.source : m.kind === 'host' ? meta.host : meta.sourcetype;
    if (!m.test(value)) continue;
    const explicit = st.priority !== undefined ? Number(st.priority) : NaN;
    const priority = Number.isFinite(explicit) ? explicit : m.literal ? 100 : 0;
    out.push({ name: st.name, kind: m.kind, priority });
  }
  out.sort(
    (a, b) =>
      KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
      a.priority - b.priority ||
      // ASCII-lower name has higher precedence, so it comes later.
      (a.name < b.name ? 1 : a.name > b.name ? -1 : 0),
  );
  return out;
}
