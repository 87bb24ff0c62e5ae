/**
 * One proposal as the panel lists it (the facilitator's list while proposing, the results, the summary): its
 * text and every text merged into it, its level, and the dots or points it got.
 */
import { h, longText } from './dom.ts';
import { t } from '../i18n/index.ts';
import type { ProposalView, ScreenView } from '../core/view.ts';
import type { PanelContext } from './panelContext.ts';
import { levelBadge } from './levelBadge.ts';
import { mergedTexts } from './mergeControls.ts';

/** Longer texts are shortened in the panel to this many characters, with "read more". */
export const SHORT = 140;
export const more = () => ({ more: t('common.readMore'), less: t('common.readLess') });

/** Dots, or points when the team scored ideas 25/10. */
export const pointsWord = (view: ScreenView, count: number): string => (view.voteMode === 'crowd' ? t('room.points', { count }) : t('results.dots', { count }));

/** One proposal with every text merged into it; `withHide` (the propose step) adds hide, unmerge and the merge `controls`. */
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
              'aria-label': t(p.hidden ? 'propose.restore' : 'propose.hide', { text: p.text.slice(0, 60) }),
              onclick: () => c.send({ type: p.hidden ? 'facilitator.restore' : 'facilitator.hide', proposalId: p.id }),
            },
            p.hidden ? t('propose.restoreShort') : t('propose.hideShort'),
          )
        : null,
      ...controls,
    ),
  );
}
