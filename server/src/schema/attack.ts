// MITRE ATT&CK technique index built from MITRE's published STIX 2.x bundle (enterprise-attack.json):
// id → name, tactics, revoked/deprecated, replacement (from `revoked-by` relationships).

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
}

export interface AttackIndex {
  get(id: string): AttackTechnique | undefined;
  /** All ids (for completion/suggestions). */
  ids(): Iterable<string>;
  readonly size: number;
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
}

function attackId(o: StixObject): string | undefined {
  if (!Array.isArray(o.external_references)) return undefined;
  for (const r of o.external_references as Array<Record<string, unknown>>) {
    if (r && r.source_name === 'mitre-attack' && typeof r.external_id === 'string') return r.external_id;
  }
  return undefined;
}

/** Builds the index from a parsed STIX bundle (`{objects: [...]}`) or a bare object array. */
export function attackIndexFromStix(bundle: unknown): AttackIndex {
  const objects: StixObject[] = Array.isArray(bundle)
    ? (bundle as StixObject[])
    : bundle && typeof bundle === 'object' && Array.isArray((bundle as { objects?: unknown }).objects)
      ? ((bundle as { objects: StixObject[] }).objects)
      : [];
  const byStix = new Map<string, AttackTechnique>();
  const byId = new Map<string, AttackTechnique>();
  for (const o of objects) {
    if (!o || o.type !== 'attack-pattern' || typeof o.id !== 'string') continue;
    const id = attackId(o);
    if (!id) continue;
    const tactics = Array.isArray(o.kill_chain_phases)
      ? (o.kill_chain_phases as Array<Record<string, unknown>>)
          .filter((k) => k && k.kill_chain_name === 'mitre-attack' && typeof k.phase_name === 'string')
          .map((k) => k.phase_name as string)
      : [];
    const t: AttackTechnique = { id, name: typeof o.name === 'string' ? o.name : id, tactics, revoked: o.revoked === true, deprecated: o.x_mitre_deprecated === true };
    byStix.set(o.id, t);
    // an id may appear on a revoked object and on its live successor; prefer the live one
    const prev = byId.get(id);
    if (!prev || (prev.revoked && !t.revoked)) byId.set(id, t);
  }
  for (const o of objects) {
    if (!o || o.type !== 'relationship' || o.relationship_type !== 'revoked-by') continue;
    const src = typeof o.source_ref === 'string' ? byStix.get(o.source_ref) : undefined;
    const dst = typeof o.target_ref === 'string' ? byStix.get(o.target_ref) : undefined;
    if (src && dst) src.replacedBy = dst.id;
  }
  return {
    get: (id) => byId.get(id),
    ids: () => byId.keys(),
    get size() {
      return byId.size;
    },
  };
}

/** Loads an enterprise-attack STIX JSON file. Returns undefined (never throws) when unreadable. */
export function loadAttackIndex(filePath: string): AttackIndex | undefined {
  try {
    return attackIndexFromStix(JSON.parse(readFileSync(filePath, 'utf8')));
  } catch {
    return undefined;
  }
}
