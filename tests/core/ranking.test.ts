import { describe, expect, it } from 'vitest';
import { decideTopThree } from '../../src/core/ranking.ts';
import { finishBallot, openVote, placeDot, revealVote } from '../../src/core/vote.ts';

/** A revealed run-off in which each ballot gives one dot to the named candidates. */
function runOff(candidates: string[], slots: number, ballots: string[][]) {
  let v = openVote(candidates, slots, 1);
  for (const ballot of ballots) {
    for (const id of ballot) v = placeDot(v, id, ballots.length)!;
    v = finishBallot(v, ballots.length)!;
  }
  return revealVote(v);
}

describe('top three', () => {
  it('ranks by dots and leaves proposals without dots out', () => {
    const d = decideTopThree({ a: 1, b: 5, c: 0, d: 3 }, []);
    expect(d).toEqual({ kind: 'decided', ranking: [ { id: 'b', dots: 5, rank: 1 }, { id: 'd', dots: 3, rank: 2 }, { id: 'a', dots: 1, rank: 3 } ] });
  });

  it('lets equal dots inside the top three share a rank without a run-off', () => {
    const d = decideTopThree({ a: 4, b: 4, c: 2, d: 1 }, []);
    expect(d.kind).toBe('decided');
    if (d.kind === 'decided') expect(d.ranking.map((r) => r.rank)).toEqual([1, 1, 3]);
  });

  it('asks for a run-off when a tie crosses the boundary of the top three', () => {
    expect(decideTopThree({ a: 5, b: 4, c: 3, d: 3 }, [])).toEqual({ kind: 'tie', candidates: ['c', 'd'], slots: 1 });
    expect(decideTopThree({ a: 5, b: 3, c: 3, d: 3 }, [])).toEqual({ kind: 'tie', candidates: ['b', 'c', 'd'], slots: 2 });
  });

  it('never settles a tie by the order of entry', () => {
    const forward = decideTopThree({ a: 5, b: 4, c: 3, d: 3 }, []);
    const backward = decideTopThree({ d: 3, c: 3, b: 4, a: 5 }, []);
    expect(forward.kind).toBe('tie');
    expect(backward.kind).toBe('tie');
  });

  it('settles the tie with the run-off', () => {
    const d = decideTopThree({ a: 5, b: 4, c: 3, d: 3 }, [runOff(['c', 'd'], 1, [['d'], ['d'], ['c']])]);
    expect(d.kind === 'decided' && d.ranking.map((r) => r.id)).toEqual(['a', 'b', 'd']);
  });

  it('asks again when the run-off ties too', () => {
    const d = decideTopThree({ a: 5, b: 4, c: 3, d: 3 }, [runOff(['c', 'd'], 1, [['d'], ['c']])]);
    expect(d).toEqual({ kind: 'tie', candidates: ['c', 'd'], slots: 1 });
  });

  it('takes all proposals with dots when there are three or fewer', () => {
    const d = decideTopThree({ a: 2, b: 2 }, []);
    expect(d.kind === 'decided' && d.ranking.map((r) => r.id)).toEqual(['a', 'b']);
  });
});
