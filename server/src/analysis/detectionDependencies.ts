// The files a detection's behaviour depends on: its own file, the macros its search expands
// (directly or through other macros), the lookups the expanded search uses (YAML and CSV), and the
// data sources it names, and the baselines that fill those lookups (with their macros: a run runs them
// first, lookupSeedPlan.ts). `test --changed-since` selects detections through this.
import * as path from 'path';
import type { ContentIndex, DetectionEntry } from '../content';
import { lookupRefs } from '../schema/searchRefs';
import { expandMacros } from '../spl/expand';
import { tableName } from '../engine/pipeline/outputLookup';
import { baselinesWriting } from './lookupSeedPlan';
import { macroResolver } from './splContext';

export function detectionDependencies(file: string, index: ContentIndex): string[] {
  const out = new Set<string>([path.resolve(file)]);
  const entry = index.entriesOf(file).find((e): e is DetectionEntry => e.kind === 'detection' || e.kind === 'baseline');
  if (!entry) return [...out];
  if (entry.search !== undefined) {
    const expanded = expandMacros(entry.search, macroResolver(index));
    for (const use of expanded.used) if (use.definition?.file) out.add(path.resolve(use.definition.file));
    for (const ref of lookupRefs(expanded.text)) {
      if (ref.command !== 'outputlookup') {
        for (const b of baselinesWriting(index, tableName(ref.name))) {
          out.add(path.resolve(b.file));
          for (const use of expandMacros(b.search ?? '', macroResolver(index)).used) if (use.definition?.file) out.add(path.resolve(use.definition.file));
        }
      }
      const lookup = index.lookup(ref.name);
      if (!lookup) continue;
      out.add(path.resolve(lookup.file));
      if (lookup.csvFile) out.add(path.resolve(lookup.csvFile));
    }
  }
  for (const name of entry.dataSources) for (const ds of index.dataSources.get(name)) out.add(path.resolve(ds.file));
  return [...out];
}
