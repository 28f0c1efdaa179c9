// The shapes explain produces (JSON-serialisable): an event's path through a search, stage by
// stage, with the boolean tree of each deciding condition. Ranges are offsets in the search as
// written (before macro expansion), half-open; a condition that came from a macro maps to the
// macro call.
import type { Range } from '../../spl/ast';

/** Why a leaf condition held or failed for the event. */
export type LeafCode =
  | 'match' // the condition holds
  | 'field-absent' // the field it reads does not exist in the event (row)
  | 'value-mismatch' // the field exists but no value satisfies the pattern
  | 'cidr-not-contained' // an IP value lies outside the CIDR range
  | 'type-mismatch' // the comparison was made as text because a side is not a number / not an IP
  | 'term-absent' // a bare term / phrase does not occur in _raw at breaker boundaries
  | 'null' // an eval expression evaluated to null (where drops the row)
  | 'false' // an eval expression evaluated to false
  | 'ignored'; // time modifiers and other terms the local engine does not filter on

export interface LeafReason {
  code: LeafCode;
  /** One sentence a person reads. */
  message: string;
  field?: string;
  /** The event's values of `field` (at most 5, each at most 200 characters). */
  values?: string[];
  /** The pattern / literal the value was compared to. */
  pattern?: string;
  /** The matching rule applied (case sensitivity, wildcards, CIDR, numeric comparison). */
  rule?: string;
}

export interface ConditionNode {
  kind: 'and' | 'or' | 'not' | 'xor' | 'leaf';
  /** true: holds; false: does not; null: eval null (treated as false by where). */
  verdict: boolean | null;
  /** The condition as the engine ran it (macro-expanded text). */
  text: string;
  /** Where it is written in the original search. */
  range: Range;
  children?: ConditionNode[];
  reason?: LeafReason;
}

export type StageVerdict =
  | 'kept' // the event's row(s) passed this stage
  | 'dropped' // the stage removed the event's last row
  | 'grouped' // an aggregation folded the event into a group row
  | 'no-group' // an aggregation had no group for it (a by-field is missing)
  | 'excluded' // tstats/datamodel: not in the dataset, or removed by its where clause
  | 'lost' // the stage's output no longer identifies rows derived from the event
  | 'not-reached' // an earlier stage removed the event
  | 'error'; // the stage failed to run

export interface GroupInfo {
  /** The by-field values of the group the event fell into (or the values it has). */
  by: { field: string; value?: string | string[] }[];
  /** By-fields the event lacks: without fillnull, stats puts it in no group. */
  missing: string[];
}

export interface DatasetInfo {
  /** `Endpoint.Processes` */
  dataset: string;
  /** Each constraint search of the dataset and its parents, with its verdict tree. */
  constraints: { object: string; search: string; condition: ConditionNode }[];
}

export interface StageExplanation {
  index: number;
  command: string;
  /** The command in the original search. */
  range: Range;
  verdict: StageVerdict;
  /** A short sentence: what happened to the event here. */
  detail: string;
  /** The search clause / where / tstats where condition, evaluated on the event's row. */
  condition?: ConditionNode;
  group?: GroupInfo;
  dataset?: DatasetInfo;
  /** How many of the event's rows entered / left the stage. */
  rowsIn: number;
  rowsOut: number;
}

export interface FieldOrigin {
  field: string;
  values?: string[];
  /** The extraction step that produced it (add-on stanza and setting), when recorded. */
  origin?: string;
}

export interface EventExplanation {
  /** 1-based index of the event among the sample's events (in file order). */
  event: number;
  /** 1-based line of the event in its log file, when known. */
  line?: number;
  file?: string;
  /** The fields the search reads, as extraction gave them to this event. */
  fields: FieldOrigin[];
  stages: StageExplanation[];
  /** 'fired': rows derived from the event reach the end of the search. */
  outcome: 'fired' | 'dropped' | 'lost' | 'error';
  /** Stage index where the event was dropped / lost. */
  stoppedAt?: number;
  /** The result rows derived from the event (when it fired), as text. */
  results?: Record<string, string | string[]>[];
}
