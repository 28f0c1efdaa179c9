// Public API of Splunk-style search-time field extraction.
export { FieldExtractor, createExtractor } from './extractor';
export type { ExtractorOptions, CreateExtractorOptions } from './extractor';
export type { ExtractionPlan, KvMode } from './plan';
export type { EvalCompiler, EvalDef } from './ops/eval';
export type { SearchClauseCompiler, RowPredicate } from './ops/search-clause';
export { simpleSearchCompiler } from './ops/search-clause';
export { parseConf } from './conf/parser';
export type { ParsedConf, ConfStanza, ConfSetting, ConfError } from './conf/parser';
export { mergeApps, mergeConfs, appFromTexts } from './conf/layers';
export type { AddonConfig, AppLayer, MergedConf, MergedStanza, LayeredSetting } from './conf/layers';
export { loadAddonConfig, loadAppDir, loadAppsUnder, builtinAddonsDir } from './conf/load';
export type { AddonLoadOptions } from './conf/load';
export { matchStanzas, stanzaPatternToRegex } from './stanza-match';
export { flattenJsonText } from './auto/json-flatten';
export { parseTimestamp, parseWithFormat } from './auto/time';
