/** One team's programme: the current round's steps, earlier actions in view, and the timeline of rounds. */
import { h } from '../../ui/dom.ts';
import type { App, Screen, View } from '../app.ts';
import { type Programme, type Round, canOpenNextRound, currentRoundOf, earlierActions, isDate, openNextRound, updateRound } from '../core/history.ts';
import { isComplete } from '../core/poll.ts';
import { attachSession, linkedSessionIds, playedSessions, readSession, refreshFromSession } from '../linking.ts';
import { clearPending, getPending, setPending } from '../store.ts';
import { pt } from '../i18n.ts';
import { button, field, formatDate, select } from './kit.ts';
import { themeSelect } from './poll.ts';
import { renderTimeline } from './timeline.ts';

export function startGame(app: App, programme: Programme, round: Round): void {
  setPending({ programmeId: programme.id, round: round.no, at: Date.now() });
  app.host.newSession();
}

const statusText = (status: string | null | undefined) => pt(`status.${status ?? 'none'}`);
const decisionText = (decision: string | null | undefined) => pt(`decision.${decision ?? 'none'}`);

/** A session played after "Play the game" joins its round even when the team came back here, not via the visit. */
function followPending(app: App, programme: Programme, round: Round): Programme {
  const pending = getPending();
  if (!pending || pending.programmeId !== programme.id || pending.round !== round.no || round.sessionId !== null) return programme;
  const taken = app.history ? linkedSessionIds(app.history) : new Set<string>();
  const played = playedSessions().find((s) => !taken.has(s.id) && s.ctx.createdAt >= pending.at - 60_000);
  if (!played) return programme;
  clearPending();
  return attachSession(programme, round.no, played.id);
}

function step(n: number, title: string, testid: string, ...body: (Node | null)[]): HTMLElement {
  return h('li', { class: 'step', 'data-testid': testid }, h('h3', { class: 'step__title' }, h('span', { class: 'step__no', 'aria-hidden': 'true' }, String(n)), title), ...body);
}

function pollStep(app: App, programme: Programme, round: Round): HTMLElement {
  const poll = round.poll;
  const open = () => app.go({ name: 'poll', id: programme.id, round: round.no });
  let status: string;
  let label: string;
  if (!poll) [status, label] = [pt('programme.pollNone'), pt('programme.openPollSetup')];
  else if (!isComplete(poll)) [status, label] = [poll.phones ? pt('programme.pollRunningPhones', { count: poll.finished }) : pt('programme.pollRunning', { done: poll.finished, total: poll.respondents }), pt('programme.continuePoll')];
  else [status, label] = [pt('programme.pollDone', { count: poll.finished }), pt('programme.openPollResults')];
  return step(1, pt('programme.stepPoll'), 'step-poll', h('p', {}, status), h('div', { class: 'row' }, button('open-poll', label, open, { class: poll && isComplete(poll) ? '' : 'primary' })));
}

function gameStep(app: App, programme: Programme, round: Round): HTMLElement {
  if (round.sessionId) {
    const session = readSession(round.sessionId);
    const status = session ? pt('programme.gamePlayed', { team: session.ctx.settings.teamName, date: formatDate(session.ctx.createdAt) }) : pt('programme.gameMissing');
    return step(2, pt('programme.stepGame'), 'step-game', h('p', { 'data-testid': 'round-session', 'data-session-id': round.sessionId }, status));
  }
  const taken = app.history ? linkedSessionIds(app.history) : new Set<string>();
  const free = playedSessions().filter((s) => !taken.has(s.id));
  const choice = { value: '' };
  const linkRow =
    free.length === 0
      ? null
      : h(
          'div',
          { class: 'row' },
          field(
            pt('programme.linkLabel'),
            select('link-session', 'link-session', [{ value: '', label: pt('programme.linkChoose') }, ...free.map((s) => ({ value: s.id, label: pt('programme.linkOption', { team: s.ctx.settings.teamName, date: formatDate(s.savedAt) }) }))], '', (v) => (choice.value = v)),
            undefined,
            'field field--inline',
          ),
          button('link-session-apply', pt('programme.link'), () => {
            if (!choice.value) return;
            app.commit(attachSession(programme, round.no, choice.value));
          }),
        );
  return step(
    2,
    pt('programme.stepGame'),
    'step-game',
    h('p', {}, pt('programme.gameNone')),
    h('div', { class: 'row' }, button('play-session', pt('programme.play'), () => startGame(app, programme, round), { class: round.poll && isComplete(round.poll) ? 'primary' : '' })),
    h('p', { class: 'muted small' }, pt('programme.playHint')),
    linkRow,
  );
}

function visitStep(app: App, programme: Programme, round: Round): HTMLElement {
  if (round.items.length === 0) return step(3, pt('programme.stepVisit'), 'step-visit', h('p', { class: 'muted' }, pt('programme.visitNone')));
  const answered = round.items.filter((i) => i.visit.decision !== null).length;
  return step(
    3,
    pt('programme.stepVisit'),
    'step-visit',
    h('p', {}, pt('programme.visitAnswers', { answered, total: round.items.length })),
    h('div', { class: 'row' }, button('open-visit', pt('programme.openVisit'), () => app.go({ name: 'visit', id: programme.id, round: round.no, index: 0 }), { class: answered < round.items.length ? 'primary' : '' })),
  );
}

function laterSteps(app: App, programme: Programme, round: Round): HTMLElement[] {
  const go = (name: 'infographic' | 'nudges') => () => app.go({ name, id: programme.id, round: round.no });
  const date = h('input', { type: 'date', 'data-testid': 'next-round-date', 'data-key': `next-round-date-${round.no}`, value: round.nextDate });
  date.addEventListener('change', () => {
    const value = isDate(date.value) ? date.value : '';
    app.commit(updateRound(programme, round.no, (r) => ({ ...r, nextDate: value })), false);
  });
  const next = round.no + 1;
  return [
    step(4, pt('programme.stepInfographic'), 'step-infographic', h('div', { class: 'row' }, button('open-infographic', pt('programme.openInfographic'), go('infographic')))),
    step(5, pt('programme.stepNudges'), 'step-nudges', h('div', { class: 'row' }, button('open-nudges', pt('programme.openNudges'), go('nudges'), { disabled: round.items.length === 0 }))),
    step(
      6,
      pt('programme.stepNext'),
      'step-next',
      canOpenNextRound(programme)
        ? h(
            'div',
            {},
            field(pt('programme.nextDate'), date, undefined, 'field field--num'),
            h(
              'div',
              { class: 'row' },
              button('start-round', pt('programme.startRound', { n: next }), () => {
                if (!window.confirm(pt('programme.confirmStartRound', { n: next, current: round.no }))) return;
                const opened = openNextRound(programme, Date.now());
                if (!opened) return;
                app.commit(opened, false);
                app.go(earlierActions(opened, next).length > 0 ? { name: 'review', id: programme.id, round: next } : { name: 'programme', id: programme.id });
              }),
            ),
          )
        : h('p', { class: 'muted' }, pt('programme.lastRound')),
    ),
  ];
}

/** Earlier rounds' actions with their latest status: what a new round starts from. */
export function earlierList(programme: Programme, round: Round): HTMLElement | null {
  if (round.no === 1) return null;
  const earlier = earlierActions(programme, round.no + 1).filter((a) => a.round < round.no);
  return h(
    'section',
    { class: 'earlier', 'aria-labelledby': 'earlier-title' },
    h('h2', { id: 'earlier-title' }, pt('programme.earlier')),
    earlier.length === 0
      ? h('p', { class: 'muted' }, pt('programme.earlierNone'))
      : h(
          'ul',
          { class: 'earlier__list' },
          ...earlier.map((a) => {
            const review = round.reviews[a.key] ?? a.lastReview;
            return h(
              'li',
              { class: `earlier__item status--${review?.status ?? 'none'}`, 'data-testid': 'earlier-action', 'data-key-ref': a.key, 'data-status': review?.status ?? '' },
              h('span', { class: 'badge' }, pt('common.round', { n: a.round })),
              ' ',
              h('strong', { class: 'earlier__text' }, a.item.text),
              h(
                'span',
                { class: 'earlier__meta small' },
                [a.item.visit.owner ? pt('review.owner', { owner: a.item.visit.owner }) : null, a.item.visit.date ? pt('review.due', { date: formatDate(a.item.visit.date) }) : null, pt('review.decision', { decision: decisionText(a.item.visit.decision) }), `${pt('review.statusLabel')}: ${statusText(review?.status)}`]
                  .filter(Boolean)
                  .join(' · '),
              ),
              review?.note ? h('span', { class: 'earlier__note small' }, review.note) : null,
            );
          }),
        ),
  );
}

export function renderProgramme(app: App, view: View): Screen | null {
  if (view.name !== 'programme') return null;
  let programme = app.programme(view.id);
  if (!programme) return null;
  let round = currentRoundOf(programme);
  const before = programme;
  programme = followPending(app, programme, round);
  if (round.sessionId || programme !== before) programme = refreshFromSession(programme, currentRoundOf(programme).no).programme;
  if (programme !== before) app.commit(programme, false);
  round = currentRoundOf(programme);

  return {
    phase: 'follow-up',
    progress: pt('common.roundOf', { n: round.no, total: programme.roundCount }),
    nodes: [
      h(
        'div',
        { class: 'programme' },
        h('h1', { id: 'panel-title', class: 'programme__title' }, pt('programme.title', { team: programme.teamName })),
        h('p', { class: 'eyebrow', 'data-testid': 'current-round', 'data-round': round.no }, pt('programme.current', { n: round.no, total: programme.roundCount })),
        h('div', { class: 'setup' }, themeSelect(app, programme, round)),
        earlierList(programme, round),
        round.no > 1 && earlierActions(programme, round.no).length > 0
          ? h('div', { class: 'row' }, button('open-review', pt('programme.openReview'), () => app.go({ name: 'review', id: programme.id, round: round.no })))
          : null,
        h('ol', { class: 'steps' }, pollStep(app, programme, round), gameStep(app, programme, round), visitStep(app, programme, round), ...laterSteps(app, programme, round)),
        renderTimeline(programme),
        h('div', { class: 'row' }, button('to-programmes', pt('common.toHome'), () => app.go({ name: 'home' }), { class: 'secondary' })),
      ),
    ],
  };
}
