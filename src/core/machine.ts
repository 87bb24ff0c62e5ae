/**
 * The round machine: which step the team is in and which moves each step allows.
 * Context is the JSON-safe `SessionContext`; the rules themselves are the pure functions of `session.ts`,
 * `vote.ts` and `crowd.ts`, so this file only says *when* they apply. Each move is a guard named as the
 * question it asks (`canPlaceDot`) and an action named as the command (`placeDot`), computed once per event.
 * Undo walks back one step and never drops entered data; a revealed vote cannot be stepped back into.
 * The facilitator's controls ask `snapshot.can(event)` (next, back, end early) instead of deciding by hand.
 */
import { and, assign, emit, setup } from 'xstate';
import type { SessionCue, SessionEvent } from './events.ts';
import {
  type SessionContext,
  addProposal,
  checkIn,
  isCrowd,
  joinPlayer,
  onDevices,
  playerIds,
  removePlayer,
  updateCrowd,
  MIN_PLAYERS,
  dismissTwist,
  drawTwist,
  isLastCard,
  openCardVote,
  openRunOff,
  playerCount,
  setDotRules,
  setHidden,
  sharpen,
  startRunOff,
  topThreeDecision,
  updateCardVote,
  updateRunOff,
  visibleProposalsOfCard,
} from './session.ts';
import {
  type DotVote,
  everyoneVoted,
  finishBallot,
  finishBallotFor,
  isVoteComplete,
  placeDot,
  placeDotFor,
  removeDot,
  removeDotFor,
  revealVote,
} from './vote.ts';
import { mergeProposal, unmergeProposal } from './merge.ts';
import { closeRoundIfDone, crowdDone, nextRound, revealCrowd, scoreIdea } from './crowd.ts';
import { NO_TIMER, addTime, pauseTimer, resumeTimer, startTimer } from './timer.ts';

/** A move: the next context, or null when the rules refuse it. Pure; the rules themselves live in `session.ts`, `vote.ts`, `crowd.ts`. */
type Move = (ctx: SessionContext, event: SessionEvent) => SessionContext | null;

const at = (event: SessionEvent): number => ('at' in event ? event.at : 0);

type VoteUpdate = (ctx: SessionContext, update: (v: DotVote) => DotVote | null) => SessionContext | null;

/**
 * Dot moves on one screen (the seat in turn, no `by`) or on devices (everyone at once, `by` required).
 * Which of the two a session uses is fixed in its settings, so a device cannot vote in someone's turn.
 */
function dotMoves(update: VoteUpdate) {
  const ok = (ctx: SessionContext, by: string | undefined) => (onDevices(ctx) ? by !== undefined && playerIds(ctx).includes(by) : by === undefined);
  return {
    dot: ((ctx, e) => {
      if (e.type !== 'player.dot' || !ok(ctx, e.by)) return null;
      return update(ctx, (v) => (e.by !== undefined ? placeDotFor(v, e.by, e.proposalId) : placeDot(v, e.proposalId, playerCount(ctx))));
    }) satisfies Move,
    undot: ((ctx, e) => {
      if (e.type !== 'player.undot' || !ok(ctx, e.by)) return null;
      return update(ctx, (v) => (e.by !== undefined ? removeDotFor(v, e.by, e.proposalId) : removeDot(v, e.proposalId)));
    }) satisfies Move,
    done: ((ctx, e) => {
      if (e.type !== 'player.voteDone' || !ok(ctx, e.by)) return null;
      return update(ctx, (v) => (e.by !== undefined ? finishBallotFor(v, e.by) : finishBallot(v, playerCount(ctx))));
    }) satisfies Move,
  };
}

const cardDots = dotMoves(updateCardVote);
const runOffDots = dotMoves(updateRunOff);

function voteComplete(ctx: SessionContext, vote: DotVote | null | undefined): boolean {
  if (!vote) return false;
  return onDevices(ctx) ? everyoneVoted(vote, playerIds(ctx)) : isVoteComplete(vote, playerCount(ctx));
}

const join: Move = (ctx, e) => (e.type === 'player.join' ? joinPlayer(ctx, e.playerId, e.name) : null);
const unseat: Move = (ctx, e) => (e.type === 'facilitator.removePlayer' ? removePlayer(ctx, e.playerId) : null);
const pickCheckIn: Move = (ctx, e) => (e.type === 'player.checkIn' ? checkIn(ctx, e.cardId, e.by) : null);
const propose: Move = (ctx, e) => (e.type === 'player.propose' ? addProposal(ctx, e.text, e.level, e.by) : null);
const hide: Move = (ctx, e) => (e.type === 'facilitator.hide' ? setHidden(ctx, e.proposalId, true) : null);
const restore: Move = (ctx, e) => (e.type === 'facilitator.restore' ? setHidden(ctx, e.proposalId, false) : null);
const merge: Move = (ctx, e) => (e.type === 'facilitator.merge' ? mergeProposal(ctx, e.sourceId, e.targetId) : null);
const unmerge: Move = (ctx, e) => (e.type === 'facilitator.unmerge' ? unmergeProposal(ctx, e.proposalId) : null);
const twist: Move = (ctx) => drawTwist(ctx);
const putTwistAway: Move = (ctx) => dismissTwist(ctx);
const dotRules: Move = (ctx, e) => (e.type === 'facilitator.setDots' ? setDotRules(ctx, e.dotsPerPlayer, e.maxPerProposal) : null);
const score: Move = (ctx, e) => {
  if (e.type !== 'player.score' || !isCrowd(ctx) || !playerIds(ctx).includes(e.by)) return null;
  return updateCrowd(ctx, (c) => {
    const scored = scoreIdea(c, e.by, e.proposalId, e.score);
    return scored ? closeRoundIfDone(scored, playerIds(ctx)) : null;
  });
};
const closeRound: Move = (ctx, e) =>
  e.type === 'facilitator.nextRound' ? updateCrowd(ctx, (c) => (crowdDone(c) ? null : nextRound(c, playerIds(ctx)))) : null;
const sharpenTopItem: Move = (ctx, e) => (e.type === 'team.sharpen' ? sharpen(ctx, e.proposalId, e.field, e.text) : null);

/**
 * Each move is computed once per event: the guard asks whether the rules allow it (the move gives a context,
 * not null) and keeps the answer; the action that follows in the same transition takes that answer instead
 * of computing the move again. Keyed by the very context and event objects XState hands to both, so an answer
 * is never reused for another state; `snapshot.can(event)` only asks.
 */
const answers = new WeakMap<SessionContext, WeakMap<SessionEvent, Map<Move, SessionContext | null>>>();

function answer(move: Move, ctx: SessionContext, event: SessionEvent): SessionContext | null {
  let byEvent = answers.get(ctx);
  if (!byEvent) answers.set(ctx, (byEvent = new WeakMap()));
  let byMove = byEvent.get(event);
  if (!byMove) byEvent.set(event, (byMove = new Map()));
  if (!byMove.has(move)) byMove.set(move, move(ctx, event));
  return byMove.get(move) ?? null;
}

type Args = { readonly context: SessionContext; readonly event: SessionEvent };
/** A guard that asks "may this move be made now?". */
const allows = (move: Move) => ({ context, event }: Args) => answer(move, context, event) !== null;
/** The action that makes the move the guard allowed. */
const makes = (move: Move) => assign<SessionContext, SessionEvent, undefined, SessionEvent, never>(({ context, event }: Args) => answer(move, context, event) ?? context);

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionContext,
    emitted: {} as SessionCue,
  },
  guards: {
    canJoin: allows(join),
    canRemovePlayer: allows(unseat),
    canCheckIn: allows(pickCheckIn),
    canPropose: allows(propose),
    canHide: allows(hide),
    canRestore: allows(restore),
    canMerge: allows(merge),
    canUnmerge: allows(unmerge),
    canDrawTwist: allows(twist),
    canDismissTwist: allows(putTwistAway),
    canSetDots: allows(dotRules),
    canPlaceDot: allows(cardDots.dot),
    canRemoveDot: allows(cardDots.undot),
    canFinishBallot: allows(cardDots.done),
    canPlaceRunOffDot: allows(runOffDots.dot),
    canRemoveRunOffDot: allows(runOffDots.undot),
    canFinishRunOffBallot: allows(runOffDots.done),
    canScore: allows(score),
    canCloseRound: allows(closeRound),
    canSharpen: allows(sharpenTopItem),
    wantsCheckIn: ({ context }) => context.settings.checkIn,
    onDevices: ({ context }) => onDevices(context),
    enoughPlayers: ({ context }) => playerCount(context) >= MIN_PLAYERS,
    hasEarlierCard: ({ context }) => context.cardIndex > 0,
    hasProposals: ({ context }) => visibleProposalsOfCard(context, context.cardIndex).length > 0,
    isLastCard: ({ context }) => isLastCard(context),
    isVoteComplete: ({ context }) => {
      const round = context.rounds[context.cardIndex];
      if (isCrowd(context)) return !!round?.crowd && crowdDone(round.crowd);
      return voteComplete(context, round?.vote);
    },
    isRunOffComplete: ({ context }) => voteComplete(context, openRunOff(context)),
    needsRunOff: ({ context }) => topThreeDecision(context).kind === 'tie',
  },
  actions: {
    join: makes(join),
    removePlayer: makes(unseat),
    checkIn: makes(pickCheckIn),
    addProposal: makes(propose),
    hide: makes(hide),
    restore: makes(restore),
    merge: makes(merge),
    unmerge: makes(unmerge),
    drawTwist: makes(twist),
    dismissTwist: makes(putTwistAway),
    setDots: makes(dotRules),
    placeDot: makes(cardDots.dot),
    removeDot: makes(cardDots.undot),
    finishBallot: makes(cardDots.done),
    placeRunOffDot: makes(runOffDots.dot),
    removeRunOffDot: makes(runOffDots.undot),
    finishRunOffBallot: makes(runOffDots.done),
    score: makes(score),
    closeRound: makes(closeRound),
    sharpen: makes(sharpenTopItem),
    startDiscussTimer: assign({ timer: ({ context, event }) => startTimer(context.settings.timing.discussSec, at(event)) }),
    startProposeTimer: assign({ timer: ({ context, event }) => startTimer(context.settings.timing.proposeSec, at(event)) }),
    startVoteTimer: assign({ timer: ({ context, event }) => startTimer(context.settings.timing.voteSec, at(event)) }),
    clearTimer: assign({ timer: NO_TIMER }),
    pauseTimer: assign({ timer: ({ context, event }) => pauseTimer(context.timer, at(event)) }),
    resumeTimer: assign({ timer: ({ context, event }) => resumeTimer(context.timer, at(event)) }),
    addTime: assign({
      timer: ({ context, event }) =>
        event.type === 'facilitator.addTime' && event.seconds > 0 && event.seconds <= 3600
          ? addTime(context.timer, event.seconds, event.at)
          : context.timer,
    }),
    openCardVote: assign(({ context }) => openCardVote(context)),
    revealCardVote: assign(({ context }) => {
      const dots = updateCardVote(context, (v) => (v.revealed ? null : revealVote(v))) ?? context;
      return updateCrowd(dots, (c) => (c.revealed ? null : revealCrowd(c))) ?? dots;
    }),
    // Moving on to a new card means the team chose not to end early after all.
    nextCard: assign({ cardIndex: ({ context }) => context.cardIndex + 1, endedEarly: false }),
    previousCard: assign({ cardIndex: ({ context }) => context.cardIndex - 1 }),
    markEndedEarly: assign({ endedEarly: true }),
    startRunOff: assign(({ context }) => {
      const decision = topThreeDecision(context);
      return decision.kind === 'tie' ? startRunOff(context, decision.candidates, decision.slots) : context;
    }),
    revealRunOff: assign(({ context }) => updateRunOff(context, (v) => revealVote(v)) ?? context),
    cueFlip: emit({ type: 'cue.flip' } as const),
    cueDrop: emit({ type: 'cue.drop' } as const),
    cueVoteDone: emit({ type: 'cue.voteDone' } as const),
    cueReveal: emit({ type: 'cue.reveal' } as const),
    cueTwist: emit({ type: 'cue.twist' } as const),
    cueTopThree: emit({ type: 'cue.topThree' } as const),
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => input,
  initial: 'start',
  on: {
    'player.join': { guard: 'canJoin', actions: 'join' },
    'facilitator.removePlayer': { guard: 'canRemovePlayer', actions: 'removePlayer' },
    'facilitator.pause': { actions: 'pauseTimer' },
    'facilitator.resume': { actions: 'resumeTimer' },
    'facilitator.addTime': { actions: 'addTime' },
  },
  states: {
    start: {
      always: [{ guard: 'onDevices', target: 'lobby' }, { guard: 'wantsCheckIn', target: 'checkIn' }, { target: 'card' }],
    },
    /** Devices only: players join by QR code or room code; the facilitator starts once the team is in. */
    lobby: {
      on: {
        'facilitator.advance': [
          { guard: and(['enoughPlayers', 'wantsCheckIn']), target: 'checkIn' },
          { guard: 'enoughPlayers', target: 'card' },
        ],
      },
    },
    checkIn: {
      on: {
        'player.checkIn': { guard: 'canCheckIn', actions: ['checkIn', 'cueDrop'] },
        'facilitator.advance': { target: 'card' },
        'facilitator.undo': { guard: 'onDevices', target: 'lobby' },
        'facilitator.endEarly': { target: 'deciding', actions: 'markEndedEarly' },
      },
    },
    card: {
      initial: 'reveal',
      on: {
        'facilitator.endEarly': { target: 'deciding', actions: ['revealCardVote', 'markEndedEarly'] },
      },
      states: {
        reveal: {
          entry: 'cueFlip',
          on: {
            'facilitator.advance': { target: 'discuss' },
            'facilitator.undo': [
              { guard: 'hasEarlierCard', target: 'results', actions: 'previousCard' },
              { guard: 'wantsCheckIn', target: '#session.checkIn' },
              { guard: 'onDevices', target: '#session.lobby' },
            ],
          },
        },
        discuss: {
          entry: 'startDiscussTimer',
          exit: 'clearTimer',
          on: {
            'facilitator.advance': { target: 'propose' },
            'facilitator.undo': { target: 'reveal' },
          },
        },
        propose: {
          entry: 'startProposeTimer',
          exit: 'clearTimer',
          on: {
            'player.propose': { guard: 'canPropose', actions: 'addProposal' },
            'facilitator.hide': { guard: 'canHide', actions: 'hide' },
            'facilitator.restore': { guard: 'canRestore', actions: 'restore' },
            // Duplicates are merged before the vote, and only then: the vote's candidates are fixed when it opens.
            'facilitator.merge': { guard: 'canMerge', actions: 'merge' },
            'facilitator.unmerge': { guard: 'canUnmerge', actions: 'unmerge' },
            'facilitator.setDots': { guard: 'canSetDots', actions: 'setDots' },
            'player.drawTwist': { guard: 'canDrawTwist', actions: ['drawTwist', 'cueTwist'] },
            'player.dismissTwist': { guard: 'canDismissTwist', actions: 'dismissTwist' },
            'facilitator.advance': [{ guard: 'hasProposals', target: 'vote' }, { target: 'results' }],
            'facilitator.undo': { target: 'discuss' },
          },
        },
        vote: {
          entry: ['openCardVote', 'startVoteTimer'],
          exit: 'clearTimer',
          on: {
            'player.dot': { guard: 'canPlaceDot', actions: ['placeDot', 'cueDrop'] },
            'player.undot': { guard: 'canRemoveDot', actions: 'removeDot' },
            'player.voteDone': { guard: 'canFinishBallot', actions: ['finishBallot', 'cueVoteDone'] },
            'player.score': { guard: 'canScore', actions: ['score', 'cueDrop'] },
            'facilitator.nextRound': { guard: 'canCloseRound', actions: 'closeRound' },
            'facilitator.advance': { target: 'results' },
            'facilitator.undo': { target: 'propose' },
          },
          always: { guard: 'isVoteComplete', target: 'results' },
        },
        results: {
          // Entering results reveals the ballots; there is no undo from here back into the secret vote.
          entry: ['revealCardVote', 'cueReveal'],
          on: {
            'facilitator.advance': [
              { guard: 'isLastCard', target: '#session.deciding' },
              { target: 'reveal', actions: 'nextCard' },
            ],
          },
        },
      },
    },
    deciding: {
      always: [{ guard: 'needsRunOff', target: 'runOff', actions: 'startRunOff' }, { target: 'topThree' }],
    },
    runOff: {
      on: {
        'player.dot': { guard: 'canPlaceRunOffDot', actions: ['placeRunOffDot', 'cueDrop'] },
        'player.undot': { guard: 'canRemoveRunOffDot', actions: 'removeRunOffDot' },
        'player.voteDone': { guard: 'canFinishRunOffBallot', actions: ['finishRunOffBallot', 'cueVoteDone'] },
        'facilitator.advance': { target: 'deciding', actions: 'revealRunOff' },
        'facilitator.undo': { target: '#session.card.results' },
      },
      always: { guard: 'isRunOffComplete', target: 'deciding', actions: 'revealRunOff' },
    },
    topThree: {
      entry: 'cueTopThree',
      on: {
        'team.sharpen': { guard: 'canSharpen', actions: 'sharpen' },
        'facilitator.advance': { target: 'summary' },
        'facilitator.undo': { target: '#session.card.results' },
      },
    },
    summary: {
      on: {
        'team.sharpen': { guard: 'canSharpen', actions: 'sharpen' },
        'facilitator.undo': { target: 'topThree' },
      },
    },
  },
});

export type SessionMachine = typeof sessionMachine;

export { type Phase, phaseOf } from './phase.ts';
