/**
 * The round machine: which step the team is in and which moves each step allows.
 * Context is the JSON-safe `SessionContext`; the rules themselves are the pure functions of `session.ts`,
 * so this file only says *when* they apply. Undo walks back one step and never drops entered data;
 * a revealed vote cannot be stepped back into.
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
import { closeRoundIfDone, crowdDone, nextRound, revealCrowd, scoreIdea } from './crowd.ts';
import { NO_TIMER, addTime, pauseTimer, resumeTimer, startTimer } from './timer.ts';

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

/** Each move once, used both as guard (is it allowed?) and as action (apply it). */
const moves = {
  join: (ctx, e) => (e.type === 'player.join' ? joinPlayer(ctx, e.playerId, e.name) : null),
  removePlayer: (ctx, e) => (e.type === 'facilitator.removePlayer' ? removePlayer(ctx, e.playerId) : null),
  checkIn: (ctx, e) => (e.type === 'player.checkIn' ? checkIn(ctx, e.cardId, e.by) : null),
  propose: (ctx, e) => (e.type === 'player.propose' ? addProposal(ctx, e.text, e.level, e.by) : null),
  hide: (ctx, e) => (e.type === 'facilitator.hide' ? setHidden(ctx, e.proposalId, true) : null),
  restore: (ctx, e) => (e.type === 'facilitator.restore' ? setHidden(ctx, e.proposalId, false) : null),
  drawTwist: (ctx) => drawTwist(ctx),
  dismissTwist: (ctx) => dismissTwist(ctx),
  setDots: (ctx, e) => (e.type === 'facilitator.setDots' ? setDotRules(ctx, e.dotsPerPlayer, e.maxPerProposal) : null),
  cardDot: cardDots.dot,
  cardUndot: cardDots.undot,
  cardVoteDone: cardDots.done,
  runOffDot: runOffDots.dot,
  runOffUndot: runOffDots.undot,
  runOffVoteDone: runOffDots.done,
  score: (ctx, e) => {
    if (e.type !== 'player.score' || !isCrowd(ctx) || !playerIds(ctx).includes(e.by)) return null;
    return updateCrowd(ctx, (c) => {
      const scored = scoreIdea(c, e.by, e.proposalId, e.score);
      return scored ? closeRoundIfDone(scored, playerIds(ctx)) : null;
    });
  },
  nextRound: (ctx, e) => (e.type === 'facilitator.nextRound' ? updateCrowd(ctx, (c) => (crowdDone(c) ? null : nextRound(c, playerIds(ctx)))) : null),
  sharpen: (ctx, e) => (e.type === 'team.sharpen' ? sharpen(ctx, e.proposalId, e.field, e.text) : null),
} satisfies Record<string, Move>;

type MoveName = keyof typeof moves;

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionContext,
    emitted: {} as SessionCue,
  },
  guards: {
    allowed: ({ context, event }, params: { move: MoveName }) => moves[params.move](context, event) !== null,
    wantsCheckIn: ({ context }) => context.settings.checkIn,
    onDevices: ({ context }) => onDevices(context),
    enoughPlayers: ({ context }) => playerCount(context) >= MIN_PLAYERS,
    hasEarlierCard: ({ context }) => context.cardIndex > 0,
    hasProposals: ({ context }) => visibleProposalsOfCard(context, context.cardIndex).length > 0,
    isLastCard: ({ context }) => isLastCard(context),
    cardVoteComplete: ({ context }) => {
      const round = context.rounds[context.cardIndex];
      if (isCrowd(context)) return !!round?.crowd && crowdDone(round.crowd);
      return voteComplete(context, round?.vote);
    },
    runOffComplete: ({ context }) => voteComplete(context, openRunOff(context)),
    needsRunOff: ({ context }) => topThreeDecision(context).kind === 'tie',
  },
  actions: {
    apply: assign(({ context, event }, params: { move: MoveName }) => moves[params.move](context, event) ?? context),
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
    'player.join': { guard: { type: 'allowed', params: { move: 'join' } }, actions: { type: 'apply', params: { move: 'join' } } },
    'facilitator.removePlayer': { guard: { type: 'allowed', params: { move: 'removePlayer' } }, actions: { type: 'apply', params: { move: 'removePlayer' } } },
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
        'player.checkIn': { guard: { type: 'allowed', params: { move: 'checkIn' } }, actions: [{ type: 'apply', params: { move: 'checkIn' } }, 'cueDrop'] },
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
            'player.propose': { guard: { type: 'allowed', params: { move: 'propose' } }, actions: { type: 'apply', params: { move: 'propose' } } },
            'facilitator.hide': { guard: { type: 'allowed', params: { move: 'hide' } }, actions: { type: 'apply', params: { move: 'hide' } } },
            'facilitator.restore': { guard: { type: 'allowed', params: { move: 'restore' } }, actions: { type: 'apply', params: { move: 'restore' } } },
            'facilitator.setDots': { guard: { type: 'allowed', params: { move: 'setDots' } }, actions: { type: 'apply', params: { move: 'setDots' } } },
            'player.drawTwist': { guard: { type: 'allowed', params: { move: 'drawTwist' } }, actions: [{ type: 'apply', params: { move: 'drawTwist' } }, 'cueTwist'] },
            'player.dismissTwist': { guard: { type: 'allowed', params: { move: 'dismissTwist' } }, actions: { type: 'apply', params: { move: 'dismissTwist' } } },
            'facilitator.advance': [{ guard: 'hasProposals', target: 'vote' }, { target: 'results' }],
            'facilitator.undo': { target: 'discuss' },
          },
        },
        vote: {
          entry: ['openCardVote', 'startVoteTimer'],
          exit: 'clearTimer',
          on: {
            'player.dot': { guard: { type: 'allowed', params: { move: 'cardDot' } }, actions: [{ type: 'apply', params: { move: 'cardDot' } }, 'cueDrop'] },
            'player.undot': { guard: { type: 'allowed', params: { move: 'cardUndot' } }, actions: { type: 'apply', params: { move: 'cardUndot' } } },
            'player.voteDone': { guard: { type: 'allowed', params: { move: 'cardVoteDone' } }, actions: [{ type: 'apply', params: { move: 'cardVoteDone' } }, 'cueVoteDone'] },
            'player.score': { guard: { type: 'allowed', params: { move: 'score' } }, actions: [{ type: 'apply', params: { move: 'score' } }, 'cueDrop'] },
            'facilitator.nextRound': { guard: { type: 'allowed', params: { move: 'nextRound' } }, actions: { type: 'apply', params: { move: 'nextRound' } } },
            'facilitator.advance': { target: 'results' },
            'facilitator.undo': { target: 'propose' },
          },
          always: { guard: 'cardVoteComplete', target: 'results' },
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
        'player.dot': { guard: { type: 'allowed', params: { move: 'runOffDot' } }, actions: [{ type: 'apply', params: { move: 'runOffDot' } }, 'cueDrop'] },
        'player.undot': { guard: { type: 'allowed', params: { move: 'runOffUndot' } }, actions: { type: 'apply', params: { move: 'runOffUndot' } } },
        'player.voteDone': { guard: { type: 'allowed', params: { move: 'runOffVoteDone' } }, actions: [{ type: 'apply', params: { move: 'runOffVoteDone' } }, 'cueVoteDone'] },
        'facilitator.advance': { target: 'deciding', actions: 'revealRunOff' },
        'facilitator.undo': { target: '#session.card.results' },
      },
      always: { guard: 'runOffComplete', target: 'deciding', actions: 'revealRunOff' },
    },
    topThree: {
      entry: 'cueTopThree',
      on: {
        'team.sharpen': { guard: { type: 'allowed', params: { move: 'sharpen' } }, actions: { type: 'apply', params: { move: 'sharpen' } } },
        'facilitator.advance': { target: 'summary' },
        'facilitator.undo': { target: '#session.card.results' },
      },
    },
    summary: {
      on: {
        'team.sharpen': { guard: { type: 'allowed', params: { move: 'sharpen' } }, actions: { type: 'apply', params: { move: 'sharpen' } } },
        'facilitator.undo': { target: 'topThree' },
      },
    },
  },
});

export type SessionMachine = typeof sessionMachine;

export { type Phase, phaseOf } from './phase.ts';
