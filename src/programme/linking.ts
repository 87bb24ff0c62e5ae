/**
 * Which played session belongs to which round. "Play the game" leaves a pending link; the visit screen
 * (opened from the game's summary) follows it, or a round of the same team waiting for its game, or else
 * starts a new programme for the session's team. The team can move the session to another round.
 */
import { listSessions, loadSession } from '../ui/storage.ts';
import { phaseOf } from '../core/machine.ts';
import type { SessionContext } from '../core/session.ts';
import { DEFAULT_ROUNDS, type History, type Programme, currentRoundOf, newProgramme, putProgramme, removeProgramme, updateRound } from './core/history.ts';
import { itemsFromSession, type SessionItems } from './core/items.ts';
import { clearPending, getPending } from './store.ts';

export interface PlayedSession {
  readonly id: string;
  readonly ctx: SessionContext;
  readonly savedAt: number;
  readonly finished: boolean;
}

export function readSession(id: string): PlayedSession | null {
  const entry = loadSession(id);
  if (!entry || !entry.parsed.ok) return null;
  const save = entry.parsed.value;
  const phase = phaseOf(save.snapshot.value);
  return { id, ctx: save.snapshot.context, savedAt: save.savedAt, finished: phase === 'top-three' || phase === 'summary' };
}

/** Sessions on this device that reached their top three, newest first. */
export function playedSessions(): PlayedSession[] {
  return listSessions().flatMap((entry) => {
    const s = entry.parsed.ok ? readSession(entry.id) : null;
    return s && s.finished ? [s] : [];
  });
}

export function linkedSessionIds(history: History): Set<string> {
  return new Set(history.programmes.flatMap((p) => p.rounds.flatMap((r) => (r.sessionId ? [r.sessionId] : []))));
}

export interface Place {
  readonly programmeId: string;
  readonly round: number;
}

export function findPlace(history: History, sessionId: string): Place | null {
  for (const p of history.programmes) for (const r of p.rounds) if (r.sessionId === sessionId) return { programmeId: p.id, round: r.no };
  return null;
}

/** Reads the session's top three into the round (keeping what was recorded about each item). */
export function refreshFromSession(programme: Programme, roundNo: number): { programme: Programme; items: SessionItems['kind'] | 'missing' } {
  const round = programme.rounds.find((r) => r.no === roundNo);
  if (!round?.sessionId) return { programme, items: 'missing' };
  const session = readSession(round.sessionId);
  if (!session) return { programme, items: 'missing' };
  const result = itemsFromSession(session.ctx, round.items);
  if (result.kind !== 'decided') return { programme, items: result.kind };
  const same = JSON.stringify(result.items) === JSON.stringify(round.items);
  return { programme: same ? programme : updateRound(programme, roundNo, (r) => ({ ...r, items: result.items })), items: 'decided' };
}

export function attachSession(programme: Programme, roundNo: number, sessionId: string, carried: Programme['rounds'][number]['items'] = []): Programme {
  const linked = updateRound(programme, roundNo, (r) => ({ ...r, sessionId, items: carried }));
  return refreshFromSession(linked, roundNo).programme;
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** A round that has no game yet, in a programme still running: the rounds a session can join. */
export function waitingRounds(history: History): Place[] {
  return history.programmes.flatMap((p) => {
    const round = currentRoundOf(p);
    return round.sessionId === null ? [{ programmeId: p.id, round: round.no }] : [];
  });
}

const newId = () => `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;

/**
 * Finds or makes the round for a session's visit. Returns the new history (to be saved by the caller), the
 * place, and whether a new programme was started for it.
 */
export function placeForVisit(history: History, sessionId: string, now: number): { history: History; place: Place; created: boolean } | null {
  const found = findPlace(history, sessionId);
  if (found) return { history, place: found, created: false };
  const session = readSession(sessionId);
  if (!session) return null;

  const waiting = waitingRounds(history);
  const pending = getPending();
  let target: Place | undefined;
  if (pending && session.ctx.createdAt >= pending.at - 60_000) target = waiting.find((w) => w.programmeId === pending.programmeId && w.round === pending.round);
  if (!target) {
    const sameTeam = waiting.filter((w) => sameName(history.programmes.find((p) => p.id === w.programmeId)?.teamName ?? '', session.ctx.settings.teamName));
    if (sameTeam.length === 1) target = sameTeam[0];
  }
  if (target) {
    const programme = history.programmes.find((p) => p.id === target.programmeId) as Programme;
    clearPending();
    return { history: putProgramme(history, attachSession(programme, target.round, sessionId), now), place: target, created: false };
  }
  const fresh = newProgramme(newId(), session.ctx.settings.teamName || '—', DEFAULT_ROUNDS, now);
  if (!fresh) return null;
  const programme = attachSession(fresh, 1, sessionId);
  return { history: putProgramme(history, programme, now), place: { programmeId: programme.id, round: 1 }, created: true };
}

/** A programme that holds nothing but one linked session: made for a visit, and safe to fold away. */
function onlyHolds(programme: Programme, sessionId: string): boolean {
  return programme.rounds.length === 1 && programme.rounds[0]?.poll === null && programme.rounds[0]?.sessionId === sessionId && Object.keys(programme.rounds[0]?.reviews ?? {}).length === 0;
}

/** Moves a session (and what was recorded about its items) to another waiting round, or to a new programme. */
export function moveSession(history: History, sessionId: string, to: Place | 'new', now: number): { history: History; place: Place } | null {
  const from = findPlace(history, sessionId);
  if (!from) return null;
  if (to !== 'new' && to.programmeId === from.programmeId && to.round === from.round) return { history, place: from };
  const source = history.programmes.find((p) => p.id === from.programmeId) as Programme;
  const carried = source.rounds.find((r) => r.no === from.round)?.items ?? [];
  let next = history;
  if (onlyHolds(source, sessionId)) next = removeProgramme(next, source.id, now);
  else next = putProgramme(next, updateRound(source, from.round, (r) => ({ ...r, sessionId: null, items: [], visitedAt: null })), now);

  if (to === 'new') {
    const session = readSession(sessionId);
    const fresh = newProgramme(newId(), session?.ctx.settings.teamName || source.teamName, DEFAULT_ROUNDS, now);
    if (!fresh) return null;
    const programme = attachSession(fresh, 1, sessionId, carried);
    return { history: putProgramme(next, programme, now), place: { programmeId: programme.id, round: 1 } };
  }
  const target = next.programmes.find((p) => p.id === to.programmeId);
  const round = target?.rounds.find((r) => r.no === to.round);
  if (!target || !round || round.sessionId !== null) return null;
  return { history: putProgramme(next, attachSession(target, to.round, sessionId, carried), now), place: to };
}
