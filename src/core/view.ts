/**
 * What the shared screen may show (boardgame.io's `playerView`): the session with secrets stripped.
 * During a vote only the current voter's own dots are visible, and only while it is their turn;
 * dots per proposal appear once the vote is revealed. Views read this, never the raw context.
 */
import type { Phase } from './phase.ts';
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
import { crowdTotals, waitingScorers } from './crowd.ts';
import type { PlayMode, VoteMode } from './session.ts';
import type { StepTimer } from './timer.ts';
import { type Ranked, rankAll } from './ranking.ts';
import { type MergedGroup, foldMerged, mergedGroups, standsAlone } from './proposal.ts';

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

/**
 * A proposal as the shared screen shows it: never its author. Merged duplicates are shown once, in the
 * proposal they were merged into: `merged` lists their ids (in order of entry), `texts` every text, the
 * proposal's own first and then one per merged id in the same order. Without merges: no ids, one text.
 */
export interface ProposalView extends Proposal {
  readonly merged: readonly string[];
  readonly texts: readonly string[];
}

/** A proposal in a list of results: its dots (or 25/10 points) and its rank (equal dots share one). */
export interface RankedProposal extends Ranked {
  readonly proposal: ProposalView;
}

export interface TopItem extends Ranked {
  readonly proposal: ProposalView;
  readonly card: ScenarioCard | undefined;
  readonly sharpened: Sharpened;
}

/** Devices: who has finished the step at hand, never what they chose. */
export interface DeviceProgress {
  readonly done: readonly Player[];
  readonly waiting: readonly Player[];
}

export interface ScreenView {
  readonly phase: Phase;
  readonly playMode: PlayMode;
  readonly voteMode: VoteMode;
  readonly teamName: string;
  readonly players: readonly Player[];
  readonly cardIndex: number;
  readonly cardCount: number;
  readonly card: ScenarioCard | undefined;
  readonly cards: readonly ScenarioCard[];
  readonly timer: StepTimer;
  readonly checkIn: { readonly cards: readonly CheckInCard[]; readonly picks: readonly string[]; readonly turn: Player | null };
  /**
   * Proposals of the current card, hidden ones included (flagged) so the facilitator can restore them;
   * merged ones only inside the proposal they were merged into.
   */
  readonly proposals: readonly ProposalView[];
  readonly activeTwist: TwistCard | null;
  readonly dotsPerPlayer: number;
  readonly maxPerProposal: number;
  /** One screen: the ballot of the seat in turn. Null on devices, where each ballot stays on its device. */
  readonly ballot: BallotView | null;
  /** Devices: who has checked in, voted, or scored this round. */
  readonly progress: DeviceProgress | null;
  /** Devices, 25/10: the scoring round (1-based) and how many there are. */
  readonly crowd: { readonly round: number; readonly rounds: number } | null;
  /** Dots (or 25/10 points) per proposal of the current card, once revealed. */
  readonly results: Readonly<Record<string, number>> | null;
  /** The current card's shown proposals in rank order with their dots, once revealed: views list it as it is, never sort. */
  readonly ranked: readonly RankedProposal[] | null;
  /** Per card (by index): its shown proposals in rank order by the session's dots, for the summary. */
  readonly rankedByCard: readonly (readonly RankedProposal[])[];
  readonly runOffRound: number;
  readonly topThree: readonly TopItem[] | null;
  /** Every card's proposals, as `proposals`. */
  readonly allProposals: readonly ProposalView[];
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

/** The shared screen never learns who wrote what. */
export function anonymous(p: Proposal): Proposal {
  if (p.by === undefined) return p;
  const { by: _author, ...rest } = p;
  return rest;
}

/** Field by field (no author, nothing else), which is also much faster than spreading for every proposal of every view. */
function proposalView(p: Proposal, group: MergedGroup | undefined): ProposalView {
  return {
    id: p.id,
    cardIndex: p.cardIndex,
    text: p.text,
    level: p.level,
    twistId: p.twistId,
    hidden: p.hidden,
    merged: group?.merged ?? [],
    texts: group?.texts ?? [p.text],
  };
}

function split(players: readonly Player[], isDone: (id: string) => boolean): DeviceProgress {
  return { done: players.filter((p) => isDone(p.id)), waiting: players.filter((p) => !isDone(p.id)) };
}

export function screenView(ctx: SessionContext, phase: Phase): ScreenView {
  const round = ctx.rounds[ctx.cardIndex];
  const vote = round?.vote ?? null;
  const crowd = round?.crowd ?? null;
  const runOff = openRunOff(ctx);
  const devices = ctx.settings.playMode === 'devices';
  const players = ctx.settings.players;
  let ballot: BallotView | null = null;
  let progress: DeviceProgress | null = null;
  if (phase === 'vote' && vote && !vote.revealed) {
    if (devices) progress = split(players, (id) => vote.voted.includes(id));
    else ballot = ballotView(vote, ctx);
  }
  if (phase === 'vote' && crowd && !crowd.revealed) {
    const waiting = waitingScorers(crowd, players.map((p) => p.id));
    progress = split(players, (id) => !waiting.includes(id));
  }
  if (phase === 'run-off' && runOff) {
    if (devices) progress = split(players, (id) => runOff.voted.includes(id));
    else ballot = ballotView(runOff, ctx);
  }
  if (phase === 'check-in' && devices) progress = split(players, (id) => ctx.checkInBy.includes(id));

  const groups = mergedGroups(ctx.proposals);
  const all = ctx.proposals.filter(standsAlone).map((p) => proposalView(p, groups.get(p.id)));
  const viewOf = new Map(all.map((p) => [p.id, p]));

  const decision = phase === 'top-three' || phase === 'summary' ? topThreeDecision(ctx) : null;
  const topThree =
    decision?.kind === 'decided'
      ? decision.ranking.flatMap((r) => {
          const proposal = viewOf.get(r.id);
          if (!proposal) return [];
          return [{ ...r, proposal, card: ctx.cards[proposal.cardIndex], sharpened: ctx.sharpened[r.id] ?? { ask: '', ourselves: '', why: '' } }];
        })
      : null;

  const counted = crowd?.revealed ? crowdTotals(crowd) : vote?.revealed ? voteTotals(vote) : null;
  const results = counted ? foldMerged(ctx.proposals, counted) : null;
  const dots = sessionDots(ctx);
  const rankedOf = (cardIndex: number, points: Readonly<Record<string, number>>): RankedProposal[] => {
    const ids = all.filter((p) => p.cardIndex === cardIndex && !p.hidden).map((p) => p.id);
    return rankAll(ids, points).map((r) => ({ id: r.id, dots: r.dots, rank: r.rank, proposal: viewOf.get(r.id) as ProposalView }));
  };

  const picks = ctx.checkInPicks;
  return {
    phase,
    playMode: ctx.settings.playMode,
    voteMode: ctx.settings.voteMode,
    teamName: ctx.settings.teamName,
    players: ctx.settings.players,
    cardIndex: ctx.cardIndex,
    cardCount: ctx.cards.length,
    card: ctx.cards[ctx.cardIndex],
    cards: ctx.cards,
    timer: ctx.timer,
    checkIn: { cards: ctx.checkInCards, picks, turn: devices ? null : (ctx.settings.players[picks.length] ?? null) },
    proposals: all.filter((p) => p.cardIndex === ctx.cardIndex),
    activeTwist: ctx.twists.find((t) => t.id === round?.activeTwistId) ?? null,
    dotsPerPlayer: ctx.settings.dotsPerPlayer,
    maxPerProposal: ctx.settings.maxPerProposal,
    ballot,
    progress,
    crowd: crowd && !crowd.revealed ? { round: Math.min(crowd.round + 1, crowd.rounds), rounds: crowd.rounds } : null,
    results,
    ranked: results ? rankedOf(ctx.cardIndex, results) : null,
    rankedByCard: ctx.cards.map((_, index) => rankedOf(index, dots)),
    runOffRound: ctx.runOffs.length,
    topThree,
    allProposals: all,
    sessionDots: dots,
    endedEarly: ctx.endedEarly,
  };
}
