/**
 * The round machine: which step the team is in and which moves each step allows.
 * Context is the JSON-safe `SessionContext`; the rules themselves are the pure functions of `session.ts`,
 * so this file only says *when* they apply. Undo walks back one step and never drops entered data;
 * a revealed vote cannot be stepped back into.
 */
import { assign, emit, setup } from 'xstate';
import type { SessionCue, SessionEvent } from './events.ts';
import {
  type SessionContext,
  addProposal,
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
import { finishBallot, isVoteComplete, placeDot, removeDot, revealVote } from './vote.ts';
import { NO_TIMER, addTime, pauseTimer, resumeTimer, startTimer } from './timer.ts';

type Move = (ctx: SessionContext, event: SessionEvent) => SessionContext | null;

const at = (event: SessionEvent): number => ('at' in event ? event.at : 0);

/** Each move once, used both as guard (is it allowed?) and as action (apply it). */
const moves = {
  checkIn: (ctx, e) => {
    if (e.type !== 'player.checkIn') return null;
    if (ctx.checkInPicks.length >= playerCount(ctx) || !ctx.checkInCards.some((c) => c.id === e.cardId)) return null;
    return { ...ctx, checkInPicks: [...ctx.checkInPicks, e.cardId] };
  },
  propose: (ctx, e) => (e.type === 'player.propose' ? addProposal(ctx, e.text, e.level) : null),
  hide: (ctx, e) => (e.type === 'facilitator.hide' ? setHidden(ctx, e.proposalId, true) : null),
  restore: (ctx, e) => (e.type === 'facilitator.restore' ? setHidden(ctx, e.proposalId, false) : null),
  drawTwist: (ctx) => drawTwist(ctx),
  dismissTwist: (ctx) => dismissTwist(ctx),
  setDots: (ctx, e) => (e.type === 'facilitator.setDots' ? setDotRules(ctx, e.dotsPerPlayer, e.maxPerProposal) : null),
  cardDot: (ctx, e) => (e.type === 'player.dot' ? updateCardVote(ctx, (v) => placeDot(v, e.proposalId, playerCount(ctx))) : null),
  cardUndot: (ctx, e) => (e.type === 'player.undot' ? updateCardVote(ctx, (v) => removeDot(v, e.proposalId)) : null),
  cardVoteDone: (ctx) => updateCardVote(ctx, (v) => finishBallot(v, playerCount(ctx))),
  runOffDot: (ctx, e) => (e.type === 'player.dot' ? updateRunOff(ctx, (v) => placeDot(v, e.proposalId, playerCount(ctx))) : null),
  runOffUndot: (ctx, e) => (e.type === 'player.undot' ? updateRunOff(ctx, (v) => removeDot(v, e.proposalId)) : null),
  runOffVoteDone: (ctx) => updateRunOff(ctx, (v) => finishBallot(v, playerCount(ctx))),
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
    hasEarlierCard: ({ context }) => context.cardIndex > 0,
    hasProposals: ({ context }) => visibleProposalsOfCard(context, context.cardIndex).length > 0,
    isLastCard: ({ context }) => isLastCard(context),
    cardVoteComplete: ({ context }) => {
      const vote = context.rounds[context.cardIndex]?.vote;
      return !!vote && isVoteComplete(vote, playerCount(context));
    },
    runOffComplete: ({ context }) => {
      const vote = openRunOff(context);
      return !!vote && isVoteComplete(vote, playerCount(context));
    },
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
    revealCardVote: assign(({ context }) => updateCardVote(context, (v) => (v.revealed ? null : revealVote(v))) ?? context),
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
    'facilitator.pause': { actions: 'pauseTimer' },
    'facilitator.resume': { actions: 'resumeTimer' },
    'facilitator.addTime': { actions: 'addTime' },
  },
  states: {
    start: {
      always: [{ guard: 'wantsCheckIn', target: 'checkIn' }, { target: 'card' }],
    },
    checkIn: {
      on: {
        'player.checkIn': { guard: { type: 'allowed', params: { move: 'checkIn' } }, actions: [{ type: 'apply', params: { move: 'checkIn' } }, 'cueDrop'] },
        'facilitator.advance': { target: 'card' },
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
