// The edits one stage needs so that it keeps the crafted event: the search clause or where
// condition solved leaf by leaf (solve.ts; tags through event types, eventtypeSolve.ts), a regex
// command's example, the grouping fields of stats/dedup/transaction, an inner join's values, and
// for tstats the data model's constraints and its where clause.
import type { Command } from '../../spl/ast';
import type { Row } from '../types';
import { option, positionals, unescapeQuotedArg } from '../commands/args';
import { splitNodename } from '../commands/tstats';
import { dedupArgs } from '../commands/dedup';
import type { evalOptions } from '../commands/util';
import { compileDataset } from '../datamodels/dataset';
import { defaultDataModels } from '../datamodels/registry';
import { scalarText, valuesOf } from '../eval/values';
import type { AddonConfig } from '../extract/conf/layers';
import { defaultParsers } from '../pipeline/parsers';
import { type RunContext, runPipeline } from '../pipeline/run';
import { solveTags } from './eventtypeSolve';
import { regexExample } from './regexExample';
import { type Solution, solveEval, solveSearch } from './solve';

function stripDataset(sol: Solution): Solution {
  if ('impossible' in sol) return sol;
  return { edits: sol.edits.map((e) => ('field' in e ? { ...e, field: e.field.split('.').pop()! } : e)) };
}

/** Field edits that make stage `s` keep the event (or why none can), from the condition or kind of its command. */
export async function solveStage(cmd: Command, s: number, event: Row, verdict: string, missing: string[], before: Command[], run: RunContext, evalOpts: ReturnType<typeof evalOptions>, config: AddonConfig): Promise<Solution> {
  const b = cmd.body;
  // The row the stage received (streaming commands before it keep one row per event).
  let input = event;
  if (s > 0) {
    const r = await runPipeline({ kind: 'pipeline', range: cmd.range, commands: before, comments: [], errors: [] }, { events: [event] }, run);
    if (r.rows.length === 0) return { impossible: 'the event does not reach this stage' };
    input = r.rows[0];
  }
  if (b.kind === 'search' && b.expr) return solveTags(solveSearch(b.expr, input), input, config);
  if (b.kind === 'where' && b.expr) return solveTags(solveEval(b.expr, input, evalOpts), input, config);
  if (b.kind === 'regex' && b.regex && !b.negated) {
    // regex field="…": a value the expression matches (checked with the command's own regex by re-running).
    // The pattern as the regex command compiles it (quoted-argument escapes undone, commands/regex.ts).
    const v = regexExample(unescapeQuotedArg(b.regex.value));
    return v === undefined ? { impossible: `cannot derive a value matching the regular expression ${b.regex.value}` } : { edits: [{ field: b.field ?? '_raw', value: v }] };
  }
  if (cmd.name === 'join' && (option(cmd, 'type') ?? 'inner').toLowerCase() === 'inner' && cmd.subsearches[0]) {
    // An inner join keeps the row when a subsearch row has equal values of the join fields: take them from the first such row.
    const sub = (await runPipeline(cmd.subsearches[0].pipeline, { events: [event] }, run)).rows;
    const fields = positionals(cmd).map((p) => p.text);
    const row = sub.find((r) => fields.length > 0 && fields.every((f) => r[f] !== undefined));
    if (!row) return { impossible: `join: the subsearch returns no row with the join field${fields.length === 1 ? '' : 's'} ${fields.join(', ') || '(none named)'} on the crafted event` };
    return { edits: fields.filter((f) => scalarText(valuesOf(input[f] ?? '')[0]) !== scalarText(valuesOf(row[f])[0])).map((f) => ({ field: f, value: scalarText(valuesOf(row[f])[0]) })) };
  }
  if (cmd.name === 'transaction') {
    // transaction leaves out rows missing a grouping field (commands/transaction.ts); a row that has
    // them all and is still left out needs other events (startswith/endswith, maxspan).
    const fields = positionals(cmd).map((p) => p.text);
    const missingHere = fields.filter((f) => input[f] === undefined);
    if (missingHere.length) return { edits: missingHere.map((f) => ({ field: f, value: 'x' })) };
    return { impossible: 'transaction left the event out although it has the grouping fields: its startswith/endswith/maxspan constraints need other events' };
  }
  if (cmd.name === 'dedup' && !dedupArgs(cmd).keepEmpty) {
    // dedup drops a row that lacks one of its fields (Search Reference, dedup: keepempty=false).
    return { edits: dedupArgs(cmd).fields.filter((f) => input[f] === undefined).map((f) => ({ field: f, value: 'x' })) };
  }
  if (b.kind === 'stats' && verdict === 'no-group' && cmd.name !== 'tstats') return { edits: missing.map((f) => ({ field: f, value: 'x' })) };
  if (cmd.name === 'tstats' && b.kind === 'stats') {
    const { where, nodename } = splitNodename(b.where);
    const dm = b.datamodel?.name ?? option(cmd, 'datamodel');
    if (!dm) return where ? solveTags(solveSearch(where, input), input, config) : { edits: missing.map((f) => ({ field: f, value: 'x' })) };
    const resolved = defaultDataModels().resolve(nodename ? `${dm.split('.')[0]}.${nodename.split('.').pop()}` : dm);
    if (!resolved) return { impossible: `unknown data model ${dm}` };
    for (const obj of resolved.chain) {
      for (const k of obj.constraints) {
        const expr = defaultParsers.parseSearchClause(k.search);
        if (!expr) continue;
        const sol = solveTags(solveSearch(expr, input), input, config);
        if ('impossible' in sol || sol.edits.length) return sol;
      }
    }
    const ds = compileDataset(resolved, defaultParsers, evalOpts);
    if ('severity' in ds) return { impossible: ds.message };
    const dsRow = ds.toRow(input);
    if (where) {
      const sol = stripDataset(solveTags(solveSearch(where, dsRow), input, config));
      if ('impossible' in sol || sol.edits.length) return sol;
    }
    return { edits: missing.map((f) => ({ field: f.split('.').pop()!, value: 'x' })) };
  }
  return { edits: [] };
}
