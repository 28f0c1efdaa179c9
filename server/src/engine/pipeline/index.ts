export { runPipeline, RunAborted, type RunContext, type RunResult, type StageStat } from './run';
export { runSpl } from './runSpl';
export type { EventSource } from './replay';
export { defaultParsers } from './parsers';
