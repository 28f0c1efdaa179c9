// Detection YAML (detections/**): top level, tags, rba, drilldown_searches, tests.

import { baseFields } from './common';
import {
  ANALYTICS_TYPE, ASSET_TYPE, DETECTION_STATUS, OBSERVABLE_ROLE, OBSERVABLE_TYPE, PRODUCT, RISK_OBJECT_TYPE,
  SECURITY_DOMAIN, THREAT_OBJECT_TYPE,
} from './enums';
import type { FieldSpec, ValueSpec } from './spec';
import { FORBID_V5_WARN_V4, IGNORE, V4, V5, bool, enumOf, int, list, obj, str } from './spec';

const computed = (what: string) => `\`${what}\` is computed by contentctl at build time; remove it from the YAML.`;
const RBA_HINT = 'contentctl v5 replaced the v4 risk keys under `tags` with the top-level `rba:` block.';

export const OBSERVABLE_FIELDS: FieldSpec[] = [
  { key: 'name', description: 'Field of the search output that holds the observable.', value: str({ minLength: 1 }), required: true },
  { key: 'type', description: 'Kind of observable (Hostname, User Name, IP Address, …).', value: enumOf(OBSERVABLE_TYPE), required: true },
  { key: 'role', description: 'Exactly one of [Victim] or [Attacker].', value: list(enumOf(OBSERVABLE_ROLE), 1), required: true },
];

export const THROTTLING_FIELDS: FieldSpec[] = [
  { key: 'fields', description: 'Fields whose combined value suppresses repeated alerts (no spaces; must appear in the search).', value: list(str({ format: 'no-spaces', minLength: 1 }), 1), required: true },
  { key: 'period', description: 'Suppression window: a number followed by s, m or h (e.g. 86400s).', value: str({ format: 'throttle-period' }), required: true },
];

export const DETECTION_TAGS_FIELDS: FieldSpec[] = [
  { key: 'analytic_story', description: 'Names of the analytic stories (stories/*.yml `name`) this detection belongs to.', value: list(str()), required: true },
  { key: 'asset_type', description: 'Kind of asset the detection watches (one AssetType value, e.g. Endpoint).', value: enumOf(ASSET_TYPE), required: true },
  { key: 'product', description: 'Splunk products the detection runs on (at least one).', value: list(enumOf(PRODUCT), 1), required: true },
  { key: 'security_domain', description: 'ES security domain: endpoint, network, threat, identity, access or audit.', value: enumOf(SECURITY_DOMAIN), required: true },
  { key: 'mitre_attack_id', description: 'MITRE ATT&CK technique ids (T1234 or T1234.001).', value: list(str({ format: 'mitre' })) },
  { key: 'cve', description: 'CVE identifiers (CVE-YYYY-NNNN).', value: list(str({ format: 'cve' })) },
  { key: 'atomic_guid', description: 'Atomic Red Team test GUIDs exercising this detection.', value: list(str({ format: 'uuid' })) },
  { key: 'group', description: 'Free-form group names.', value: list(str()) },
  { key: 'throttling', description: 'Alert suppression: `fields` and `period`.', value: obj(THROTTLING_FIELDS, FORBID_V5_WARN_V4) },
  { key: 'manual_test', description: 'Reason the detection is tested manually; its tests are skipped and none are required.', value: str() },
  { key: 'nist', description: 'NIST categories (overwritten by contentctl: DE.CM for TTP, DE.AE otherwise).', value: list(str()) },
  { key: 'research_site_url', description: 'URL of the detection on research.splunk.com.', value: str({ format: 'url' }) },
  { key: 'event_schema', description: 'Event schema of the search, e.g. "ocsf".', value: str() },
  { key: 'mappings', description: 'Framework mappings (rarely used).', value: list({ type: 'any' }) },
  { key: 'mitre_attack_enrichments', description: 'Filled in by contentctl from ATT&CK.', value: { type: 'any' }, forbidden: computed('mitre_attack_enrichments') },
  // v4 risk keys
  { key: 'confidence', description: '[v4] Confidence 0–100 used to compute risk_score.', value: int(0, 100), required: { generation: V4 }, generations: V4, generationHint: RBA_HINT },
  { key: 'impact', description: '[v4] Impact 0–100 used to compute risk_score.', value: int(0, 100), required: { generation: V4 }, generations: V4, generationHint: RBA_HINT },
  { key: 'risk_score', description: '[v4] Risk score (confidence × impact / 100).', value: int(0, 100), generations: V4, generationHint: RBA_HINT },
  { key: 'message', description: '[v4] Risk message; `$field$` tokens are replaced by search output values.', value: str(), required: { generation: V4 }, generations: V4, generationHint: RBA_HINT },
  { key: 'observable', description: '[v4] Risk/threat objects: name, type, role.', value: list(obj(OBSERVABLE_FIELDS, FORBID_V5_WARN_V4)), generations: V4, generationHint: RBA_HINT },
  { key: 'required_fields', description: '[v4] Fields the search needs from the data (at least one).', value: list(str(), 1), required: { generation: V4 }, generations: V4, generationHint: RBA_HINT },
  { key: 'kill_chain_phases', description: '[v4] Kill chain phases (computed).', value: list(str()), generations: V4 },
  { key: 'cis20', description: '[v4] CIS controls (computed).', value: list(str()), generations: V4 },
];

export const RISK_OBJECT_FIELDS: FieldSpec[] = [
  { key: 'field', description: 'Search output field holding the risk object.', value: str({ minLength: 1 }), required: true },
  { key: 'type', description: 'Risk object type: system, user or other.', value: enumOf(RISK_OBJECT_TYPE), required: true },
  { key: 'score', description: 'Risk score 1–100 added to the object.', value: int(1, 100), required: true },
];

export const THREAT_OBJECT_FIELDS: FieldSpec[] = [
  { key: 'field', description: 'Search output field holding the threat object.', value: str({ minLength: 1 }), required: true },
  { key: 'type', description: 'Threat object type (process, file_hash, ip_address, …).', value: enumOf(THREAT_OBJECT_TYPE), required: true },
];

export const RBA_FIELDS: FieldSpec[] = [
  { key: 'message', description: 'Risk message; every `$field$` must be produced by the search.', value: str(), required: true },
  { key: 'risk_objects', description: 'At least one risk object: field, type, score.', value: list(obj(RISK_OBJECT_FIELDS, IGNORE), 1), required: true },
  { key: 'threat_objects', description: 'Threat objects: field, type (the key is required; may be []).', value: list(obj(THREAT_OBJECT_FIELDS, IGNORE)), required: true },
];

const nullableStr: ValueSpec = str({ minLength: 1, nullable: true });

export const DRILLDOWN_FIELDS: FieldSpec[] = [
  { key: 'name', description: 'Drilldown title (at least 5 characters); may use $field$ tokens.', value: str({ minLength: 5 }), required: true },
  { key: 'search', description: 'Drilldown SPL; `%original_detection_search%` is replaced by the detection search.', value: str({ minLength: 1 }), required: true },
  { key: 'earliest_offset', description: 'Earliest time of the drilldown, usually $info_min_time$ (the key is required; may be null).', value: nullableStr, required: true },
  { key: 'latest_offset', description: 'Latest time of the drilldown, usually $info_max_time$ (the key is required; may be null).', value: nullableStr, required: true },
];

export const ATTACK_DATA_FIELDS: FieldSpec[] = [
  { key: 'data', description: 'Sample log: an http(s) URL or a path to an existing file.', value: str({ format: 'url-or-path' }), required: true },
  { key: 'source', description: 'Splunk `source` to index the sample under.', value: str(), required: true },
  { key: 'sourcetype', description: 'Splunk `sourcetype` to index the sample under.', value: str(), required: true },
  { key: 'custom_index', description: 'Index to replay the data into (default: main).', value: str() },
  { key: 'host', description: 'Splunk `host` to index the sample under.', value: str() },
  // contentctl v4 did not define update_timestamp either (it ignored unknown attack_data keys); v5 rejects it
  { key: 'update_timestamp', description: '[v4] Shift event timestamps to now when replaying (ignored by contentctl v4, rejected by v5).', value: { type: 'any' }, generations: V4 },
];

export const TEST_FIELDS: FieldSpec[] = [
  { key: 'name', description: 'Test name, e.g. "True Positive Test".', value: str(), required: true },
  { key: 'attack_data', description: 'Sample logs replayed for this test.', value: list(obj(ATTACK_DATA_FIELDS, FORBID_V5_WARN_V4)), required: true },
  { key: 'earliest_time', description: 'Earliest time of the test search.', value: str() },
  { key: 'latest_time', description: 'Latest time of the test search.', value: str() },
];

export const DETECTION_FIELDS: FieldSpec[] = [
  ...baseFields({ nameMax: 67, identityRequired: true }),
  { key: 'status', description: 'production, experimental or deprecated.', value: enumOf(DETECTION_STATUS), required: true },
  { key: 'type', description: 'TTP, Anomaly, Hunting or Correlation; decides the deployment (RBA for TTP/Anomaly).', value: enumOf(ANALYTICS_TYPE), required: true },
  { key: 'data_source', description: 'Data source names (data_sources/*.yml `name`); join alternatives needed together with " AND ".', value: list(str()) },
  { key: 'search', description: 'The SPL search; must contain the `<file name>_filter` macro, usually last.', value: str({ minLength: 1 }), required: true },
  { key: 'how_to_implement', description: 'What must be ingested/configured for the search to work (min 4 characters).', value: str({ minLength: 4 }), required: true },
  { key: 'known_false_positives', description: 'Benign activity that can trigger the detection (min 4 characters).', value: str({ minLength: 4 }), required: true },
  { key: 'tags', description: 'analytic_story, asset_type, product, security_domain, mitre_attack_id, …', value: obj(DETECTION_TAGS_FIELDS, FORBID_V5_WARN_V4), required: true },
  { key: 'rba', description: '[v5] Risk-based alerting: message, risk_objects, threat_objects (required for TTP/Anomaly).', value: obj(RBA_FIELDS, IGNORE), generations: V5, generationHint: 'This repository uses the v4 schema: risk settings live under `tags` (message, observable, confidence, impact).' },
  { key: 'drilldown_searches', description: 'Follow-up searches; production non-Hunting detections need 2, one using %original_detection_search%.', value: list(obj(DRILLDOWN_FIELDS, IGNORE)) },
  { key: 'tests', description: 'Unit tests with attack_data; production detections (not Correlation, no manual_test) need at least one.', value: list(obj(TEST_FIELDS, FORBID_V5_WARN_V4)) },
  { key: 'enabled_by_default', description: 'Enable the saved search on install (production TTP/Anomaly/Correlation only).', value: bool },
  { key: 'explanation', description: 'Optional longer explanation of the detection.', value: str({ nullable: true }) },
  { key: 'deployment', description: 'Inline deployment overriding the one derived from `type` (scheduling, alert_action).', value: { type: 'any' } },
  { key: 'datamodel', description: '[v4] Data models used (derived from the search in v5).', value: list(str()), generations: V4 },
  ...(['baselines', 'cve_enrichment', 'macros', 'lookups', 'data_source_objects', 'test_groups', 'splunk_app_enrichment'].map(
    (k): FieldSpec => ({ key: k, description: `Computed by contentctl.`, value: { type: 'any' }, forbidden: computed(k), generations: V5 }),
  )),
];

