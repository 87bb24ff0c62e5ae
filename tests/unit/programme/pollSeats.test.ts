/**
 * The team poll on everyone's own phone: per-seat answers that exist only until the seat is done, a seat that
 * only ever answers for itself, values 0–5 only, late joiners, closing, the saved file, the phone's view and
 * the protocol's two actions.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newSecret } from '../../../src/net/crypto.ts';
import { openAction, sealAction, seatKeys } from '../../../src/net/roomCrypto.ts';
import { MAX_RESPONDENTS, type PollState, closePoll, isComplete, pollResults } from '../../../src/programme/core/poll.ts';
import {
  canAnswer,
  doneSeats,
  isPhonePoll,
  isSeatDone,
  reopenPhonePoll,
  seatAnswer,
  seatAnswers,
  seatDone,
  startPhonePoll,
} from '../../../src/programme/core/pollSeats.ts';
import { newProgramme, parseHistory, putProgramme, emptyHistory, serializeHistory, updateRound } from '../../../src/programme/core/history.ts';
import { isPollDeviceView, pollDeviceView, pollDeviceViews, type PollDeviceContext } from '../../../src/programme/pollDevice.ts';
import { isDeviceView, isGameDeviceView, withPending } from '../../../src/device/optimistic.ts';
import { pollPosition } from '../../../src/device/pollPanel.ts';
import { parsePlayerMessage, playerActionSchema } from '../../../src/net/protocol.ts';
import { eventFor } from '../../../src/game/roomLink.ts';
import * as v from 'valibot';

const ids = ['poll-a', 'poll-b', 'poll-c'];
const start = (): PollState => startPhonePoll(ids, 1000) as PollState;

/** A seat answers every statement with `values` (in order), optionally presses done. */
function answerAll(poll: PollState, seat: string, values: number[], done = true): PollState {
  let p = poll;
  ids.forEach((id, i) => (p = seatAnswer(p, seat, id, values[i % values.length] ?? 3) as PollState));
  return done ? (seatDone(p, seat) as PollState) : p;
}

describe('answering on phones', () => {
  it('starts with nobody answering, nobody done, and room for whoever joins', () => {
    const poll = start();
    expect(isPhonePoll(poll)).toBe(true);
    expect(poll.phones).toEqual({ answering: {}, done: [] });
    expect(poll.respondents).toBe(MAX_RESPONDENTS);
    expect(isComplete(poll)).toBe(false);
  });

  it('keeps each seat’s own answers apart, and a seat only changes its own', () => {
    let poll = start();
    poll = seatAnswer(poll, 's1', 'poll-a', 4) as PollState;
    poll = seatAnswer(poll, 's2', 'poll-a', 1) as PollState;
    poll = seatAnswer(poll, 's1', 'poll-a', 5) as PollState;
    expect(seatAnswers(poll, 's1')).toEqual({ 'poll-a': 5 });
    expect(seatAnswers(poll, 's2')).toEqual({ 'poll-a': 1 });
    expect(seatAnswers(poll, 's3')).toEqual({});
    // The answer of s2 is untouched by anything s1 does, and s1 pressing done does not finish s2.
    poll = answerAll(poll, 's1', [2, 2, 2]);
    expect(seatAnswers(poll, 's2')).toEqual({ 'poll-a': 1 });
    expect(isSeatDone(poll, 's2')).toBe(false);
  });

  it('refuses a value outside 0–5, a statement not in the poll and a seat id that is not one', () => {
    const poll = start();
    for (const value of [-1, 6, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(seatAnswer(poll, 's1', 'poll-a', value)).toBeNull();
    expect(seatAnswer(poll, 's1', 'poll-zzz', 3)).toBeNull();
    for (const seat of ['', 'x1', '__proto__', 's'.padEnd(30, '1')]) expect(seatAnswer(poll, seat, 'poll-a', 3)).toBeNull();
    expect(seatAnswer(poll, 's1', 'poll-a', 0)?.phones?.answering.s1).toEqual({ 'poll-a': 0 });
  });

  it('only lets a seat be done once every statement has an answer or a “rather not say”', () => {
    let poll = start();
    poll = seatAnswer(poll, 's1', 'poll-a', 3) as PollState;
    expect(seatDone(poll, 's1')).toBeNull();
    poll = seatAnswer(poll, 's1', 'poll-b', 0) as PollState;
    poll = seatAnswer(poll, 's1', 'poll-c', 5) as PollState;
    expect(seatDone(poll, 's1')).not.toBeNull();
    expect(seatDone(poll, 's9')).toBeNull();
  });

  it('folds a finished seat into the counts and deletes its answers: nowhere in the saved poll any more', () => {
    let poll = start();
    poll = answerAll(poll, 's1', [5, 1, 0], false);
    poll = seatAnswer(poll, 's2', 'poll-a', 2) as PollState;
    poll = seatDone(poll, 's1') as PollState;
    expect(poll.finished).toBe(1);
    expect(poll.counts['poll-a']).toEqual([0, 0, 0, 0, 1]);
    expect(poll.counts['poll-b']).toEqual([1, 0, 0, 0, 0]);
    expect(poll.skips['poll-c']).toBe(1);
    expect(poll.phones?.answering).toEqual({ s2: { 'poll-a': 2 } });
    expect(Object.hasOwn(poll.phones?.answering ?? {}, 's1')).toBe(false);
    expect(seatAnswers(poll, 's1')).toEqual({});
    expect(doneSeats(poll)).toEqual(['s1']);
    expect(JSON.stringify(poll)).not.toContain('"s1":');
    // Done is done: no second round of answers, no counting twice.
    expect(seatAnswer(poll, 's1', 'poll-a', 1)).toBeNull();
    expect(seatDone(poll, 's1')).toBeNull();
    expect(canAnswer(poll, 's1')).toBe(false);
  });

  it('lets a seat that joins late answer and count, until the poll is closed', () => {
    let poll = start();
    for (const seat of ['s1', 's2', 's3']) poll = answerAll(poll, seat, [4]);
    poll = answerAll(poll, 's7', [1]);
    expect(poll.finished).toBe(4);
    expect(poll.counts['poll-a']).toEqual([1, 0, 0, 3, 0]);
    expect(pollResults(poll, ids.map((id) => ({ id, theme: 'roster', polarity: 'positive' }))).enough).toBe(true);
  });

  it('drops the answers of seats that were not done when the poll closes, and refuses answers after it', () => {
    let poll = start();
    for (const seat of ['s1', 's2', 's3']) poll = answerAll(poll, seat, [4]);
    poll = answerAll(poll, 's4', [2], false);
    poll = closePoll(poll, 5000);
    expect(isComplete(poll)).toBe(true);
    expect(poll.phones?.answering).toEqual({});
    expect(poll.finished).toBe(3);
    expect(poll.counts['poll-a']).toEqual([0, 0, 0, 3, 0]);
    expect(seatAnswer(poll, 's5', 'poll-a', 3)).toBeNull();
    // Opened again: a newcomer can answer, those who were done stay done.
    const again = reopenPhonePoll(poll) as PollState;
    expect(again.closedAt).toBeNull();
    expect(seatAnswer(again, 's5', 'poll-a', 3)).not.toBeNull();
    expect(seatAnswer(again, 's1', 'poll-a', 3)).toBeNull();
    expect(reopenPhonePoll(again)).toBeNull();
  });

  it('counts every finished seat exactly once per statement, whatever the order of taps', () => {
    const tap = fc.record({ seat: fc.constantFrom('s1', 's2', 's3', 's4'), kind: fc.constantFrom('answer', 'done'), statement: fc.constantFrom(...ids, 'poll-x'), value: fc.integer({ min: -1, max: 6 }) });
    fc.assert(
      fc.property(fc.array(tap, { maxLength: 60 }), (taps) => {
        let poll = start();
        for (const t of taps) poll = (t.kind === 'answer' ? seatAnswer(poll, t.seat, t.statement, t.value) : seatDone(poll, t.seat)) ?? poll;
        const done = doneSeats(poll);
        if (done.length !== poll.finished || new Set(done).size !== done.length) return false;
        for (const seat of done) if (Object.hasOwn(poll.phones?.answering ?? {}, seat)) return false;
        return ids.every((id) => (poll.counts[id] ?? []).reduce((a, b) => a + b, 0) + (poll.skips[id] ?? 0) === poll.finished);
      }),
    );
  });
});

describe('the saved file', () => {
  const save = (poll: PollState) => {
    const programme = newProgramme('p1', 'Noord', 3, 0);
    if (!programme) throw new Error('no programme');
    return serializeHistory(putProgramme(emptyHistory(0), updateRound(programme, 1, (r) => ({ ...r, poll })), 0));
  };

  it('keeps a phone poll halfway (answers of seats still busy) and reads it back', () => {
    let poll = start();
    poll = answerAll(poll, 's1', [3]);
    poll = seatAnswer(poll, 's2', 'poll-b', 4) as PollState;
    const parsed = parseHistory(save(poll));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.programmes[0]?.rounds[0]?.poll).toEqual(poll);
  });

  it('refuses a file where a seat that is done still has answers, or is counted twice', () => {
    const poll = answerAll(start(), 's1', [3]);
    const leaked: PollState = { ...poll, phones: { answering: { s1: { 'poll-a': 3 } }, done: ['s1'] } };
    expect(parseHistory(save(leaked))).toEqual({ ok: false, error: 'damaged' });
    const twice: PollState = { ...poll, phones: { answering: {}, done: ['s1', 's1'] } };
    expect(parseHistory(save(twice))).toEqual({ ok: false, error: 'damaged' });
  });
});

describe('what a phone sees', () => {
  const ctx = (poll: PollState): PollDeviceContext => ({
    poll,
    lang: 'nl',
    teamName: 'Noord',
    statements: ids.map((id) => ({ id, text: { nl: `Stelling ${id}`, en: `Statement ${id}` } })),
    seats: [
      { id: 's1', name: 'Anna' },
      { id: 's2', name: 'Bram' },
    ],
    now: 42,
  });

  it('holds only the seat’s own answers, never another’s, and none once done', () => {
    let poll = seatAnswer(start(), 's1', 'poll-a', 5) as PollState;
    poll = seatAnswer(poll, 's2', 'poll-a', 1) as PollState;
    const views = pollDeviceViews(ctx(poll));
    expect(views.s1?.mine).toEqual({ 'poll-a': 5 });
    expect(views.s2?.mine).toEqual({ 'poll-a': 1 });
    expect(JSON.stringify(views.s1)).not.toContain('Bram');
    poll = answerAll(poll, 's1', [5]);
    const after = pollDeviceViews(ctx(poll));
    expect(after.s1).toMatchObject({ done: true, mine: {}, closed: false, progress: { done: 1, of: 2 } });
    // Nothing in any view tells what s1 answered.
    expect(JSON.stringify(after)).not.toMatch(/counts|skips/);
    expect(pollDeviceView(ctx(poll), null)).toMatchObject({ me: null, mine: {}, done: false });
    expect(pollDeviceViews(ctx(closePoll(poll, 9))).s2).toMatchObject({ closed: true, done: false, mine: {} });
  });

  it('is accepted by the phone page as a view (and told apart from a game step)', () => {
    const view = pollDeviceView(ctx(start()), { id: 's1', name: 'Anna' });
    expect(isPollDeviceView(view)).toBe(true);
    expect(isDeviceView(view)).toBe(true);
    expect(isGameDeviceView(view)).toBe(false);
    expect(isPollDeviceView(JSON.parse(JSON.stringify(view)))).toBe(true);
    for (const bad of [null, {}, { ...view, format: 2 }, { ...view, statements: [{ id: 'x' }] }, { ...view, mine: null }, { ...view, done: 'no' }]) expect(isPollDeviceView(bad)).toBe(false);
  });

  it('shows a tap at once, and “done” only when every statement has an answer', () => {
    const view = pollDeviceView(ctx(start()), { id: 's1', name: 'Anna' });
    const sent = (action: v.InferOutput<typeof playerActionSchema>, seq = 1) => ({ seq, action });
    const one = withPending(view, [sent({ type: 'pollAnswer', statementId: 'poll-a', value: 2 })]);
    expect(one.mine).toEqual({ 'poll-a': 2 });
    expect(withPending(one, [sent({ type: 'pollDone' })]).done).toBe(false);
    const all = withPending(view, ids.map((id, i) => sent({ type: 'pollAnswer', statementId: id, value: i }, i + 1)));
    expect(withPending(all, [sent({ type: 'pollDone' }, 9)])).toMatchObject({ done: true, mine: {} });
    expect(withPending(view, [sent({ type: 'pollAnswer', statementId: 'poll-zzz', value: 2 })]).mine).toEqual({});
  });

  it('opens on the first statement without an answer, and on the overview when all are answered', () => {
    let poll = seatAnswer(start(), 's1', 'poll-a', 3) as PollState;
    expect(pollPosition(pollDeviceView(ctx(poll), { id: 's1', name: 'Anna' }), null)).toBe(1);
    poll = answerAll(poll, 's1', [3], false);
    const view = pollDeviceView(ctx(poll), { id: 's1', name: 'Anna' });
    expect(pollPosition(view, null)).toBe(3);
    expect(pollPosition(view, 0)).toBe(0);
    expect(pollPosition(view, 99)).toBe(3);
  });
});

describe('the protocol', () => {
  it('carries an answer (0–5) and done, sealed, and nothing else', async () => {
    // The answer travels sealed with the seat's key (the server only sees a blob); the screen opens and checks it.
    const keys = await seatKeys(newSecret());
    const answer = { type: 'pollAnswer', statementId: 'poll-a', value: 0 } as const;
    const sealed = await sealAction(keys, 1, answer);
    expect(parsePlayerMessage(JSON.stringify({ t: 'act', seq: 1, sealed })).ok).toBe(true);
    expect(sealed).not.toContain('poll-a');
    expect(await openAction(keys, 1, sealed)).toEqual(answer);
    expect(await openAction(keys, 2, await sealAction(keys, 2, { type: 'pollDone' }))).toEqual({ type: 'pollDone' });
    for (const value of [-1, 6, 2.5, '3']) {
      expect(v.safeParse(playerActionSchema, { type: 'pollAnswer', statementId: 'poll-a', value }).success).toBe(false);
      expect(await openAction(keys, 3, await sealAction(keys, 3, { type: 'pollAnswer', statementId: 'poll-a', value } as never))).toBeUndefined();
    }
    // A plain answer is refused by the server.
    expect(parsePlayerMessage(JSON.stringify({ t: 'act', seq: 1, action: answer })).ok).toBe(false);
  });

  it('never carries a seat: a phone cannot name someone else’s seat', () => {
    const parsed = v.parse(playerActionSchema, { type: 'pollAnswer', statementId: 'poll-a', value: 3, seatId: 's2', by: 's2' });
    expect(parsed).toEqual({ type: 'pollAnswer', statementId: 'poll-a', value: 3 });
  });

  it('is no event for the game session', () => {
    expect(eventFor('s1', { type: 'pollAnswer', statementId: 'poll-a', value: 3 })).toBeNull();
    expect(eventFor('s1', { type: 'pollDone' })).toBeNull();
  });
});
