// The risk-based-alerting section of the documentation page. v4 content carries the risk under
// `tags` (impact, confidence, observables; score = impact × confidence / 100); v5 content has a
// top-level `rba:` block (message, risk_objects with scores, threat_objects).
import type { Generation } from '../schema/types';
import { cell, code, prose, table } from './docPageMarkdown';
import { numberOf as num, v4RiskScore } from './riskEntries';

export { v4RiskScore };

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
/** Severity name for a risk score (contentctl's bands). */
export function severityOf(score: number): string {
  if (score <= 20) return 'informational';
  if (score <= 40) return 'low';
  if (score <= 60) return 'medium';
  if (score <= 80) return 'high';
  return 'critical';
}

/** A risk message with each `$field$` token shown as code (kept literally), the rest escaped. */
export function riskMessage(message: string): string {
  const parts = message.replace(/\s*\r?\n\s*/g, ' ').split(/(\$[^$\s]+\$)/);
  return parts.map((p, i) => (i % 2 ? code(p) : prose(p))).join('');
}

function v4Section(tags: Obj): string[] {
  const impact = num(tags.impact);
  const confidence = num(tags.confidence);
  const message = text(tags.message);
  const observables = asList(tags.observable).filter(isObj);
  if (impact === undefined && confidence === undefined && !message && !observables.length) return [];
  const out: string[] = [];
  const facts: string[][] = [];
  const score = impact !== undefined && confidence !== undefined ? v4RiskScore(impact, confidence) : undefined;
  facts.push([
    impact !== undefined ? String(impact) : '—',
    confidence !== undefined ? String(confidence) : '—',
    score !== undefined ? `${score} (${severityOf(score)})` : '—',
    message ? riskMessage(message) : '—',
  ]);
  out.push(table(['Impact', 'Confidence', 'Score (impact × confidence / 100)', 'Message'], facts));
  const declared = num(tags.risk_score);
  if (declared !== undefined && score !== undefined && declared !== score) {
    out.push('', `⚠ \`tags.risk_score\` is ${declared}, but impact × confidence / 100 = ${score}.`);
  }
  if (observables.length) {
    out.push(
      '',
      table(
        ['Observable', 'Type', 'Role'],
        observables.map((o) => [
          code(text(o.name) ?? '?'),
          cell(text(o.type) ?? '—'),
          cell(asList(o.role).map((r) => text(r) ?? '').filter(Boolean).join(', ') || '—'),
        ]),
      ),
    );
  }
  return out;
}

function v5Section(rba: Obj): string[] {
  const out: string[] = [];
  const message = text(rba.message);
  const risks = asList(rba.risk_objects).filter(isObj);
  const threats = asList(rba.threat_objects).filter(isObj);
  if (message) out.push(`**Message:** ${riskMessage(message)}`);
  const scores = risks.map((r) => num(r.score)).filter((s): s is number => s !== undefined);
  if (scores.length) {
    const max = Math.max(...scores);
    out.push('', `**Risk score:** ${max} (${severityOf(max)}; the highest risk object score)`);
  }
  if (risks.length) {
    out.push(
      '',
      table(
        ['Risk object', 'Type', 'Score'],
        risks.map((r) => [code(text(r.field) ?? '?'), cell(text(r.type) ?? '—'), cell(text(r.score) ?? '—')]),
      ),
    );
  }
  if (threats.length) {
    out.push('', table(['Threat object', 'Type'], threats.map((t) => [code(text(t.field) ?? '?'), cell(text(t.type) ?? '—')])));
  }
  return out.length && out[0] === '' ? out.slice(1) : out;
}

/**
 * The lines of the RBA section (without its heading), or [] when the detection has no risk data.
 * The block of the repository's generation is preferred; the other one is used when it is absent.
 */
export function riskSection(detection: Obj, generation: Generation): string[] {
  const tags = isObj(detection.tags) ? detection.tags : {};
  const v5 = isObj(detection.rba) ? v5Section(detection.rba) : [];
  const v4 = v4Section(tags);
  return generation === 'v5' ? (v5.length ? v5 : v4) : v4.length ? v4 : v5;
}
