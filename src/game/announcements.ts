/**
 * What the screen reader hears: the step and whose turn it is after every change, the results and the top
 * three as they appear, and the clock at 5, 2 and 1 minutes left and at the end (with its sound).
 */
import type { ProposalView, ScreenView } from '../core/view.ts';
import type { Phase } from '../core/phase.ts';
import type { StepTimer } from '../core/timer.ts';
import type { Lang } from '../core/types.ts';
import { remainingMs } from '../core/timer.ts';
import { MERGED_TEXTS_SEPARATOR } from '../core/proposal.ts';
import { t } from '../i18n/index.ts';
import { announce } from '../ui/dom.ts';
import { playerName } from '../ui/names.ts';
import { play } from '../audio.ts';

/** A proposal as heard: each of its texts (a merged one has several) cut at 80 characters. */
const heard = (p: ProposalView): string => p.texts.map((text) => text.slice(0, 80)).join(MERGED_TEXTS_SEPARATOR);

/** The sentence announced for a view. */
export function stepAnnouncement(view: ScreenView, lang: Lang): string {
  let message = t(`phase.${view.phase}`);
  if (view.phase === 'check-in' && view.checkIn.turn) message = t('checkIn.turn', { name: playerName(view.checkIn.turn, view.players) });
  if ((view.phase === 'vote' || view.phase === 'run-off') && view.ballot?.voter) message = `${t('vote.turn', { name: playerName(view.ballot.voter, view.players) })}. ${t('vote.progress', { n: view.ballot.voterNumber, total: view.ballot.voters })}`;
  if (view.progress) message = `${t(`phase.${view.phase}`)}. ${t('room.progress', { done: view.progress.done.length, of: view.players.length })}`;
  if (view.phase === 'reveal' || view.phase === 'discuss') message = `${t(`phase.${view.phase}`)}: ${view.card?.title[lang] ?? ''}`;
  if (view.phase === 'results' && view.results) {
    const items = (view.ranked ?? []).map((r) => `${heard(r.proposal)}: ${t('results.dots', { count: r.dots })}`).join('; ');
    message = t('results.announce', { items });
  }
  if (view.phase === 'top-three' && view.topThree) message = `${t('topThree.title')}: ${view.topThree.map((i) => `${i.rank}. ${heard(i.proposal)}`).join('; ')}`;
  return message;
}

/** Announces each message once, however often the screen is drawn. */
export class Announcer {
  private lastStep = '';
  private lastMinute = -1;
  private timerDoneKey = '';

  step(view: ScreenView, lang: Lang): void {
    const message = stepAnnouncement(view, lang);
    const key = `${view.phase}|${view.cardIndex}|${message}`;
    if (key === this.lastStep) return;
    this.lastStep = key;
    announce(message);
  }

  /** The clock's milestones of a running step timer; `step` names the step, so each end is heard once. */
  timer(timer: StepTimer, step: { readonly phase: Phase; readonly cardIndex: number }, now: number): void {
    if (timer.kind !== 'running') return;
    const left = remainingMs(timer, now);
    const key = `${step.phase}-${step.cardIndex}-${timer.endsAt}`;
    const minutes = Math.ceil(left / 60000);
    if (left > 0 && (minutes === 5 || minutes === 2 || minutes === 1) && minutes !== this.lastMinute && left < minutes * 60000 - 1000) {
      this.lastMinute = minutes;
      announce(t('timer.announce', { count: minutes }));
    }
    if (left === 0 && this.timerDoneKey !== key) {
      this.timerDoneKey = key;
      play('timer-end');
      announce(t('timer.over'));
    }
  }
}
