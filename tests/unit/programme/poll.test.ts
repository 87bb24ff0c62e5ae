/** The team poll's statistics: distributions, the 3-answer threshold, the ranking by concern, privacy. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MIN_ANSWERS,
  type PollState,
  type PollStatement,
  addRespondent,
  answer,
  closePoll,
  concernOf,
  currentStatementId,
  defaultStatementIds,
  distribution,
  isComplete,
  pollResults,
  rankByConcern,
  startPoll,
  statementResult,
  stepBack,
  suggestedThemes,
  wholePercents,
} from '../../../src/programme/core/poll.ts';
import pollFile from '../../../levels/poll.json';

const S: PollStatement[] = [
  { id: 'poll-a', theme: 'administration', polarity: 'negative' },
  { id: 'poll-b', theme: 'roster', polarity: 'positive' },
  { id: 'poll-c', theme: 'safety', polarity: 'positive' },
  { id: 'poll-d', theme: 'teamwork', polarity: 'negative' },
];
const ids = S.map((s) => s.id);

/** Every player answers every statement with the given values, one row per player. */
function run(rows: number[][], respondents = rows.length): PollState {
  let poll = startPoll(ids, respondents, 0) as PollState;
  for (const row of rows) for (const value of row) poll = answer(poll, value) as PollState;
  return poll;
}

describe('distribution', () => {
  it('counts, percentages that add up to 100 and the mean', () => {
    const d = distribution([1, 0, 1, 0, 1]);
    expect(d.n).toBe(3);
    expect(d.percents).toEqual([34, 0, 33, 0, 33]);
    expect(d.mean).toBe(3);
  });

  it('is all zeros and no mean without answers', () => {
    expect(distribution([0, 0, 0, 0, 0])).toEqual({ n: 0, counts: [0, 0, 0, 0, 0], percents: [0, 0, 0, 0, 0], mean: null });
  });

  it('always gives whole percentages summing to 100, each within 1 of the exact share', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }), (counts) => {
        const n = counts.reduce((a, b) => a + b, 0);
        const p = wholePercents(counts);
        if (n === 0) return p.every((x) => x === 0);
        return p.reduce((a, b) => a + b, 0) === 100 && p.every((x, i) => Math.abs(x - ((counts[i] ?? 0) * 100) / n) < 1);
      }),
    );
  });
});

describe('concern', () => {
  it('reads agreeing as concern for negative statements and disagreeing for positive ones', () => {
    expect(concernOf(5, 'negative')).toBe(1);
    expect(concernOf(1, 'negative')).toBe(0);
    expect(concernOf(1, 'positive')).toBe(1);
    expect(concernOf(3, 'positive')).toBe(0.5);
  });

  it('splits answers into concerned, in between and reassured', () => {
    const r = statementResult(S[1]!, [2, 1, 1, 0, 0]); // positive: 1 and 2 are concern
    expect(r.shown).toBe(true);
    expect(r.split).toEqual({ concerned: 75, neutral: 25, reassured: 0 });
    expect(r.concern).toBeCloseTo((2 * 1 + 1 * 0.75 + 1 * 0.5) / 4);
  });
});

describe('the 3-answer threshold', () => {
  it('shows a team of two no statement results at all', () => {
    const results = pollResults(run([[5, 1, 1, 5], [4, 2, 2, 4]]), S);
    expect(results.enough).toBe(false);
    expect(results.respondents).toBe(2);
    expect(results.statements.every((s) => !s.shown && s.concern === null && s.distribution.counts.every((c) => c === 0))).toBe(true);
    expect(rankByConcern(results)).toEqual([]);
    expect(suggestedThemes(results)).toEqual([]);
  });

  it('hides a statement fewer than three answered, even in a larger team', () => {
    // Three players; two skip statement a.
    const results = pollResults(run([[0, 1, 1, 5], [0, 2, 2, 4], [5, 3, 3, 4]]), S);
    expect(results.enough).toBe(true);
    const a = results.statements.find((s) => s.id === 'poll-a')!;
    expect(a.shown).toBe(false);
    expect(a.distribution.counts).toEqual([0, 0, 0, 0, 0]);
    expect(a.skipped).toBe(2);
    expect(results.statements.filter((s) => s.shown).map((s) => s.id)).toEqual(['poll-b', 'poll-c', 'poll-d']);
  });

  it('never shows a statement with fewer than MIN_ANSWERS answers (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }), { minLength: 0, maxLength: 8 }), (rows) => {
        const results = pollResults(rows.length ? run(rows) : (startPoll(ids, 1, 0) as PollState), S);
        return results.statements.every((s) => !s.shown || (results.enough && s.distribution.n >= MIN_ANSWERS));
      }),
    );
  });
});

describe('ranking by concern', () => {
  it('puts the statements of most concern first, whatever their polarity', () => {
    const results = pollResults(
      run([
        [5, 1, 4, 2],
        [4, 2, 5, 1],
        [5, 1, 4, 3],
      ]),
      S,
    );
    expect(rankByConcern(results).map((s) => s.id)).toEqual(['poll-a', 'poll-b', 'poll-d', 'poll-c']);
    expect(suggestedThemes(results)).toEqual(['administration', 'roster']);
  });

  it('settles equal concern by the share of concerned answers, then by poll order', () => {
    // a (negative): 5,3,1 → concern .5, 33% concerned; d (negative): 3,3,3 → concern .5, 0% concerned.
    // b (positive): 3,3,3 → concern .5, 0%; c (positive): 3,3,3 → .5, 0%.
    const results = pollResults(
      run([
        [5, 3, 3, 3],
        [3, 3, 3, 3],
        [1, 3, 3, 3],
      ]),
      S,
    );
    expect(rankByConcern(results).map((s) => s.id)).toEqual(['poll-a', 'poll-b', 'poll-c', 'poll-d']);
  });

  it('suggests at most three themes, without repeats, only from real concern', () => {
    const calm = pollResults(run([[1, 5, 5, 1], [1, 5, 5, 1], [2, 4, 4, 2]]), S);
    expect(suggestedThemes(calm)).toEqual([]);
  });

  it('ranks every shown statement exactly once, in non-increasing concern (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 10 }), (rows) => {
        const results = pollResults(run(rows), S);
        const ranked = rankByConcern(results);
        const shown = results.statements.filter((s) => s.shown);
        const sorted = ranked.every((s, i) => i === 0 || (ranked[i - 1]!.concern ?? 0) >= (s.concern ?? 0));
        return ranked.length === shown.length && new Set(ranked.map((s) => s.id)).size === ranked.length && sorted;
      }),
    );
  });
});

describe('taking turns', () => {
  it('keeps only the current player’s answers, and adds them to the counts when they finish', () => {
    let poll = startPoll(ids, 3, 0) as PollState;
    poll = answer(poll, 5)!;
    expect(poll.current).toEqual({ 'poll-a': 5 });
    expect(currentStatementId(poll)).toBe('poll-b');
    for (const value of [4, 3, 0]) poll = answer(poll, value)!;
    expect(poll.current).toEqual({});
    expect(poll.finished).toBe(1);
    expect(poll.counts['poll-a']).toEqual([0, 0, 0, 0, 1]);
    expect(poll.skips['poll-d']).toBe(1);
    expect(currentStatementId(poll)).toBe('poll-a');
  });

  it('steps back within a turn only', () => {
    let poll = startPoll(ids, 3, 0) as PollState;
    expect(stepBack(poll)).toBeNull();
    poll = answer(poll, 2)!;
    poll = stepBack(poll)!;
    expect(poll.position).toBe(0);
    expect(poll.current).toEqual({});
    for (const value of [1, 2, 3, 4]) poll = answer(poll, value)!;
    expect(stepBack(poll)).toBeNull();
  });

  it('refuses answers out of range and after the last player', () => {
    const poll = startPoll(ids, 1, 0) as PollState;
    expect(answer(poll, 6)).toBeNull();
    expect(answer(poll, 2.5)).toBeNull();
    const done = run([[1, 2, 3, 4]], 1);
    expect(isComplete(done)).toBe(true);
    expect(answer(done, 3)).toBeNull();
    expect(currentStatementId(addRespondent(done)!)).toBe('poll-a');
  });

  it('drops a half-finished player when the poll is closed early', () => {
    let poll = run([[1, 2, 3, 4]], 3);
    poll = answer(poll, 5)!;
    poll = closePoll(poll, 9);
    expect(poll.current).toEqual({});
    expect(poll.counts['poll-a']).toEqual([1, 0, 0, 0, 0]);
    expect(isComplete(poll)).toBe(true);
    expect(answer(poll, 1)).toBeNull();
  });

  it('refuses a poll without statements, with repeats or without players', () => {
    expect(startPoll([], 3, 0)).toBeNull();
    expect(startPoll(['poll-a', 'poll-a'], 3, 0)).toBeNull();
    expect(startPoll(ids, 0, 0)).toBeNull();
  });
});

describe('default statements', () => {
  const all = pollFile.statements as PollStatement[];
  it('takes one statement per theme, and all of the round’s theme', () => {
    const plain = defaultStatementIds(all, null);
    expect(plain).toHaveLength(10);
    expect(new Set(plain.map((id) => all.find((s) => s.id === id)!.theme)).size).toBe(10);
    const roster = defaultStatementIds(all, 'roster');
    expect(roster.length).toBe(10 + all.filter((s) => s.theme === 'roster').length - 1);
  });
});
