// Fields every content object shares (contentctl SecurityContentObject base).

import type { FieldSpec, Condition } from './spec';
import { int, list, str, V5 } from './spec';

export interface BaseOptions {
  /** Max length of `name` (67 for detections and baselines, 99 otherwise). */
  nameMax: number;
  /** Whether id/version/date/author are required: detections/stories/data sources always; macros never (defaults); lookups in v5. */
  identityRequired: boolean | Condition;
  descriptionRequired?: boolean | Condition;
}

export function baseFields(o: BaseOptions): FieldSpec[] {
  return [
    { key: 'name', description: 'Display name; the file name is derived from it (lower case, spaces/-/./ → _).', value: str({ maxLength: o.nameMax, minLength: 1 }), required: true },
    { key: 'id', description: 'UUID, unique across all content in the repository.', value: str({ format: 'uuid' }), required: o.identityRequired },
    { key: 'version', description: 'Non-negative integer; bump it by 1 when the content changes.', value: int(0), required: o.identityRequired },
    { key: 'date', description: 'Date of the last change, YYYY-MM-DD (not in the future).', value: str({ format: 'date' }), required: o.identityRequired },
    { key: 'author', description: 'Author names and organisation, e.g. "Jane Doe, Splunk".', value: str({ maxLength: 255 }), required: o.identityRequired },
    { key: 'description', description: 'What the content does and why it matters (max 10000 characters).', value: str({ maxLength: 10000 }), required: o.descriptionRequired ?? true },
    { key: 'references', description: 'List of http(s) URLs with background material.', value: list(str({ format: 'url' })) },
  ];
}

/** A `status` key allowed only with the given values (contentctl narrows ContentStatus per type). */
export const statusRequiredV5: Condition = { generation: V5 };
