// "Why did it (not) fire?": the fields the search reads that no event of the sample has (with
// "did you mean"), the near misses when nothing fired, and one event's path through the search —
// each stage's verdict and, for a condition, its tree with a reason on every leaf. A leaf's text
// reveals the condition in the YAML (document ranges from the server).
import type { ExplainView } from '../src/preview/protocol';
import { button, count, el } from './dom';

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
interface Node {
  kind: string;
  verdict: boolean | null;
  text: string;
  range: Range;
  children?: Node[];
  reason?: { message: string };
}

export interface ExplainCallbacks {
  explain(event: number | undefined, nearMisses: boolean): void;
  craft(): void;
  reveal(range: Range): void;
}

const mark = (v: boolean | null) => (v === true ? '✔' : v === false ? '✘' : '∅');

function leafLine(n: Node, cb: ExplainCallbacks): HTMLElement {
  const text = el('a', { class: 'leaf-text', role: 'button', tabindex: '0', title: 'Show this condition in the search' }, n.text);
  text.addEventListener('click', () => cb.reveal(n.range));
  return el('li', { class: `leaf ${n.verdict ? 'holds' : 'fails'}` }, `${mark(n.verdict)} `, text, n.reason ? el('span', { class: 'reason' }, ` — ${n.reason.message}`) : null);
}

function tree(n: Node, cb: ExplainCallbacks): HTMLElement {
  if (n.kind === 'leaf' || !n.children?.length) return leafLine(n, cb);
  const list = el('ul', { class: 'tree' });
  for (const c of n.children) list.appendChild(tree(c, cb));
  return el('li', { class: `group ${n.verdict ? 'holds' : 'fails'}` }, `${mark(n.verdict)} ${n.kind.toUpperCase()}`, list);
}

export function explainNode(view: ExplainView | undefined, resultRows: number, cb: ExplainCallbacks): HTMLElement {
  const box = el('section', { class: 'explain-section' }, el('h2', {}, 'Why did it (not) fire?'));
  const input = el('input', { type: 'number', placeholder: 'event #', 'aria-label': 'Event number in the sample', class: 'event-number' });
  input.min = '1';
  const go = () => {
    const n = Number(input.value);
    if (Number.isInteger(n) && n >= 1) cb.explain(n, false);
  };
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
  box.appendChild(
    el('div', { class: 'toolbar' },
      button('Near misses', () => cb.explain(undefined, true), { class: resultRows === 0 ? 'primary' : '', title: 'Rank the sample’s events by how many conditions of the deciding stage they satisfy' }),
      input,
      button('Explain event', go, { title: 'Follow one event of the sample through every stage' }),
      button('Craft an event that fires', () => cb.craft(), { title: 'Edit the example_log of the detection’s data source so that the search fires, and preview on it' })),
  );
  if (!view) return box;
  if (view.running) box.appendChild(el('p', { class: 'dim', role: 'status' }, 'Explaining…'));
  if (view.error) box.appendChild(el('p', { class: 'error' }, view.error));
  const r = view.result;
  if (!r) return box;
  if (r.error) box.appendChild(el('p', { class: 'error' }, r.error));
  if (r.missingFields?.length) {
    const list = el('ul', { class: 'missing-fields' });
    for (const m of r.missingFields) {
      const name = el('a', { role: 'button', tabindex: '0', title: 'Show where the search reads it' }, m.field);
      const first = m.ranges[0] as unknown as Range | undefined;
      if (first) name.addEventListener('click', () => cb.reveal(first));
      list.appendChild(el('li', { class: 'missing-field' }, el('code', {}, name), m.suggestions.length ? ` — did you mean ${m.suggestions.join(', ')}?` : ' — no field of the sample is close'));
    }
    box.appendChild(el('div', {}, el('h3', {}, `Fields the search reads that no event of the sample has (${r.missingFields.length})`), list));
  }
  const nm = r.nearMisses;
  if (nm) {
    const list = el('ol', { class: 'near-misses' });
    for (const n of nm.nearMisses) {
      const failed = el('ul', { class: 'tree' });
      for (const f of n.failed as unknown as Node[]) failed.appendChild(leafLine(f, cb));
      const more = n.event !== undefined ? button(`Explain event ${n.event}`, () => cb.explain(n.event, false), { class: 'link' }) : null;
      list.appendChild(el('li', { class: 'near-miss' }, `${n.event !== undefined ? `Event ${n.event}` : 'A row'}: ${n.satisfied} of ${n.total} conditions hold `, more, failed));
    }
    box.appendChild(el('div', {}, el('h3', {}, `Near misses at stage ${nm.stage + 1} (${nm.command}), ${count(nm.examined)} of ${count(nm.inputRows)} rows ranked`), nm.note ? el('p', { class: 'dim' }, nm.note) : null, list));
  }
  const x = r.explanation;
  if (x) {
    const where = x.file ? ` (${x.file.split(/[\\/]/).pop()}${x.line ? `, line ${x.line}` : ''})` : '';
    box.appendChild(el('h3', { class: 'outcome' }, `Event ${x.event}${where}: ${x.outcome}${x.stoppedAt !== undefined ? ` at stage ${x.stoppedAt + 1}` : ''}`));
    if (x.fields.length) {
      const fields = el('ul', { class: 'fields' });
      for (const f of x.fields) fields.appendChild(el('li', {}, el('code', {}, f.field), ` = ${f.values?.length ? f.values.join(', ') : '(absent)'}`, f.origin ? el('span', { class: 'dim' }, ` — ${f.origin}`) : null));
      box.appendChild(el('details', {}, el('summary', {}, `Fields the search uses, as extraction gave them (${x.fields.length})`), fields));
    }
    const stages = el('ol', { class: 'explain-stages' });
    for (const s of x.stages) {
      const item = el('li', { class: `stage-verdict ${s.verdict}` }, el('strong', {}, s.command), ` — ${s.verdict}: ${s.detail}`);
      if (s.condition) item.appendChild(el('ul', { class: 'tree' }, tree(s.condition as unknown as Node, cb)));
      if (s.dataset) for (const c of s.dataset.constraints) item.appendChild(el('ul', { class: 'tree' }, el('li', {}, `data set ${c.object}: `, el('code', {}, c.search)), tree(c.condition as unknown as Node, cb)));
      stages.appendChild(item);
    }
    box.appendChild(stages);
  }
  return box;
}
