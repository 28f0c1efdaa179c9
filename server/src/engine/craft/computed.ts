// Steering a field the search computes (eval, rex) through the event fields it is computed from.
// Candidate values for each input: the value the stage wants (an eval that copies, trims or picks
// its input passes it through), values the computing expression itself tests the input with
// (`if(match(f, "ReadAny"), …)` → an example of the regex; `f=="x"`; `like(f, "a%")`; IN lists),
// for a rex a text its regex matches with the wanted value in the named group, then simple
// mutations of the current value. A lookup's outputs are computed from its input fields. A candidate is kept when the stage no longer drops the event.
import type { Command, EvalExpr } from '../../spl/ast';
import { forEachEvalExpr } from '../../spl/walk';
import { unescapeQuotedArg } from '../commands/args';
import { scalarText, valuesOf } from '../eval/values';
import type { Row } from '../types';
import { groupEnd, regexExample } from './regexExample';
import type { Edit } from './solve';

type Write = (text: string, edit: Edit) => string | undefined;

// …and a 16-character text of 16 distinct characters (Shannon entropy 4 bits per character).
const MUTATIONS: ((v: string) => string)[] = [() => 'q7Xk2Lp9Zr4Wm8Tn', (v) => `${v}AAAAAAAAAAAAAAAA`, (v) => `${v}${'A'.repeat(64)}`, (v) => `${v} x`, (v) => `x ${v}`, (v) => v.toUpperCase(), (v) => v.toLowerCase(), () => 'x', () => '1', () => '0', () => ''];

function literal(e: EvalExpr): string | undefined {
  return e.kind === 'string' ? e.value : e.kind === 'number' ? e.raw : undefined;
}

/** Values an expression tests field inputs with, by field name. */
function testedValues(expr: EvalExpr, into: Map<string, string[]>): void {
  const add = (f: string, v: string | undefined) => { if (v !== undefined) into.set(f, [...(into.get(f) ?? []), v]); };
  forEachEvalExpr(expr, (e) => {
    if (e.kind === 'call' && e.args[0]?.kind === 'field' && e.args[1]) {
      const f = (e.args[0] as { name: string }).name;
      const lit = literal(e.args[1]);
      if (lit === undefined) return;
      if (e.name === 'match') add(f, regexExample(lit));
      else if (e.name === 'like') add(f, lit.replace(/%/g, 'x').replace(/_/g, 'x'));
    } else if (e.kind === 'binary' && (e.op === '==' || e.op === '=')) {
      const [f, v] = e.left.kind === 'field' ? [e.left, e.right] : [e.right, e.left];
      if (f.kind === 'field') add(f.name, literal(v));
    } else if (e.kind === 'in' && e.operand.kind === 'field') {
      for (const v of e.values) add(e.operand.name, literal(v));
    }
  });
}

/** Event fields the eval assignments producing `field` read (through earlier evals and renames), with the values they are tested with. */
export function evalInputs(before: Command[], field: string): string[] {
  return [...evalInputsWithValues(before, field).keys()];
}

function evalInputsWithValues(before: Command[], field: string): Map<string, string[]> {
  const want = [field];
  const tested = new Map<string, string[]>();
  for (let i = before.length - 1; i >= 0; i--) {
    const b = before[i].body;
    if (b.kind === 'rename') {
      for (const p of b.pairs) {
        const k = want.indexOf(p.to.name);
        if (k >= 0) want[k] = p.from.name;
        const t = tested.get(p.to.name);
        if (t) { tested.delete(p.to.name); tested.set(p.from.name, t); }
      }
      continue;
    }
    if (b.kind === 'lookup') {
      // A lookup output (a computed lookup such as ut_shannon_lookup) comes from its input fields.
      // Without OUTPUT every non-input column is an output, so any wanted field may come from it.
      const inputs = b.inputs.map((i) => (i.as ?? i.field).name);
      if (b.outputs.some((o) => want.includes((o.as ?? o.field).name)) || (!b.outputs.length && want.some((w) => !inputs.includes(w)))) {
        for (const i of b.inputs) { const f = (i.as ?? i.field).name; if (!want.includes(f)) want.push(f); }
      }
      continue;
    }
    if (b.kind === 'foreach' && b.template?.pipeline) {
      // `foreach a* [eval f=… '<<FIELD>>' …]`: f is computed from every field the patterns name.
      for (const c of b.template.pipeline.commands) {
        if (c.kind !== 'command' || c.body.kind !== 'eval') continue;
        for (const a of c.body.assignments) {
          if (!want.includes(a.field.name)) continue;
          for (const f of b.fields) if (!want.includes(f.name)) want.push(f.name);
          forEachEvalExpr(a.expr, (e) => { if (e.kind === 'field' && !/^__\w+__$/.test(e.name) && !want.includes(e.name)) want.push(e.name); });
        }
      }
      continue;
    }
    if (b.kind !== 'eval') continue;
    for (const a of [...b.assignments].reverse()) {
      const k = want.indexOf(a.field.name);
      if (k < 0) continue;
      want.splice(k, 1);
      forEachEvalExpr(a.expr, (e) => { if (e.kind === 'field' && !want.includes(e.name)) want.push(e.name); });
      testedValues(a.expr, tested);
    }
  }
  const tstats = before.some((c) => c.name === 'tstats');
  const name = (w: string) => (w.includes('.') && tstats ? w.split('.').pop()! : w);
  const out = new Map<string, string[]>();
  for (const w of want) if (w !== field) out.set(name(w), tested.get(w) ?? []);
  return out;
}

/** The rex before the stage that extracts `field`: its input field and pattern (as the command compiles it). */
function rexFor(before: Command[], field: string): { input: string; pattern: string } | undefined {
  for (let i = before.length - 1; i >= 0; i--) {
    const b = before[i].body;
    if (b.kind !== 'rex' || !b.regex) continue;
    const pattern = unescapeQuotedArg(b.regex.value);
    if (new RegExp(`\\(\\?P?<${field.replace(/[^\w]/g, '')}>`).test(pattern)) return { input: b.field ?? '_raw', pattern };
  }
  return undefined;
}

/** A text `pattern` matches with `value` in the named group `group` (the group replaced by the value as a literal). */
export function rexInputFor(pattern: string, group: string, value: string): string | undefined {
  const open = pattern.search(new RegExp(`\\(\\?P?<${group}>`));
  if (open < 0) return undefined;
  const end = groupEnd(pattern, open);
  if (end === undefined) return undefined;
  const escaped = value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return regexExample(pattern.slice(0, open) + escaped + pattern.slice(end + 1));
}

/** Tries values of the event fields the `computed` fields come from; the first with which the stage keeps the event wins. */
export async function mutateSources(raw: string, before: Command[], computed: string[], wanted: string[], extract: (t: string) => Row, write: Write, passes: (rows: Row[]) => Promise<boolean>): Promise<{ raw: string; field: string } | undefined> {
  const inputs = new Map<string, string[]>();
  for (const f of computed) {
    for (const [k, v] of evalInputsWithValues(before, f)) inputs.set(k, [...(inputs.get(k) ?? []), ...v]);
    const rex = rexFor(before, f);
    if (rex && rex.input !== '_raw') inputs.set(rex.input, [...(inputs.get(rex.input) ?? []), ...wanted.flatMap((w) => rexInputFor(rex.pattern, f, w) ?? [])]);
  }
  // A wildcard input (foreach a*) stands for the event's fields it names.
  const row = extract(raw);
  for (const [f, tested] of [...inputs]) {
    if (!f.includes('*')) continue;
    inputs.delete(f);
    const re = new RegExp(`^${f.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    for (const name of Object.keys(row).filter((k) => re.test(k)).sort().slice(0, 2)) inputs.set(name, tested);
  }
  for (const [f, tested] of [...inputs].slice(0, 6)) {
    const cur = extract(raw)[f];
    const v = cur === undefined ? '' : scalarText(valuesOf(cur)[0]);
    const values = [...new Set([...wanted, ...tested, ...MUTATIONS.map((m) => m(v))])];
    for (const value of values) {
      const t = write(raw, { field: f, value });
      if (t !== undefined && (await passes([extract(t)]))) return { raw: t, field: f };
    }
  }
  return undefined;
}
