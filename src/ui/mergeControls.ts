/**
 * Merging duplicates on the facilitator's list of proposals, before the vote: "merge" on one proposal starts
 * choosing, every proposal it may go into offers itself as the target, and "cancel" (or Escape) stops. A
 * merged proposal lists the texts merged into it, each with "unmerge" while the machine allows it. What may be
 * merged where is only ever the machine's answer (`PanelContext.can`); no rule lives here.
 */
import { h, longText } from './dom.ts';
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
 * each one out again where the machine allows it. Null for a proposal nothing was merged into.
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
              { type: 'button', class: 'ghost small', 'data-testid': 'proposal-unmerge', 'data-proposal-id': id, 'data-key': `unmerge-${id}`, 'aria-label': t('merge.unmerge', { text: short(text) }), onclick: () => c.send(event) },
              t('merge.unmergeShort'),
            )
          : null,
      );
    }),
  );
}

/**
 * The propose step's list of proposals with the merge controls: `item` draws one proposal with the given
 * controls in its row. Choosing a target redraws only this list; the merge itself goes to the machine.
 */
export function mergeableList(c: PanelContext, item: (p: ProposalView, controls: readonly Node[]) => HTMLElement): HTMLElement {
  const wrap = h('div', { class: 'merge-list' });
  const draw = (focusKey: string | null) => {
    const from = source(c);
    if (!from) choosing = null;
    const controls = (p: ProposalView): Node[] => {
      if (!from) {
        if (!c.view.proposals.some((q) => c.can(merge(p.id, q.id)))) return [];
        const start = () => {
          choosing = { sourceId: p.id, cardIndex: c.view.cardIndex };
          draw('merge-cancel');
        };
        return [h('button', { type: 'button', class: 'ghost small', 'data-testid': 'proposal-merge', 'data-proposal-id': p.id, 'data-key': `merge-${p.id}`, 'aria-label': t('merge.start', { text: short(p.text) }), onclick: start }, t('merge.startShort'))];
      }
      if (p.id === from.id) return [h('span', { class: 'badge merge-source' }, t('merge.source'))];
      if (!c.can(merge(from.id, p.id))) return [];
      const into = () => {
        choosing = null;
        c.send(merge(from.id, p.id));
        // The panel is drawn anew by now: keyboard focus goes to the merged text's own "take out" button.
        document.querySelector<HTMLElement>(`[data-key="unmerge-${CSS.escape(from.id)}"]`)?.focus();
      };
      return [h('button', { type: 'button', class: 'small merge-target', 'data-testid': 'merge-target', 'data-proposal-id': p.id, 'data-key': `target-${p.id}`, 'aria-label': t('merge.into', { text: short(p.text) }), onclick: into }, t('merge.intoShort'))];
    };
    const cancel = () => {
      const back = choosing ? `merge-${choosing.sourceId}` : null;
      choosing = null;
      draw(back);
    };
    // A block body: an `on…` handler that returns false would cancel every other key (Enter on a target too).
    wrap.onkeydown = from
      ? (e: KeyboardEvent) => {
          if (e.key !== 'Escape') return;
          // Escape stops choosing first; the drawer around the list closes only on the next one.
          e.preventDefault();
          cancel();
        }
      : null;
    wrap.replaceChildren(
      from
        ? h(
            'div',
            { class: 'merge-prompt' },
            h('p', { 'data-testid': 'merge-prompt', role: 'status' }, t('merge.prompt', { text: short(from.text) })),
            h('button', { type: 'button', class: 'ghost small', 'data-testid': 'merge-cancel', 'data-key': 'merge-cancel', onclick: cancel }, t('merge.cancel')),
          )
        : '',
      h('ol', { class: 'proposals' }, c.view.proposals.map((p) => item(p, controls(p)))),
    );
    if (focusKey) wrap.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  };
  draw(null);
  return wrap;
}
