// Shared data shapes of the local SPL engine: raw events from readers, field values and rows.

/** A single field value as Splunk holds it: text, or a number produced by eval/stats. */
export type Scalar = string | number;

/**
 * A field's value in a row. `undefined` (absent key) means the field is null / does not exist.
 * An array is a multivalue field: never empty, never containing null.
 */
export type FieldValue = Scalar | Scalar[];

/** One result row / event. Keys are field names (case-sensitive). Created with `newRow()`. */
export type Row = { [field: string]: FieldValue | undefined };

export function newRow(): Row {
  return Object.create(null) as Row;
}

/** Formats a reader knows. `auto` = detect from the first bytes. */
export type LogFormat =
  | 'xml' // Windows event XML (<Event xmlns=...>), one per line or pretty-printed
  | 'json' // JSON lines or a JSON array of objects
  | 'csv' // CSV with a header row
  | 'kv' // key=value text
  | 'auditd' // Linux auditd lines (type=... msg=audit(...): key=value ...)
  | 'syslog-xml' // Sysmon for Linux: XML event inside a syslog line
  | 'wineventlog' // classic multi-line WinEventLog text (LogName=... / EventCode=... / Message=...)
  | 'text'; // anything else: one event per line, _raw only

/** An event as a reader yields it, before field extraction. */
export interface RawEvent {
  /** The event text exactly as Splunk would index it (_raw). */
  raw: string;
  /** Format of this event. */
  format: LogFormat;
  /** 1-based line number of the event's first line in the file (for messages). */
  line: number;
  /** For CSV input: the row's columns by header name. */
  columns?: Record<string, string>;
  /** For JSON input: the parsed value, so extraction does not parse `raw` again. */
  json?: unknown;
}

/** Metadata fields applied to every event of one input. */
export interface InputMeta {
  source: string;
  sourcetype: string;
  host: string;
}

/** A problem found while reading or running, reported to the user (never thrown). */
export interface EngineMessage {
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** Where in the SPL text (offsets), when the message is about the search. */
  range?: { start: number; end: number };
  /** Where in the log (1-based line), when it is about the input. */
  line?: number;
}
