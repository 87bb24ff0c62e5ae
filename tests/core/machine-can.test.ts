/** What the facilitator's controls ask the machine: `snapshot.can(event)` answers from the rules. */
import { describe, expect, it } from 'vitest';
import { makeSession } from './fixtures.ts';
import { advance, everyoneVotes, phase, send, start, type Snap } from './play.ts';
import type { Phase } from '../../src/core/phase.ts';

const endEarly = { type: 'facilitator.endEarly', at: 1 } as const;
const propose = (text: string) => ({ type: 'player.propose', text, level: 'team' }) as const;

/** One snapshot per step of a session on one screen with a check-in and a run-off. */
function everyStep(): Map<Phase, Snap> {
  const seen = new Map<Phase, Snap>();
  const keep = (snap: Snap) => seen.set(phase(snap), snap);
  let s = start(makeSession({ cardCount: 1 }));
  keep(s);
  for (let i = 0; i < 3; i++) keep((s = send(s, advance())));
  s = send(s, propose('a'), propose('b'), advance());
  keep(s);
  keep((s = everyoneVotes(s)));
  keep((s = send(s, advance())));
  keep(send(s, advance()));
  return seen;
}

describe('snapshot.can for the facilitator', () => {
  it('allows ending early in the check-in and in every step of a card, nowhere else', () => {
    const steps = everyStep();
    expect([...steps.keys()].sort()).toEqual(['check-in', 'discuss', 'propose', 'results', 'reveal', 'summary', 'top-three', 'vote'].sort());
    for (const [step, snap] of steps) {
      const expected = step === 'check-in' || ['reveal', 'discuss', 'propose', 'vote', 'results'].includes(step);
      expect([step, snap.can(endEarly)]).toEqual([step, expected]);
    }
  });

  it('refuses ending early in the lobby and during a run-off', () => {
    const lobby = start(makeSession({ playMode: 'devices', players: [] }));
    expect(phase(lobby)).toBe('lobby');
    expect(lobby.can(endEarly)).toBe(false);
    // Two cards with 8, 4 and 0 dots each: the two 4s tie for third place.
    let s = start(makeSession({ checkIn: false }));
    for (let card = 0; card < 2; card++) {
      s = send(s, advance(), advance(), propose(`${card}a`), propose(`${card}b`), propose(`${card}c`), advance());
      s = send(everyoneVotes(s), advance());
    }
    expect(phase(s)).toBe('run-off');
    expect(s.can(endEarly)).toBe(false);
  });

  it('answers a move by the rules, not by the step alone', () => {
    const s = send(start(makeSession({ checkIn: false })), advance(), advance(), propose('a'));
    expect(s.can({ type: 'facilitator.hide', proposalId: 'p1' })).toBe(true);
    expect(s.can({ type: 'facilitator.hide', proposalId: 'p9' })).toBe(false);
    expect(s.can({ type: 'facilitator.restore', proposalId: 'p1' })).toBe(false);
    expect(s.can(propose('  '))).toBe(false);
  });
});
