// The `detectionWorkbench.*` settings as the server uses them, with defaults.
import { Connection } from 'vscode-languageserver/node';
import type { LookupSources } from '../analysis/lookupSeedPlan';
import { MITRE_ENTERPRISE_ATTACK_URL } from '../schema/attackSource';

export interface ServerSettings {
  contentRoots: string[];
  schemaGeneration: 'auto' | 'v4' | 'v5';
  attackFile: string;
  attackDownload: boolean;
  attackUrl: string;
  timezone: string;
  attackDataDir: string;
  addonDirs: string[];
  /** The engine worker's heap limit (`detectionWorkbench.engine.maxMemoryMB`). */
  engineMaxMemoryMB: number;
  /** `detectionWorkbench.lookups.*`: CSVs for ES's asset/identity tables and for KV store collections. */
  lookups: { esAssetsCsv: string; esIdentitiesCsv: string; collections: Record<string, string> };
}

export const DEFAULT_SETTINGS: ServerSettings = {
  contentRoots: [],
  schemaGeneration: 'auto',
  attackFile: '',
  attackDownload: false,
  attackUrl: MITRE_ENTERPRISE_ATTACK_URL,
  timezone: 'UTC',
  attackDataDir: '',
  addonDirs: [],
  engineMaxMemoryMB: 1024,
  lookups: { esAssetsCsv: '', esIdentitiesCsv: '', collections: {} },
};

type Raw = Partial<{
  contentRoots: unknown;
  schemaGeneration: unknown;
  attack: { file?: unknown; download?: unknown; url?: unknown };
  timezone: unknown;
  attackData: unknown;
  addons: unknown;
  engine: { maxMemoryMB?: unknown };
  lookups: { esAssetsCsv?: unknown; esIdentitiesCsv?: unknown; collections?: unknown };
}>;

export function normalizeSettings(raw: Raw | null | undefined): ServerSettings {
  const r = raw ?? {};
  return {
    contentRoots: Array.isArray(r.contentRoots) ? r.contentRoots.map(String) : DEFAULT_SETTINGS.contentRoots,
    schemaGeneration: r.schemaGeneration === 'v4' || r.schemaGeneration === 'v5' ? r.schemaGeneration : 'auto',
    attackFile: typeof r.attack?.file === 'string' ? r.attack.file : '',
    attackDownload: r.attack?.download === true,
    attackUrl: typeof r.attack?.url === 'string' && r.attack.url ? r.attack.url : MITRE_ENTERPRISE_ATTACK_URL,
    timezone: typeof r.timezone === 'string' && r.timezone ? r.timezone : 'UTC',
    attackDataDir: typeof r.attackData === 'string' ? r.attackData : '',
    addonDirs: Array.isArray(r.addons) ? r.addons.map(String) : [],
    engineMaxMemoryMB:
      typeof r.engine?.maxMemoryMB === 'number' && Number.isFinite(r.engine.maxMemoryMB) && r.engine.maxMemoryMB >= 64
        ? r.engine.maxMemoryMB
        : DEFAULT_SETTINGS.engineMaxMemoryMB,
    lookups: {
      esAssetsCsv: typeof r.lookups?.esAssetsCsv === 'string' ? r.lookups.esAssetsCsv.trim() : '',
      esIdentitiesCsv: typeof r.lookups?.esIdentitiesCsv === 'string' ? r.lookups.esIdentitiesCsv.trim() : '',
      collections: stringMap(r.lookups?.collections),
    },
  };
}

/** A `{ name: "path" }` setting; entries whose value is not a non-empty string are dropped. */
function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return out;
  for (const [k, p] of Object.entries(v as Record<string, unknown>)) if (typeof p === 'string' && p.trim()) out[k] = p.trim();
  return out;
}

/**
 * The `detectionWorkbench.lookups.*` settings as a run's lookup sources: paths relative to the first
 * workspace folder, and confined to the opened folders (`folders`, the workspace folders and content
 * roots) — a file outside them is refused with a message in the run's warnings.
 */
export function lookupSourcesOf(settings: ServerSettings, folders: string[]): LookupSources | undefined {
  const l = settings.lookups;
  if (!l.esAssetsCsv && !l.esIdentitiesCsv && !Object.keys(l.collections).length) return undefined;
  return {
    esAssetsCsv: l.esAssetsCsv || undefined,
    esIdentitiesCsv: l.esIdentitiesCsv || undefined,
    collections: l.collections,
    baseDir: folders[0] ?? process.cwd(),
    confineTo: folders,
    origin: 'setting',
  };
}

/** Reads the settings from the client (null when the client cannot answer). */
export async function fetchSettings(connection: Connection, supported: boolean): Promise<ServerSettings> {
  if (!supported) return DEFAULT_SETTINGS;
  try {
    return normalizeSettings((await connection.workspace.getConfiguration('detectionWorkbench')) as Raw);
  } catch {
    return DEFAULT_SETTINGS;
  }
}
