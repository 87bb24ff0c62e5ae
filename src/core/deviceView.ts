/**
 * What one player's device may see (boardgame.io's `playerView`): the shared step, the card, and only this
 * seat's own check-in pick, proposals, dots and scores. Never another player's votes, never who wrote what.
 * The host computes one per seat after every step; the server passes each seat its own, unread.
 */
import type { Phase } from './phase.ts';
import type { CheckInCard, Lang, Level, Text, Theme, TwistCard } from './types.ts';
import type { StepTimer } from './timer.ts';
import { type Proposal, type SessionContext, isCrowd, openRunOff } from './session.ts';
import { ballotOf, dotsToPlace, hasVoted } from './vote.ts';
import { type ProposalView, type ScreenView, screenView } from './view.ts';

export const DEVICE_VIEW_FORMAT = 1;

/** A proposal as a device shows it: the words and the level, no author. */
export interface IdeaView {
  readonly id: string;
  readonly text: string;
  readonly level: Level;
  /**
   * Only on a proposal that duplicates were merged into: their ids, and every text (this one's own first, then
   * one per merged id), so the phone shows the merged proposal once with all its texts.
   */
  readonly merged?: readonly string[];
  readonly texts?: readonly string[];
}

export type VoteMode = 'dots' | 'crowd';

export interface DeviceBallot {
  readonly kind: 'card' | 'run-off';
  readonly candidates: readonly IdeaView[];
  readonly dotsToPlace: number;
  readonly maxPerCandidate: number;
  /** This seat's own dots, kept after a reload or reconnect. */
  readonly mine: Readonly<Record<string, number>>;
  readonly done: boolean;
}

/** 25/10 crowd sourcing: score the idea in hand 1–5, a few rounds, each time a different idea. */
export interface DeviceCrowd {
  readonly round: number;
  readonly rounds: number;
  /** The idea in this seat's hand this round; null when the seat has nothing to score (sits this one out). */
  readonly hand: IdeaView | null;
  readonly myScore: number | null;
}

export interface DeviceView {
  readonly format: typeof DEVICE_VIEW_FORMAT;
  readonly phase: Phase;
  /** The session's language; the device may show its own controls in another. */
  readonly lang: Lang;
  readonly teamName: string;
  /** The shared screen's clock (ms) when it made this view: a phone corrects its own clock by it for the timer. */
  readonly clock: number;
  /** Null for a device that has a seat in the room but not (yet) in the session. */
  readonly me: { readonly id: string; readonly name: string } | null;
  readonly voteMode: VoteMode;
  readonly cardIndex: number;
  readonly cardCount: number;
  readonly card: { readonly title: Text; readonly situation: Text; readonly questions: readonly Text[]; readonly theme: Theme } | null;
  readonly timer: StepTimer;
  /** During check-in: the picture cards and this seat's pick. */
  readonly checkIn: { readonly cards: readonly CheckInCard[]; readonly myPick: string | null } | null;
  /** During proposals: the twist on the table and this seat's own proposals for this card. */
  readonly propose: { readonly activeTwist: TwistCard | null; readonly mine: readonly IdeaView[]; readonly canPropose: boolean } | null;
  readonly ballot: DeviceBallot | null;
  readonly crowd: DeviceCrowd | null;
  /** Public once revealed: the card's ideas with their points, highest first. */
  readonly results: readonly (IdeaView & { readonly points: number })[] | null;
  readonly topThree: readonly (IdeaView & { readonly rank: number })[] | null;
  /** How many seats have finished the current step (check-in, vote, scoring round), never who chose what. */
  readonly progress: { readonly done: number; readonly of: number } | null;
}

// Built field by field: spreading objects for every idea of every seat's view is slow.
const idea = (p: Proposal | ProposalView): IdeaView =>
  'merged' in p && p.merged.length > 0 ? { id: p.id, text: p.text, level: p.level, merged: p.merged, texts: p.texts } : { id: p.id, text: p.text, level: p.level };

const scored = (p: ProposalView, points: number): IdeaView & { readonly points: number } =>
  p.merged.length > 0 ? { id: p.id, text: p.text, level: p.level, merged: p.merged, texts: p.texts, points } : { id: p.id, text: p.text, level: p.level, points };

/** The view for one seat; `playerId` null is the view for a device not (yet) in the session. */
export function deviceView(
  ctx: SessionContext,
  phase: Phase,
  playerId: string | null,
  now: number,
  /** The shared screen's view of the same step, when the caller already has it (one for all seats). */
  shared: ScreenView = screenView(ctx, phase),
): DeviceView {
  const me = ctx.settings.players.find((p) => p.id === playerId) ?? null;
  const round = ctx.rounds[ctx.cardIndex];
  // Merged proposals as the shared screen shows them (all their texts), the others as they are.
  const byId = new Map<string, Proposal | ProposalView>(ctx.proposals.map((p) => [p.id, p]));
  for (const p of shared.allProposals) byId.set(p.id, p);
  const ideas = (ids: readonly string[]) => ids.flatMap((id) => (byId.has(id) ? [idea(byId.get(id) as Proposal | ProposalView)] : []));
  const card = shared.card;
  const seats = ctx.settings.players.map((p) => p.id);

  let checkIn: DeviceView['checkIn'] = null;
  if (phase === 'check-in') {
    const at = me ? ctx.checkInBy.indexOf(me.id) : -1;
    checkIn = { cards: ctx.checkInCards, myPick: at >= 0 ? (ctx.checkInPicks[at] ?? null) : null };
  }

  let propose: DeviceView['propose'] = null;
  if (phase === 'propose' && me) {
    const mine = ctx.proposals.filter((p) => p.cardIndex === ctx.cardIndex && p.by === me.id && !p.hidden).map((p) => idea(byId.get(p.id) ?? p));
    propose = { activeTwist: shared.activeTwist, mine, canPropose: !(isCrowd(ctx) && mine.length > 0) };
  }

  let ballot: DeviceBallot | null = null;
  const vote = phase === 'vote' ? (round?.vote ?? null) : phase === 'run-off' ? openRunOff(ctx) : null;
  if (vote && !vote.revealed && me) {
    ballot = {
      kind: phase === 'run-off' ? 'run-off' : 'card',
      candidates: ideas(vote.candidates),
      dotsToPlace: dotsToPlace(vote),
      maxPerCandidate: vote.maxPerCandidate,
      mine: { ...ballotOf(vote, me.id) },
      done: hasVoted(vote, me.id),
    };
  }

  let crowd: DeviceCrowd | null = null;
  const scoring = phase === 'vote' ? (round?.crowd ?? null) : null;
  if (scoring && !scoring.revealed && me) {
    const hand = scoring.hands[me.id];
    crowd = {
      round: Math.min(scoring.round + 1, scoring.rounds),
      rounds: scoring.rounds,
      hand: hand !== undefined && byId.has(hand) ? idea(byId.get(hand) as Proposal | ProposalView) : null,
      myScore: scoring.scored[me.id] ?? null,
    };
  }

  const counted = shared.results ?? {};
  const results =
    phase === 'results' && shared.ranked
      ? shared.ranked.flatMap((r) => (r.id in counted ? [scored(r.proposal, r.dots)] : []))
      : null;

  const progress = shared.progress ? { done: shared.progress.done.length, of: seats.length } : null;

  return {
    format: DEVICE_VIEW_FORMAT,
    phase,
    lang: ctx.settings.lang,
    teamName: ctx.settings.teamName,
    clock: now,
    me: me ? { id: me.id, name: me.name ?? '' } : null,
    voteMode: ctx.settings.voteMode,
    cardIndex: ctx.cardIndex,
    cardCount: ctx.cards.length,
    card: card && phase !== 'lobby' && phase !== 'check-in' ? { title: card.title, situation: card.situation, questions: card.questions, theme: card.theme } : null,
    timer: ctx.timer,
    checkIn,
    propose,
    ballot,
    crowd,
    results,
    topThree: shared.topThree ? shared.topThree.map((item) => ({ ...idea(item.proposal), rank: item.rank })) : null,
    progress,
  };
}

/** One view per seated player, keyed by player (= seat) id, for the room server to hand out. */
export function deviceViews(ctx: SessionContext, phase: Phase, now: number): Record<string, DeviceView> {
  const shared = screenView(ctx, phase);
  const views: Record<string, DeviceView> = {};
  for (const p of ctx.settings.players) views[p.id] = deviceView(ctx, phase, p.id, now, shared);
  return views;
}
