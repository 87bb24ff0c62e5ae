/**
 * The programme history file: what is saved, exported and imported. A good file parses back to itself; a
 * newer or broken one is refused with a code and the history on the device stays as it was (fast-check over
 * randomly damaged files).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  type ActionItem,
  type History,
  type Programme,
  HISTORY_APP,
  HISTORY_FORMAT,
  earlierActions,
  emptyHistory,
  importHistory,
  isDate,
  latestReview,
  mergeHistories,
  newProgramme,
  openNextRound,
  parseHistory,
  putProgramme,
  serializeHistory,
  updateRound,
} from '../../../src/programme/core/history.ts';
import { type PollState, answer, startPoll } from '../../../src/programme/core/poll.ts';
import { itemsFromSession } from '../../../src/programme/core/items.ts';
import { mutate, mutationArb } from '../../core/mutate.ts';
import { makeSession } from '../../core/fixtures.ts';
import { advance, everyoneVotes, phase, send, start } from '../../core/play.ts';

const item = (id: string, rank: number, extra: Partial<ActionItem> = {}): ActionItem => ({
  id,
  rank,
  dots: 5 - rank,
  text: `Voorstel ${id} (met "quotes" en <b>tags</b>)`,
  level: 'team',
  ask: 'Vraag',
  ourselves: 'Zelf',
  why: '',
  card: { id: 'ggz-roster-01', theme: 'roster', title: { nl: 'Titel', en: 'Title' }, situation: { nl: 'Situatie', en: 'Situation' } },
  visit: { decision: 'now', note: 'Mooi', owner: 'Anna', date: '2030-03-02' },
  nudges: ['nudge-buddy'],
  ownNudge: '',
  ...extra,
});

function pollWith(rows: number[][]): PollState {
  let poll = startPoll(['poll-a', 'poll-b', 'poll-c'], rows.length, 1000) as PollState;
  for (const row of rows) for (const v of row) poll = answer(poll, v) as PollState;
  return poll;
}

/** Two rounds: round 1 played and visited, round 2 open with a review of round 1's actions. */
function sample(): History {
  let p = newProgramme('prog-1', 'Team Noord', 3, 1000) as Programme;
  p = updateRound(p, 1, (r) => ({ ...r, theme: 'roster', poll: pollWith([[5, 1, 3], [4, 2, 0], [5, 2, 3]]), sessionId: 's-1', items: [item('p1', 1), item('p2', 2), item('p3', 3, { visit: { decision: null, note: '', owner: '', date: '' } })], visitedAt: 2000, nextDate: '2030-06-01' }));
  p = openNextRound(p, 3000) as Programme;
  p = updateRound(p, 2, (r) => ({ ...r, reviews: { '1/p1': { status: 'done', note: 'Gelukt' }, '1/p2': { status: 'stuck', note: '' } } }));
  const q = newProgramme('prog-2', 'Team Zuid', 2, 1500) as Programme;
  return putProgramme(putProgramme(emptyHistory(0), p, 4000), q, 5000);
}

describe('parsing a history', () => {
  it('reads back what it wrote', () => {
    const h = sample();
    const parsed = parseHistory(serializeHistory(h));
    expect(parsed).toEqual({ ok: true, value: h });
  });

  it('refuses with a code: not JSON, not a history, a newer format, damaged', () => {
    expect(parseHistory('{"app":')).toEqual({ ok: false, error: 'not-json' });
    expect(parseHistory('[]')).toEqual({ ok: false, error: 'not-a-history' });
    expect(parseHistory(JSON.stringify({ app: 'ruimte-session', format: 1 }))).toEqual({ ok: false, error: 'not-a-history' });
    expect(parseHistory(JSON.stringify({ ...sample(), format: HISTORY_FORMAT + 1 }))).toEqual({ ok: false, error: 'newer-format' });
    expect(parseHistory(JSON.stringify({ ...sample(), programmes: 'many' }))).toEqual({ ok: false, error: 'damaged' });
  });

  it('refuses numbers that do not agree: counts against players, round numbers, reviews looking forward', () => {
    const h = sample();
    const p = h.programmes.find((x) => x.id === 'prog-1')!;
    const broken = (change: (p: Programme) => Programme) => parseHistory(JSON.stringify(putProgramme(h, change(p), 6000)));
    expect(broken((x) => updateRound(x, 1, (r) => ({ ...r, poll: { ...r.poll!, finished: 2 } })))).toEqual({ ok: false, error: 'damaged' });
    expect(broken((x) => updateRound(x, 2, (r) => ({ ...r, no: 3 })))).toEqual({ ok: false, error: 'damaged' });
    expect(broken((x) => updateRound(x, 2, (r) => ({ ...r, reviews: { '2/p1': { status: 'done', note: '' } } })))).toEqual({ ok: false, error: 'damaged' });
    expect(broken((x) => updateRound(x, 2, (r) => ({ ...r, reviews: { '1/nope': { status: 'done', note: '' } } })))).toEqual({ ok: false, error: 'damaged' });
    expect(broken((x) => ({ ...x, roundCount: 1 }))).toEqual({ ok: false, error: 'damaged' });
    expect(broken((x) => updateRound(x, 1, (r) => ({ ...r, items: [item('p1', 1), item('p1', 2)] })))).toEqual({ ok: false, error: 'damaged' });
    expect(broken((x) => updateRound(x, 1, (r) => ({ ...r, nextDate: '2030-02-30' })))).toEqual({ ok: false, error: 'damaged' });
    expect(broken((x) => updateRound(x, 1, (r) => ({ ...r, poll: { ...r.poll!, current: { 'poll-a': 3 } } })))).toEqual({ ok: false, error: 'damaged' });
  });

  it('checks calendar dates', () => {
    expect(isDate('2030-03-02')).toBe(true);
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2030-02-29')).toBe(false);
    expect(isDate('2030-3-2')).toBe(false);
  });
});

describe('damaged and newer files (properties)', () => {
  const good = sample();
  const problems = ['not-json', 'not-a-history', 'newer-format', 'damaged'];

  it('never throws on a damaged file, and what it accepts is a history that reads back to itself', () => {
    fc.assert(
      fc.property(mutationArb([fc.constant(HISTORY_FORMAT + 1), fc.constant(-1), fc.constant('2030-13-01'), fc.constant(null)]), (mutations) => {
        const raw = JSON.stringify(mutate(good, mutations));
        const parsed = parseHistory(raw);
        if (!parsed.ok) return problems.includes(parsed.error);
        const again = parseHistory(serializeHistory(parsed.value));
        return again.ok && JSON.stringify(again.value) === JSON.stringify(parsed.value) && parsed.value.programmes.every((p) => p.rounds.every((r, i) => r.no === i + 1) && p.rounds.length <= p.roundCount);
      }),
      { numRuns: 600 },
    );
  });

  it('refuses any file from a newer version, whatever else it holds', () => {
    fc.assert(
      fc.property(mutationArb(), fc.integer({ min: HISTORY_FORMAT + 1, max: 1000 }), (mutations, format) => {
        const damaged = mutate(good, mutations);
        if (typeof damaged !== 'object' || damaged === null || Array.isArray(damaged)) return true;
        const raw = JSON.stringify({ ...damaged, app: HISTORY_APP, format });
        return parseHistory(raw).ok === false && (parseHistory(raw) as { error: string }).error === 'newer-format';
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a file cut off anywhere', () => {
    const raw = serializeHistory(good);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: raw.length - 1 }), (end) => !parseHistory(raw.slice(0, end)).ok),
      { numRuns: 300 },
    );
  });

  it('leaves the device’s history as it was when a file is refused, and loses no programme when one is taken', () => {
    const local = putProgramme(emptyHistory(0), newProgramme('local-1', 'Hier', 3, 10) as Programme, 20);
    const before = JSON.stringify(local);
    fc.assert(
      fc.property(mutationArb(), (mutations) => {
        const result = importHistory(local, JSON.stringify(mutate(good, mutations)), 99);
        if (JSON.stringify(local) !== before) return false;
        if (!result.ok) return true;
        const ids = new Set(result.value.history.programmes.map((p) => p.id));
        return local.programmes.every((p) => ids.has(p.id));
      }),
      { numRuns: 400 },
    );
  });
});

describe('merging an import', () => {
  it('adds new programmes and lets the copy changed last win', () => {
    const local = sample();
    const incoming = sample();
    const newer = putProgramme(incoming, { ...incoming.programmes[0]!, teamName: 'Nieuwere naam' }, 9000);
    const extra = putProgramme(newer, newProgramme('prog-3', 'Team Oost', 3, 10) as Programme, 9000);
    const report = mergeHistories(local, extra, 10_000);
    expect(report.added).toBe(1);
    expect(report.replaced).toBe(2);
    expect(report.history.programmes.map((p) => p.teamName).sort()).toEqual(['Nieuwere naam', 'Team Noord', 'Team Oost']);
    // The device's copy is newer than the file's: it stays.
    const local2 = putProgramme(local, { ...local.programmes[0]!, teamName: 'Lokaal nieuwer' }, 20_000);
    const report2 = mergeHistories(local2, incoming, 30_000);
    expect(report2.kept).toBe(1);
    expect(report2.history.programmes.find((p) => p.id === local2.programmes[0]!.id)?.teamName).toBe('Lokaal nieuwer');
  });
});

describe('rounds and follow-up', () => {
  it('opens rounds up to the planned number, each reviewing earlier actions', () => {
    const p = sample().programmes.find((x) => x.id === 'prog-1')!;
    const earlier = earlierActions(p, 2);
    expect(earlier.map((a) => a.key)).toEqual(['1/p1', '1/p2', '1/p3']);
    expect(latestReview(p, '1/p1')?.review.status).toBe('done');
    const three = openNextRound(p, 9)!;
    expect(three.rounds).toHaveLength(3);
    expect(earlierActions(three, 3).find((a) => a.key === '1/p2')?.lastReview?.status).toBe('stuck');
    expect(openNextRound(three, 10)).toBeNull();
  });

  it('refuses a programme without a name or with too many rounds', () => {
    expect(newProgramme('x', '   ', 3, 0)).toBeNull();
    expect(newProgramme('x', 'Team', 0, 0)).toBeNull();
    expect(newProgramme('x', 'Team', 7, 0)).toBeNull();
  });
});

describe('the top three of a played session', () => {
  it('copies the ranking, the sharpened texts and the card, and keeps what was recorded', () => {
    let snap = start(makeSession({ cardCount: 1, checkIn: false }));
    snap = send(snap, advance(), advance());
    for (const text of ['Een', 'Twee', 'Drie', 'Vier']) snap = send(snap, { type: 'player.propose', text, level: 'team' });
    snap = send(snap, advance());
    snap = everyoneVotes(snap);
    snap = send(snap, advance());
    expect(['top-three', 'run-off']).toContain(phase(snap));
    snap = everyoneVotes(snap);
    const result = itemsFromSession(snap.context);
    if (result.kind !== 'decided') throw new Error(result.kind);
    expect(result.items.length).toBeGreaterThan(0);
    expect(result.items.length).toBeLessThanOrEqual(3);
    expect(result.items[0]!.card?.theme).toBe('roster');
    const recorded = { ...result.items[0]!, visit: { decision: 'later' as const, note: 'n', owner: 'o', date: '' } };
    const again = itemsFromSession(snap.context, [recorded]);
    expect(again.kind === 'decided' && again.items[0]!.visit.decision).toBe('later');
  });
});
