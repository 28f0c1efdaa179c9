// The vocabulary the schema model is written in: one FieldSpec per key, nested for objects and lists.
// Validation (checkShape.ts), completion and hovers all read these structures; nothing else lists keys.

import type { Generation } from '../types';

export type FormatName =
  | 'uuid' // any UUID version, dashed or 32 hex digits
  | 'date' // YYYY-MM-DD (or an unquoted YAML date)
  | 'url' // http(s) URL with a host
  | 'url-or-path' // attack_data.data: URL or an existing file path
  | 'mitre' // T1234 or T1234.567
  | 'cve' // CVE-YYYY-N
  | 'match-type' // WILDCARD(field) / CIDR(field)
  | 'throttle-period' // 30s, 5m, 1h
  | 'no-spaces';

export interface EnumSpec {
  /** Registry name (see enums.ts), used in messages and by completion. */
  name: string;
  values: readonly string[];
  /** contentctl enums are case-sensitive; a case-only mismatch is still an error (with a fix). */
  caseSensitive: boolean;
}

export type ValueSpec =
  | { type: 'string'; minLength?: number; maxLength?: number; format?: FormatName; enum?: EnumSpec; pattern?: RegExp; patternText?: string; nullable?: boolean }
  | { type: 'int'; min?: number; max?: number }
  | { type: 'bool' }
  /** YAML scalar of any type coerced to string by contentctl (e.g. default_match). */
  | { type: 'scalar' }
  | { type: 'list'; items: ValueSpec; minItems?: number; unique?: boolean }
  | { type: 'object'; fields: FieldSpec[]; extra: ExtraPolicy }
  /** Either a single string or a list (v4 lookup match_type). */
  | { type: 'string-or-list'; items: ValueSpec }
  | { type: 'any' };

/** What happens to keys not in `fields`: per generation. */
export interface ExtraPolicy {
  v4: 'forbid' | 'warn' | 'ignore';
  v5: 'forbid' | 'warn' | 'ignore';
}

/** Conditions on sibling values that decide whether a key is required. */
export interface Condition {
  generation?: Generation[];
  /** Top-level `status` of the file ∈ … */
  status?: string[];
  /** Top-level `type` of the detection ∈ … */
  type?: string[];
}

export interface FieldSpec {
  key: string;
  /** One line, for hovers and completion. */
  description: string;
  value: ValueSpec;
  /** true = always; a Condition (or list, any-of) = when it holds; absent = optional. */
  required?: boolean | Condition;
  /** Generations in which the key exists; absent = all. In other generations it is a legacy/unknown key. */
  generations?: Generation[];
  /** Message when an author sets it although contentctl computes it (it must be absent/empty). */
  forbidden?: string;
  /** Extra message used when the key appears in a generation it does not exist in. */
  generationHint?: string;
}

export const BOTH: Generation[] = ['v4', 'v5'];
export const V4: Generation[] = ['v4'];
export const V5: Generation[] = ['v5'];

export const str = (o: Omit<Extract<ValueSpec, { type: 'string' }>, 'type'> = {}): ValueSpec => ({ type: 'string', ...o });
export const int = (min?: number, max?: number): ValueSpec => ({ type: 'int', min, max });
export const bool: ValueSpec = { type: 'bool' };
export const list = (items: ValueSpec, minItems?: number, unique?: boolean): ValueSpec => ({ type: 'list', items, minItems, unique });
export const obj = (fields: FieldSpec[], extra: ExtraPolicy): ValueSpec => ({ type: 'object', fields, extra });
export const enumOf = (e: EnumSpec, o: { nullable?: boolean } = {}): ValueSpec => ({ type: 'string', enum: e, ...o });

/** Unknown keys: v5 models are `extra="forbid"`; v4 ignored them (we warn, they are usually typos). */
export const FORBID_V5_WARN_V4: ExtraPolicy = { v4: 'warn', v5: 'forbid' };
export const IGNORE: ExtraPolicy = { v4: 'ignore', v5: 'ignore' };
