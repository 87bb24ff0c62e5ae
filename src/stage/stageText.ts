/**
 * The stage's text as DOM, for screen readers in the stage window: what the canvas draws in each step
 * (heading, card, proposals, results, top three), never more than the room sees (no authors, no dots
 * before the reveal, no hidden proposals).
 */
import type { ScreenView, ProposalView } from '../core/view.ts';
import type { Lang } from '../core/types.ts';
import type { TableLabels } from '../game/table.ts';
import { h } from '../ui/dom.ts';

const proposalText = (p: ProposalView): string => p.texts.join(' / ');

function cardPart(view: ScreenView, lang: Lang, full: boolean): HTMLElement[] {
  const card = view.card;
  if (!card) return [];
  const parts: HTMLElement[] = [h('h2', {}, card.title[lang])];
  if (full) parts.push(h('p', {}, card.situation[lang]));
  parts.push(h('ol', { class: 'stage-text__questions' }, card.questions.map((q) => h('li', {}, q[lang]))));
  return parts;
}

function proposalList(view: ScreenView, labels: TableLabels): HTMLElement | null {
  const shown = view.proposals.filter((p) => !p.hidden);
  if (shown.length === 0) return null;
  return h(
    'ul',
    { class: 'stage-text__proposals' },
    shown.map((p) => h('li', { 'data-proposal-id': p.id }, `${proposalText(p)} (${labels.levelNames[p.level] ?? p.level})`)),
  );
}

function body(view: ScreenView, lang: Lang, labels: TableLabels): (HTMLElement | null)[] {
  switch (view.phase) {
    case 'lobby':
      return [];
    case 'check-in': {
      const picked = view.checkIn.picks.map((id) => view.checkIn.cards.find((c) => c.id === id)).filter((c) => c !== undefined);
      return [picked.length ? h('ul', {}, picked.map((c) => h('li', {}, c.prompt[lang]))) : null];
    }
    case 'reveal':
    case 'discuss':
      return cardPart(view, lang, true);
    case 'propose':
      return [
        ...cardPart(view, lang, false),
        view.activeTwist ? h('p', { class: 'stage-text__twist' }, `${view.activeTwist.title[lang]}: ${view.activeTwist.prompt[lang]}`) : null,
        proposalList(view, labels),
      ];
    case 'vote':
    case 'run-off':
      return [];
    case 'results':
      return [
        ...cardPart(view, lang, false),
        h(
          'ol',
          { class: 'stage-text__results' },
          (view.ranked ?? []).map((r) => h('li', { 'data-proposal-id': r.proposal.id }, `${proposalText(r.proposal)}: ${labels.dotsWord(r.dots)}`)),
        ),
      ];
    case 'top-three':
    case 'summary':
      return [
        h(
          'ol',
          { class: 'stage-text__top-three' },
          (view.topThree ?? []).map((item) => h('li', { 'data-rank': String(item.rank) }, `${labels.rankWord(item.rank)}: ${proposalText(item.proposal)}`)),
        ),
      ];
  }
}

/** The text of one stage picture: heading and sub as the canvas shows them, then the step's content. */
export function stageText(view: ScreenView, lang: Lang, labels: TableLabels): HTMLElement[] {
  return [h('h1', {}, labels.heading), labels.sub ? h('p', {}, labels.sub) : null, ...body(view, lang, labels)].filter((x): x is HTMLElement => x !== null && x !== undefined);
}
