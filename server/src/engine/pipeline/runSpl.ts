// Convenience: parse SPL text (already macro-expanded) and run it.
import { parseSpl } from '../../spl/parse';
import type { Row } from '../types';
import type { EventSource } from './replay';
import { type RunContext, type RunResult, runPipeline } from './run';

export function runSpl(text: string, events: EventSource | Row[], ctx: RunContext = {}): Promise<RunResult> {
  const pipeline = parseSpl(text);
  return runPipeline(pipeline, { events: events as EventSource }, { ...ctx, sourceText: ctx.sourceText ?? text });
}
