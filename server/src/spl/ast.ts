// The SPL syntax tree. Every node carries its source range: half-open UTF-16 offsets into the
// text that was parsed (for a detection, the scalar value of `search:`; the YAML layer maps these
// to document positions). The tree is produced by `parse.ts` and never contains LSP types.

export interface Range {
  start: number;
  end: number;
}

export interface SyntaxError {
  message: string;
  range: Range;
  /** Stable code, e.g. `dw.spl.unbalanced-quote`. */
  code: string;
}

/** `` `name` `` or `` `name(arg1, "arg2")` ``: kept unexpanded in the tree. */
export interface MacroCall {
  kind: 'macro';
  range: Range;
  name: string;
  nameRange: Range;
  /** Argument texts exactly as written (quotes kept, as Splunk substitutes them). */
  args: { text: string; range: Range }[];
}

/** A whole search: commands separated by top-level pipes. */
export interface Pipeline {
  kind: 'pipeline';
  range: Range;
  /** Commands in order; a macro in command position stands for one or more commands. */
  commands: (Command | MacroCall)[];
  /** ```comment``` ranges (they are ignored by everything else). */
  comments: Range[];
  /** Errors found anywhere in this pipeline (including nested subsearches). */
  errors: SyntaxError[];
}

/** `[ ... ]` */
export interface Subsearch {
  kind: 'subsearch';
  range: Range;
  pipeline: Pipeline;
}

// ---------------------------------------------------------------- search clause (search, tstats where)

export type SearchExpr =
  | SearchAnd
  | SearchOr
  | SearchNot
  | SearchCompare
  | SearchIn
  | SearchTerm
  | Subsearch
  | MacroCall
  | SearchError;

export interface SearchAnd {
  kind: 'and';
  range: Range;
  items: SearchExpr[];
  /** True when at least one AND was written (otherwise implicit, by juxtaposition). */
  explicit: boolean;
}

export interface SearchOr {
  kind: 'or';
  range: Range;
  items: SearchExpr[];
}

export interface SearchNot {
  kind: 'not';
  range: Range;
  item: SearchExpr;
}

/** A literal in a search clause. */
export interface SearchValue {
  range: Range;
  /** Text as written (quotes and escapes kept). */
  raw: string;
  /** Text with quotes removed and `\"`, `\\` unescaped. Wildcards `*` remain. */
  text: string;
  quoted: boolean;
  /** `text` contains `*`. A `*` is a wildcard in search clauses whether or not it was quoted. */
  hasWildcard: boolean;
}

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** `field=value`, `field!=value`, `field>=5`, `"field name"=value` */
export interface SearchCompare {
  kind: 'compare';
  range: Range;
  field: string;
  fieldRange: Range;
  op: CompareOp;
  value: SearchValue;
  /** Set when the value is a macro call (`summariesonly=`summariesonly_config``); `value.raw` is the call. */
  valueMacro?: MacroCall;
}

/** `field IN (v1, v2, …)` */
export interface SearchIn {
  kind: 'in';
  range: Range;
  field: string;
  fieldRange: Range;
  values: SearchValue[];
  /** Macro calls written inside the list (`IN (`list_macro`)`); they expand to more values. */
  macros?: MacroCall[];
}

/** A bare term or quoted phrase matched against _raw; `TERM(x)` sets `term`. */
export interface SearchTerm {
  kind: 'term';
  range: Range;
  value: SearchValue;
  /** Written as TERM(...). */
  term: boolean;
}

export interface SearchError {
  kind: 'error';
  range: Range;
}

// ---------------------------------------------------------------- eval expressions (eval, where, stats eval())

export type EvalExpr =
  | EvalString
  | EvalNumber
  | EvalField
  | EvalCall
  | EvalBinary
  | EvalUnary
  | EvalIn
  | MacroCall
  | EvalError;

export interface EvalString {
  kind: 'string';
  range: Range;
  value: string;
}

export interface EvalNumber {
  kind: 'number';
  range: Range;
  value: number;
  raw: string;
}

/** A field reference: bare word (`process_name`, `Processes.process`, `a{}.b`) or `'quoted name'`. */
export interface EvalField {
  kind: 'field';
  range: Range;
  name: string;
}

export interface EvalCall {
  kind: 'call';
  range: Range;
  /** Lowercased function name (`LIKE(` → `like`). */
  name: string;
  nameRange: Range;
  args: EvalExpr[];
}

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '.'
  | '=' | '==' | '!=' | '<' | '<=' | '>' | '>='
  | 'AND' | 'OR' | 'XOR' | 'LIKE';

export interface EvalBinary {
  kind: 'binary';
  range: Range;
  op: BinaryOp;
  left: EvalExpr;
  right: EvalExpr;
}

export interface EvalUnary {
  kind: 'unary';
  range: Range;
  op: 'NOT' | '-' | '+';
  operand: EvalExpr;
}

/** `x IN (a, b)` / `x NOT IN (...)` in eval/where. */
export interface EvalIn {
  kind: 'in';
  range: Range;
  operand: EvalExpr;
  values: EvalExpr[];
  negated: boolean;
}

export interface EvalError {
  kind: 'error';
  range: Range;
}

// ---------------------------------------------------------------- commands

/** `key=value` option of a command (`span=1h`, `max_match=0`, `summariesonly=true`). */
export interface OptionArg {
  key: string;
  keyRange: Range;
  /** Value with quotes removed. */
  value: string;
  valueRange: Range;
  quoted: boolean;
}

/** A field name in a list (`by a b`, `table a, b`, `fields - a*`). */
export interface FieldRef {
  name: string;
  range: Range;
}

/** One aggregation of stats-like commands: `count`, `dc(user) AS users`, `count(eval(x>1))`, `p95(x)`. */
export interface Aggregation {
  range: Range;
  /** Lowercased function name: count, dc, values, p95, perc95, … */
  func: string;
  funcRange: Range;
  /** Field argument, an eval(...) expression, or none (`count`). */
  arg?: { kind: 'field'; field: FieldRef } | { kind: 'eval'; expr: EvalExpr; range: Range };
  as?: FieldRef;
}

export interface Assignment {
  range: Range;
  field: FieldRef;
  expr: EvalExpr;
}

export interface RenamePair {
  range: Range;
  from: FieldRef;
  to: FieldRef;
}

export interface LookupField {
  field: FieldRef;
  as?: FieldRef;
}

/** Structured arguments, by syntax family. A command's family is declared in the command catalog. */
export type CommandBody =
  | { kind: 'search'; expr?: SearchExpr }
  | { kind: 'where'; expr?: EvalExpr }
  | { kind: 'eval'; assignments: Assignment[] }
  | {
      // stats, eventstats, streamstats, tstats, mstats, timechart, chart
      kind: 'stats';
      aggregations: Aggregation[];
      by: FieldRef[];
      /** tstats/from: `from datamodel=Endpoint.Processes` */
      datamodel?: { name: string; range: Range };
      /** tstats/mstats `where <search clause>` */
      where?: SearchExpr;
    }
  | { kind: 'rename'; pairs: RenamePair[] }
  | { kind: 'fields'; mode: '+' | '-'; fields: FieldRef[] } // fields, table (mode '+')
  | { kind: 'rex'; field?: string; regex?: { value: string; range: Range } }
  | { kind: 'regex'; field?: string; negated: boolean; regex?: { value: string; range: Range } }
  | {
      kind: 'lookup';
      table?: { name: string; range: Range };
      inputs: LookupField[];
      outputMode?: 'OUTPUT' | 'OUTPUTNEW';
      outputs: LookupField[];
    }
  | { kind: 'convert'; conversions: { func: string; field: FieldRef; as?: FieldRef; range: Range }[] }
  | { kind: 'sort'; keys: { field: FieldRef; descending: boolean; func?: string }[]; limit?: number }
  | {
      kind: 'foreach';
      fields: FieldRef[];
      /**
       * The `[...]` subpipeline, kept as text. `pipeline` is that text parsed with every
       * `<<TOKEN>>` read as the same-length name `__TOKEN__` (offsets are unchanged).
       */
      template?: { text: string; range: Range; pipeline?: Pipeline };
    }
  | { kind: 'generic' };

export interface Command {
  kind: 'command';
  range: Range;
  /** Lowercased command name; `search` for the implicit leading search. */
  name: string;
  nameRange: Range;
  /** The leading search clause, written without a command name. */
  implicit: boolean;
  options: OptionArg[];
  /** Positional words/strings not consumed by the body (as written). */
  positional: { text: string; range: Range; quoted: boolean }[];
  /** Subsearches appearing in the arguments (join/append/appendpipe/map, search clauses). */
  subsearches: Subsearch[];
  /** Macro calls appearing inside the arguments. */
  macros: MacroCall[];
  body: CommandBody;
}
