/**
 * Merging duplicates on the facilitator's list of proposals, before the vote: "merge" on one proposal starts
 * choosing, every proposal it may go into offers itself as the target, and "cancel" (or Escape) stops. A
 * merged proposal lists the texts merged into it, each with "unmerge" while the machine allows it. What may be
 * merged where is only ever the machine's answer (`PanelContext.can`); no rule lives here.
 */
import { h, listen, longText } from './dom.ts';
import { patchKeepingFocus } from './patch.ts';
import { t } from '../i18n/index.ts';
import type { SessionEvent } from '../core/events.ts';
import type { ProposalView } from '../core/view.ts';
import type { PanelContext } from './panelContext.ts';

/** The proposal being merged while the facilitator chooses its target; kept across re-renders of the panel. */
let choosing: { readonly sourceId: string; readonly cardIndex: number } | null = null;

const merge = (sourceId: string, targetId: string): SessionEvent => ({ type: 'facilitator.merge', sourceId, targetId });
const short = (text: string): string => (text.length > 60 ? `${text.slice(0, 60)}…` : text);
const more = () => ({ more: t('common.readMore'), less: t('common.readLess') });

/** The proposal being merged, while that is still possible: gone, voted on or merged elsewhere ends the choosing. */
function source(c: PanelContext): ProposalView | null {
  if (!choosing || choosing.cardIndex !== c.view.cardIndex) return null;
  const sourceId = choosing.sourceId;
  const p = c.view.proposals.find((q) => q.id === sourceId);
  return p && c.view.proposals.some((q) => c.can(merge(sourceId, q.id))) ? p : null;
}

/**
 * The texts merged into a proposal, under its own, one per merged id; `unmerge` adds the button that takes
 * each one out again where the machine allows it (pressed, the list handles it: `data-act`). Null for a proposal nothing was merged into.
 */
export function mergedTexts(p: ProposalView, c: PanelContext, unmerge: boolean, limit: number): HTMLElement | null {
  if (p.merged.length === 0) return null;
  return h(
    'ul',
    { class: 'proposal__merged', 'aria-label': t('merge.mergedLabel') },
    p.merged.map((id, i) => {
      const text = p.texts[i + 1] ?? '';
      const event: SessionEvent = { type: 'facilitator.unmerge', proposalId: id };
      return h(
        'li',
        { 'data-merged-id': id },
        longText(text, limit, more()),
        unmerge && c.can(event)
          ? h(
              'button',
              { type: 'button', class: 'ghost small', 'data-testid': 'proposal-unmerge', 'data-proposal-id': id, 'data-key': `unmerge-${id}`, 'data-act': 'unmerge', 'aria-label': t('merge.unmerge', { text: short(text) }) },
              t('merge.unmergeShort'),
            )
          : null,
      );
    }),
  );
}

/** The merge controls of one proposal in the facilitator's list: `key` names what `make` draws. */
export interface ItemControls {
  readonly key: string;
  make(): readonly Node[];
}

/** What the merge controls of `p` are now: start merging it, the one being merged, a target, or none. */
function controlsOf(p: ProposalView, from: ProposalView | null, c: PanelContext): ItemControls {
  const none: ItemControls = { key: '', make: () => [] };
  if (!from) {
    if (!c.view.proposals.some((q) => c.can(merge(p.id, q.id)))) return none;
    return {
      key: 'merge',
      make: () => [
        h('button', { type: 'button', class: 'ghost small', 'data-testid': 'proposal-merge', 'data-proposal-id': p.id, 'data-key': `merge-${p.id}`, 'data-act': 'merge', 'aria-label': t('merge.start', { text: short(p.text) }) }, t('merge.startShort')),
      ],
    };
  }
  if (p.id === from.id) return { key: 'source', make: () => [h('span', { class: 'badge merge-source' }, t('merge.source'))] };
  if (!c.can(merge(from.id, p.id))) return none;
  return {
    key: 'target',
    make: () => [
      h('button', { type: 'button', class: 'small merge-target', 'data-testid': 'merge-target', 'data-proposal-id': p.id, 'data-key': `target-${p.id}`, 'data-act': 'target', 'aria-label': t('merge.into', { text: short(p.text) }) }, t('merge.intoShort')),
    ],
  };
}

type ItemOf = (p: ProposalView, controls: ItemControls) => HTMLElement;

/** Draws the list into `wrap`: on the page a patch (the unchanged proposals stay), while being built at once. */
function draw(wrap: HTMLElement, c: PanelContext, item: ItemOf, focusKey: string | null): void {
  const from = source(c);
  if (!from) choosing = null;
  // A block body: an `on…` handler that returns false would cancel every other key (Enter on a target too).
  listen(
    wrap,
    'keydown',
    from
      ? (e: Event) => {
          if ((e as KeyboardEvent).key !== 'Escape') return;
          // Escape stops choosing first; the drawer around the list closes only on the next one.
          e.preventDefault();
          cancel(e.currentTarget as HTMLElement, c, item);
        }
      : null,
  );
  const nodes: Node[] = [h('ol', { class: 'proposals' }, c.view.proposals.map((p) => item(p, controlsOf(p, from, c))))];
  if (from)
    nodes.unshift(
      h(
        'div',
        { class: 'merge-prompt' },
        h('p', { 'data-testid': 'merge-prompt', role: 'status' }, t('merge.prompt', { text: short(from.text) })),
        h('button', { type: 'button', class: 'ghost small', 'data-testid': 'merge-cancel', 'data-key': 'merge-cancel', 'data-act': 'cancel' }, t('merge.cancel')),
      ),
    );
  if (wrap.isConnected) patchKeepingFocus(wrap, ...nodes);
  else wrap.replaceChildren(...nodes);
  if (focusKey) wrap.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
}

function cancel(wrap: HTMLElement, c: PanelContext, item: ItemOf): void {
  const back = choosing ? `merge-${choosing.sourceId}` : null;
  choosing = null;
  draw(wrap, c, item, back);
}

/** Every button in the list says what it does (`data-act`); the list, drawn anew with each render, does it. */
function act(event: Event, c: PanelContext, item: ItemOf): void {
  const wrap = event.currentTarget as HTMLElement;
  const button = (event.target as Element | null)?.closest<HTMLElement>('[data-act]');
  if (!button || !wrap.contains(button)) return;
  const id = button.dataset.proposalId ?? button.closest<HTMLElement>('[data-proposal-id]')?.dataset.proposalId ?? '';
  switch (button.dataset.act) {
    case 'hide':
      return c.send({ type: 'facilitator.hide', proposalId: id });
    case 'restore':
      return c.send({ type: 'facilitator.restore', proposalId: id });
    case 'unmerge':
      return c.send({ type: 'facilitator.unmerge', proposalId: id });
    case 'merge':
      choosing = { sourceId: id, cardIndex: c.view.cardIndex };
      return draw(wrap, c, item, 'merge-cancel');
    case 'cancel':
      return cancel(wrap, c, item);
    case 'target': {
      const from = source(c);
      choosing = null;
      if (!from) return draw(wrap, c, item, null);
      c.send(merge(from.id, id));
      // The panel is drawn anew by now: keyboard focus goes to the merged text's own "take out" button.
      document.querySelector<HTMLElement>(`[data-key="unmerge-${CSS.escape(from.id)}"]`)?.focus();
      return;
    }
  }
}

/**
 * The propose step's list of proposals with the merge controls: `item` draws one proposal with the given
 * controls in its row. Choosing a target redraws only this list; the merge itself goes to the machine.
 */
export function mergeableList(c: PanelContext, item: ItemOf): HTMLElement {
  const wrap = h('div', { class: 'merge-list', onclick: (event: Event) => act(event, c, item) });
  draw(wrap, c, item, null);
  return wrap;
}
