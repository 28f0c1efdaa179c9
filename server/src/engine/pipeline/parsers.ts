// Adapts server/src/spl/parse to the engine's SplParsers interface.
import { parseEvalExpression, parseSearchClause, parseSpl } from '../../spl/parse';
import type { SplParsers } from '../commands/types';

export const defaultParsers: SplParsers = {
  parseSpl,
  parseSearchClause: (text) => {
    const r = parseSearchClause(text);
    return r.errors.length > 0 ? { kind: 'error', range: r.errors[0].range } : r.expr;
  },
  parseEvalExpression: (text) => {
    const r = parseEvalExpression(text);
    return r.errors.length > 0 ? undefined : r.expr;
  },
};
