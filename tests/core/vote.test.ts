import { describe, expect, it } from 'vitest';
import { dotsLeft, dotsToPlace, finishBallot, isVoteComplete, openVote, placeDot, removeDot, revealVote, voteTotals } from '../../src/core/vote.ts';

const place = (vote: ReturnType<typeof openVote>, ...ids: string[]) =>
  ids.reduce((v, id) => {
    const next = placeDot(v, id, 3);
    if (!next) throw new Error(`dot on ${id} refused`);
    return next;
  }, vote);

describe('dot vote', () => {
  it('allows at most the per-proposal maximum on one proposal', () => {
    const v = place(openVote(['a', 'b'], 3, 2), 'a', 'a');
    expect(placeDot(v, 'a', 3)).toBeNull();
    expect(placeDot(v, 'b', 3)?.current).toEqual({ a: 2, b: 1 });
  });

  it('stops at the dots per player', () => {
    const v = place(openVote(['a', 'b', 'c'], 3, 2), 'a', 'b', 'c');
    expect(dotsLeft(v)).toBe(0);
    expect(placeDot(v, 'a', 3)).toBeNull();
  });

  it('refuses dots on unknown proposals', () => {
    expect(placeDot(openVote(['a'], 3, 2), 'zzz', 3)).toBeNull();
  });

  it('asks fewer dots when too few proposals can hold them', () => {
    expect(dotsToPlace(openVote(['a'], 3, 2))).toBe(2);
    expect(dotsToPlace(openVote(['a', 'b'], 3, 2))).toBe(3);
  });

  it('lets a voter take a dot back', () => {
    const v = place(openVote(['a', 'b'], 3, 2), 'a', 'a');
    expect(removeDot(v, 'a')?.current).toEqual({ a: 1 });
    expect(removeDot(v, 'b')).toBeNull();
  });

  it('passes the turn only when every dot is placed', () => {
    const v = place(openVote(['a', 'b'], 3, 2), 'a', 'b');
    expect(finishBallot(v, 3)).toBeNull();
    const done = finishBallot(place(v, 'b'), 3);
    expect(done?.voterIndex).toBe(1);
    expect(done?.current).toEqual({});
    expect(done?.ballots).toEqual([{ a: 1, b: 2 }]);
  });

  it('keeps totals secret until revealed, then counts finished ballots only', () => {
    let v = openVote(['a', 'b'], 3, 2);
    for (let voter = 0; voter < 2; voter++) v = finishBallot(place(v, 'a', 'a', 'b'), 3)!;
    v = place(v, 'b');
    expect(voteTotals(v)).toEqual({ a: 0, b: 0 });
    expect(isVoteComplete(v, 3)).toBe(false);
    expect(voteTotals(revealVote(v))).toEqual({ a: 4, b: 2 });
  });
});
