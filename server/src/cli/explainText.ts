// Plain-text rendering of an explain result for the terminal: the event's fields with their
// origin, each stage's verdict, condition trees with ✓/✗ per node, near misses, missing fields.
import type { ExplainResult } from '../engine/explain/job';
import type { ConditionNode, StageExplanation } from '../engine/explain/types';

type Where = (r: { start: number; end: number }) => string;

const mark = (v: boolean | null) => (v === true ? '✓' : v === false ? '✗' : '∅');

function tree(n: ConditionNode, indent: string, out: string[], where: Where): void {
  if (n.kind === 'leaf') {
    out.push(`${indent}${mark(n.verdict)} ${n.text}  — ${n.reason?.message ?? ''}  [${where(n.range)}]`);
    return;
  }
  out.push(`${indent}${mark(n.verdict)} ${n.kind.toUpperCase()}`);
  for (const c of n.children ?? []) tree(c, indent + '    ', out, where);
}

function stageText(s: StageExplanation, out: string[], where: Where): void {
  out.push(`  [${s.index + 1}] ${s.command}: ${s.verdict.toUpperCase()} — ${s.detail}`);
  if (s.dataset) {
    out.push(`      data set ${s.dataset.dataset}:`);
    for (const k of s.dataset.constraints) {
      out.push(`      constraint of ${k.object}: ${k.search}`);
      tree(k.condition, '        ', out, () => 'in the data model');
    }
  }
  if (s.condition) tree(s.condition, '      ', out, where);
}

export function explainText(r: ExplainResult, where: Where): string {
  const out: string[] = [];
  const e = r.explanation;
  if (e) {
    out.push(`Event ${e.event} of ${r.events}${e.line ? ` (line ${e.line}${e.file ? ` of ${e.file}` : ''})` : ''}: ${e.outcome.toUpperCase()}${e.stoppedAt !== undefined ? ` at stage ${e.stoppedAt + 1}` : ''}`);
    if (e.fields.length) {
      out.push('Fields the search reads:');
      for (const f of e.fields) out.push(`  ${f.field} = ${f.values ? f.values.map((v) => JSON.stringify(v)).join(', ') : '(absent)'}${f.origin ? `   ← ${f.origin}` : ''}`);
    }
    out.push('Stages:');
    for (const s of e.stages) stageText(s, out, where);
    if (e.results?.length) out.push(`Result rows from this event: ${e.results.length}`, ...e.results.map((x) => { const t = JSON.stringify(x); return `  ${t.length > 600 ? `${t.slice(0, 597)}...` : t}`; }));
  }
  if (r.nearMisses) {
    const n = r.nearMisses;
    out.push(`Near misses (the search returns no rows; stage ${n.stage + 1} ${n.command} removed the last ${n.inputRows} row(s)):`);
    if (n.note) out.push(`  ${n.note}`);
    for (const m of n.nearMisses) {
      out.push(`  ${m.event !== undefined ? `event ${m.event}` : 'a derived row'}: ${m.satisfied} of ${m.total} leaf conditions hold; failed:`);
      for (const l of m.failed) out.push(`    ✗ ${l.text} — ${l.reason?.message ?? ''}  [${where(l.range)}]`);
    }
  }
  if (r.missingFields?.length) {
    out.push('Fields the search reads that no event has:');
    for (const m of r.missingFields) out.push(`  ${m.field}${m.suggestions.length ? ` (did you mean ${m.suggestions.join(', ')}?)` : ''}  [${m.ranges.map(where).join('; ')}]`);
  }
  for (const w of r.warnings) out.push(w);
  if (r.error) out.push(`error: ${r.error}`);
  return out.join('\n') + '\n';
}
