// Decides the schema generation of a repository from its content: v5 files have a top-level
// `rba:` in detections, `status:` in stories and `lookup_type:` in lookups; v4 files carry
// `tags.risk_score/observable/confidence` and `filename:`/`collection:` lookups.

import { kindFromPath } from './kind';
import type { Generation } from './types';

export interface GenerationEvidence {
  v4: number;
  v5: number;
}

/** Evidence from one file's text (cheap line regexes, no YAML parse). */
export function generationEvidence(path: string, text: string): GenerationEvidence {
  const kind = kindFromPath(path);
  const e = { v4: 0, v5: 0 };
  if (kind === 'detection') {
    if (/^rba:/m.test(text)) e.v5++;
    if (/^[ ]+(risk_score|observable|confidence|impact):/m.test(text)) e.v4++;
  } else if (kind === 'lookup') {
    if (/^lookup_type:/m.test(text)) e.v5++;
    if (/^(filename|collection):/m.test(text)) e.v4++;
  } else if (kind === 'story') {
    if (/^status:/m.test(text)) e.v5++;
  }
  return e;
}

/** Majority vote over the files; ties and no evidence → 'v5' (current contentctl). */
export function detectGeneration(files: Iterable<{ path: string; text: string }>): Generation {
  let v4 = 0;
  let v5 = 0;
  for (const f of files) {
    const e = generationEvidence(f.path, f.text);
    v4 += e.v4;
    v5 += e.v5;
  }
  return v4 > v5 ? 'v4' : 'v5';
}
