/** The translated labels the table (Phaser) draws beside a view: the progress line, heading, clock, words. */
import type { ScreenView } from '../core/view.ts';
import { remainingMs } from '../core/timer.ts';
import { LEVELS } from '../core/types.ts';
import { t } from '../i18n/index.ts';
import { clock, playerName } from '../ui/names.ts';
import type { TableLabels } from './table.ts';
import { isCardStep } from './steps.ts';

/** What the lobby's heading needs from the room (devices only). */
export interface LobbyRoom {
  readonly code: string | null;
  readonly joinUrl: string | null;
}

function progressLine(view: ScreenView, checkIn: boolean): TableLabels['progress'] {
  const steps: { label: string; key: string }[] = [];
  if (checkIn) steps.push({ label: t('phase.check-in'), key: 'check-in' });
  for (let i = 0; i < view.cardCount; i++) steps.push({ label: String(i + 1), key: `card-${i}` });
  steps.push({ label: t('phase.top-three'), key: 'top-three' });
  const nowKey = view.phase === 'lobby' ? 'lobby' : view.phase === 'check-in' ? 'check-in' : isCardStep(view.phase) ? `card-${view.cardIndex}` : 'top-three';
  const nowIndex = steps.findIndex((s) => s.key === nowKey);
  return steps.map((s, i) => ({ label: s.label, state: i < nowIndex ? 'done' : i === nowIndex ? 'now' : 'next' }));
}

function headingAndSub(view: ScreenView, room: LobbyRoom | null): { heading: string; sub: string } {
  if (view.phase === 'lobby') {
    return {
      heading: room?.code ? t('room.joinStrip', { url: room.joinUrl ?? '', code: room.code }) : t('room.connecting'),
      sub: t('room.seated', { count: view.players.length }),
    };
  }
  if (view.progress) {
    return {
      heading: view.crowd ? t('room.crowdTitle', { round: view.crowd.round, rounds: view.crowd.rounds }) : t(`phase.${view.phase}`),
      sub: t('room.progress', { done: view.progress.done.length, of: view.players.length }),
    };
  }
  if (view.phase === 'check-in') {
    return { heading: view.checkIn.turn ? t('checkIn.turn', { name: playerName(view.checkIn.turn, view.players) }) : t('checkIn.allDone'), sub: '' };
  }
  if (view.phase === 'vote' || view.phase === 'run-off') {
    return {
      heading: view.ballot?.voter ? t('vote.turn', { name: playerName(view.ballot.voter, view.players) }) : '',
      sub: view.ballot ? t('vote.progress', { n: view.ballot.voterNumber, total: view.ballot.voters }) : '',
    };
  }
  if (view.phase === 'top-three' || view.phase === 'summary') return { heading: t('topThree.title'), sub: view.teamName };
  return {
    heading: view.card ? `${t('card.count', { n: view.cardIndex + 1, total: view.cardCount })} · ${t(`theme.${view.card.theme}`)}` : '',
    sub: t(`phase.${view.phase}`),
  };
}

export function tableLabels(view: ScreenView, options: { readonly checkIn: boolean; readonly room: LobbyRoom | null; readonly now: number }): TableLabels {
  const timer = view.timer;
  const total = timer.kind === 'none' ? 0 : timer.totalMs;
  const left = remainingMs(timer, options.now);
  const { heading, sub } = headingAndSub(view, options.room);
  return {
    progress: progressLine(view, options.checkIn),
    heading,
    sub,
    timer: timer.kind === 'none' ? '' : clock(left),
    timerFraction: total > 0 ? left / total : 0,
    levelNames: Object.fromEntries(LEVELS.map((l) => [l, t(`level.${l}`)])),
    playerNames: view.players.map((p) => playerName(p, view.players)),
    dotsWord: (count) => (view.voteMode === 'crowd' ? t('room.points', { count }) : t('results.dots', { count })),
    rankWord: (rank) => t('topThree.rank', { rank }),
    readAll: t('propose.shortenedOnTable'),
  };
}
