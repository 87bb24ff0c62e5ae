/**
 * What one phone sees of the team poll: the statements (in both languages, so the phone shows its own), this
 * seat's own answers while it is answering, whether it is done, and how many are done. Never anyone else's
 * answers, never results: those are on the shared screen only. The shared screen computes one per seat and
 * the room server hands each seat its own, unread, just like the game's `DeviceView`.
 */
import type { Lang, Text } from '../core/types.ts';
import type { PollState } from './core/poll.ts';
import { isOpen } from './core/poll.ts';
import { isSeatDone, seatAnswers } from './core/pollSeats.ts';

export const POLL_DEVICE_VIEW_FORMAT = 1;

export interface PollDeviceStatement {
  readonly id: string;
  readonly text: Text;
}

export interface PollDeviceView {
  readonly format: typeof POLL_DEVICE_VIEW_FORMAT;
  readonly phase: 'poll';
  readonly lang: Lang;
  readonly teamName: string;
  /** The shared screen's clock (ms) when it made this view. */
  readonly clock: number;
  /** Null for the view handed to a seat the shared screen has not seen yet (it can answer all the same). */
  readonly me: { readonly id: string; readonly name: string } | null;
  readonly statements: readonly PollDeviceStatement[];
  /** This seat's own answers so far: 1–5, or 0 for "rather not say". Empty once it is done. */
  readonly mine: Readonly<Record<string, number>>;
  /** This seat pressed "done": its answers are counted and gone. */
  readonly done: boolean;
  /** The facilitator closed the poll. */
  readonly closed: boolean;
  /** How many seats are done, of how many in the room; never who answered what. */
  readonly progress: { readonly done: number; readonly of: number } | null;
}

export interface PollDeviceContext {
  readonly poll: PollState;
  readonly lang: Lang;
  readonly teamName: string;
  /** The statements' texts, in poll order. */
  readonly statements: readonly PollDeviceStatement[];
  /** The seats in the room. */
  readonly seats: readonly { readonly id: string; readonly name: string }[];
  readonly now: number;
}

/** The view for one seat; `seat` null is the view for a seat not (yet) known to this screen. */
export function pollDeviceView(ctx: PollDeviceContext, seat: { readonly id: string; readonly name: string } | null): PollDeviceView {
  const { poll } = ctx;
  const done = seat !== null && isSeatDone(poll, seat.id);
  const seatIds = new Set(ctx.seats.map((s) => s.id));
  const doneHere = (poll.phones?.done ?? []).filter((id) => seatIds.has(id)).length;
  return {
    format: POLL_DEVICE_VIEW_FORMAT,
    phase: 'poll',
    lang: ctx.lang,
    teamName: ctx.teamName,
    clock: ctx.now,
    me: seat ? { id: seat.id, name: seat.name } : null,
    statements: ctx.statements,
    mine: seat && !done ? { ...seatAnswers(poll, seat.id) } : {},
    done,
    closed: !isOpen(poll),
    progress: ctx.seats.length > 0 ? { done: doneHere, of: ctx.seats.length } : null,
  };
}

/** One view per seat in the room, keyed by seat id, for the room server to hand out. */
export function pollDeviceViews(ctx: PollDeviceContext): Record<string, PollDeviceView> {
  const views: Record<string, PollDeviceView> = {};
  for (const seat of ctx.seats) views[seat.id] = pollDeviceView(ctx, seat);
  return views;
}

const isText = (value: unknown): value is Text =>
  typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>).nl === 'string' && typeof (value as Record<string, unknown>).en === 'string';

/** Checks a poll view from the wire just enough that rendering cannot trip over it. */
export function isPollDeviceView(value: unknown): value is PollDeviceView {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.format !== POLL_DEVICE_VIEW_FORMAT || v.phase !== 'poll' || (v.lang !== 'nl' && v.lang !== 'en') || typeof v.teamName !== 'string' || typeof v.clock !== 'number') return false;
  if (typeof v.done !== 'boolean' || typeof v.closed !== 'boolean' || typeof v.mine !== 'object' || v.mine === null || Array.isArray(v.mine)) return false;
  if (!Array.isArray(v.statements) || !v.statements.every((s) => typeof s === 'object' && s !== null && typeof (s as Record<string, unknown>).id === 'string' && isText((s as Record<string, unknown>).text))) return false;
  return Object.values(v.mine as Record<string, unknown>).every((n) => typeof n === 'number');
}
