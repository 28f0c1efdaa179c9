// Judges a local run of a detection test the way contentctl's test mode does: the test passes when
// the search returns at least one result and every field its risk entries name is present in the
// results. (contentctl replays the attack data into Splunk, runs the detection and then checks, in
// `CorrelationSearch.validate_risk_events`, that a risk event exists for every risk object; a risk
// event is only written for a result row holding a value in the risk object's field, so a field is
// "present" when at least one result row has a value for it.) Field names are case-sensitive, as
// Splunk's are.
import type { RunResult } from '../engine/pipeline/run';
import type { Range } from '../spl/ast';

export interface ZeroRowStage {
  /** 0-based stage number in the pipeline. */
  index: number;
  command: string;
  rowsIn: number;
  /** Range of the command in the search that ran (macro-expanded offsets). */
  range: Range;
}

export interface TestVerdict {
  status: 'pass' | 'fail';
  rows: number;
  reason?: string;
  /** For a run that returned no rows: the first stage whose output was empty. */
  stage?: ZeroRowStage;
  /** For a run whose error names a place in the search (macro-expanded offsets). */
  errorRange?: Range;
  /** Risk fields no result row has a value for. */
  missingFields?: string[];
}

/** Where the rows went to zero: the first stage with no output rows. */
export function zeroRowStage(result: RunResult): ZeroRowStage | undefined {
  const i = result.stages.findIndex((s) => s.rowsOut === 0);
  if (i < 0) return undefined;
  const s = result.stages[i];
  return { index: i, command: s.command, rowsIn: s.rowsIn, range: s.range };
}

/** `where`: where the search ran, for the reasons ("locally", "on Splunk"). */
export function judgeRun(result: RunResult & { truncated?: boolean }, riskFields: readonly string[], where = 'locally'): TestVerdict {
  const rows = result.rows.length;
  if (result.error) {
    return {
      status: 'fail',
      rows,
      reason: `the search cannot run ${where}: ${result.error.message}`,
      errorRange: result.error.range,
    };
  }
  if (rows === 0) {
    const stage = zeroRowStage(result);
    if (result.eventsRead === 0 && (!stage || stage.index === 0)) {
      return { status: 'fail', rows, stage, reason: 'the attack data yielded no events (is it empty, or in a format the reader does not recognise?)' };
    }
    const at = stage ? `; rows went to zero at stage ${stage.index + 1} (${stage.command}: ${stage.rowsIn} in, 0 out)` : '';
    return { status: 'fail', rows, stage, reason: `the search returned no results${at}` };
  }
  const missing = [...new Set(riskFields)].filter((f) => !result.rows.some((r) => r[f] !== undefined));
  if (missing.length) {
    const of = result.truncated ? ` (in the first ${rows} rows returned)` : '';
    return {
      status: 'fail',
      rows,
      missingFields: missing,
      reason: `${rows} result(s), but no result has the risk field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}${of}`,
    };
  }
  return { status: 'pass', rows };
}
