// The stage funnel: events read, then each command with the rows it received and passed on and
// its time, so "0 results" shows where rows vanished. A command's name reveals it in the editor;
// "rows" shows the rows as they were after that command.
import type { PreviewResult } from '../src/preview/protocol';
import { button, count, duration, el } from './dom';

export interface FunnelCallbacks {
  reveal(stage: number): void;
  showRows(stage: number): void;
}

export function funnelNode(r: PreviewResult, cb: FunnelCallbacks, shownStage: number | undefined): HTMLElement {
  const max = Math.max(1, r.eventsRead, ...r.stages.map((s) => Math.max(s.rowsIn, s.rowsOut)));
  const bar = (n: number) => {
    const b = el('span', { class: 'bar' });
    b.style.width = `${n === 0 ? 0 : Math.max(1, Math.round((n / max) * 100))}%`;
    return el('span', { class: 'bar-track' }, b);
  };
  const list = el('ol', { class: 'funnel', 'aria-label': 'Rows after each stage' });
  list.appendChild(el('li', { class: 'stage source' }, el('span', { class: 'stage-name' }, 'events read'), el('span', { class: 'stage-count' }, count(r.eventsRead)), bar(r.eventsRead), el('span', { class: 'stage-ms' }, '')));
  const vanished = r.stages.findIndex((s) => s.rowsIn > 0 && s.rowsOut === 0);
  r.stages.forEach((s, i) => {
    const name = el('a', { class: 'stage-name', role: 'button', tabindex: '0', title: s.range ? `Show \`${s.command}\` in the editor (line ${s.range.start.line + 1})` : 'This command has no position in the document' }, `${i + 1}. ${s.command}`);
    if (s.range) {
      name.addEventListener('click', () => cb.reveal(i));
      name.addEventListener('keydown', (e) => { if (e.key === 'Enter') cb.reveal(i); });
    }
    const item = el(
      'li',
      { class: 'stage', 'data-stage': String(i), title: `${count(s.rowsIn)} rows in → ${count(s.rowsOut)} rows out` },
      name,
      el('span', { class: 'stage-count' }, count(s.rowsOut)),
      bar(s.rowsOut),
      el('span', { class: 'stage-ms' }, duration(s.ms)),
      button(shownStage === i ? 'shown' : 'rows', () => cb.showRows(i), { class: 'link', title: `Show the rows after ${s.command}` }),
    );
    // A generating command over a data model: how many of the events read belong to its dataset,
    // which tells "no event in the data model" from "the where clause kept none".
    const inModel = s.matched === undefined ? '' : `${count(s.matched)} of ${count(s.rowsIn)} events in the data model`;
    if (i === vanished) {
      item.classList.add('vanished');
      item.appendChild(el('span', { class: 'note' }, `rows vanished here (${count(s.rowsIn)} → 0)${inModel ? `; ${inModel}` : ''}`));
    } else if (inModel) {
      item.appendChild(el('span', { class: 'note' }, inModel));
    }
    if (shownStage === i) item.classList.add('shown');
    list.appendChild(item);
  });
  return el('section', { class: 'funnel-section' }, el('h2', {}, 'Stages'), list);
}
