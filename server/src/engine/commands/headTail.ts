// `head [N|limit=N]` (default 10) keeps the first N rows; `tail [N]` the last N (in reverse order,
// as Splunk returns them); `reverse` reverses the rows.
import type { Row } from '../types';
import { numOption, positionals } from './args';
import type { CommandExecutor } from './types';

function count(cmd: Parameters<CommandExecutor>[0]): number {
  const p = positionals(cmd).find((x) => /^\d+$/.test(x.text));
  return p ? Number(p.text) : numOption(cmd, 'limit') ?? 10;
}

export const head: CommandExecutor = (cmd) => {
  const n = count(cmd);
  let seen = 0;
  return {
    stream: (batch: Row[]) => {
      if (seen >= n) return [];
      const out = batch.slice(0, n - seen);
      seen += out.length;
      return out;
    },
    done: () => seen >= n,
    rowPolicy: 'passthrough',
  };
};

export const tail: CommandExecutor = (cmd) => {
  const n = count(cmd);
  return { run: (rows: Row[]) => rows.slice(Math.max(0, rows.length - n)).reverse(), rowPolicy: 'passthrough' };
};

export const reverse: CommandExecutor = () => ({ run: (rows: Row[]) => [...rows].reverse(), rowPolicy: 'passthrough' });
