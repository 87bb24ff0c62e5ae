/**
 * What the player sees before the shared screen has answered: the last view with this device's own
 * unconfirmed actions laid over it (a dot tapped in a dead spot shows at once and is sent later). Pure.
 * Only what the rules would allow is shown; the shared screen stays the judge.
 */
import type { DeviceView, IdeaView } from '../core/deviceView.ts';
import { ballotTotal, hasRoomForDot, isBallotFilled } from '../core/vote.ts';
import type { PlayerAction } from '../net/protocol.ts';
import { type PollDeviceView, isPollDeviceView } from '../programme/pollDevice.ts';

export { isPollDeviceView } from '../programme/pollDevice.ts';

/** What a phone can be shown: a step of the game, or the programme's team poll. */
export type AnyDeviceView = DeviceView | PollDeviceView;

/** Ideas sent but not yet in a view carry this id prefix, so the page can mark them "sending". */
export const SENDING_PREFIX = 'sending:';

/** The core's count of a ballot's dots; still exported here for the page until it imports it from the core. */
export { ballotTotal };

type Sent = readonly { readonly seq: number; readonly action: PlayerAction }[];

export function withPending(view: DeviceView, actions: Sent): DeviceView;
export function withPending(view: PollDeviceView, actions: Sent): PollDeviceView;
export function withPending(view: AnyDeviceView, actions: Sent): AnyDeviceView;
export function withPending(view: AnyDeviceView, actions: Sent): AnyDeviceView {
  if (isPollDeviceView(view)) {
    let poll = view;
    for (const { action } of actions) poll = applyPoll(poll, action);
    return poll;
  }
  let out = view;
  for (const { seq, action } of actions) out = applyOne(out, seq, action);
  return out;
}

/** Has this phone an answer (or "rather not say") for every statement? */
export const answeredAll = (view: PollDeviceView): boolean => view.statements.every((s) => Object.hasOwn(view.mine, s.id));

function applyPoll(view: PollDeviceView, action: PlayerAction): PollDeviceView {
  if (view.done || view.closed) return view;
  switch (action.type) {
    case 'pollAnswer':
      if (!view.statements.some((s) => s.id === action.statementId) || !Number.isInteger(action.value) || action.value < 0 || action.value > 5) return view;
      return { ...view, mine: { ...view.mine, [action.statementId]: action.value } };
    case 'pollDone':
      // Done at once on this phone, answers and all: the shared screen counts them and keeps nothing per seat.
      return answeredAll(view) ? { ...view, mine: {}, done: true } : view;
    default:
      return view;
  }
}

function applyOne(view: DeviceView, seq: number, action: PlayerAction): DeviceView {
  switch (action.type) {
    case 'checkIn': {
      const c = view.checkIn;
      if (!c || c.myPick !== null || !c.cards.some((card) => card.id === action.cardId)) return view;
      return { ...view, checkIn: { ...c, myPick: action.cardId } };
    }
    case 'propose': {
      const p = view.propose;
      if (!p || !p.canPropose) return view;
      // Already in the view (the ack was lost, the host has it): show it once.
      if (p.mine.some((i) => i.text === action.text.trim() && i.level === action.level)) return view;
      const idea: IdeaView = { id: `${SENDING_PREFIX}${seq}`, text: action.text.trim(), level: action.level };
      return { ...view, propose: { ...p, mine: [...p.mine, idea], canPropose: view.voteMode === 'crowd' ? false : p.canPropose } };
    }
    case 'dot':
    case 'undot': {
      const b = view.ballot;
      if (!b || b.done || !b.candidates.some((c) => c.id === action.proposalId)) return view;
      const on = b.mine[action.proposalId] ?? 0;
      if (action.type === 'dot' && !hasRoomForDot(b.mine, action.proposalId, b.maxPerCandidate, b.dotsToPlace)) return view;
      if (action.type === 'undot' && on <= 0) return view;
      const mine = { ...b.mine, [action.proposalId]: on + (action.type === 'dot' ? 1 : -1) };
      if (mine[action.proposalId] === 0) delete mine[action.proposalId];
      return { ...view, ballot: { ...b, mine } };
    }
    case 'voteDone': {
      const b = view.ballot;
      if (!b || b.done || !isBallotFilled(b.mine, b.dotsToPlace)) return view;
      return { ...view, ballot: { ...b, done: true } };
    }
    case 'score': {
      const c = view.crowd;
      if (!c || !c.hand || c.hand.id !== action.proposalId) return view;
      return { ...view, crowd: { ...c, myScore: action.score } };
    }
    case 'pollAnswer':
    case 'pollDone':
      return view;
  }
}

/** Checks a game step's view from the wire just enough that rendering cannot trip over it. */
export function isGameDeviceView(value: unknown): value is DeviceView {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.format === 1 && typeof v.phase === 'string' && v.phase !== 'poll' && (v.lang === 'nl' || v.lang === 'en') && typeof v.teamName === 'string' && typeof v.clock === 'number' && typeof v.timer === 'object' && v.timer !== null;
}

/** Checks a view from the wire (a game step's or the team poll's) just enough that rendering cannot trip over it. */
export function isDeviceView(value: unknown): value is AnyDeviceView {
  return isGameDeviceView(value) || isPollDeviceView(value);
}
