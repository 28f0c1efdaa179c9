// `run --on splunk`: the same search a local run would use, sent to a Splunk server's export
// endpoint; results print in the local run's formats, marked as from the server.
import { readDetection, RunPlanError } from '../analysis/runPlan';
import { serverSearch } from '../analysis/serverSearch';
import { toCsv, toTable } from '../engine/resultFormat';
import { printable, runExport, SplunkError, SplunkResultJson } from '../splunk';
import { ParsedArgs, stringOption, UsageError } from './args';
import { CliIO, EXIT } from './io';
import { contentIndexFor } from './contentIndexFor';
import { splunkConnection } from './splunkOptions';

const LOCAL_ONLY = ['log', 'source', 'sourcetype', 'host', 'log-format', 'attack-data', 'addons', 'tz', 'timeout'];

/** Exit code for a Splunk failure: the search itself failed (1) or it could not run at all (2). */
export function splunkExit(e: SplunkError): number {
  return e.kind === 'search' ? EXIT.findings : EXIT.usage;
}

/** Cancels `ctl` on Ctrl-C while `work` runs (aborting the request ends the job on the server). */
export async function withInterrupt<T>(ctl: AbortController, work: () => Promise<T>): Promise<T> {
  const onSigint = () => ctl.abort();
  process.once('SIGINT', onSigint);
  try {
    return await work();
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

export async function runOnSplunk(args: ParsedArgs, io: CliIO, detection: string | undefined, search: string | undefined): Promise<number> {
  const local = LOCAL_ONLY.find((k) => args.options[k] !== undefined);
  if (local) throw new UsageError(`--${local} applies to local runs only (the server reads its own indexes)`);
  const conn = splunkConnection(io, args);
  const index = contentIndexFor(io, detection, stringOption(args, 'content'));
  let spl: string;
  try {
    let original = search;
    if (original === undefined && detection) original = readDetection(detection).search;
    if (original === undefined) throw new RunPlanError(`${detection} has no search:`, 'usage');
    const planned = serverSearch(original, index, !!args.options['server-macros']);
    for (const n of planned.notes) io.err(`note: ${n}\n`);
    spl = planned.search;
  } catch (e) {
    if (e instanceof RunPlanError) {
      io.err(`${e.message}\n`);
      return e.kind === 'usage' ? EXIT.usage : EXIT.findings;
    }
    throw e;
  }
  const rawMax = stringOption(args, 'max-rows');
  const maxRows = rawMax === undefined ? undefined : Number(rawMax);
  if (maxRows !== undefined && !(Number.isInteger(maxRows) && maxRows > 0)) throw new UsageError(`--max-rows must be a positive whole number (got "${rawMax}")`);
  const ctl = new AbortController();
  try {
    const result = await withInterrupt(ctl, () =>
      runExport(conn, { search: spl, earliest: stringOption(args, 'earliest'), latest: stringOption(args, 'latest'), maxRows, signal: ctl.signal }),
    );
    const format = stringOption(args, 'format') ?? 'table';
    if (format === 'json') io.out(JSON.stringify(result, null, 2) + '\n');
    else if (format === 'csv') io.out(toCsv(result));
    else {
      io.out(toTable(forTerminal(result)));
      io.out(`\n${result.rows.length} row(s)${result.truncated ? ' (truncated)' : ''} from Splunk at ${result.server} in ${(result.runMs / 1000).toFixed(1)} s; times as Splunk formats them.\n`);
    }
    for (const w of result.warnings) io.err(`${w}\n`);
    if (result.error) io.err(`${result.error}\n`);
    return result.error ? EXIT.findings : EXIT.ok;
  } catch (e) {
    if (e instanceof SplunkError) {
      io.err(`error: ${e.message}\n`);
      return splunkExit(e);
    }
    throw e;
  }
}

/** Values from the server shown on a terminal: control characters (escape sequences) made visible. */
function forTerminal(r: SplunkResultJson): SplunkResultJson {
  const cell = (v: string | string[]) => (Array.isArray(v) ? v.map(printable) : printable(v));
  return { ...r, fields: r.fields.map(printable), rows: r.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [printable(k), cell(v)]))) };
}
