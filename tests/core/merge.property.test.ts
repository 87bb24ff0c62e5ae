/** Property tests with merges in the mix: whatever a facilitator merges and unmerges, in any order, the rules hold. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SessionEvent } from '../../src/core/events.ts';
import { LEVELS } from '../../src/core/types.ts';
import { screenView } from '../../src/core/view.ts';
import { isShown, mergedRoot } from '../../src/core/proposal.ts';
import { sessionDots } from '../../src/core/session.ts';
import { sessionMachine } from '../../src/core/machine.ts';
import { parseSave, wrapSave } from '../../src/core/save.ts';
import { makeSession, players } from './fixtures.ts';
import { type Snap, expectUndoThenRedo, phase, playEvents, send, start } from './play.ts';

const proposalId = fc.integer({ min: 1, max: 4 }).map((n) => `p${n}`);
const event: fc.Arbitrary<SessionEvent> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ type: 'facilitator.advance', at: 1 } as const) },
  { weight: 2, arbitrary: fc.constant({ type: 'facilitator.undo', at: 1 } as const) },
  { weight: 5, arbitrary: fc.record({ type: fc.constant('player.propose' as const), text: fc.string({ minLength: 1, maxLength: 20 }), level: fc.constantFrom(...LEVELS) }) },
  { weight: 6, arbitrary: fc.record({ type: fc.constant('facilitator.merge' as const), sourceId: proposalId, targetId: proposalId }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('facilitator.unmerge' as const), proposalId }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('facilitator.hide' as const), proposalId }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('facilitator.restore' as const), proposalId }) },
  { weight: 8, arbitrary: fc.record({ type: fc.constant('player.dot' as const), proposalId }) },
  { weight: 4, arbitrary: fc.constant({ type: 'player.voteDone' } as const) },
  { weight: 1, arbitrary: fc.constant({ type: 'facilitator.endEarly', at: 1 } as const) },
);
/** What a facilitator does while the proposals come in: merge, unmerge, hide, restore. */
const tidying: fc.Arbitrary<SessionEvent> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('facilitator.merge' as const), sourceId: proposalId, targetId: proposalId }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('facilitator.unmerge' as const), proposalId }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('facilitator.hide' as const), proposalId }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('facilitator.restore' as const), proposalId }) },
);
const scenario = fc.record({
  playerCount: fc.integer({ min: 2, max: 4 }),
  cardCount: fc.integer({ min: 1, max: 3 }),
  /** How many proposals are on the table when the random events begin, in the propose step of card 1. */
  proposals: fc.integer({ min: 2, max: 4 }),
  events: fc.tuple(fc.array(tidying, { minLength: 2, maxLength: 12 }), fc.array(event, { maxLength: 80 })).map(([a, b]) => [...a, ...b]),
});

type Scenario = { playerCount: number; cardCount: number; proposals: number; events: SessionEvent[] };

function run(s: Scenario, each: (prev: Snap, next: Snap, enteredBy: SessionEvent | null) => void): Snap {
  const advance: SessionEvent = { type: 'facilitator.advance', at: 1 };
  let snap = send(start(makeSession({ players: players(s.playerCount), cardCount: s.cardCount, checkIn: false })), advance, advance);
  for (let i = 0; i < s.proposals; i++) snap = send(snap, { type: 'player.propose', text: `idea ${i + 1}`, level: 'team' });
  return playEvents(snap, s.events, each, advance);
}

describe('merging, whatever the order', () => {
  it('merges, chains and unmerges in many runs (the properties below are not vacuous)', () => {
    const runs = { merged: 0, chained: 0, unmerged: 0 };
    const mergedAway = (snap: Snap) => snap.context.proposals.filter((p) => p.mergedInto !== undefined);
    fc.assert(
      fc.property(scenario, (s) => {
        const seen = { merged: false, chained: false, unmerged: false };
        run(s, (prev, next) => {
          const away = mergedAway(next);
          if (away.length > 0) seen.merged = true;
          if (away.some((p) => away.some((q) => q.id === p.mergedInto))) seen.chained = true;
          if (away.length < mergedAway(prev).length) seen.unmerged = true;
        });
        for (const key of ['merged', 'chained', 'unmerged'] as const) if (seen[key]) runs[key]++;
      }),
      { numRuns: 100, seed: 1 },
    );
    expect(runs.merged).toBeGreaterThan(50);
    expect(runs.chained).toBeGreaterThan(5);
    expect(runs.unmerged).toBeGreaterThan(20);
  });

  it('never loses a text: every proposal shows exactly once, alone or inside the one it was merged into', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        run(s, (_prev, next) => {
          const view = screenView(next.context, phase(next));
          const shownIds = view.allProposals.flatMap((p) => [p.id, ...p.merged]);
          expect([...shownIds].sort()).toEqual(next.context.proposals.map((p) => p.id).sort());
          for (const p of view.allProposals) {
            expect(p.texts).toEqual([p.text, ...p.merged.map((id) => next.context.proposals.find((q) => q.id === id)?.text)]);
          }
        });
      }),
      { numRuns: 60 },
    );
  });

  it('lets only shown proposals be voted on', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        run(s, (_prev, next) => {
          if (phase(next) !== 'vote') return;
          const byId = new Map(next.context.proposals.map((p) => [p.id, p]));
          for (const id of next.context.rounds[next.context.cardIndex]?.vote?.candidates ?? []) expect(isShown(byId.get(id)!)).toBe(true);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('keeps every dot counted: the session dots add up to the dots of the revealed ballots', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const end = run(s, () => {});
        const hidden = new Set(end.context.proposals.filter((p) => p.hidden).map((p) => p.id));
        let cast = 0;
        for (const round of end.context.rounds) {
          if (!round.vote?.revealed) continue;
          for (const ballot of round.vote.ballots) for (const [id, n] of Object.entries(ballot)) if (!hidden.has(mergedRoot(end.context.proposals, id))) cast += n;
        }
        expect(Object.values(sessionDots(end.context)).reduce((a, b) => a + b, 0)).toBe(cast);
      }),
      { numRuns: 60 },
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

  it('saves and restores every state with its merges', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const end = run(s, () => {});
        const parsed = parseSave(JSON.stringify(wrapSave(sessionMachine.getPersistedSnapshot(end) as never, 1)));
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.value.snapshot.context).toEqual(end.context);
      }),
      { numRuns: 60 },
    );
  });
});
