// "What an analyst would see": the detection's risk message rendered per result row with its
// `$field$` tokens substituted, the risk objects with their scores and the threat objects, and a
// mark on every field they name that the results lack.
import { renderRiskMessage } from '../../server/src/analysis/riskEntries';
import type { PreviewResult } from '../src/preview/protocol';
import { count, el } from './dom';

/** Rows whose message is rendered (the analyst sees one risk event per row). */
export const MESSAGE_ROWS = 20;

export function riskNode(r: Pick<PreviewResult, 'rows' | 'risk'>): HTMLElement | undefined {
  const risk = r.risk;
  if (!risk) return undefined;
  const missing = new Set(risk.missingFields);
  const fieldCell = (f: string) =>
    missing.has(f) ? el('td', { class: 'missing', title: `No result row has the field ${f}` }, el('code', {}, f), ' ⚠ not in the results') : el('td', {}, el('code', {}, f));
  const section = el('section', { class: 'risk-section' }, el('h2', {}, 'What an analyst would see'));
  if (missing.size) {
    section.appendChild(
      el('p', { class: 'warning' }, `⚠ The results lack ${[...missing].join(', ')}, which the ${risk.source === 'v5' ? 'rba' : 'tags'} entries name: the risk events would be incomplete.`),
    );
  }
  if (risk.message) {
    section.appendChild(el('p', { class: 'template' }, 'Message: ', el('code', {}, risk.message)));
    const rows = r.rows.slice(0, MESSAGE_ROWS);
    if (rows.length) {
      const list = el('ol', { class: 'messages' });
      for (const row of rows) {
        const m = renderRiskMessage(risk.message, row);
        const li = el('li', { class: 'risk-message' }, m.text);
        if (m.missing.length) li.appendChild(el('span', { class: 'missing' }, ` ⚠ no value for ${m.missing.join(', ')}`));
        list.appendChild(li);
      }
      section.appendChild(list);
      if (r.rows.length > MESSAGE_ROWS) section.appendChild(el('p', { class: 'dim' }, `… and ${count(r.rows.length - MESSAGE_ROWS)} more rows.`));
    } else {
      section.appendChild(el('p', { class: 'dim' }, 'No result rows: no risk event would be created.'));
    }
  }
  const objects = el('tbody');
  for (const o of risk.riskObjects) objects.appendChild(el('tr', {}, el('td', {}, 'risk object'), fieldCell(o.field), el('td', {}, o.type ?? '—'), el('td', {}, o.score !== undefined ? String(o.score) : '—')));
  for (const o of risk.threatObjects) objects.appendChild(el('tr', {}, el('td', {}, 'threat object'), fieldCell(o.field), el('td', {}, o.type ?? '—'), el('td', {}, '—')));
  if (objects.childElementCount) {
    section.appendChild(el('table', { class: 'risk-objects' }, el('thead', {}, el('tr', {}, el('th', {}, 'Role'), el('th', {}, 'Field'), el('th', {}, 'Type'), el('th', {}, 'Score'))), objects));
  }
  return section;
}
