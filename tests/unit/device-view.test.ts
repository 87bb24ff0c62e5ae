/** Taps laid over the last view before the shared screen answers: shown at once, only when the rules allow. */
import { describe, expect, it } from 'vitest';
import { SENDING_PREFIX, isDeviceView, withPending } from '../../src/device/optimistic.ts';
import type { DeviceView } from '../../src/core/deviceView.ts';
import type { PlayerAction } from '../../src/net/protocol.ts';

const base: DeviceView = {
  format: 1,
  phase: 'vote',
  lang: 'nl',
  teamName: 'Noord',
  clock: 0,
  me: { id: 'p1', name: 'Anna' },
  voteMode: 'dots',
  cardIndex: 0,
  cardCount: 2,
  card: null,
  timer: { kind: 'none' },
  checkIn: null,
  propose: null,
  ballot: {
    kind: 'card',
    candidates: [
      { id: 'p1', text: 'Vaste pauze', level: 'team' },
      { id: 'p2', text: 'Minder registratie', level: 'organisation' },
    ],
    dotsToPlace: 3,
    maxPerCandidate: 2,
    mine: {},
    done: false,
  },
  crowd: null,
  results: null,
  topThree: null,
  progress: { done: 1, of: 4 },
};

const seqd = (...actions: PlayerAction[]) => actions.map((action, i) => ({ seq: i + 1, action }));

describe('pending taps over a view', () => {
  it('shows dots placed and taken back, within the rules', () => {
    const v = withPending(base, seqd({ type: 'dot', proposalId: 'p1' }, { type: 'dot', proposalId: 'p1' }, { type: 'dot', proposalId: 'p1' }, { type: 'dot', proposalId: 'p2' }, { type: 'dot', proposalId: 'nope' }));
    expect(v.ballot?.mine).toEqual({ p1: 2, p2: 1 });
    const back = withPending(v, seqd({ type: 'undot', proposalId: 'p2' }, { type: 'undot', proposalId: 'p2' }));
    expect(back.ballot?.mine).toEqual({ p1: 2 });
    expect(base.ballot?.mine).toEqual({});
  });

  it('marks the vote done only with every dot placed', () => {
    expect(withPending(base, seqd({ type: 'dot', proposalId: 'p1' }, { type: 'voteDone' })).ballot?.done).toBe(false);
    const done = withPending(base, seqd({ type: 'dot', proposalId: 'p1' }, { type: 'dot', proposalId: 'p2' }, { type: 'dot', proposalId: 'p2' }, { type: 'voteDone' }));
    expect(done.ballot?.done).toBe(true);
    expect(withPending(done, seqd({ type: 'undot', proposalId: 'p1' })).ballot?.mine).toEqual({ p1: 1, p2: 2 });
  });

  it('shows a check-in pick once, a crowd score for the idea in hand', () => {
    const checkIn: DeviceView = { ...base, phase: 'check-in', ballot: null, checkIn: { cards: [{ id: 'c1', image: 'checkin/sunrise.svg', prompt: { nl: 'a', en: 'a' }, alt: { nl: 'a', en: 'a' } }], myPick: null } };
    expect(withPending(checkIn, seqd({ type: 'checkIn', cardId: 'c1' })).checkIn?.myPick).toBe('c1');
    expect(withPending(checkIn, seqd({ type: 'checkIn', cardId: 'zz' })).checkIn?.myPick).toBeNull();
    const crowd: DeviceView = { ...base, ballot: null, voteMode: 'crowd', crowd: { round: 1, rounds: 3, hand: { id: 'p2', text: 'x', level: 'team' }, myScore: null } };
    expect(withPending(crowd, seqd({ type: 'score', proposalId: 'p2', score: 4 })).crowd?.myScore).toBe(4);
    expect(withPending(crowd, seqd({ type: 'score', proposalId: 'p9', score: 4 })).crowd?.myScore).toBeNull();
  });

  it('lists a proposal as sending; in crowd mode one idea closes the form', () => {
    const propose: DeviceView = { ...base, phase: 'propose', ballot: null, propose: { activeTwist: null, mine: [], canPropose: true } };
    const v = withPending(propose, seqd({ type: 'propose', text: '  Rustig overdragen ', level: 'team' }));
    expect(v.propose?.mine).toEqual([{ id: `${SENDING_PREFIX}1`, text: 'Rustig overdragen', level: 'team' }]);
    expect(v.propose?.canPropose).toBe(true);
    const crowd = withPending({ ...propose, voteMode: 'crowd' }, seqd({ type: 'propose', text: 'Groot idee', level: 'organisation' }));
    expect(crowd.propose?.canPropose).toBe(false);
    // already in the view (its ack was lost): not shown twice
    const known = withPending({ ...propose, propose: { activeTwist: null, mine: [{ id: 'p9', text: 'Rustig overdragen', level: 'team' }], canPropose: true } }, seqd({ type: 'propose', text: 'Rustig overdragen', level: 'team' }));
    expect(known.propose?.mine).toHaveLength(1);
  });

  it('accepts a device view and refuses anything else', () => {
    expect(isDeviceView(base)).toBe(true);
    for (const bad of [null, 1, 'x', {}, { ...base, format: 2 }, { ...base, lang: 'de' }, { ...base, timer: null }]) expect(isDeviceView(bad)).toBe(false);
  });
});
