// What the content index knows about each file: one entry per content item, with where it is.

export interface Location {
  /** Absolute path of the YAML file. */
  file: string;
  /** Content root the file belongs to. */
  root: string;
  /** Offset and 0-based line of the item's `name:` value (or `definition:` for macros). */
  offset: number;
  line: number;
  /** The item's `id:` (UUID), when it has one. */
  id?: string;
}

export interface MacroEntry extends Location {
  kind: 'macro';
  name: string;
  args: string[];
  definition: string;
  description?: string;
}

export interface StoryEntry extends Location {
  kind: 'story';
  name: string;
  id?: string;
  description?: string;
}

export interface DataSourceEntry extends Location {
  kind: 'data_source';
  name: string;
  id?: string;
  source?: string;
  sourcetype?: string;
  fields: string[];
  /** `output_fields:` (contentctl v5.2+), when present. */
  outputFields?: string[];
  description?: string;
}

export interface LookupEntry extends Location {
  kind: 'lookup';
  name: string;
  description?: string;
  /** `filename:` of the YAML (the CSV next to it), when present. */
  filename?: string;
  /** `collection:` — the lookup is a KV store collection (a baseline search fills it in Splunk). */
  collection?: string;
  /** Absolute path of the CSV, when it exists. */
  csvFile?: string;
  /** CSV header columns, when the CSV could be read. */
  header?: string[];
  matchType?: string;
  caseSensitiveMatch?: boolean;
}

export interface DetectionEntry extends Location {
  kind: 'detection' | 'baseline';
  name: string;
  id?: string;
  status?: string;
  type?: string;
  search?: string;
  dataSources: string[];
  stories: string[];
  /** Baselines: the detections they feed (`tags.detections`). */
  detections?: string[];
}

export type ContentEntry = MacroEntry | StoryEntry | DataSourceEntry | LookupEntry | DetectionEntry;
