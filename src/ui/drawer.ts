/**
 * The facilitator's drawer: the controls only the person leading the session needs (hiding a proposal, the
 * dot rules, a twist, the room's seats) live here, out of the room's sight, while what a player needs in a step
 * stays in the panel. Panel builders mark such parts with `forDrawer(...)`; the controller moves every marked
 * part into the drawer after each render. Open or closed is remembered on the device.
 */
import { h, replaceKeepingFocus } from './dom.ts';
import { patchKeepingFocus } from './patch.ts';
import { slidersIcon } from './icons.ts';
import { t } from '../i18n/index.ts';
import { loadDrawerOpen, storeDrawerOpen } from './storage.ts';

export const DRAWER_ID = 'facilitator-drawer';
const MARK = 'data-drawer';

/** Puts a part of a step's panel in the facilitator's drawer (nothing else to do: one line per part). */
export function forDrawer<T extends HTMLElement | null | undefined>(part: T): T {
  part?.setAttribute(MARK, '');
  return part;
}

/** Takes the parts marked for the drawer out of a rendered panel, in reading order. */
export function takeDrawerParts(panel: HTMLElement): HTMLElement[] {
  const marked = [...panel.querySelectorAll<HTMLElement>(`[${MARK}]`)];
  // A marked part inside another marked part travels with its parent.
  const outer = marked.filter((el) => !el.parentElement?.closest(`[${MARK}]`));
  for (const el of outer) el.remove();
  if (panel.hasAttribute(MARK)) outer.unshift(panel);
  return outer;
}

/** Open at first use where there is room beside the players' panel (a tablet or larger), closed on a phone. */
function firstUseOpen(): boolean {
  return typeof window.matchMedia !== 'function' || window.matchMedia('(min-width: 768px)').matches;
}

export class FacilitatorDrawer {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly title: HTMLElement;
  private isOpen: boolean;

  /** `changed` redraws the toggle (it lives in the top bar); `toggle` finds it to give focus back on Escape. */
  constructor(
    private readonly changed: () => void,
    private readonly toggle: () => HTMLElement | null,
  ) {
    this.isOpen = loadDrawerOpen() ?? firstUseOpen();
    this.title = h('h2', { id: `${DRAWER_ID}-title`, class: 'drawer__title' });
    this.body = h('div', { class: 'drawer__body' });
    this.element = h('section', { id: DRAWER_ID, class: 'drawer', 'data-testid': DRAWER_ID, 'aria-labelledby': `${DRAWER_ID}-title` }, this.title, this.body);
    this.element.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      this.setOpen(false);
      this.toggle()?.focus();
    });
    this.sync();
  }

  get open(): boolean {
    return this.isOpen;
  }

  setOpen(open: boolean): void {
    if (open === this.isOpen) return;
    this.isOpen = open;
    storeDrawerOpen(open);
    this.sync();
    this.changed();
  }

  flip = (): void => this.setOpen(!this.isOpen);

  /**
   * The step's facilitator parts, or a line saying the step has none beyond the top bar. `patch`: the same
   * step drawn again, so what is there is changed rather than replaced (patch.ts).
   */
  fill(parts: readonly HTMLElement[], patch = false): void {
    const title = t('drawer.title');
    if (this.title.textContent !== title) this.title.textContent = title;
    const nodes = parts.length ? parts : [h('p', { class: 'muted small', 'data-testid': 'drawer-empty' }, t('drawer.empty'))];
    if (patch) patchKeepingFocus(this.body, ...nodes);
    else replaceKeepingFocus(this.body, ...nodes);
  }

  clear(): void {
    this.body.replaceChildren();
  }

  private sync(): void {
    this.element.dataset.open = String(this.isOpen);
    this.element.hidden = !this.isOpen;
  }
}

/** The button in the top bar that opens and closes the drawer. */
export function drawerToggle(open: boolean, onClick: () => void): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      class: `drawer-toggle${open ? ' drawer-toggle--open' : ''}`,
      'data-testid': 'drawer-toggle',
      'data-key': 'top-drawer-toggle',
      'aria-expanded': String(open),
      'aria-controls': DRAWER_ID,
      title: open ? t('drawer.close') : t('drawer.open'),
      onclick: onClick,
    },
    slidersIcon(),
    h('span', { class: 'drawer-toggle__label' }, t('drawer.toggle')),
  );
}
