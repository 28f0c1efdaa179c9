// Every diagnostic code the schema checker emits, with its severity per schema generation.
// 'off' = not reported in that generation (contentctl of that generation did not enforce it).

import type { Generation, Severity } from './types';

export interface RuleInfo {
  v4: Severity | 'off';
  v5: Severity | 'off';
  /** One line: what the rule checks. */
  summary: string;
}

const r = (v4: RuleInfo['v4'], v5: RuleInfo['v5'], summary: string): RuleInfo => ({ v4, v5, summary });

export const RULES = {
  'yaml-syntax': r('error', 'error', 'The file must be valid YAML.'),
  'yaml-compat': r('warning', 'warning', 'YAML that PyYAML accepts but YAML 1.2 parsers reject (e.g. an unindented continuation line of a quoted value).'),
  'duplicate-key': r('warning', 'warning', 'A key appears twice in a mapping; PyYAML silently keeps the last one.'),
  'empty-file': r('error', 'error', 'The file is empty or holds only comments.'),
  'update-placeholder': r('error', 'error', 'The file still contains __UPDATE__ left by `contentctl new`.'),
  'binary-file': r('error', 'error', 'The file is not text.'),
  'wrong-type': r('error', 'error', 'A value has the wrong type (mapping, list, string, integer, boolean).'),
  'missing-key': r('error', 'error', 'A required key is missing.'),
  'unknown-key': r('warning', 'error', 'A key the schema does not define (v5 forbids extra keys; v4 ignored them).'),
  'legacy-key': r('off', 'error', 'A v4 key (e.g. tags.risk_score) in a v5 repository.'),
  'v5-key': r('warning', 'off', 'A v5-only key (e.g. rba) in a v4 repository; contentctl v4 ignores it.'),
  'computed-key': r('error', 'error', 'A key contentctl computes at build time was set by hand.'),
  'enum': r('error', 'error', 'A value outside its enumeration.'),
  'format': r('error', 'error', 'A value that does not match its format (UUID, date, URL, MITRE id, CVE, …).'),
  'mitre-lenient': r('warning', 'warning', 'A MITRE id that only passes contentctl because its regex has an unescaped dot (T1059,004).'),
  'length': r('error', 'error', 'A string or list that is too short or too long.'),
  'range': r('error', 'error', 'A number outside its allowed range.'),
  'future-date': r('off', 'error', '`date` is in the future (contentctl ≥ 5.5.15).'),
  'file-name': r('error', 'error', 'The file name must be derived from `name`.'),
  'filter-macro': r('error', 'error', 'A detection search must contain its exact `<file stem>_filter` macro.'),
  'filter-not-last': r('information', 'information', 'The filter macro is not the last command of the search.'),
  'four-backticks': r('error', 'error', 'Four or more backticks in a row in a search.'),
  'drilldowns': r('warning', 'error', 'Production non-Hunting detections need 2 drilldown searches, one with %original_detection_search%.'),
  'tests-required': r('error', 'error', 'Production detections (not Correlation, no manual_test) need at least one test.'),
  'rba-required': r('off', 'error', 'TTP and Anomaly detections need an `rba:` block with at least one risk object.'),
  'rba-forbidden': r('off', 'error', 'Hunting and Correlation detections must not have an `rba:` block.'),
  'observable-role': r('error', 'off', '[v4] Each observable has exactly one role; production TTP/Anomaly need a Victim.'),
  'field-not-in-search': r('error', 'error', 'A risk/observable/throttling field or $field$ token does not appear in the search.'),
  'field-not-in-output': r('warning', 'warning', 'A $field$ / risk object field the search output cannot contain (SPL analysis).'),
  'enabled-by-default': r('error', 'error', 'enabled_by_default requires production status and type TTP/Anomaly/Correlation.'),
  'mitre-overlap': r('off', 'error', 'A technique and one of its sub-techniques are both listed (contentctl ≥ 5.0.3).'),
  'mitre-unknown': r('warning', 'warning', 'A MITRE id that does not exist in the supplied ATT&CK data.'),
  'mitre-revoked': r('warning', 'warning', 'A revoked MITRE technique (use its replacement).'),
  'mitre-deprecated': r('warning', 'warning', 'A deprecated MITRE technique.'),
  'duplicate-entry': r('warning', 'error', 'The same entry twice in a list (e.g. analytic_story, contentctl ≥ 5.5.3).'),
  'unknown-story': r('error', 'error', 'tags.analytic_story names no story.'),
  'unknown-data-source': r('warning', 'error', 'data_source names no data source (error since contentctl 5.1).'),
  'data-source-fields': r('off', 'error', 'A data source output field does not appear in a production TTP/Anomaly search (contentctl ≥ 5.2).'),
  'unknown-macro': r('error', 'error', 'The search uses a macro that macros/ does not define.'),
  'macro-args': r('error', 'error', 'A macro is called with a number of arguments it is not defined with.'),
  'unknown-lookup': r('warning', 'error', 'The search uses a lookup that lookups/ does not define.'),
  'duplicate-id': r('error', 'error', 'Another content file has the same `id`.'),
  'duplicate-name': r('error', 'error', 'Another content file has the same `name`.'),
  'lookup-file': r('error', 'error', 'The lookup data file (CSV/mlmodel) is missing or misnamed.'),
  'lookup-csv-rows': r('warning', 'error', 'A CSV row has a different number of columns than the header.'),
  'lookup-kvstore-fields': r('off', 'error', 'KV store lookup fields must begin with _key.'),
} satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export function severityOf(rule: RuleId, g: Generation): Severity | 'off' {
  return RULES[rule][g];
}

export const CODE_PREFIX = 'dw.schema.';
