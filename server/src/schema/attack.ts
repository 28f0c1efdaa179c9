// MITRE ATT&CK technique index built from MITRE's published STIX 2.x bundle (enterprise-attack.json):
// id → name, tactics, revoked/deprecated, replacement (from `revoked-by` relationships), sub-technique
// parent; tactic display names (`x-mitre-tactic` objects) and the ATT&CK version (the
// `x-mitre-collection` object's `x_mitre_version`), as described in MITRE's ATT&CK STIX data model
// (mitre-attack/attack-stix-data USAGE.md).

import { readFileSync } from 'fs';

export interface AttackTechnique {
  id: string;
  name: string;
  /** Tactic short names (kill_chain_phases with kill_chain_name mitre-attack), e.g. "execution". */
  tactics: string[];
  revoked: boolean;
  deprecated: boolean;
  /** ATT&CK id of the technique that replaced a revoked one. */
  replacedBy?: string;
  /** A sub-technique's parent technique id (T1218.009 → T1218). */
  parent?: string;
}

/** A tactic: ATT&CK id and display name, keyed by its short name ("defense-evasion"). */
export interface AttackTactic {
  id: string;
  name: string;
}

/** What an index knows, in plain data (what the bundled snapshot stores). */
export interface AttackData {
  techniques: AttackTechnique[];
  tactics: Record<string, AttackTactic>;
  /** ATT&CK release, e.g. "18.1" (undefined when the bundle does not say). */
  version?: string;
}

export interface AttackIndex {
  get(id: string): AttackTechnique | undefined;
  /** All ids (for completion/suggestions). */
  ids(): Iterable<string>;
  readonly size: number;
  /** The display name of a tactic short name ("command-and-control" → "Command and Control"). */
  tacticName(shortName: string): string;
  /** ATT&CK release of the data, e.g. "18.1", when known. */
  readonly version?: string;
  /** Where the data comes from, for hovers ("bundled snapshot", a file path, a URL). */
  readonly origin?: string;
}

interface StixObject {
  type?: unknown;
  id?: unknown;
  name?: unknown;
  revoked?: unknown;
  x_mitre_deprecated?: unknown;
  external_references?: unknown;
  kill_chain_phases?: unknown;
  relationship_type?: unknown;
  source_ref?: unknown;
  target_ref?: unknown;
  x_mitre_shortname?: unknown;
  x_mitre_version?: unknown;
  x_mitre_is_subtechnique?: unknown;
}

function attackId(o: StixObject): string | undefined {
  if (!Array.isArray(o.external_references)) return undefined;
  for (const r of o.external_references as Array<Record<string, unknown>>) {
    if (r && r.source_name === 'mitre-attack' && typeof r.external_id === 'string') return r.external_id;
  }
  return undefined;
}

/** Title-cased short name, for tactics the data does not name ("defense-evasion" → "Defense Evasion"). */
export function fallbackTacticName(shortName: string): string {
  return shortName
    .split('-')
    .map((w) => (w === 'and' ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

/** Reads techniques, tactics and the version from a parsed STIX bundle (`{objects: [...]}`) or a bare object array. */
export function attackDataFromStix(bundle: unknown): AttackData {
  const objects: StixObject[] = Array.isArray(bundle)
    ? (bundle as StixObject[])
    : bundle && typeof bundle === 'object' && Array.isArray((bundle as { objects?: unknown }).objects)
      ? ((bundle as { objects: StixObject[] }).objects)
      : [];
  const byStix = new Map<string, AttackTechnique>();
  const tactics: Record<string, AttackTactic> = {};
  let version: string | undefined;
  for (const o of objects) {
    if (!o || typeof o !== 'object') continue;
    if (o.type === 'x-mitre-collection' && typeof o.x_mitre_version === 'string') version = o.x_mitre_version;
    if (o.type === 'x-mitre-tactic' && typeof o.x_mitre_shortname === 'string' && typeof o.name === 'string') {
      tactics[o.x_mitre_shortname] = { id: attackId(o) ?? '', name: o.name };
    }
    if (o.type !== 'attack-pattern' || typeof o.id !== 'string') continue;
    const id = attackId(o);
    if (!id) continue;
    const phases = Array.isArray(o.kill_chain_phases)
      ? (o.kill_chain_phases as Array<Record<string, unknown>>)
          .filter((k) => k && k.kill_chain_name === 'mitre-attack' && typeof k.phase_name === 'string')
          .map((k) => k.phase_name as string)
      : [];
    const t: AttackTechnique = { id, name: typeof o.name === 'string' ? o.name : id, tactics: phases, revoked: o.revoked === true, deprecated: o.x_mitre_deprecated === true };
    // ATT&CK ids of sub-techniques are "<parent id>.<nnn>" (x_mitre_is_subtechnique = true).
    const dot = id.indexOf('.');
    if (dot > 0 && o.x_mitre_is_subtechnique !== false) t.parent = id.slice(0, dot);
    byStix.set(o.id, t);
  }
  for (const o of objects) {
    if (!o || o.type !== 'relationship' || o.relationship_type !== 'revoked-by') continue;
    const src = typeof o.source_ref === 'string' ? byStix.get(o.source_ref) : undefined;
    const dst = typeof o.target_ref === 'string' ? byStix.get(o.target_ref) : undefined;
    if (src && dst) src.replacedBy = dst.id;
  }
  return { techniques: [...byStix.values()], tactics, version };
}

/** An index over techniques (an id on a revoked object and on its live successor: the live one wins). */
export function attackIndexFromData(data: AttackData, origin?: string): AttackIndex {
  const byId = new Map<string, AttackTechnique>();
  for (const t of data.techniques) {
    const prev = byId.get(t.id);
    if (!prev || (prev.revoked && !t.revoked)) byId.set(t.id, t);
  }
  return {
    get: (id) => byId.get(id),
    ids: () => byId.keys(),
    get size() {
      return byId.size;
    },
    tacticName: (short) => data.tactics[short]?.name ?? fallbackTacticName(short),
    version: data.version,
    origin,
  };
}

/** Builds the index from a parsed STIX bundle (`{objects: [...]}`) or a bare object array. */
export function attackIndexFromStix(bundle: unknown, origin?: string): AttackIndex {
  return attackIndexFromData(attackDataFromStix(bundle), origin);
}

/** "ATT&CK v18.1 (bundled snapshot)" — which data answered, for hovers; undefined when unknown. */
export function attackAbout(index: AttackIndex): string | undefined {
  if (!index.version && !index.origin) return undefined;
  const v = index.version ? `ATT&CK v${index.version}` : 'ATT&CK';
  return index.origin ? `${v} (${index.origin})` : v;
}

/** Loads an enterprise-attack STIX JSON file. Returns undefined (never throws) when unreadable. */
export function loadAttackIndex(filePath: string): AttackIndex | undefined {
  try {
    return attackIndexFromStix(JSON.parse(readFileSync(filePath, 'utf8')));
  } catch {
    return undefined;
  }
}
