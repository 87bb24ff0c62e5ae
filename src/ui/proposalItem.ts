/**
 * One proposal as the panel lists it (the facilitator's list while proposing, the results, the summary): its
 * text and every text merged into it, its level, and the dots or points it got.
 */
import { asUnit, h, kept, longText } from './dom.ts';
import { t, currentLang } from '../i18n/index.ts';
import type { ProposalView, ScreenView } from '../core/view.ts';
import type { PanelContext } from './panelContext.ts';
import { levelBadge } from './levelBadge.ts';
import { type ItemControls, mergedTexts } from './mergeControls.ts';

/** Longer texts are shortened in the panel to this many characters, with "read more". */
export const SHORT = 140;
export const more = () => ({ more: t('common.readMore'), less: t('common.readLess') });

/** Dots, or points when the team scored ideas 25/10. */
export const pointsWord = (view: ScreenView, count: number): string => (view.voteMode === 'crowd' ? t('room.points', { count }) : t('results.dots', { count }));

/**
 * One proposal with every text merged into it; `withHide` (the propose step) adds hide, unmerge and the merge
 * `controls`, buttons that say what they do (`data-act`) for the list to handle.
 */
export function proposalItem(p: ProposalView, c: PanelContext, withHide: boolean, dots: number | null, controls: readonly Node[] = []): HTMLElement {
  return h(
    'li',
    { class: `proposal${p.hidden ? ' proposal--hidden' : ''}`, 'data-testid': 'proposal', 'data-proposal-id': p.id, 'data-hidden': String(p.hidden), 'data-merged': p.merged.join(' ') || null },
    h('div', { class: 'proposal__text' }, longText(p.text, SHORT, more()), mergedTexts(p, c, withHide, SHORT)),
    h(
      'div',
      { class: 'proposal__meta' },
      levelBadge(p.level),
      p.twistId ? h('span', { class: 'badge daring' }, '⚡ ' + t('propose.daring')) : null,
      p.hidden ? h('span', { class: 'badge muted' }, t('propose.hiddenNote')) : null,
      dots !== null ? h('span', { class: 'badge dots-count', 'data-testid': 'proposal-dots' }, pointsWord(c.view, dots)) : null,
      withHide
        ? h(
            'button',
            {
              type: 'button',
              class: 'ghost small',
              'data-testid': p.hidden ? 'proposal-restore' : 'proposal-hide',
              // Hide and restore share the place: focus stays there for the next press.
              'data-key': `hide-${p.id}`,
              // The list the item is in handles the press (mergeControls.ts): the item holds no handler of a render.
              'data-act': p.hidden ? 'restore' : 'hide',
              'aria-label': t(p.hidden ? 'propose.restore' : 'propose.hide', { text: p.text.slice(0, 60) }),
            },
            p.hidden ? t('propose.restoreShort') : t('propose.hideShort'),
          )
        : null,
      ...controls,
    ),
  );
}

/** The facilitator's list as it is on the page: each proposal's element and what it shows. */
const listed = new Map<string, { readonly shows: string; readonly el: HTMLElement }>();

/**
 * A proposal in the facilitator's list while proposing. One that shows the same as the one on the page is
 * not drawn again: the page's element stays (a stand-in, `kept`), so a new proposal draws only itself.
 */
export function listedProposal(p: ProposalView, c: PanelContext, controls: ItemControls): HTMLElement {
  const unmergeable = p.merged.map((id) => c.can({ type: 'facilitator.unmerge', proposalId: id }));
  const shows = JSON.stringify([currentLang(), p.text, p.texts, p.merged, unmergeable, p.hidden, p.level, p.twistId, controls.key]);
  const known = listed.get(p.id);
  if (known && known.shows === shows && known.el.isConnected) return kept(known.el);
  const el = asUnit(proposalItem(p, c, true, null, controls.make()));
  listed.set(p.id, { shows, el });
  return el;
}

/** Forgets the elements of proposals no longer listed. */
export function keepListed(proposals: readonly ProposalView[]): void {
  const ids = new Set(proposals.map((p) => p.id));
  for (const id of listed.keys()) if (!ids.has(id)) listed.delete(id);
}
