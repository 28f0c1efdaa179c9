// `| datamodel <DM> <Object> search` and `| from datamodel=DM.Object` (also `from datamodel:DM.Object`):
// the dataset's events, with the event's own fields plus the dataset fields `Object.field`, newest
// first like every event search (see pipeline/eventOrder.ts).
import type { Row } from '../types';
import { compileDataset } from '../datamodels/dataset';
import { option, positionals } from './args';
import { type CommandExecutor, errorAt, type ExecContext } from './types';
import { evalOptions } from './util';
import type { Command } from '../../spl/ast';
import { sortNewestFirst } from '../pipeline/eventOrder';

function datasetStage(cmd: Command, ctx: ExecContext, spec: string) {
  const resolved = ctx.dataModels.resolve(spec);
  if (!resolved) return errorAt(cmd, `${cmd.name}: unknown data model dataset "${spec}"`);
  if (!ctx.parsers) return errorAt(cmd, `${cmd.name}: no SPL parser available`);
  const ds = compileDataset(resolved, ctx.parsers, evalOptions(ctx));
  if ('severity' in ds) return { ...ds, range: cmd.range };
  let matched = 0;
  return {
    generate: async () => {
      const out: Row[] = [];
      let n = 0;
      for await (const e of ctx.inputEvents()) {
        if ((++n & 1023) === 0) ctx.checkpoint();
        if (ds.matches(e)) out.push(ds.toRow(e, true));
      }
      matched = out.length;
      return sortNewestFirst(out);
    },
    // Every event the dataset's constraints keep becomes a row (no where clause here).
    matched: () => matched,
  };
}

export const datamodel: CommandExecutor = (cmd, ctx) => {
  const pos = positionals(cmd).map((p) => p.text);
  if (pos.length < 1) return errorAt(cmd, 'datamodel: expected <data model> [<dataset>] search');
  const spec = pos.length >= 2 && !/^(search|flat|acceleration_search)$/i.test(pos[1]) ? `${pos[0]}.${pos[1]}` : pos[0];
  return datasetStage(cmd, ctx, spec);
};

export const from: CommandExecutor = (cmd, ctx) => {
  let spec = cmd.body.kind === 'stats' ? cmd.body.datamodel?.name : undefined;
  spec ??= option(cmd, 'datamodel');
  if (!spec) {
    const p = positionals(cmd).map((x) => x.text).join('');
    const m = /^datamodel:?(.+)$/i.exec(p);
    if (m) spec = m[1].replace(/^["']|["']$/g, '');
  }
  if (!spec) return errorAt(cmd, 'from: only `from datamodel=<DM>.<dataset>` is supported locally');
  return datasetStage(cmd, ctx, spec);
};
