/**
 * The session as plain JSON-safe data (boardgame.io's `G`): what is saved, restored and exported.
 * Pure functions over it; the round machine (`machine.ts`) decides when each may run.
 */
import type { CheckInCard, Lang, Level, Player, ScenarioCard, Text, TwistCard } from './types.ts';
import { LEVELS } from './types.ts';
import { type Proposal, foldMerged, isShown, mergedRoot, standsAlone } from './proposal.ts';
import { MAX_PROPOSAL_LENGTH } from './limits.ts';
import { type DotVote, dropDraft, openVote, voteTotals } from './vote.ts';
import { type CrowdScoring, crowdTotals, openCrowd, reseat } from './crowd.ts';
import { type StepTimer, NO_TIMER } from './timer.ts';
import { seededRandom, shuffled } from './random.ts';
import { decideTopThree, type TopThreeDecision } from './ranking.ts';

export const SESSION_FORMAT = 1;
export const MIN_PLAYERS = 2;
export const MAX_PLAYERS = 12;
export const MIN_CARDS = 1;
export const MAX_CARDS = 6;
export const MAX_NAME_LENGTH = 40;
export const MAX_TEAM_NAME_LENGTH = 60;
export { MAX_PROPOSAL_LENGTH } from './limits.ts';
export const MAX_SHARPEN_LENGTH = 2_000;

export interface Timing {
  /** Seconds; 0 means no timer for that step. */
  readonly discussSec: number;
  readonly proposeSec: number;
  readonly voteSec: number;
}

export const DEFAULT_TIMING: Timing = { discussSec: 8 * 60, proposeSec: 10 * 60, voteSec: 0 };
export const DEFAULT_DOTS = { dotsPerPlayer: 3, maxPerProposal: 2 } as const;

/** One shared screen passed round, or the shared screen as stage with every player on their own device. */
export type PlayMode = 'one-screen' | 'devices';
export const PLAY_MODES: readonly PlayMode[] = ['one-screen', 'devices'];
/** Dot voting, or 25/10 crowd sourcing (devices only). */
export type VoteMode = 'dots' | 'crowd';
export const VOTE_MODES: readonly VoteMode[] = ['dots', 'crowd'];

export interface Settings {
  readonly teamName: string;
  readonly playMode: PlayMode;
  readonly voteMode: VoteMode;
  readonly players: readonly Player[];
  readonly deckId: string;
  readonly deckName: Text;
  readonly cardCount: number;
  readonly timing: Timing;
  readonly dotsPerPlayer: number;
  readonly maxPerProposal: number;
  readonly checkIn: boolean;
  readonly lang: Lang;
}

export type { Proposal } from './proposal.ts';

export interface CardRound {
  readonly cardId: string;
  readonly twistIds: readonly string[];
  /** The twist on the table now; proposals made under it carry it. */
  readonly activeTwistId: string | null;
  readonly vote: DotVote | null;
  /** 25/10 crowd scoring of this card's ideas (devices, crowd mode) instead of a dot vote. */
  readonly crowd: CrowdScoring | null;
}

export interface Sharpened {
  readonly ask: string;
  readonly ourselves: string;
  readonly why: string;
}

export interface SessionContext {
  readonly format: typeof SESSION_FORMAT;
  readonly id: string;
  readonly createdAt: number;
  readonly seed: number;
  readonly settings: Settings;
  /** The dealt scenario cards, copied in so a session outlives a deleted or edited deck. */
  readonly cards: readonly ScenarioCard[];
  readonly twists: readonly TwistCard[];
  readonly checkInCards: readonly CheckInCard[];
  readonly checkInPicks: readonly string[];
  /** Who made each pick (same order): on one screen the seat in turn, on devices whoever tapped first. */
  readonly checkInBy: readonly string[];
  readonly cardIndex: number;
  readonly rounds: readonly CardRound[];
  readonly proposals: readonly Proposal[];
  readonly nextProposalNo: number;
  readonly runOffs: readonly DotVote[];
  readonly sharpened: Readonly<Record<string, Sharpened>>;
  readonly timer: StepTimer;
  readonly endedEarly: boolean;
}

export interface SessionInput {
  readonly id: string;
  readonly createdAt: number;
  readonly seed: number;
  readonly settings: Settings;
  readonly deckCards: readonly ScenarioCard[];
  readonly twists: readonly TwistCard[];
  readonly checkInCards: readonly CheckInCard[];
}

/** Deals `cardCount` cards from the deck with the session's seed. */
export function createSession(input: SessionInput): SessionContext {
  const random = seededRandom(input.seed);
  const cards = shuffled(input.deckCards, random).slice(0, input.settings.cardCount);
  return {
    format: SESSION_FORMAT,
    id: input.id,
    createdAt: input.createdAt,
    seed: input.seed,
    settings: input.settings,
    cards,
    twists: input.twists,
    checkInCards: input.checkInCards,
    checkInPicks: [],
    checkInBy: [],
    cardIndex: 0,
    rounds: cards.map((c) => ({ cardId: c.id, twistIds: [], activeTwistId: null, vote: null, crowd: null })),
    proposals: [],
    nextProposalNo: 1,
    runOffs: [],
    sharpened: {},
    timer: NO_TIMER,
    endedEarly: false,
  };
}

export const playerCount = (ctx: SessionContext): number => ctx.settings.players.length;
export const playerIds = (ctx: SessionContext): string[] => ctx.settings.players.map((p) => p.id);
export const onDevices = (ctx: SessionContext): boolean => ctx.settings.playMode === 'devices';
export const isCrowd = (ctx: SessionContext): boolean => onDevices(ctx) && ctx.settings.voteMode === 'crowd';
const seated = (ctx: SessionContext, playerId: string | undefined): playerId is string =>
  playerId !== undefined && ctx.settings.players.some((p) => p.id === playerId);
export const currentRound = (ctx: SessionContext): CardRound | undefined => ctx.rounds[ctx.cardIndex];
export const isLastCard = (ctx: SessionContext): boolean => ctx.cardIndex >= ctx.cards.length - 1;

function withRound(ctx: SessionContext, update: (r: CardRound) => CardRound): SessionContext {
  return { ...ctx, rounds: ctx.rounds.map((r, i) => (i === ctx.cardIndex ? update(r) : r)) };
}

/** A check-in pick: on one screen the seat in turn picks; on devices each seated player picks once. */
export function checkIn(ctx: SessionContext, cardId: string, by: string | undefined): SessionContext | null {
  if (!ctx.checkInCards.some((c) => c.id === cardId)) return null;
  let who: string | undefined;
  if (onDevices(ctx)) {
    if (!seated(ctx, by) || ctx.checkInBy.includes(by)) return null;
    who = by;
  } else {
    if (by !== undefined || ctx.checkInPicks.length >= playerCount(ctx)) return null;
    who = ctx.settings.players[ctx.checkInPicks.length]?.id;
  }
  if (who === undefined) return null;
  return { ...ctx, checkInPicks: [...ctx.checkInPicks, cardId], checkInBy: [...ctx.checkInBy, who] };
}

/** A device joins the session (devices only); a late joiner gets a seat in the step the team is in. */
export function joinPlayer(ctx: SessionContext, playerId: string, name: string): SessionContext | null {
  const clean = name.trim().slice(0, MAX_NAME_LENGTH);
  if (!onDevices(ctx) || seated(ctx, playerId) || playerCount(ctx) >= MAX_PLAYERS || !/^s[A-Za-z0-9]{1,16}$/.test(playerId)) return null;
  const next = { ...ctx, settings: { ...ctx.settings, players: [...ctx.settings.players, { id: playerId, name: clean || null }] } };
  return withRound(next, (r) => ({ ...r, crowd: r.crowd ? reseat(r.crowd, playerIds(next)) : null }));
}

/** The facilitator removes a seat: its unfinished ballot goes, everything it already gave stays. */
export function removePlayer(ctx: SessionContext, playerId: string): SessionContext | null {
  if (!onDevices(ctx) || !seated(ctx, playerId)) return null;
  const next = { ...ctx, settings: { ...ctx.settings, players: ctx.settings.players.filter((p) => p.id !== playerId) } };
  const ids = playerIds(next);
  return {
    ...next,
    rounds: next.rounds.map((r) => ({ ...r, vote: r.vote ? dropDraft(r.vote, playerId) : null, crowd: r.crowd ? reseat(r.crowd, ids) : null })),
    runOffs: next.runOffs.map((v) => dropDraft(v, playerId)),
  };
}

export type ProposalProblem = 'empty' | 'too-long' | 'bad-level';

/** Checks a proposal before it is sent, so the player sees why and keeps what they typed. */
export function checkProposal(text: string, level: string): ProposalProblem | null {
  if (text.trim().length === 0) return 'empty';
  if (text.length > MAX_PROPOSAL_LENGTH) return 'too-long';
  if (!(LEVELS as readonly string[]).includes(level)) return 'bad-level';
  return null;
}

export function addProposal(ctx: SessionContext, text: string, level: Level, by?: string): SessionContext | null {
  if (checkProposal(text, level) !== null) return null;
  const round = currentRound(ctx);
  if (!round) return null;
  if (by !== undefined && (!onDevices(ctx) || !seated(ctx, by))) return null;
  // 25/10: one bold idea per player per card.
  if (by !== undefined && isCrowd(ctx) && ctx.proposals.some((p) => p.cardIndex === ctx.cardIndex && p.by === by)) return null;
  const proposal: Proposal = {
    id: `p${ctx.nextProposalNo}`,
    cardIndex: ctx.cardIndex,
    text: text.trim(),
    level,
    twistId: round.activeTwistId,
    hidden: false,
    ...(by !== undefined ? { by } : {}),
  };
  return { ...ctx, proposals: [...ctx.proposals, proposal], nextProposalNo: ctx.nextProposalNo + 1 };
}

/**
 * Hiding is reversible: nothing a player wrote is ever deleted. A merged proposal is hidden with everything
 * merged into it; a proposal merged into another is hidden only with that one.
 */
export function setHidden(ctx: SessionContext, proposalId: string, hidden: boolean): SessionContext | null {
  const target = ctx.proposals.find((p) => p.id === proposalId);
  if (!target || target.cardIndex !== ctx.cardIndex || target.hidden === hidden || !standsAlone(target)) return null;
  return { ...ctx, proposals: ctx.proposals.map((p) => (p.id === proposalId ? { ...p, hidden } : p)) };
}

/** The proposals of a card that the team sees and may vote on. */
export const visibleProposalsOfCard = (ctx: SessionContext, cardIndex: number): Proposal[] =>
  ctx.proposals.filter((p) => p.cardIndex === cardIndex && isShown(p));

/** Draws a twist not drawn before in this session (all again once every twist has been seen). */
export function drawTwist(ctx: SessionContext): SessionContext | null {
  if (ctx.twists.length === 0) return null;
  const drawn = new Set(ctx.rounds.flatMap((r) => r.twistIds));
  const fresh = ctx.twists.filter((t) => !drawn.has(t.id));
  const pool = fresh.length > 0 ? fresh : ctx.twists;
  const random = seededRandom(ctx.seed + 7919 * (drawn.size + 1) + ctx.cardIndex);
  const twist = pool[Math.floor(random() * pool.length)] as TwistCard;
  return withRound(ctx, (r) => ({ ...r, twistIds: [...r.twistIds, twist.id], activeTwistId: twist.id }));
}

export function dismissTwist(ctx: SessionContext): SessionContext | null {
  const round = currentRound(ctx);
  if (!round || round.activeTwistId === null) return null;
  return withRound(ctx, (r) => ({ ...r, activeTwistId: null }));
}

/**
 * Opens the vote of the current card, or resumes the one already open when the facilitator stepped back
 * and forth without changing the proposals (undo then redo gives the same state).
 */
export function openCardVote(ctx: SessionContext): SessionContext {
  const visible = visibleProposalsOfCard(ctx, ctx.cardIndex);
  const candidates = visible.map((p) => p.id);
  const round = currentRound(ctx);
  if (isCrowd(ctx)) {
    const open = round?.crowd;
    if (open && !open.revealed && open.ideas.map((i) => i.id).join() === candidates.join()) return ctx;
    const ideas = visible.map((p) => {
      const alsoBy = ctx.proposals.filter((q) => q.mergedInto !== undefined && q.by !== undefined && mergedRoot(ctx.proposals, q.id) === p.id).map((q) => q.by as string);
      return { id: p.id, by: p.by ?? null, ...(alsoBy.length > 0 ? { alsoBy } : {}) };
    });
    return withRound(ctx, (r) => ({ ...r, crowd: openCrowd(ideas, playerIds(ctx), ctx.seed + 104_729 * (ctx.cardIndex + 1)) }));
  }
  const existing = round?.vote;
  const same =
    existing &&
    !existing.revealed &&
    existing.dotsPerVoter === ctx.settings.dotsPerPlayer &&
    existing.maxPerCandidate === ctx.settings.maxPerProposal &&
    existing.candidates.join() === candidates.join();
  if (same) return ctx;
  return withRound(ctx, (r) => ({ ...r, vote: openVote(candidates, ctx.settings.dotsPerPlayer, ctx.settings.maxPerProposal) }));
}

export function updateCrowd(ctx: SessionContext, update: (c: CrowdScoring) => CrowdScoring | null): SessionContext | null {
  const crowd = currentRound(ctx)?.crowd;
  if (!crowd) return null;
  const next = update(crowd);
  return next ? withRound(ctx, (r) => ({ ...r, crowd: next })) : null;
}

export function updateCardVote(ctx: SessionContext, update: (v: DotVote) => DotVote | null): SessionContext | null {
  const vote = currentRound(ctx)?.vote;
  if (!vote) return null;
  const next = update(vote);
  return next ? withRound(ctx, (r) => ({ ...r, vote: next })) : null;
}

export function setDotRules(ctx: SessionContext, dotsPerPlayer: number, maxPerProposal: number): SessionContext | null {
  const valid = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  if (!valid(dotsPerPlayer, 10) || !valid(maxPerProposal, dotsPerPlayer)) return null;
  return { ...ctx, settings: { ...ctx.settings, dotsPerPlayer, maxPerProposal } };
}

/** Revealed dots (or 25/10 points) per visible proposal over the whole session (a merged group counts once). */
export function sessionDots(ctx: SessionContext): Record<string, number> {
  const dots: Record<string, number> = {};
  for (const p of ctx.proposals) if (isShown(p)) dots[p.id] = 0;
  for (const round of ctx.rounds) {
    if (round.crowd?.revealed) for (const [id, n] of Object.entries(foldMerged(ctx.proposals, crowdTotals(round.crowd)))) if (id in dots) dots[id] = (dots[id] ?? 0) + n;
    if (!round.vote?.revealed) continue;
    for (const [id, n] of Object.entries(foldMerged(ctx.proposals, voteTotals(round.vote)))) if (id in dots) dots[id] = (dots[id] ?? 0) + n;
  }
  return dots;
}

export function topThreeDecision(ctx: SessionContext): TopThreeDecision {
  return decideTopThree(sessionDots(ctx), ctx.runOffs.filter((r) => r.revealed));
}

/** The run-off still to be voted on, if any: the last one, when it is not yet revealed. */
export function openRunOff(ctx: SessionContext): DotVote | null {
  const last = ctx.runOffs[ctx.runOffs.length - 1];
  return last && !last.revealed ? last : null;
}

export function startRunOff(ctx: SessionContext, candidates: readonly string[], slots: number): SessionContext {
  if (openRunOff(ctx)) return ctx;
  return { ...ctx, runOffs: [...ctx.runOffs, openVote(candidates, slots, 1)] };
}

export function updateRunOff(ctx: SessionContext, update: (v: DotVote) => DotVote | null): SessionContext | null {
  const open = openRunOff(ctx);
  if (!open) return null;
  const next = update(open);
  return next ? { ...ctx, runOffs: [...ctx.runOffs.slice(0, -1), next] } : null;
}

export function sharpen(ctx: SessionContext, proposalId: string, field: keyof Sharpened, text: string): SessionContext | null {
  if (!ctx.proposals.some((p) => p.id === proposalId) || text.length > MAX_SHARPEN_LENGTH) return null;
  const before = ctx.sharpened[proposalId] ?? { ask: '', ourselves: '', why: '' };
  return { ...ctx, sharpened: { ...ctx.sharpened, [proposalId]: { ...before, [field]: text } } };
}
