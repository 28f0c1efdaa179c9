// The compact ATT&CK snapshot shipped with the extension (server/data/attack/), so technique names
// and tactics work with no settings. `scripts/attack/snapshot.mjs` writes it from MITRE's STIX bundle
// with `snapshotFromStix`; the server reads it with `loadBundledAttackSnapshot` when no
// `detectionWorkbench.attack.file` (or downloaded bundle) is available.
import * as fs from 'fs';
import * as path from 'path';
import { type AttackData, attackDataFromStix, type AttackIndex, attackIndexFromData, type AttackTactic, type AttackTechnique } from './attack';

export const SNAPSHOT_FORMAT = 'detection-workbench/attack-snapshot@1';
export const SNAPSHOT_FILE = 'enterprise-attack-snapshot.json';
/** MITRE's copyright designation, reproduced as its ATT&CK terms of use require. */
// Copied from LICENSE.txt of the ATT&CK release the snapshot is made from (server/data/attack/LICENSE.txt).
export const MITRE_ATTRIBUTION = '© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation.';

/** One technique: [name, tactic short names, flags, parent?, replacedBy?]; flags: 1 = revoked, 2 = deprecated. */
type SnapshotTechnique = [string, string[], number, string?, string?];

export interface AttackSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** ATT&CK release, e.g. "18.1". */
  attackVersion: string;
  /** The bundle the snapshot was made from (repository, commit, date). */
  source: string;
  attribution: string;
  tactics: Record<string, AttackTactic>;
  techniques: Record<string, SnapshotTechnique>;
}

/** Compacts a STIX bundle. `attackVersion` is required when the bundle has no x-mitre-collection version. */
export function snapshotFromStix(bundle: unknown, meta: { source: string; attackVersion?: string }): AttackSnapshot | { error: string } {
  const data = attackDataFromStix(bundle);
  if (data.techniques.length === 0) return { error: 'the file holds no ATT&CK techniques (attack-pattern objects with a mitre-attack id)' };
  if (meta.attackVersion && data.version && meta.attackVersion !== data.version) {
    return { error: `--attack-version ${meta.attackVersion} contradicts the bundle's x-mitre-collection version ${data.version}` };
  }
  const attackVersion = data.version ?? meta.attackVersion;
  if (!attackVersion) return { error: 'the bundle has no x-mitre-collection version: pass --attack-version (e.g. 18.1)' };
  // The live object wins over a revoked one with the same id (as in the index).
  const byId = attackIndexFromData(data);
  const techniques: Record<string, SnapshotTechnique> = {};
  for (const id of [...byId.ids()].sort(compareIds)) {
    const t = byId.get(id)!;
    const entry: SnapshotTechnique = [t.name, t.tactics, (t.revoked ? 1 : 0) | (t.deprecated ? 2 : 0)];
    if (t.parent || t.replacedBy) entry.push(t.parent ?? '');
    if (t.replacedBy) entry.push(t.replacedBy);
    techniques[id] = entry;
  }
  const tactics: Record<string, AttackTactic> = {};
  for (const k of Object.keys(data.tactics).sort()) tactics[k] = data.tactics[k];
  return { format: SNAPSHOT_FORMAT, attackVersion, source: meta.source, attribution: MITRE_ATTRIBUTION, tactics, techniques };
}

/** T1218 < T1218.009 < T1219 (numeric parts). */
function compareIds(a: string, b: string): number {
  const pa = a.slice(1).split('.').map(Number);
  const pb = b.slice(1).split('.').map(Number);
  return pa[0] - pb[0] || (pa[1] ?? -1) - (pb[1] ?? -1) || (a < b ? -1 : a > b ? 1 : 0);
}

const isStr = (v: unknown): v is string => typeof v === 'string';

/** Reads a snapshot (never throws; undefined when the value is not a snapshot of this format). */
export function attackDataFromSnapshot(json: unknown): AttackData | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const s = json as Partial<AttackSnapshot>;
  if (s.format !== SNAPSHOT_FORMAT || !s.techniques || typeof s.techniques !== 'object') return undefined;
  const techniques: AttackTechnique[] = [];
  for (const [id, e] of Object.entries(s.techniques)) {
    if (!Array.isArray(e) || !isStr(e[0]) || !Array.isArray(e[1])) continue;
    const t: AttackTechnique = { id, name: e[0], tactics: e[1].filter(isStr), revoked: (Number(e[2]) & 1) !== 0, deprecated: (Number(e[2]) & 2) !== 0 };
    if (isStr(e[3]) && e[3]) t.parent = e[3];
    if (isStr(e[4]) && e[4]) t.replacedBy = e[4];
    techniques.push(t);
  }
  const tactics: Record<string, AttackTactic> = {};
  for (const [k, v] of Object.entries(s.tactics ?? {})) if (v && isStr(v.id) && isStr(v.name)) tactics[k] = { id: v.id, name: v.name };
  return { techniques, tactics, version: isStr(s.attackVersion) ? s.attackVersion : undefined };
}

/** The snapshot folder, next to the bundle (dist/ → ../server/data/attack) or in the source tree. */
export function bundledSnapshotPath(): string | undefined {
  const candidates = [
    path.join(__dirname, '..', 'server', 'data', 'attack', SNAPSHOT_FILE),
    path.join(__dirname, '..', '..', 'data', 'attack', SNAPSHOT_FILE),
  ];
  return candidates.find((p) => fs.existsSync(p));
}

export const BUNDLED_ORIGIN = 'bundled snapshot';

/** The snapshot shipped with the extension as an index, or undefined when missing or unreadable. */
export function loadBundledAttackSnapshot(file = bundledSnapshotPath()): AttackIndex | undefined {
  if (!file) return undefined;
  try {
    const data = attackDataFromSnapshot(JSON.parse(fs.readFileSync(file, 'utf8')));
    return data && data.techniques.length > 0 ? attackIndexFromData(data, BUNDLED_ORIGIN) : undefined;
  } catch {
    return undefined;
  }
}
