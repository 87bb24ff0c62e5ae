/** One team's programme: the current round's steps, earlier actions in view, and the timeline of rounds. */
import { h } from '../../ui/dom.ts';
import { t } from '../../i18n/index.ts';
import type { App, Screen, View } from '../app.ts';
import { type Programme, type Round, canOpenNextRound, currentRoundOf, earlierActions, isDate, openNextRound, updateRound } from '../core/history.ts';
import { isComplete } from '../core/poll.ts';
import { attachSession, linkedSessionIds, playedSessions, readSession, refreshFromSession } from '../linking.ts';
import { clearPending, getPending } from '../store.ts';
import { button, field, formatDate, roundOf, select } from './kit.ts';
import { indicatorLine } from './indicator.ts';
import { startGame } from './play.ts';
import { themeSelect } from './pollView.ts';
import { renderTimeline } from './timeline.ts';

const statusText = (status: string | null | undefined) => t(`programme:status.${status ?? 'none'}`);
const decisionText = (decision: string | null | undefined) => t(`programme:decision.${decision ?? 'none'}`);

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
  if (!poll) [status, label] = [t('programme:programme.pollNone'), t('programme:programme.openPollSetup')];
  else if (!isComplete(poll)) [status, label] = [poll.phones ? t('programme:programme.pollRunningPhones', { count: poll.finished }) : t('programme:programme.pollRunning', { done: poll.finished, total: poll.respondents }), t('programme:programme.continuePoll')];
  else [status, label] = [t('programme:programme.pollDone', { count: poll.finished }), t('programme:programme.openPollResults')];
  return step(1, t('programme:programme.stepPoll'), 'step-poll', h('p', {}, status), h('div', { class: 'row' }, button('open-poll', label, open, { class: poll && isComplete(poll) ? '' : 'primary' })));
}

function gameStep(app: App, programme: Programme, round: Round): HTMLElement {
  if (round.sessionId) {
    const session = readSession(round.sessionId);
    const status = session ? t('programme:programme.gamePlayed', { team: session.ctx.settings.teamName, date: formatDate(session.ctx.createdAt) }) : t('programme:programme.gameMissing');
    return step(2, t('programme:programme.stepGame'), 'step-game', h('p', { 'data-testid': 'round-session', 'data-session-id': round.sessionId }, status));
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
            t('programme:programme.linkLabel'),
            select('link-session', 'link-session', [{ value: '', label: t('programme:programme.linkChoose') }, ...free.map((s) => ({ value: s.id, label: t('programme:programme.linkOption', { team: s.ctx.settings.teamName, date: formatDate(s.savedAt) }) }))], '', (v) => (choice.value = v)),
            undefined,
            'field field--inline',
          ),
          button('link-session-apply', t('programme:programme.link'), () => {
            if (!choice.value) return;
            app.commit(attachSession(programme, round.no, choice.value));
          }),
        );
  return step(
    2,
    t('programme:programme.stepGame'),
    'step-game',
    h('p', {}, t('programme:programme.gameNone')),
    h('div', { class: 'row' }, button('play-session', t('programme:programme.play'), () => startGame(app, programme, round), { class: round.poll && isComplete(round.poll) ? 'primary' : '' })),
    h('p', { class: 'muted small' }, t('programme:programme.playHint')),
    linkRow,
  );
}

function visitStep(app: App, programme: Programme, round: Round): HTMLElement {
  if (round.items.length === 0) return step(3, t('programme:programme.stepVisit'), 'step-visit', h('p', { class: 'muted' }, t('programme:programme.visitNone')));
  const answered = round.items.filter((i) => i.visit.decision !== null).length;
  return step(
    3,
    t('programme:programme.stepVisit'),
    'step-visit',
    h('p', {}, t('programme:programme.visitAnswers', { answered, total: round.items.length })),
    h('div', { class: 'row' }, button('open-visit', t('programme:programme.openVisit'), () => app.go({ name: 'visit', id: programme.id, round: round.no, index: 0 }), { class: answered < round.items.length ? 'primary' : '' })),
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
    step(4, t('programme:programme.stepInfographic'), 'step-infographic', h('div', { class: 'row' }, button('open-infographic', t('programme:programme.openInfographic'), go('infographic')))),
    step(5, t('programme:programme.stepNudges'), 'step-nudges', h('div', { class: 'row' }, button('open-nudges', t('programme:programme.openNudges'), go('nudges'), { disabled: round.items.length === 0 }))),
    step(
      6,
      t('programme:programme.stepNext'),
      'step-next',
      canOpenNextRound(programme)
        ? h(
            'div',
            {},
            field(t('programme:programme.nextDate'), date, undefined, 'field field--num'),
            h(
              'div',
              { class: 'row' },
              button('start-round', t('programme:programme.startRound', { n: next }), () => {
                if (!window.confirm(t('programme:programme.confirmStartRound', { n: next, current: round.no }))) return;
                const opened = openNextRound(programme, Date.now());
                if (!opened) return;
                app.commit(opened, false);
                app.go(earlierActions(opened, next).length > 0 ? { name: 'review', id: programme.id, round: next } : { name: 'programme', id: programme.id });
              }),
            ),
          )
        : h('p', { class: 'muted' }, t('programme:programme.lastRound')),
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
    h('h2', { id: 'earlier-title' }, t('programme:programme.earlier')),
    earlier.length === 0
      ? h('p', { class: 'muted' }, t('programme:programme.earlierNone'))
      : h(
          'ul',
          { class: 'earlier__list' },
          ...earlier.map((a) => {
            const review = round.reviews[a.key] ?? a.lastReview;
            return h(
              'li',
              { class: `earlier__item status--${review?.status ?? 'none'}`, 'data-testid': 'earlier-action', 'data-key-ref': a.key, 'data-status': review?.status ?? '' },
              h('span', { class: 'badge' }, t('programme:common.round', { n: a.round })),
              ' ',
              h('strong', { class: 'earlier__text' }, a.item.text),
              h(
                'span',
                { class: 'earlier__meta small' },
                [a.item.visit.owner ? t('programme:review.owner', { owner: a.item.visit.owner }) : null, a.item.visit.date ? t('programme:review.due', { date: formatDate(a.item.visit.date) }) : null, t('programme:review.decision', { decision: decisionText(a.item.visit.decision) }), `${t('programme:review.statusLabel')}: ${statusText(review?.status)}`]
                  .filter(Boolean)
                  .join(' · '),
              ),
              indicatorLine(a.item.visit, 'earlier-indicator'),
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
    progress: roundOf(programme, round.no),
    nodes: [
      h(
        'div',
        { class: 'programme' },
        h('h1', { id: 'panel-title', class: 'programme__title' }, t('programme:programme.title', { team: programme.teamName })),
        h('p', { class: 'eyebrow', 'data-testid': 'current-round', 'data-round': round.no }, t('programme:programme.current', { n: round.no, total: programme.roundCount })),
        h('div', { class: 'setup' }, themeSelect(app, programme, round)),
        earlierList(programme, round),
        round.no > 1 && earlierActions(programme, round.no).length > 0
          ? h('div', { class: 'row' }, button('open-review', t('programme:programme.openReview'), () => app.go({ name: 'review', id: programme.id, round: round.no })))
          : null,
        h('ol', { class: 'steps' }, pollStep(app, programme, round), gameStep(app, programme, round), visitStep(app, programme, round), ...laterSteps(app, programme, round)),
        renderTimeline(programme),
        h('div', { class: 'row' }, button('to-programmes', t('programme:common.toHome'), () => app.go({ name: 'home' }), { class: 'secondary' })),
      ),
    ],
  };
}
