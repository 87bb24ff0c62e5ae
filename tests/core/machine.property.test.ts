/** Property tests over random sequences of events: the rules hold whatever a team presses, in any order. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SessionEvent } from '../../src/core/events.ts';
import { LEVELS } from '../../src/core/types.ts';
import { dotsToPlace, voteTotals } from '../../src/core/vote.ts';
import { makeSession, players } from './fixtures.ts';
import { type Snap, expectUndoThenRedo, phase, playEvents, start } from './play.ts';

const proposalId = fc.integer({ min: 1, max: 12 }).map((n) => `p${n}`);
const event: fc.Arbitrary<SessionEvent> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ type: 'facilitator.advance', at: 1 } as const) },
  { weight: 2, arbitrary: fc.constant({ type: 'facilitator.undo', at: 1 } as const) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('player.propose' as const), text: fc.string({ maxLength: 30 }), level: fc.constantFrom(...LEVELS) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('facilitator.hide' as const), proposalId }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('facilitator.restore' as const), proposalId }) },
  { weight: 8, arbitrary: fc.record({ type: fc.constant('player.dot' as const), proposalId }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('player.undot' as const), proposalId }) },
  { weight: 4, arbitrary: fc.constant({ type: 'player.voteDone' } as const) },
  { weight: 1, arbitrary: fc.constant({ type: 'player.drawTwist' } as const) },
  { weight: 1, arbitrary: fc.constant({ type: 'player.dismissTwist' } as const) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 6 }).map((n) => ({ type: 'player.checkIn', cardId: `checkin-${n}` }) as const) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('facilitator.setDots' as const), dotsPerPlayer: fc.integer({ min: 0, max: 6 }), maxPerProposal: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 1, arbitrary: fc.constant({ type: 'facilitator.endEarly', at: 1 } as const) },
);
const scenario = fc.record({
  playerCount: fc.integer({ min: 2, max: 5 }),
  cardCount: fc.integer({ min: 1, max: 3 }),
  checkIn: fc.boolean(),
  events: fc.array(event, { maxLength: 120 }),
});

function run(
  s: { playerCount: number; cardCount: number; checkIn: boolean; events: SessionEvent[] },
  each: (prev: Snap, next: Snap, enteredBy: SessionEvent | null) => void,
): Snap {
  return playEvents(start(makeSession({ players: players(s.playerCount), cardCount: s.cardCount, checkIn: s.checkIn })), s.events, each);
}

describe('round machine properties', () => {
  it('never loses a proposal: every proposal stays, with its text', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        run(s, (prev, next) => {
          for (const p of prev.context.proposals) {
            expect(next.context.proposals.find((q) => q.id === p.id)?.text).toBe(p.text);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('counts exactly the dots of finished ballots: players × dots per player when all voted', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const end = run(s, () => {});
        for (const round of end.context.rounds) {
          const vote = round.vote;
          if (!vote?.revealed) continue;
          const total = Object.values(voteTotals(vote)).reduce((a, b) => a + b, 0);
          expect(total).toBe(vote.ballots.length * dotsToPlace(vote));
          expect(vote.ballots.length).toBeLessThanOrEqual(s.playerCount);
          for (const ballot of vote.ballots) for (const n of Object.values(ballot)) expect(n).toBeLessThanOrEqual(vote.maxPerCandidate);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('undo then redo gives the same state', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        run(s, (_prev, next, e) => expectUndoThenRedo(next, e));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps votes secret until the results: no dots are counted before', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        run(s, (_prev, next) => {
          if (phase(next) !== 'vote') return;
          const vote = next.context.rounds[next.context.cardIndex]?.vote;
          expect(vote?.revealed).toBe(false);
          expect(Object.values(voteTotals(vote!)).every((n) => n === 0)).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });
});
