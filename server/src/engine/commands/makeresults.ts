// `makeresults [count=1]`: generates rows with only _time (the search's start time).
import type { Row } from '../types';
import { newRow } from '../types';
import { boolOption, numOption } from './args';
import type { CommandExecutor } from './types';

export const makeresults: CommandExecutor = (cmd, ctx) => {
  const n = Math.max(0, Math.min(numOption(cmd, 'count') ?? 1, 1_000_000));
  const append = boolOption(cmd, 'append', false);
  return {
    generate: (input: Row[]) => {
      const rows: Row[] = [];
      for (let i = 0; i < n; i++) { const r = newRow(); r._time = ctx.now; rows.push(r); }
      return append ? [...input, ...rows] : rows;
    },
    fields: () => ['_time'],
  };
};
