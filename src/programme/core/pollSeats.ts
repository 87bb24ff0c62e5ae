/**
 * The team poll on everyone's own phone: every seat in the room answers at the same time, on their own device.
 * The same privacy rule as on the shared screen: a seat's answers exist only while that seat is answering
 * (so a reloaded phone finds them again), and the moment the seat is done they are added to the counts and
 * deleted. A seat only ever changes its own answers: the seat comes from the room server, never from the phone.
 * Pure and JSON-safe: no DOM, no storage, no sockets.
 */
import { type Given, type PhonePoll, type PollState, MAX_RESPONDENTS, foldAnswers, isOpen, startPoll } from './poll.ts';

/** Seat ids as the room server hands them out (`s` and a few letters or digits). */
const SEAT_ID = /^s[A-Za-z0-9]{1,16}$/;
export const isSeatId = (value: unknown): value is string => typeof value === 'string' && SEAT_ID.test(value);

const EMPTY: Readonly<Record<string, Given>> = Object.freeze({});

/**
 * A poll answered on phones. Nobody knows beforehand how many will join, so up to `MAX_RESPONDENTS` can take
 * part; the facilitator closes it when the team is done.
 */
export function startPhonePoll(statementIds: readonly string[], at: number): PollState | null {
  const poll = startPoll(statementIds, MAX_RESPONDENTS, at);
  return poll ? { ...poll, phones: { answering: {}, done: [] } } : null;
}

export const isPhonePoll = (poll: PollState): poll is PollState & { readonly phones: PhonePoll } => poll.phones !== undefined;

export const isSeatDone = (poll: PollState, seatId: string): boolean => poll.phones?.done.includes(seatId) ?? false;

/** This seat's own answers so far (empty once it is done: they are in the counts and nowhere else). */
export function seatAnswers(poll: PollState, seatId: string): Readonly<Record<string, Given>> {
  const phones = poll.phones;
  if (!phones || !Object.hasOwn(phones.answering, seatId)) return EMPTY;
  return phones.answering[seatId] ?? EMPTY;
}

/** Has this seat given an answer (or "rather not say") for every statement? */
export const seatAnsweredAll = (poll: PollState, seatId: string): boolean => {
  const mine = seatAnswers(poll, seatId);
  return poll.statementIds.every((id) => Object.hasOwn(mine, id));
};

/** Can this seat still answer? Seats that join late can, until the poll is closed. */
export const canAnswer = (poll: PollState, seatId: string): boolean => isPhonePoll(poll) && isOpen(poll) && isSeatId(seatId) && !isSeatDone(poll, seatId);

/**
 * The seat gives `value` (1–5, or 0 for "rather not say") for one statement, or changes an earlier answer.
 * Null when refused: the poll is closed, the seat is done, the statement is not in this poll, or the value is
 * not a whole number from 0 to 5.
 */
export function seatAnswer(poll: PollState, seatId: string, statementId: string, value: number): PollState | null {
  if (!canAnswer(poll, seatId) || !poll.phones) return null;
  if (!poll.statementIds.includes(statementId)) return null;
  if (!Number.isInteger(value) || value < 0 || value > 5) return null;
  const mine = seatAnswers(poll, seatId);
  if (mine[statementId] === value) return poll;
  const answering = { ...poll.phones.answering, [seatId]: { ...mine, [statementId]: value as Given } };
  return { ...poll, phones: { ...poll.phones, answering } };
}

/**
 * The seat is done: its answers are added to the counts and deleted, and the seat cannot answer again. Null when
 * refused: the poll is closed, the seat was done already, or it has not answered every statement.
 */
export function seatDone(poll: PollState, seatId: string): PollState | null {
  if (!canAnswer(poll, seatId) || !poll.phones || !seatAnsweredAll(poll, seatId)) return null;
  const counted = foldAnswers(poll, seatAnswers(poll, seatId));
  const answering = { ...poll.phones.answering };
  delete answering[seatId];
  return { ...counted, phones: { answering, done: [...poll.phones.done, seatId] } };
}

/** The seats that are done, in the order they finished (ids only). */
export const doneSeats = (poll: PollState): readonly string[] => poll.phones?.done ?? [];

/** A closed phone poll opens again (someone still wants to answer); seats that were done stay done. */
export function reopenPhonePoll(poll: PollState): PollState | null {
  if (!isPhonePoll(poll) || poll.closedAt === null || poll.finished >= poll.respondents) return null;
  return { ...poll, closedAt: null };
}
