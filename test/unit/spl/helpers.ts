import { strict as assert } from 'assert';
import type { Command, CommandBody, MacroCall, Pipeline, Range } from '../../../server/src/spl/ast';

/** Range of the `nth` (0-based) occurrence of `sub` in `text`. */
export function at(text: string, sub: string, nth = 0): Range {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(sub, i + 1);
    if (i < 0) throw new Error(`"${sub}" (#${nth}) not in ${JSON.stringify(text)}`);
  }
  return { start: i, end: i + sub.length };
}

export function cmd(p: Pipeline, i: number): Command {
  const c = p.commands[i];
  assert.ok(c, `no command #${i}`);
  assert.equal(c.kind, 'command', `command #${i} is a ${c.kind}`);
  return c as Command;
}

export function macroAt(p: Pipeline, i: number): MacroCall {
  const c = p.commands[i];
  assert.equal(c?.kind, 'macro');
  return c as MacroCall;
}

export function body<K extends CommandBody['kind']>(c: Command, kind: K): Extract<CommandBody, { kind: K }> {
  assert.equal(c.body.kind, kind);
  return c.body as Extract<CommandBody, { kind: K }>;
}

export const slice = (text: string, r: Range): string => text.slice(r.start, r.end);
