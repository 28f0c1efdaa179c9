// Public API of the SPL language core (parser, macro expansion, diagnostics, catalog).

export type * from './ast';
export { parseSpl, parseEvalExpression, parseSearchClause } from './parse';
export {
  expandMacros,
  findCalls,
  SourceMap,
  type MacroDefinition,
  type MacroResolver,
  type ExpandOptions,
  type ExpansionError,
  type ExpansionResult,
  type MacroUse,
} from './expand';
export { builtinMacro, builtinMacroSignatures, withBuiltinMacros } from './builtinMacros';
export { analyzeSpl, DIAG, type SplDiagnostic, type SplAnalysisContext, type SplSeverity } from './diagnostics';
export { outputFieldsOf, aggregationOutputName } from './outputFields';
export { forEachCommand, forEachSearchExpr, forEachEvalExpr, searchExprsOf, evalExprsOf, allMacroCalls } from './walk';
export { parseMacroCallText, splitMacroArgs } from './macroCall';
export { COMMANDS, findCommand, commandNames, type CommandInfo, type CommandOption, type SyntaxFamily, type FieldEffect } from './catalog/commands';
export { EVAL_FUNCTIONS, findEvalFunction, evalFunctionNames, type EvalFunctionInfo, type EvalCategory } from './catalog/evalFunctions';
export { STATS_FUNCTIONS, findStatsFunction, statsFunctionNames, type StatsFunctionInfo } from './catalog/statsFunctions';
