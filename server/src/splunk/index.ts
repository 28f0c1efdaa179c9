// Running searches on a Splunk server: REST export, HEC replay, and comparison with the local engine.
export { checkManagementUrl, redact, type SplunkConnection } from './connection';
export { printable, SplunkError, type SplunkErrorKind, type SplunkMessage } from './errors';
export { runExport, exportSearchText, type ExportRequest, type SplunkResultJson, DEFAULT_MAX_ROWS } from './exportSearch';
export { sendRaw, type HecTarget, type RawMeta } from './hec';
export { replayFiles, waitUntilSearchable, restrictToReplay, replayHost, type ReplayFile, type ReplayReport, type WaitReport } from './replay';
export { compareResults, comparisonText, SPLUNK_INTERNAL_FIELDS, type Comparison } from './compare';
