// The event fields an extracted field is computed from, read from the add-on knowledge that
// applies to the event (its extraction plan's props.conf settings): FIELDALIAS-x = src AS field
// gives `src`; EVAL-field = <expr> gives the fields the expression reads (e.g. coalesce(a, b)).
// Craft writes a value into those when writing the field itself does not survive extraction.
import { parseEvalExpression } from '../../spl/parse';
import { forEachEvalExpr } from '../../spl/walk';
import type { ExtractionPlan } from '../extract';
import { parseFieldAlias } from '../extract/ops/fieldalias';

export function sourceFieldsFor(plan: ExtractionPlan, field: string): string[] {
  const out: string[] = [];
  for (const s of plan.settings.values()) {
    if (s.key.startsWith('FIELDALIAS-')) {
      const pairs = parseFieldAlias(s.value);
      if (typeof pairs !== 'string') for (const p of pairs) if (p.to === field && !out.includes(p.from)) out.push(p.from);
    } else if (s.key === `EVAL-${field}`) {
      const p = parseEvalExpression(s.value);
      if (p.errors.length === 0) forEachEvalExpr(p.expr, (e) => { if (e.kind === 'field' && e.name !== field && !out.includes(e.name)) out.push(e.name); });
    }
  }
  return out;
}

/**
 * Literal values the add-on's EVAL for `field` compares its input fields with
 * (`EVAL-registry_value_name = if(EventCode=="13", …)` → EventCode: 13): meeting them lets the
 * EVAL compute the field at all.
 */
export function sourceConditionsFor(plan: ExtractionPlan, field: string): { field: string; value: string }[] {
  const out: { field: string; value: string }[] = [];
  const s = plan.settings.get(`EVAL-${field}`);
  if (!s) return out;
  const p = parseEvalExpression(s.value);
  if (p.errors.length) return out;
  forEachEvalExpr(p.expr, (e) => {
    if (e.kind !== 'binary' || (e.op !== '==' && e.op !== '=')) return;
    const [f, lit] = e.left.kind === 'field' ? [e.left, e.right] : [e.right, e.left];
    if (f.kind !== 'field' || f.name === field) return;
    const value = lit.kind === 'string' ? lit.value : lit.kind === 'number' ? lit.raw : undefined;
    if (value !== undefined && !out.some((o) => o.field === f.name && o.value === value)) out.push({ field: f.name, value });
  });
  return out;
}
