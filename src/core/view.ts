/**
 * What the shared screen may show (boardgame.io's `playerView`): the session with secrets stripped.
 * During a vote only the current voter's own dots are visible, and only while it is their turn;
 * dots per proposal appear once the vote is revealed. Views read this, never the raw context.
 */
import type { Phase } from './machine.ts';
import type { CheckInCard, Player, ScenarioCard, TwistCard } from './types.ts';
import {
  type Proposal,
  type SessionContext,
  type Sharpened,
  openRunOff,
  playerCount,
  sessionDots,
  topThreeDecision,
} from './session.ts';
import { type DotVote, dotsLeft, dotsToPlace, voteTotals } from './vote.ts';
import type { StepTimer } from './timer.ts';
import type { Ranked } from './ranking.ts';

export interface BallotView {
  readonly voter: Player | null;
  readonly voterNumber: number;
  readonly finished: number;
  readonly voters: number;
  readonly dotsToPlace: number;
  readonly dotsLeft: number;
  readonly maxPerCandidate: number;
  readonly candidates: readonly string[];
  /** The current voter's own dots; nobody else's. */
  readonly mine: Readonly<Record<string, number>>;
}

export interface TopItem extends Ranked {
  readonly proposal: Proposal;
  readonly card: ScenarioCard | undefined;
  readonly sharpened: Sharpened;
}

export interface ScreenView {
  readonly phase: Phase;
  readonly teamName: string;
  readonly players: readonly Player[];
  readonly cardIndex: number;
  readonly cardCount: number;
  readonly card: ScenarioCard | undefined;
  readonly cards: readonly ScenarioCard[];
  readonly timer: StepTimer;
  readonly checkIn: { readonly cards: readonly CheckInCard[]; readonly picks: readonly string[]; readonly turn: Player | null };
  /** Proposals of the current card, hidden ones included (flagged) so the facilitator can restore them. */
  readonly proposals: readonly Proposal[];
  readonly activeTwist: TwistCard | null;
  readonly dotsPerPlayer: number;
  readonly maxPerProposal: number;
  readonly ballot: BallotView | null;
  /** Dots per proposal of the current card, once revealed. */
  readonly results: Readonly<Record<string, number>> | null;
  readonly runOffRound: number;
  readonly topThree: readonly TopItem[] | null;
  readonly allProposals: readonly Proposal[];
  readonly sessionDots: Readonly<Record<string, number>>;
  readonly endedEarly: boolean;
}

function ballotView(vote: DotVote, ctx: SessionContext): BallotView {
  const voters = playerCount(ctx);
  const finished = vote.ballots.length;
  return {
    voter: finished < voters ? (ctx.settings.players[finished] ?? null) : null,
    voterNumber: Math.min(finished + 1, voters),
    finished,
    voters,
    dotsToPlace: dotsToPlace(vote),
    dotsLeft: dotsLeft(vote),
    maxPerCandidate: vote.maxPerCandidate,
    candidates: vote.candidates,
    mine: { ...vote.current },
  };
}

export function screenView(ctx: SessionContext, phase: Phase): ScreenView {
  const round = ctx.rounds[ctx.cardIndex];
  const vote = round?.vote ?? null;
  const runOff = openRunOff(ctx);
  let ballot: BallotView | null = null;
  if (phase === 'vote' && vote && !vote.revealed) ballot = ballotView(vote, ctx);
  if (phase === 'run-off' && runOff) ballot = ballotView(runOff, ctx);

  const decision = phase === 'top-three' || phase === 'summary' ? topThreeDecision(ctx) : null;
  const topThree =
    decision?.kind === 'decided'
      ? decision.ranking.flatMap((r) => {
          const proposal = ctx.proposals.find((p) => p.id === r.id);
          if (!proposal) return [];
          return [{ ...r, proposal, card: ctx.cards[proposal.cardIndex], sharpened: ctx.sharpened[r.id] ?? { ask: '', ourselves: '', why: '' } }];
        })
      : null;

  const picks = ctx.checkInPicks;
  return {
    phase,
    teamName: ctx.settings.teamName,
    players: ctx.settings.players,
    cardIndex: ctx.cardIndex,
    cardCount: ctx.cards.length,
    card: ctx.cards[ctx.cardIndex],
    cards: ctx.cards,
    timer: ctx.timer,
    checkIn: { cards: ctx.checkInCards, picks, turn: ctx.settings.players[picks.length] ?? null },
    proposals: ctx.proposals.filter((p) => p.cardIndex === ctx.cardIndex),
    activeTwist: ctx.twists.find((t) => t.id === round?.activeTwistId) ?? null,
    dotsPerPlayer: ctx.settings.dotsPerPlayer,
    maxPerProposal: ctx.settings.maxPerProposal,
    ballot,
    results: vote?.revealed ? voteTotals(vote) : null,
    runOffRound: ctx.runOffs.length,
    topThree,
    allProposals: ctx.proposals,
    sessionDots: sessionDots(ctx),
    endedEarly: ctx.endedEarly,
  };
}
