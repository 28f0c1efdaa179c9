// The results table: columns in the search's field order, sortable by clicking a header, filtered
// by a text box, shown a page at a time so 10,000 rows stay fluid. A click selects a cell; the
// toolbar (or Ctrl/Cmd+C) copies the selected cell or row.
import { cellNode, cellText, compareCells, type Cell } from './cells';
import { button, clear, count, el } from './dom';

export type Row = Record<string, Cell>;

export const PAGE_SIZE = 200;

export interface TableCallbacks {
  copy(text: string): void;
}

export class ResultTable {
  readonly root = el('section', { class: 'table-section' });
  private fields: string[] = [];
  private rows: Row[] = [];
  private view: Row[] = [];
  private sort?: { field: string; dir: 1 | -1 };
  private filter = '';
  private page = 0;
  private selected?: { row: Row; field: string };
  private readonly filterBox = el('input', { type: 'search', placeholder: 'Filter rows', 'aria-label': 'Filter rows', class: 'filter' });
  private readonly status = el('span', { class: 'table-status' });
  private readonly grid = el('div', { class: 'grid' });
  private readonly pager = el('div', { class: 'pager' });

  constructor(private readonly cb: TableCallbacks) {
    this.filterBox.addEventListener('input', () => {
      this.filter = this.filterBox.value.toLowerCase();
      this.page = 0;
      this.refresh();
    });
    const toolbar = el(
      'div',
      { class: 'table-toolbar' },
      this.filterBox,
      button('Copy cell', () => this.copyCell(), { title: 'Copy the selected cell (Ctrl+C)' }),
      button('Copy row', () => this.copyRow(), { title: 'Copy the selected row as tab-separated text' }),
      this.status,
    );
    this.root.append(toolbar, this.grid, this.pager);
    document.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'c' && this.selected && !window.getSelection()?.toString()) {
        e.preventDefault();
        this.copyCell();
      }
    });
  }

  setData(fields: string[], rows: Row[]): void {
    this.fields = fields;
    this.rows = rows;
    if (this.sort && !fields.includes(this.sort.field)) this.sort = undefined;
    this.selected = undefined;
    this.page = 0;
    this.refresh();
  }

  /** Rows after filter and sort (what the table shows across its pages). */
  visibleRows(): Row[] {
    return this.view;
  }

  private refresh(): void {
    const f = this.filter;
    let view = f ? this.rows.filter((r) => this.fields.some((k) => cellText(r[k]).toLowerCase().includes(f))) : this.rows.slice();
    if (this.sort) {
      const { field, dir } = this.sort;
      view = view.map((r, i) => ({ r, i })).sort((a, b) => compareCells(a.r[field], b.r[field]) * dir || a.i - b.i).map((x) => x.r);
    }
    this.view = view;
    const pages = Math.max(1, Math.ceil(view.length / PAGE_SIZE));
    this.page = Math.min(this.page, pages - 1);
    this.status.textContent = f ? `${count(view.length)} of ${count(this.rows.length)} rows match` : `${count(this.rows.length)} rows`;
    this.render(pages);
  }

  private render(pages: number): void {
    clear(this.grid);
    if (!this.fields.length) {
      this.grid.appendChild(el('p', { class: 'empty' }, 'No fields.'));
      clear(this.pager);
      return;
    }
    const head = el('tr');
    for (const field of this.fields) {
      const dir = this.sort?.field === field ? this.sort.dir : 0;
      const th = el('th', { tabindex: '0', 'aria-sort': dir === 1 ? 'ascending' : dir === -1 ? 'descending' : 'none', title: `Sort by ${field}` }, field, dir ? (dir === 1 ? ' ▲' : ' ▼') : '');
      const sortBy = () => {
        this.sort = this.sort?.field === field ? (this.sort.dir === 1 ? { field, dir: -1 } : undefined) : { field, dir: 1 };
        this.refresh();
      };
      th.addEventListener('click', sortBy);
      th.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(); } });
      head.appendChild(th);
    }
    const body = el('tbody');
    const start = this.page * PAGE_SIZE;
    for (const row of this.view.slice(start, start + PAGE_SIZE)) {
      const tr = el('tr');
      for (const field of this.fields) {
        const td = el('td', {}, cellNode(row[field]));
        if (this.selected?.row === row && this.selected.field === field) td.classList.add('selected');
        td.addEventListener('click', () => {
          this.grid.querySelector('td.selected')?.classList.remove('selected');
          td.classList.add('selected');
          this.selected = { row, field };
        });
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    this.grid.appendChild(el('table', { class: 'results' }, el('thead', {}, head), body));
    clear(this.pager);
    if (pages > 1) {
      const go = (p: number) => { this.page = Math.max(0, Math.min(pages - 1, p)); this.render(pages); };
      this.pager.append(
        button('◀ Previous', () => go(this.page - 1), this.page === 0 ? { class: 'disabled' } : {}),
        el('span', {}, ` Page ${this.page + 1} of ${pages} (rows ${count(start + 1)}–${count(Math.min(start + PAGE_SIZE, this.view.length))}) `),
        button('Next ▶', () => go(this.page + 1), this.page >= pages - 1 ? { class: 'disabled' } : {}),
      );
    }
  }

  private copyCell(): void {
    if (this.selected) this.cb.copy(cellText(this.selected.row[this.selected.field]));
  }

  private copyRow(): void {
    const row = this.selected?.row;
    if (row) this.cb.copy(this.fields.map((f) => cellText(row[f]).replace(/[\t\n]/g, ' ')).join('\t'));
  }

  /** The current page's cells as the DOM shows them (text content), for the test probe. */
  pageCells(): string[][] {
    const text = (td: Element) => {
      const items = td.querySelectorAll('ul.mv > li');
      return items.length ? Array.from(items).map((li) => li.textContent ?? '').join('\n') : td.textContent ?? '';
    };
    return Array.from(this.grid.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map(text));
  }

  columns(): string[] {
    return this.fields.slice();
  }
}
