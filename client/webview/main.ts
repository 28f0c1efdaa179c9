// The results panel's script: receives the last run from the extension and renders the summary,
// the stage funnel, the analyst's view and the table. Everything from the run is rendered as text
// (see dom.ts); the extension validates what this script sends back.
import type { FromWebview, PanelView, PreviewResult, ProbeReport, ToWebview } from '../src/preview/protocol';
import { button, clear, count, duration, el } from './dom';
import { funnelNode } from './funnel';
import { riskNode } from './risk';
import { compareBody, compareSummary, splunkBody } from './server';
import { explainNode } from './explain';
import { ResultTable, type Row } from './table';

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void; getState(): unknown; setState(s: unknown): void };
const vscode = acquireVsCodeApi();
const post = (m: FromWebview) => vscode.postMessage(m);

let view: PanelView | undefined;
/** Rows after one stage, when the user asked for them. */
let stageView: { stage: number; result?: PreviewResult; error?: string } | undefined;

const app = document.getElementById('app')!;
const header = el('header');
const body = el('div', { class: 'body' });
const copy = { copy: (text: string) => post({ type: 'copy', text }) };
const table = new ResultTable(copy);
const splunkTable = new ResultTable(copy);
const compareTables = [new ResultTable(copy), new ResultTable(copy)] as const;
app.append(header, body);

function render(): void {
  clear(header);
  clear(body);
  if (!view) {
    header.appendChild(el('p', { class: 'dim' }, 'Run Detection Workbench: Preview Detection on a detection to see its results here.'));
    return;
  }
  const r = view.result;
  header.appendChild(el('h1', {}, view.title));
  const tools = el(
    'div',
    { class: 'toolbar' },
    button(view.running ? 'Running…' : '▶ Re-run', () => post({ type: 'rerun' }), { class: view.running ? 'primary disabled' : 'primary', title: 'Run the search again on the same sample' }),
    button('Change sample…', () => post({ type: 'changeSample' }), { title: 'Pick another log file for this detection' }),
  );
  if (r) tools.append(button('Export CSV', () => post({ type: 'export', format: 'csv' })), button('Export JSON', () => post({ type: 'export', format: 'json' })));
  tools.append(
    button('Run on Splunk…', () => post({ type: 'runOnSplunk' }), { title: 'Run this search on your Splunk server (detectionWorkbench.splunk.url)' }),
    button('Replay and compare', () => post({ type: 'replayAndCompare' }), { title: 'Send the attack data to your test index over HEC and compare Splunk’s results with the local ones' }),
  );
  header.appendChild(tools);
  const mode = view.mode ?? 'local';
  if (view.splunk || view.compare) {
    const tabs = el('div', { class: 'modes', role: 'tablist' });
    const tab = (m: 'local' | 'splunk' | 'compare', label: string) =>
      tabs.appendChild(button(label, () => post({ type: 'showMode', mode: m }), { class: mode === m ? 'active' : '', role: 'tab' }));
    tab('local', 'Local');
    if (view.splunk) tab('splunk', 'Splunk');
    if (view.compare) tab('compare', 'Comparison');
    header.appendChild(tabs);
  }
  if (view.serverStatus?.running) header.appendChild(el('p', { class: 'server-status', role: 'status' }, view.serverStatus.message ?? 'Working on Splunk…'));
  if (view.serverStatus?.error) header.appendChild(el('div', { class: 'error', role: 'alert' }, el('strong', {}, 'Splunk: '), view.serverStatus.error));
  if (mode === 'splunk' && view.splunk) {
    body.appendChild(splunkBody(view.splunk, splunkTable));
    return;
  }
  if (mode === 'compare' && view.compare) {
    body.appendChild(compareBody(view.compare, compareTables[0], compareTables[1]));
    return;
  }
  if (r?.inputs.length) {
    header.appendChild(
      el('p', { class: 'sample' }, 'Sample: ', ...r.inputs.flatMap((i, k) => [k ? '; ' : '', el('code', { title: i.path }, baseName(i.path)), ` (sourcetype ${i.sourcetype}, source ${i.source})`]), view.sampleOrigin ? ` — ${view.sampleOrigin}` : ''),
    );
  }
  if (view.stale) {
    header.appendChild(el('div', { class: 'stale', role: 'status' }, 'The search changed since this run: these results are out of date. ', button('Re-run', () => post({ type: 'rerun' }), { class: 'link' })));
  }
  if (view.planError) {
    body.appendChild(
      el('div', { class: 'error', role: 'alert' }, el('strong', {}, 'Cannot run: '), view.planError.planError, view.planError.path ? el('p', {}, 'Looked for: ', el('code', {}, view.planError.path)) : null, el('p', {}, button('Pick a log file…', () => post({ type: 'changeSample' })))),
    );
  }
  if (!r) return;
  const summary = el('p', { class: 'summary', role: 'status' }, `${count(r.rows.length)} result${r.rows.length === 1 ? '' : 's'} · ${count(r.eventsRead)} event${r.eventsRead === 1 ? '' : 's'} read · ${duration(r.elapsedMs)}`);
  if (r.truncated) summary.append(` · showing the first ${count(r.rows.length)} rows (detectionWorkbench.preview.maxRows)`);
  header.appendChild(summary);
  if (r.error) {
    body.appendChild(
      el(
        'div',
        { class: 'error', role: 'alert' },
        el('strong', {}, 'The run stopped: '),
        r.error,
        r.errorRange ? button('Show in editor', () => post({ type: 'revealError' }), { class: 'link' }) : null,
        el('p', { class: 'dim' }, 'The rows below are those of the last stage that ran.'),
      ),
    );
  }
  const messages = [...r.notes.map((n) => `note: ${n}`), ...r.warnings];
  if (messages.length) {
    const details = el('details', { class: 'warnings' }, el('summary', {}, `${messages.length} warning${messages.length === 1 ? '' : 's'} and notes`));
    const list = el('ul');
    for (const m of messages.slice(0, 200)) list.appendChild(el('li', {}, m));
    if (messages.length > 200) list.appendChild(el('li', {}, `… ${messages.length - 200} more`));
    details.appendChild(list);
    body.appendChild(details);
  }
  body.appendChild(funnelNode(r, { reveal: (stage) => post({ type: 'reveal', stage }), showRows: (stage) => { stageView = { stage }; post({ type: 'stageRows', stage }); render(); } }, stageView?.stage));
  if (!stageView) {
    body.appendChild(explainNode(view.explain, r.rows.length, {
      explain: (event, nearMisses) => post({ type: 'explain', event, nearMisses: nearMisses || undefined }),
      craft: () => post({ type: 'craft' }),
      reveal: (range) => post({ type: 'revealRange', range }),
    }));
  }
  const risk = stageView ? undefined : riskNode(r);
  if (risk) body.appendChild(risk);
  const shown = stageView?.result ?? (stageView ? undefined : r);
  const heading = el('h2', {}, stageView ? `Rows after stage ${stageView.stage + 1} (${r.stages[stageView.stage]?.command ?? '?'})` : 'Results');
  if (stageView) heading.append(' ', button('Back to the results', () => { stageView = undefined; render(); }, { class: 'link' }));
  body.appendChild(heading);
  if (stageView && !stageView.result) {
    body.appendChild(el('p', { class: stageView.error ? 'error' : 'dim' }, stageView.error ?? 'Running the search up to this stage…'));
    return;
  }
  if (shown) {
    table.setData(shown.fields, shown.rows as Row[]);
    body.appendChild(table.root);
  }
}

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

function probe(): ProbeReport {
  const tags: Record<string, number> = {};
  let liveAttributes = 0;
  for (const node of Array.from(app.querySelectorAll('*'))) {
    const t = node.tagName.toLowerCase();
    tags[t] = (tags[t] ?? 0) + 1;
    for (const a of Array.from(node.attributes)) {
      if (/^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)) liveAttributes++;
    }
  }
  const scripts = Array.from(document.querySelectorAll('script'));
  const own = (u: string) => u.startsWith(location.origin) || /^https:\/\/[^/]*vscode-(cdn|resource)/.test(u) || u.startsWith('vscode-');
  return {
    tags,
    liveAttributes,
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    scripts: scripts.map((x) => ({ src: x.src, nonce: x.nonce !== '' || x.hasAttribute('nonce') })),
    remoteLoads: performance.getEntriesByType('resource').map((e) => e.name).filter((u) => !own(u)),
    cells: (view?.mode === 'splunk' ? splunkTable : table).pageCells(),
    columns: (view?.mode === 'splunk' ? splunkTable : table).columns(),
    funnel: (view?.result?.stages ?? []).map((s) => ({ command: s.command, rowsOut: s.rowsOut })),
    riskMessages: Array.from(app.querySelectorAll('.risk-message')).map((n) => n.textContent ?? ''),
    summary: app.querySelector('.summary')?.textContent ?? '',
    stale: !!app.querySelector('.stale'),
    mode: view?.mode ?? 'local',
    compareSummary: view?.compare ? compareSummary(view.compare.comparison) : '',
    explain: {
      missingFields: Array.from(app.querySelectorAll('.missing-field')).map((n) => n.textContent ?? ''),
      outcome: app.querySelector('.explain-section .outcome')?.textContent ?? '',
      leaves: Array.from(app.querySelectorAll('.explain-section .leaf')).map((n) => n.textContent ?? ''),
      nearMisses: Array.from(app.querySelectorAll('.near-miss')).map((n) => n.textContent ?? ''),
    },
  };
}

window.addEventListener('message', (e: MessageEvent<ToWebview>) => {
  const m = e.data;
  switch (m?.type) {
    case 'view': {
      view = m.view;
      stageView = undefined;
      vscode.setState({ uri: m.view.uri });
      render();
      const seq = m.seq;
      requestAnimationFrame(() => post({ type: 'rendered', seq }));
      break;
    }
    case 'stale':
      if (view && view.stale !== m.stale) { view = { ...view, stale: m.stale }; render(); }
      break;
    case 'running':
      if (view && view.running !== m.running) { view = { ...view, running: m.running }; render(); }
      break;
    case 'stageRows':
      if (stageView?.stage === m.stage) { stageView = { stage: m.stage, result: m.result, error: m.error }; render(); }
      break;
    case 'probe':
      post({ type: 'probeResult', id: m.id, report: probe() });
      break;
  }
});

render();
post({ type: 'ready' });
