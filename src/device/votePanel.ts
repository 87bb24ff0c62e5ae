/** The vote on a phone: this seat's dots (a ballot) or its 25/10 scores (a crowd round). */
import { oneLine } from '../core/proposal.ts';
import { h } from '../ui/dom.ts';
import { t } from '../i18n/index.ts';
import type { DeviceBallot, DeviceCrowd, DeviceView } from '../core/deviceView.ts';
import type { DeviceActions, Out } from './state.ts';
import { ballotTotal } from './optimistic.ts';
import { levelBadge, short, title } from './widgets.ts';

const SCORES = [1, 2, 3, 4, 5] as const;

function dotsRow(n: number, max: number): HTMLElement {
  return h('span', { class: 'my-dots', 'aria-hidden': 'true' }, '●'.repeat(n) + '○'.repeat(Math.max(0, max - n)));
}

export function ballotView(view: DeviceView, ballot: DeviceBallot, actions: DeviceActions): Out {
  const runOff = ballot.kind === 'run-off';
  const placed = ballotTotal(ballot.mine);
  const left = Math.max(0, ballot.dotsToPlace - placed);
  const head = [title(runOff ? t('device:vote.runOff') : t('device:vote.title'))];
  if (ballot.done) {
    const mine = ballot.candidates.filter((c) => (ballot.mine[c.id] ?? 0) > 0);
    return [
      ...head,
      h('p', { class: 'device-ok', role: 'status', 'data-testid': 'vote-cast' }, t('device:vote.cast')),
      h('h2', {}, t('device:vote.yourDots')),
      h(
        'ul',
        { class: 'proposals device-ideas' },
        mine.map((c) =>
          h(
            'li',
            { class: 'proposal', 'data-testid': 'my-dots', 'data-proposal-id': c.id },
            h('div', { class: 'proposal__text device-text' }, oneLine(c)),
            h('div', { class: 'proposal__meta' }, levelBadge(c.level), dotsRow(ballot.mine[c.id] ?? 0, ballot.mine[c.id] ?? 0), h('span', {}, t('device:vote.mine', { count: ballot.mine[c.id] ?? 0 }))),
          ),
        ),
      ),
    ];
  }
  if (ballot.candidates.length === 0) return [...head, h('p', { class: 'muted' }, t('device:vote.none'))];
  return [
    ...head,
    h('p', { class: 'device-lead' }, runOff ? t('device:vote.runOffExplain') : t('device:vote.explain')),
    ballot.maxPerCandidate > 1 ? h('p', { class: 'muted small' }, t('device:vote.max', { max: ballot.maxPerCandidate })) : null,
    h('p', { class: 'dots-left device-dots-left', 'aria-live': 'polite', 'data-testid': 'dots-left' }, left > 0 ? t('device:vote.dotsLeft', { count: left }) : t('device:vote.allPlaced')),
    h(
      'ol',
      { class: 'ballot device-ballot' },
      ballot.candidates.map((c) => {
        const on = ballot.mine[c.id] ?? 0;
        return h(
          'li',
          { class: `ballot__item${on > 0 ? ' ballot__item--on' : ''}`, 'data-testid': 'candidate', 'data-proposal-id': c.id },
          h('div', { class: 'ballot__text device-text' }, oneLine(c), h('div', { class: 'proposal__meta' }, levelBadge(c.level))),
          h(
            'div',
            { class: 'ballot__controls' },
            h('button', { type: 'button', class: 'icon', 'data-testid': 'vote-remove', 'data-proposal-id': c.id, 'data-key': `remove-${c.id}`, disabled: on === 0, 'aria-label': t('device:vote.remove', { text: short(c.text) }), onclick: () => actions.act({ type: 'undot', proposalId: c.id }) }, '−'),
            h('span', { class: 'device-dotcount' }, dotsRow(on, ballot.maxPerCandidate), h('span', { class: 'sr-only' }, t('device:vote.mine', { count: on }))),
            h('button', { type: 'button', class: 'icon primary', 'data-testid': 'vote-for', 'data-proposal-id': c.id, 'data-key': `vote-${c.id}`, disabled: on >= ballot.maxPerCandidate || left === 0, 'aria-label': t('device:vote.add', { text: short(c.text) }), onclick: () => actions.act({ type: 'dot', proposalId: c.id }) }, '+'),
          ),
        );
      }),
    ),
    h('div', { class: 'device-sticky' }, h('button', { type: 'button', class: 'primary big device-wide', 'data-testid': 'vote-done', 'data-key': 'vote-done', disabled: left !== 0, onclick: () => actions.act({ type: 'voteDone' }) }, t('device:vote.done'))),
  ];
}

export function crowdView(crowd: DeviceCrowd, actions: DeviceActions): Out {
  const head = [h('p', { class: 'eyebrow', 'data-testid': 'crowd-round' }, t('device:crowd.round', { n: crowd.round, total: crowd.rounds })), title(t('device:crowd.title'))];
  const hand = crowd.hand;
  if (!hand) return [...head, h('p', { class: 'device-lead', 'data-testid': 'crowd-sit-out' }, t('device:crowd.sitOut'))];
  return [
    ...head,
    h('blockquote', { class: 'device-hand', 'data-testid': 'crowd-hand', 'data-proposal-id': hand.id }, h('p', { class: 'device-text' }, hand.text), h('div', { class: 'proposal__meta' }, levelBadge(hand.level))),
    h('p', { class: 'muted', id: 'crowd-help' }, t('device:crowd.help')),
    h(
      'div',
      { class: 'device-scores', role: 'group', 'aria-labelledby': 'device-title', 'aria-describedby': 'crowd-help' },
      SCORES.map((score) =>
        h(
          'button',
          {
            type: 'button',
            class: `device-score${crowd.myScore === score ? ' device-score--on' : ''}`,
            'data-testid': 'crowd-score',
            'data-score': score,
            'data-key': `score-${score}`,
            'aria-pressed': String(crowd.myScore === score),
            onclick: () => actions.act({ type: 'score', proposalId: hand.id, score }),
          },
          h('span', { class: 'device-score__n' }, String(score)),
          h('span', { class: 'sr-only' }, ': '),
          h('span', { class: 'device-score__label' }, t(`device:crowd.label.${score}`)),
        ),
      ),
    ),
    crowd.myScore !== null ? h('p', { class: 'device-ok', role: 'status' }, t('device:crowd.chosen', { score: crowd.myScore })) : null,
  ];
}
