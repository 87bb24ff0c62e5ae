/**
 * A tiny element builder. Text goes in with `textContent` only: player input (names, proposals) can hold
 * HTML and must show as typed, never run.
 */
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (name === 'value' && 'value' in el) (el as HTMLInputElement).value = String(value);
    else if (name === 'checked' && el instanceof HTMLInputElement) el.checked = value === true;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

/**
 * Replaces a container's content while keeping keyboard focus and the caret on the control with the same
 * `data-key`, so re-rendering after every step never throws a typing player out of the field.
 */
export function replaceKeepingFocus(container: HTMLElement, ...nodes: Node[]): void {
  const active = document.activeElement as HTMLElement | null;
  const key = active && container.contains(active) ? active.dataset.key : undefined;
  const field = active as HTMLInputElement | null;
  const selection = key && field && 'selectionStart' in field ? [field.selectionStart, field.selectionEnd] : null;
  container.replaceChildren(...nodes);
  if (!key) return;
  const again = container.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
  if (!again) return;
  again.focus({ preventScroll: true });
  if (selection && (again instanceof HTMLInputElement || again instanceof HTMLTextAreaElement)) {
    try {
      (again as HTMLInputElement).setSelectionRange(selection?.[0] ?? null, selection?.[1] ?? null);
    } catch {
      /* number inputs have no selection */
    }
  }
}

/** Polite announcements for screen readers (the step, whose turn it is, the results). */
export function announce(text: string): void {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick makes screen readers read it even when it repeats.
  window.setTimeout(() => (region.textContent = text), 30);
}

export function download(filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A long text shortened in view, with a button to read all of it (stored whole regardless). */
export function longText(text: string, limit: number, labels: { more: string; less: string }, className = 'long-text'): HTMLElement {
  const wrap = h('span', { class: className });
  if (text.length <= limit) {
    wrap.textContent = text;
    return wrap;
  }
  const body = h('span', { class: 'long-text__body' }, text.slice(0, limit) + '…');
  let open = false;
  const toggle = h('button', { type: 'button', class: 'link', 'aria-expanded': 'false' }, labels.more);
  toggle.addEventListener('click', (event) => {
    event.stopPropagation();
    open = !open;
    body.textContent = open ? text : text.slice(0, limit) + '…';
    toggle.textContent = open ? labels.less : labels.more;
    toggle.setAttribute('aria-expanded', String(open));
  });
  wrap.append(body, ' ', toggle);
  return wrap;
}
