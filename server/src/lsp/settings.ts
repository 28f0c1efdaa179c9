// The `detectionWorkbench.*` settings as the server uses them, with defaults.
import { Connection } from 'vscode-languageserver/node';
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
};

type Raw = Partial<{
  contentRoots: unknown;
  schemaGeneration: unknown;
  attack: { file?: unknown; download?: unknown; url?: unknown };
  timezone: unknown;
  attackData: unknown;
  addons: unknown;
  engine: { maxMemoryMB?: unknown };
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
