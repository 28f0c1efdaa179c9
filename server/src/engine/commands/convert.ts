// `convert [timeformat=...] ctime(f) [AS g] mktime(f) dur2sec(f) num(f) auto(f) rmunit(f) rmcomma(f) memk(f) none(f)`.
// ctime renders epoch seconds with timeformat (default %m/%d/%Y %H:%M:%S) in the run's timezone
// (UTC unless configured); values that do not convert are left unchanged. Wildcard fields allowed.
import type { Scalar } from '../types';
import { strftime, strptime } from '../eval/time';
import { fromValues, isNumericText, scalarText, toNumber, valuesOf } from '../eval/values';
import { fieldPattern, option } from './args';
import { type CommandExecutor, errorAt } from './types';

function dur2sec(s: string): number | undefined {
  const m = /^\s*(?:(\d+)\+)?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)\s*$/.exec(s);
  if (!m) return isNumericText(s) ? Number(s) : undefined;
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

function memk(s: string): number | undefined {
  const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$/i.exec(s);
  if (!m) return undefined;
  const f = { '': 1, k: 1, m: 1024, g: 1024 * 1024 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * f;
}

export const convert: CommandExecutor = (cmd, ctx) => {
  if (cmd.body.kind !== 'convert' || cmd.body.conversions.length === 0) return errorAt(cmd, 'convert: expected a conversion function such as ctime(field)');
  const timeformat = option(cmd, 'timeformat') ?? '%m/%d/%Y %H:%M:%S';
  const convs = cmd.body.conversions.map((c) => {
    const fn = c.func.toLowerCase();
    const one = (v: Scalar): Scalar => {
      const s = scalarText(v);
      switch (fn) {
        case 'ctime': { const n = toNumber(v); return n === undefined ? v : strftime(n, timeformat, ctx.tz); }
        case 'mktime': { const t = strptime(s, timeformat, ctx.tz); return t === undefined ? v : t; }
        case 'dur2sec': return dur2sec(s) ?? v;
        case 'num': case 'auto': { const n = toNumber(s.trim()); if (n !== undefined) return n; const m = /^\s*([+-]?\d+(?:\.\d+)?)/.exec(s); return fn === 'num' && m ? Number(m[1]) : v; }
        case 'rmunit': { const m = /^\s*([+-]?\d+(?:\.\d+)?)/.exec(s); return m ? Number(m[1]) : v; }
        case 'rmcomma': { const t = s.replace(/,/g, ''); return isNumericText(t) ? Number(t) : t; }
        case 'memk': return memk(s) ?? v;
        default: return v;
      }
    };
    return { field: c.field.name, as: c.as?.name, one, known: ['ctime', 'mktime', 'dur2sec', 'num', 'auto', 'rmunit', 'rmcomma', 'memk', 'none'].includes(fn), func: c.func, range: c.range };
  });
  const bad = convs.find((c) => !c.known);
  if (bad) return errorAt(cmd, `convert: unknown conversion function ${bad.func}()`, bad.range);
  return {
    stream: (batch) => batch.map((row) => {
      const out = row;
      for (const c of convs) {
        const targets = c.field.includes('*') ? Object.keys(row).filter((k) => fieldPattern(c.field).test(k)) : [c.field];
        for (const f of targets) {
          const v = row[f];
          if (v === undefined) continue;
          const nv = fromValues(valuesOf(v).map(c.one));
          if (nv !== undefined) out[c.as && !c.field.includes('*') ? c.as : f] = nv;
        }
      }
      return out;
    }),
    fields: (input) => {
      if (!input) return undefined;
      const extra = convs.map((c) => c.as).filter((a): a is string => !!a && !input.includes(a));
      return [...input, ...extra];
    },
  };
};
