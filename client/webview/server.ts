// The panel's views of a run on the user's Splunk server: its results (marked as from the server,
// with the run time and scan count when known), and the comparison of the local run with Splunk's on
// the replayed attack data, with the differences per row and field and both results side by side.
import type { CompareView, SplunkView } from '../src/preview/protocol';
import { cellText } from './cells';
import { count, duration, el } from './dom';
import { riskNode } from './risk';
import type { ResultTable, Row } from './table';

type Rows = Record<string, string | string[]>[];

export function splunkBody(v: SplunkView, table: ResultTable): HTMLElement {
  const r = v.result;
  const box = el('div', { class: 'server-run' });
  const range = v.earliest || v.latest ? ` · ${v.earliest ?? ''} → ${v.latest ?? 'now'}` : '';
  box.appendChild(
    el('p', { class: 'summary', role: 'status' }, `From Splunk ${v.server}${range}: ${count(r.rows.length)} result${r.rows.length === 1 ? '' : 's'} · ${duration(v.runMs)}${v.scanCount !== undefined ? ` · ${count(v.scanCount)} events scanned` : ''}${r.truncated ? ' · truncated' : ''}`),
  );
  if (r.error) box.appendChild(el('div', { class: 'error', role: 'alert' }, el('strong', {}, 'Splunk reported: '), r.error));
  const messages = [...v.messages, ...r.warnings];
  if (messages.length) {
    const list = el('ul');
    for (const m of messages.slice(0, 100)) list.appendChild(el('li', {}, m));
    box.appendChild(el('details', { class: 'warnings' }, el('summary', {}, `${messages.length} message${messages.length === 1 ? '' : 's'} from the server`), list));
  }
  const risk = riskNode({ rows: r.rows, risk: v.risk });
  if (risk) box.appendChild(risk);
  box.appendChild(el('h2', {}, 'Results from Splunk'));
  table.setData(r.fields, r.rows as Row[]);
  box.appendChild(table.root);
  return box;
}

function rowText(row: Record<string, string | string[]>, fields: string[]): string {
  return fields.map((f) => `${f}=${row[f] === undefined ? '∅' : cellText(row[f]).replace(/\n/g, ',')}`).join('  ');
}

function rowList(title: string, rows: Rows, fields: string[], cls: string): HTMLElement | undefined {
  if (!rows.length) return undefined;
  const list = el('ul', { class: `diff-rows ${cls}` });
  for (const r of rows.slice(0, 200)) list.appendChild(el('li', {}, rowText(r, fields)));
  if (rows.length > 200) list.appendChild(el('li', { class: 'dim' }, `… ${rows.length - 200} more`));
  return el('section', {}, el('h3', {}, `${title} (${count(rows.length)})`), list);
}

export function compareSummary(c: CompareView['comparison']): string {
  return c.same
    ? `Same results: ${count(c.matched)} row${c.matched === 1 ? '' : 's'} match on ${c.compared.length} field${c.compared.length === 1 ? '' : 's'}.`
    : `Different: ${count(c.matched)} match, ${count(c.differing.length)} differ, ${count(c.missingOnSplunk.length)} only local, ${count(c.extraOnSplunk.length)} only on Splunk.`;
}

export function compareBody(v: CompareView, local: ResultTable, splunk: ResultTable): HTMLElement {
  const c = v.comparison;
  const box = el('div', { class: 'compare' });
  box.appendChild(el('p', { class: `summary verdict ${c.same ? 'same' : 'different'}`, role: 'status' }, compareSummary(c)));
  box.appendChild(el('p', { class: 'dim' }, `Local engine vs Splunk ${v.server} on the replayed attack data. ${v.replay}`));
  const notes = [...c.notes, ...v.notes];
  if (c.onlyLocalFields.length) notes.push(`fields only in the local results: ${c.onlyLocalFields.join(', ')}`);
  if (c.onlySplunkFields.length) notes.push(`fields only in Splunk's results: ${c.onlySplunkFields.join(', ')}`);
  if (notes.length) {
    const list = el('ul');
    for (const n of notes) list.appendChild(el('li', {}, n));
    box.appendChild(el('details', { class: 'warnings' }, el('summary', {}, `${notes.length} note${notes.length === 1 ? '' : 's'}`), list));
  }
  if (c.differing.length) {
    const body = el('tbody');
    for (const d of c.differing.slice(0, 200)) {
      d.fields.forEach((f, i) => {
        body.appendChild(
          el(
            'tr',
            {},
            i === 0 ? el('td', { class: 'row-key' }, rowText(d.local, c.compared.filter((x) => !d.fields.some((g) => g.field === x)))) : el('td'),
            el('td', {}, el('code', {}, f.field)),
            el('td', { class: 'local' }, f.local === undefined ? '∅' : cellText(f.local)),
            el('td', { class: 'splunk' }, f.splunk === undefined ? '∅' : cellText(f.splunk)),
          ),
        );
      });
    }
    box.appendChild(
      el('section', {}, el('h3', {}, `Rows that differ (${count(c.differing.length)})`),
        el('table', { class: 'diff' }, el('thead', {}, el('tr', {}, el('th', {}, 'Row (equal fields)'), el('th', {}, 'Field'), el('th', {}, 'Local'), el('th', {}, 'Splunk'))), body)),
    );
  }
  const missing = rowList('Only in the local results', c.missingOnSplunk, c.compared, 'only-local');
  const extra = rowList('Only in Splunk’s results', c.extraOnSplunk, c.compared, 'only-splunk');
  if (missing) box.appendChild(missing);
  if (extra) box.appendChild(extra);
  local.setData(v.local.fields, v.local.rows as Row[]);
  splunk.setData(v.splunk.fields, v.splunk.rows as Row[]);
  box.appendChild(
    el('div', { class: 'side-by-side' },
      el('section', {}, el('h2', {}, `Local (${count(v.local.rows.length)})`), local.root),
      el('section', {}, el('h2', {}, `Splunk (${count(v.splunk.rows.length)})`), splunk.root)),
  );
  return box;
}
