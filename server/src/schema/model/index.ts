// Entry point of the schema model: the root object spec for a content kind and generation, and
// key lookup by YAML path (for completion and hovers).

import type { ContentKind, Generation } from '../types';
import { DETECTION_FIELDS } from './detection';
import { BASELINE_FIELDS, DATA_SOURCE_FIELDS, LOOKUP_FIELDS_V4, LOOKUP_FIELDS_V5, MACRO_FIELDS, STORY_FIELDS } from './others';
import type { FieldSpec, ValueSpec } from './spec';
import { FORBID_V5_WARN_V4 } from './spec';

export * from './spec';
export * from './enums';

/** Root object spec of a file of `kind` in `generation`. */
export function rootSpec(kind: ContentKind, generation: Generation): Extract<ValueSpec, { type: 'object' }> {
  const fields = ((): FieldSpec[] => {
    switch (kind) {
      case 'detection': return DETECTION_FIELDS;
      case 'macro': return MACRO_FIELDS;
      case 'story': return STORY_FIELDS;
      case 'data_source': return DATA_SOURCE_FIELDS;
      case 'lookup': return generation === 'v4' ? LOOKUP_FIELDS_V4 : LOOKUP_FIELDS_V5;
      case 'baseline': return BASELINE_FIELDS;
    }
  })();
  return { type: 'object', fields, extra: FORBID_V5_WARN_V4 };
}

/** Does the field exist in this generation? */
export function fieldInGeneration(f: FieldSpec, g: Generation): boolean {
  return !f.generations || f.generations.includes(g);
}

/**
 * The object spec at a key path (e.g. ['tags'] or ['tests', 'attack_data']; list levels are implicit).
 * Returns the fields valid in the generation, for completion; undefined when the path is not an object.
 */
export function fieldsAt(kind: ContentKind, generation: Generation, keyPath: readonly string[]): FieldSpec[] | undefined {
  let spec: ValueSpec = rootSpec(kind, generation);
  for (const key of keyPath) {
    while (spec.type === 'list') spec = spec.items;
    if (spec.type !== 'object') return undefined;
    const f: FieldSpec | undefined = spec.fields.find((x) => x.key === key);
    if (!f) return undefined;
    spec = f.value;
  }
  while (spec.type === 'list') spec = spec.items;
  if (spec.type !== 'object') return undefined;
  return spec.fields.filter((f) => fieldInGeneration(f, generation) && !f.forbidden);
}

/** The field spec for a key path (e.g. ['tags', 'asset_type']), for hovers and enum completion. */
export function fieldAt(kind: ContentKind, generation: Generation, keyPath: readonly string[]): FieldSpec | undefined {
  if (keyPath.length === 0) return undefined;
  let spec: ValueSpec = rootSpec(kind, generation);
  let found: FieldSpec | undefined;
  for (const key of keyPath) {
    while (spec.type === 'list') spec = spec.items;
    if (spec.type !== 'object') return undefined;
    found = spec.fields.find((x) => x.key === key);
    if (!found) return undefined;
    spec = found.value;
  }
  return found;
}

/** Enum values allowed for a key path, or undefined (list-of-enum fields included). */
export function enumValuesAt(kind: ContentKind, generation: Generation, keyPath: readonly string[]): readonly string[] | undefined {
  let v: ValueSpec | undefined = fieldAt(kind, generation, keyPath)?.value;
  while (v && (v.type === 'list' || v.type === 'string-or-list')) v = v.items;
  return v && v.type === 'string' && v.enum ? v.enum.values : undefined;
}
