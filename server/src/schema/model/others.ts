// Macro, story, data source, lookup and baseline YAML models.

import { baseFields } from './common';
import {
  BASELINE_STATUS, LOOKUP_TYPE, PRODUCT, PRODUCTION_ONLY_STATUS, SECURITY_DOMAIN, STORY_CATEGORY, STORY_STATUS,
  STORY_USECASE,
} from './enums';
import type { FieldSpec } from './spec';
import { FORBID_V5_WARN_V4, V4, V5, bool, enumOf, int, list, obj, str } from './spec';

const productionOnly: FieldSpec = { key: 'status', description: 'Only `production` is allowed for this content type.', value: enumOf(PRODUCTION_ONLY_STATUS) };

export const MACRO_FIELDS: FieldSpec[] = [
  ...baseFields({ nameMax: 99, identityRequired: false }),
  { key: 'definition', description: 'SPL the macro expands to; `$arg$` tokens are replaced by the arguments.', value: str({ minLength: 1 }), required: true },
  { key: 'arguments', description: 'Argument names; a macro with N arguments is called as `name(a1,…,aN)`.', value: list(str()) },
  productionOnly,
];

export const STORY_TAGS_FIELDS: FieldSpec[] = [
  { key: 'category', description: 'Story categories (at least one), e.g. Adversary Tactics, Malware.', value: list(enumOf(STORY_CATEGORY), 1), required: true },
  { key: 'product', description: 'Splunk products (at least one).', value: list(enumOf(PRODUCT), 1), required: true },
  { key: 'usecase', description: 'Use case, e.g. Advanced Threat Detection, Security Monitoring.', value: enumOf(STORY_USECASE), required: true },
  { key: 'cve', description: 'CVE identifiers related to the story.', value: list(str({ format: 'cve' })) },
  { key: 'group', description: 'Free-form group names.', value: list(str()) },
];

export const STORY_FIELDS: FieldSpec[] = [
  ...baseFields({ nameMax: 99, identityRequired: true }),
  { key: 'narrative', description: 'Longer narrative of the threat or use case the story covers.', value: str(), required: true },
  { key: 'status', description: '[v5] production or deprecated (required).', value: enumOf(STORY_STATUS), required: { generation: V5 } },
  { key: 'tags', description: 'category, product, usecase, cve.', value: obj(STORY_TAGS_FIELDS, FORBID_V5_WARN_V4), required: true },
  { key: 'type', description: '[v4] Story type (removed in v5).', value: str(), generations: V4 },
];

export const SUPPORTED_TA_FIELDS: FieldSpec[] = [
  { key: 'name', description: 'Add-on name as on Splunkbase.', value: str(), required: true },
  { key: 'url', description: 'Splunkbase URL of the add-on (or null).', value: str({ format: 'url', nullable: true }), required: true },
  { key: 'version', description: 'Add-on version as a quoted string (an unquoted 4.0 is a number and fails).', value: str(), required: true },
];

export const DATA_SOURCE_FIELDS: FieldSpec[] = [
  ...baseFields({ nameMax: 99, identityRequired: true }),
  { key: 'source', description: 'Splunk `source` of the events.', value: str(), required: true },
  { key: 'sourcetype', description: 'Splunk `sourcetype` of the events.', value: str(), required: true },
  { key: 'separator', description: 'Field that separates event kinds within the source (e.g. EventCode).', value: str() },
  { key: 'separator_value', description: 'Value of the separator field for this data source.', value: str() },
  { key: 'configuration', description: 'Configuration notes for collecting the data.', value: str() },
  { key: 'supported_TA', description: 'Add-ons that parse this data: name, url, version.', value: list(obj(SUPPORTED_TA_FIELDS, FORBID_V5_WARN_V4)) },
  { key: 'fields', description: 'Fields the events contain.', value: list(str()) },
  { key: 'field_mappings', description: 'Mappings of fields to data models.', value: list({ type: 'any' }) },
  { key: 'mitre_components', description: 'ATT&CK data components this source provides.', value: list(str()) },
  { key: 'convert_to_log_source', description: 'Mappings to other log sources.', value: list({ type: 'any' }) },
  { key: 'example_log', description: 'A sample raw event.', value: str() },
  { key: 'output_fields', description: '[v5.2+] Fields every production detection using this source must mention.', value: list(str()), generations: V5 },
  productionOnly,
];

export const LOOKUP_FIELDS_V5: FieldSpec[] = [
  ...baseFields({ nameMax: 99, identityRequired: true }),
  { key: 'lookup_type', description: 'csv (needs <file>.csv next to the YAML), kvstore or mlmodel.', value: enumOf(LOOKUP_TYPE), required: true },
  { key: 'default_match', description: 'Value returned when nothing matches.', value: { type: 'scalar' } },
  { key: 'match_type', description: 'Match rules such as WILDCARD(field) or CIDR(field).', value: list(str({ format: 'match-type' })) },
  { key: 'min_matches', description: 'Minimum matches per input (≥ 0).', value: int(0) },
  { key: 'max_matches', description: 'Maximum matches per input (1–1000).', value: int(1, 1000) },
  { key: 'case_sensitive_match', description: 'Match case-sensitively (true/false).', value: bool },
  { key: 'fields', description: '[kvstore] Collection fields; the first must be `_key`.', value: list(str(), 1) },
  { key: 'collection', description: '[kvstore] KV store collection name.', value: str() },
  productionOnly,
];

export const LOOKUP_FIELDS_V4: FieldSpec[] = [
  ...baseFields({ nameMax: 99, identityRequired: false }),
  { key: 'filename', description: '[v4] CSV (or .mlmodel) file in lookups/ holding the data.', value: str() },
  { key: 'collection', description: '[v4] KV store collection name.', value: str() },
  { key: 'fields_list', description: '[v4] Comma-separated KV store fields.', value: str() },
  { key: 'fields', description: '[v4] Fields of the lookup.', value: { type: 'any' } },
  { key: 'default_match', description: 'Value returned when nothing matches.', value: { type: 'scalar' } },
  { key: 'match_type', description: 'Match rule such as WILDCARD(field) or CIDR(field).', value: { type: 'string-or-list', items: str({ format: 'match-type' }) } },
  { key: 'min_matches', description: 'Minimum matches per input (≥ 0).', value: int(0) },
  { key: 'max_matches', description: 'Maximum matches per input (1–1000).', value: int(1, 1000) },
  { key: 'case_sensitive_match', description: 'Match case-sensitively (true/false).', value: bool },
];

export const BASELINE_TAGS_FIELDS: FieldSpec[] = [
  { key: 'analytic_story', description: 'Stories this baseline supports.', value: list(str()) },
  { key: 'detections', description: 'Names of detections that use this baseline (not checked by contentctl).', value: list(str()) },
  { key: 'product', description: 'Splunk products (at least one).', value: list(enumOf(PRODUCT), 1), required: true },
  { key: 'security_domain', description: 'ES security domain.', value: enumOf(SECURITY_DOMAIN), required: true },
  { key: 'required_fields', description: '[v4] Fields the search needs.', value: list(str()), generations: V4 },
];

export const BASELINE_FIELDS: FieldSpec[] = [
  ...baseFields({ nameMax: 67, identityRequired: true }),
  { key: 'type', description: 'Must be `Baseline`.', value: str({ pattern: /^Baseline$/, patternText: 'Baseline' }), required: true },
  { key: 'status', description: '[v5] production or deprecated (required).', value: enumOf(BASELINE_STATUS), required: { generation: V5 } },
  { key: 'data_source', description: 'Data source names.', value: list(str()) },
  { key: 'search', description: 'SPL that builds the baseline (usually ends with outputlookup).', value: str({ minLength: 4 }), required: true },
  { key: 'how_to_implement', description: 'Setup needed (min 4 characters).', value: str({ minLength: 4 }), required: true },
  { key: 'known_false_positives', description: 'Known false positives (min 4 characters).', value: str({ minLength: 4 }), required: true },
  { key: 'tags', description: 'analytic_story, detections, product, security_domain.', value: obj(BASELINE_TAGS_FIELDS, FORBID_V5_WARN_V4), required: true },
  { key: 'deployment', description: 'Inline deployment (scheduling).', value: { type: 'any' } },
  { key: 'datamodel', description: '[v4] Data models used.', value: list(str()), generations: V4 },
];
