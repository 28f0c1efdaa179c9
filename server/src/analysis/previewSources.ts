// Where a preview's sample log can come from, for the editor to choose before it runs: the
// detection's `tests[].attack_data` entries resolved under the attack-data folder (whether each
// file exists, and the path that was looked for), and the source/sourcetype its data sources
// declare (to pre-fill the choice when the user picks a log of their own).
import * as fs from 'fs';
import { contentRootOf, type ContentIndex } from '../content';
import { loadMapping } from '../content/readEntries';
import { attackDataDirFor, attackDataFile, detectionAttackData } from './runPlan';

export interface AttackDataCandidate {
  /** The `data:` URL as written. */
  data: string;
  /** The file it resolves to, when there is an attack-data folder. */
  file?: string;
  exists: boolean;
  source?: string;
  sourcetype?: string;
}

export interface DataSourceInput {
  name: string;
  source?: string;
  sourcetype?: string;
}

export interface PreviewSources {
  /** The detection's `name:`, when it has one. */
  name?: string;
  /** The attack-data folder used to resolve URLs (setting, or `attack_data/` at the content root). */
  attackDataDir?: string;
  attackData: AttackDataCandidate[];
  /** The detection's data sources with the source/sourcetype each declares. */
  dataSources: DataSourceInput[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function previewSources(file: string, text: string | undefined, index: ContentIndex, attackDataSetting: string): PreviewSources {
  const doc = text !== undefined ? loadMapping(text) : undefined;
  if (!doc) return { attackData: [], dataSources: [] };
  const root = index.rootFor(file) ?? contentRootOf(file);
  const dir = attackDataDirFor(attackDataSetting || undefined, root);
  const attackData = detectionAttackData(doc)
    .filter((a) => typeof a.data === 'string' && a.data)
    .map((a): AttackDataCandidate => {
      const resolved = dir ? attackDataFile(dir, a.data!) : undefined;
      return { data: a.data!, file: resolved, exists: !!resolved && isFile(resolved), source: str(a.source), sourcetype: str(a.sourcetype) };
    });
  const names = Array.isArray(doc.data_source) ? doc.data_source.filter((n): n is string => typeof n === 'string') : [];
  const dataSources = names.map((name): DataSourceInput => {
    const e = index.dataSources.first(name);
    return { name, source: e?.source, sourcetype: e?.sourcetype };
  });
  return { name: str(doc.name), attackDataDir: dir, attackData, dataSources };
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
