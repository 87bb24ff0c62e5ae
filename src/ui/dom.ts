/**
 * A tiny element builder. Text goes in with `textContent` only: player input (names, proposals) can hold
 * HTML and must show as typed, never run.
 */
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;
type Child = Node | string | null | undefined | false;

/**
 * Event handlers go through one listener per element and event type that calls the element's current
 * handler, so a re-render that keeps an element (patch.ts) can give it the new render's handler.
 */
const handlers = new WeakMap<EventTarget, Map<string, EventListener>>();

function dispatch(event: Event): void {
  const target = event.currentTarget;
  if (target) handlers.get(target)?.get(event.type)?.call(target, event);
}

/** Sets the element's handler for an event type (null removes it); one handler per type. */
export function listen(el: EventTarget, type: string, handler: EventListener | null): void {
  let own = handlers.get(el);
  if (!handler) {
    own?.delete(type);
    return;
  }
  if (!own) handlers.set(el, (own = new Map()));
  const had = own.has(type);
  own.set(type, handler);
  // Once per type (a type whose handler was removed keeps its listener, which then finds none).
  if (!had) el.addEventListener(type, dispatch);
}

/** The handlers `listen` gave an element: for the patch that moves them onto a kept element. */
export function handlersOf(el: EventTarget): ReadonlyMap<string, EventListener> | undefined {
  return handlers.get(el);
}

/**
 * A stand-in for an element that is already on the page and shows the same as the new render would: the
 * patch (or `replaceKeepingFocus`) puts the element itself where the stand-in is, so it is neither built nor
 * laid out again.
 */
const keptFor = new WeakMap<Node, HTMLElement>();
const KEPT = 'data-kept';

export function kept(el: HTMLElement): HTMLElement {
  const stand = document.createElement(el.tagName.toLowerCase());
  stand.setAttribute(KEPT, '');
  keptFor.set(stand, el);
  return stand;
}

/** The element a stand-in from `kept` stands for; undefined for any other node. */
export function keptElement(node: Node): HTMLElement | undefined {
  return keptFor.get(node);
}

/** Replaces every stand-in under (or being) one of `nodes` with the element it stands for. */
function resolveKept(nodes: Node[]): Node[] {
  return nodes.map((node) => {
    const own = keptFor.get(node);
    if (own) return own;
    if (node instanceof Element) for (const stand of node.querySelectorAll(`[${KEPT}]`)) stand.replaceWith(keptFor.get(stand) ?? stand);
    return node;
  });
}

/** Elements a patch replaces as a whole instead of changing the page's element into them (see patch.ts). */
const units = new WeakSet<Node>();

export function asUnit<T extends HTMLElement>(el: T): T {
  units.add(el);
  return el;
}

export function isUnit(node: Node): boolean {
  return units.has(node);
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') listen(el, name.replace(/^on/, '').toLowerCase(), value);
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
  keepingFocus(container, () => container.replaceChildren(...resolveKept(nodes)));
}

/**
 * Runs `change` on a container's content, then gives keyboard focus and the caret back to the control with the
 * same `data-key` when the change took the focused one away. Shared by replacing and patching.
 */
export function keepingFocus(container: HTMLElement, change: () => void): void {
  const active = document.activeElement as HTMLElement | null;
  const key = active && container.contains(active) ? active.dataset.key : undefined;
  const field = active as HTMLInputElement | null;
  const selection = key && field && 'selectionStart' in field ? [field.selectionStart, field.selectionEnd] : null;
  change();
  if (!key || document.activeElement === active) return;
  const again = container.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
  if (!again) return;
  again.focus({ preventScroll: true });
  if (selection && (again instanceof HTMLInputElement || again instanceof HTMLTextAreaElement)) {
    try {
      again.setSelectionRange(selection[0] ?? null, selection[1] ?? null);
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
  const short = text.slice(0, limit) + '…';
  const body = h('span', { class: 'long-text__body' }, short);
  // The state is the button's own (aria-expanded), and the text is found from the button pressed: a patch
  // that keeps these elements and gives the button a later render's handler keeps it working.
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'link',
      'data-testid': 'long-text-toggle',
      'aria-expanded': 'false',
      onclick: (event: Event) => {
        event.stopPropagation();
        const button = event.currentTarget as HTMLElement;
        const open = button.getAttribute('aria-expanded') !== 'true';
        const shown = button.parentElement?.querySelector('.long-text__body');
        if (shown) shown.textContent = open ? text : short;
        button.textContent = open ? labels.less : labels.more;
        button.setAttribute('aria-expanded', String(open));
      },
    },
    labels.more,
  );
  wrap.append(body, ' ', toggle);
  return wrap;
}
