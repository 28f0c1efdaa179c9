export { compileEval, createEvalCompiler, asFieldValue, isTruthy, type EvalCompiler, type CompileResult } from './compile';
export type { EvalFn, EvalOptions } from './context';
export { EVAL_FUNCTIONS, cidrMatch, like, printf } from './functions';
export { compilePcre, convertPcre, pcreReplaceAll } from './regex';
export { strftime, strptime, relativeTime, parseSpan, floorToSpan, tzOffsetMinutes } from './time';
export * from './values';
