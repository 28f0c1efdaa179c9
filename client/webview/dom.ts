// Building the panel's DOM safely: every string becomes a text node, attributes come from a fixed
// allow-list, and nothing is ever parsed as HTML. Log contents are attacker-controlled; this module
// is the only place that creates elements.

type Attrs = Partial<Record<'class' | 'title' | 'role' | 'tabindex' | 'type' | 'placeholder' | 'aria-label' | 'aria-sort' | 'data-stage' | 'data-col' | 'data-row' | 'colspan', string>>;
type Child = Node | string | number | undefined | null | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) node.setAttribute(k, v);
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** A button that calls `onClick`. */
export function button(label: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** Numbers as the panel shows them: 12,345. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
