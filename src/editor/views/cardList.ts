/** The deck's cards in order: choose one to edit, move it up or down, add a card; cards with problems are marked. */
import { t } from '../../i18n/index.ts';
import { h } from '../../ui/dom.ts';
import type { EditorActions } from '../actions.ts';
import { cardTitle } from '../labels.ts';
import type { EditorSession } from '../session.ts';

export function cardList(s: EditorSession, act: EditorActions): HTMLElement {
  return h(
    'section',
    { class: 'card-list-box', 'aria-labelledby': 'cards-heading' },
    h('h3', { id: 'cards-heading' }, t('editor:cards.heading', { count: s.draft.cards.length })),
    cardListItems(s, act),
    h('button', { type: 'button', class: 'editor-wide', 'data-testid': 'add-card', 'data-key': 'add-card', onclick: () => act.addCard() }, `+ ${t('editor:cards.add')}`),
  );
}

export function cardListItems(s: EditorSession, act: EditorActions): HTMLElement {
  const cards = s.draft.cards;
  const bad = new Set((s.problems ?? []).flatMap((p) => (p.card === null ? [] : [p.card - 1])));
  return h(
    'ol',
    { class: 'card-list', 'aria-label': t('editor:cards.label'), 'data-live': 'card-list' },
    cards.map((card, i) => {
      const title = cardTitle(card);
      const current = i === s.current;
      return h(
        'li',
        { class: `card-item${current ? ' card-item--current' : ''}${bad.has(i) ? ' card-item--bad' : ''}`, 'data-testid': 'card-item', 'data-card-index': i },
        h(
          'button',
          { type: 'button', class: 'card-item__select', 'data-testid': 'card-select', 'data-key': `select-${card.key}`, 'aria-current': current ? 'true' : null, onclick: () => act.selectCard(i) },
          h('span', { class: 'card-item__n' }, `${i + 1}.`),
          h('span', { class: 'card-item__title' }, title),
          current ? h('span', { class: 'sr-only' }, ` (${t('editor:cards.current')})`) : null,
          bad.has(i) ? h('span', { class: 'card-item__bad' }, h('span', { 'aria-hidden': 'true' }, '!'), h('span', { class: 'sr-only' }, ` (${t('editor:cards.hasProblems')})`)) : null,
        ),
        h('button', { type: 'button', class: 'icon ghost', 'data-testid': 'card-up', 'data-key': `up-${card.key}`, 'aria-label': t('editor:cards.up', { n: i + 1, title }), title: t('editor:cards.up', { n: i + 1, title }), disabled: i === 0, onclick: () => act.moveCard(i, -1) }, '↑'),
        h('button', { type: 'button', class: 'icon ghost', 'data-testid': 'card-down', 'data-key': `down-${card.key}`, 'aria-label': t('editor:cards.down', { n: i + 1, title }), title: t('editor:cards.down', { n: i + 1, title }), disabled: i === cards.length - 1, onclick: () => act.moveCard(i, 1) }, '↓'),
      );
    }),
  );
}
