// Repository rule: every .csv / .mlmodel file in lookups/ must be used by a lookup YAML
// (contentctl validate). v4 YAMLs name the file in `filename:`; v5 uses <yml stem>.<ext>.

import { baseName, dirName, normalizePath } from './kind';
import type { Generation } from './types';

export interface OrphanLookupFile {
  /** Repo-relative path of the unused data file. */
  path: string;
  message: string;
}

export function findOrphanLookupFiles(paths: Iterable<string>, yamlTexts: (path: string) => string | undefined, generation: Generation): OrphanLookupFile[] {
  const all = [...paths].map(normalizePath).filter((p) => p.startsWith('lookups/'));
  const used = new Set<string>();
  for (const p of all) {
    if (!/\.ya?ml$/i.test(p)) continue;
    const dir = dirName(p);
    const stem = baseName(p).replace(/\.ya?ml$/i, '');
    if (generation === 'v5') {
      used.add(`${dir}/${stem}.csv`);
      used.add(`${dir}/${stem}.mlmodel`);
    } else {
      const fn = /^filename:[ \t]*['"]?([^'"\r\n]+?)['"]?[ \t]*$/m.exec(yamlTexts(p) ?? '')?.[1];
      if (fn) used.add(`${dir}/${fn}`);
    }
  }
  return all
    .filter((p) => /\.(csv|mlmodel)$/i.test(p) && !used.has(p))
    .map((p) => ({ path: p, message: `${baseName(p)} is not used by any lookup YAML in ${dirName(p)}/ (contentctl rejects unreferenced lookup files).` }));
}
