// FIELDALIAS-<class> = (<orig> AS|ASNEW <new>)+ . With AS a missing source removes the target;
// ASNEW never overwrites an existing target.

import { Row } from '../../types';
import { copyValue } from '../row-fields';
import { RowStep, StepProblem } from './transform';

export interface AliasPair {
  from: string;
  to: string;
  asNew: boolean;
}

function words(s: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** Parses the value of a FIELDALIAS setting. */
export function parseFieldAlias(value: string): AliasPair[] | string {
  const w = words(value);
  const pairs: AliasPair[] = [];
  for (let i = 0; i < w.length; i += 3) {
    const op = w[i + 1]?.toUpperCase();
    if ((op !== 'AS' && op !== 'ASNEW') || w[i + 2] === undefined) return `expected "<field> AS <new_field>" near "${w.slice(i).join(' ')}"`;
    pairs.push({ from: w[i], to: w[i + 2], asNew: op === 'ASNEW' });
  }
  return pairs.length ? pairs : 'empty alias';
}

export function compileFieldAlias(value: string, problems: StepProblem[], where: { file?: string; line?: number }): RowStep | undefined {
  const pairs = parseFieldAlias(value);
  if (typeof pairs === 'string') {
    problems.push({ message: `FIELDALIAS: ${pairs}`, ...where });
    return undefined;
  }
  return (row: Row) => {
    for (const p of pairs) {
      const v = row[p.from];
      if (p.asNew) {
        if (v !== undefined && row[p.to] === undefined) row[p.to] = copyValue(v);
      } else if (v === undefined) {
        if (row[p.to] !== undefined) delete row[p.to];
      }
      else row[p.to] = copyValue(v);
    }
  };
}
