// Shared shapes of the schema checker: diagnostics, quick-fix data, inputs and the cross-file context.
// Positions are 0-based UTF-16 offsets into the file text, half-open.

import type { AttackIndex } from './attack';

export interface Range {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'information';

/** Content file kinds of a security_content repository (decided from the path). */
export type ContentKind = 'detection' | 'macro' | 'story' | 'data_source' | 'lookup' | 'baseline';

/** Schema generation: v4 = risk fields under `tags`; v5 = top-level `rba:` (contentctl ≥ 5). */
export type Generation = 'v4' | 'v5';

/** Data describing a quick fix; the LSP layer turns it into a code action. */
export type SchemaFix =
  | { kind: 'replace'; title: string; range: Range; text: string }
  | { kind: 'insert'; title: string; offset: number; text: string }
  | { kind: 'rename-file'; title: string; newPath: string }
  | { kind: 'new-uuid'; title: string; range: Range };

export interface SchemaDiagnostic {
  /** `dw.schema.<rule>`; see RULES in rules.ts. */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Candidate values (for enums, references, keys), best first. */
  suggestions?: string[];
  /** Quick fixes, best first. */
  fix?: SchemaFix[];
}

/** A set of names with optional enumeration (for suggestions). */
export interface NameLookup {
  has(name: string): boolean;
  names(): Iterable<string>;
}

/** Shape of a lookup CSV file. */
export interface CsvShape {
  /** Header cells. */
  header: string[];
  /** Rows (1-based; the header is row 1, as contentctl counts) whose column count differs. */
  badRows: Array<{ row: number; columns: number }>;
}

/**
 * Cross-file knowledge, all optional: a rule whose data is missing is skipped (never guessed).
 * Names are matched exactly (case-sensitive), as contentctl does.
 */
export interface SchemaContext {
  /** Macro name → the argument counts it is defined with (e.g. [0] or [1]); undefined = unknown macro. */
  macroArgCounts?(name: string): number[] | undefined;
  /** All macro names (for suggestions). */
  macroNames?(): Iterable<string>;
  stories?: NameLookup;
  dataSources?: NameLookup;
  /** A data source's `output_fields` (v5.2+), or undefined when it has none / is unknown. */
  dataSourceOutputFields?(name: string): string[] | undefined;
  /** Lookup definitions by `name` (lookups/*.yml). */
  lookups?: NameLookup;
  /** Repo-relative paths of all content files declaring this `id` (case-insensitive UUID compare). */
  idOwners?(id: string): string[];
  /** Repo-relative paths of all content files declaring this `name`. */
  nameOwners?(name: string): string[];
  /** Does this repo-relative path exist? Used for lookup CSV/mlmodel files and attack_data paths. */
  fileExists?(repoPath: string): boolean;
  /** Text of a repo-relative file (lookup CSVs); undefined when missing/unreadable. */
  readText?(repoPath: string): string | undefined;
  /** Fields the search can output; undefined = unknown (no warning). Injected from the SPL analyser. */
  outputFieldsOf?(search: string): Set<string> | undefined;
  /** MITRE ATT&CK index; without it only the id format rules apply. */
  attack?: AttackIndex;
  /** "Today" as YYYY-MM-DD (UTC) for the future-date rule; default: the real date. */
  today?: string;
}

export interface ValidateInput {
  /** The file already parsed by `parseYaml` of yamlSource.ts (saves a second parse). */
  parsed?: import('./yamlSource').ParsedYaml;
  /** Whole file text. */
  text: string;
  /** Path relative to the repository root, with `/` separators (e.g. `detections/endpoint/x.yml`). */
  path: string;
  /** Kind; detected from the path when omitted. A path of no known kind yields no diagnostics. */
  kind?: ContentKind;
  /** Schema generation of the repository (see detectGeneration). Default 'v5'. */
  generation?: Generation;
  context?: SchemaContext;
}
