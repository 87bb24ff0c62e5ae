/** Rules that live once in the core and that every view reads: the limit, the level symbols, the ranking, the dot limits. */
import { describe, expect, it } from 'vitest';
import { makeSession } from './fixtures.ts';
import { advance, everyoneVotes, phase, send, start, type Snap } from './play.ts';
import { MAX_PROPOSAL_LENGTH } from '../../src/core/limits.ts';
import { MAX_PROPOSAL_LENGTH as FROM_SESSION, checkProposal } from '../../src/core/session.ts';
import { LEVEL_SYMBOLS, levelBadge } from '../../src/core/levels.ts';
import { LEVELS } from '../../src/core/types.ts';
import { rankAll } from '../../src/core/ranking.ts';
import { screenView } from '../../src/core/view.ts';
import { deviceView } from '../../src/core/deviceView.ts';
import { hasRoomForDot, isBallotFilled } from '../../src/core/vote.ts';
import { playerActionSchema } from '../../src/net/protocol.ts';
import { withPending } from '../../src/device/optimistic.ts';
import type { DeviceView } from '../../src/core/deviceView.ts';
import * as v from 'valibot';

describe('the proposal length limit', () => {
  it('is one number, used by the rules and by the room protocol', () => {
    expect(FROM_SESSION).toBe(MAX_PROPOSAL_LENGTH);
    expect(checkProposal('x'.repeat(MAX_PROPOSAL_LENGTH), 'team')).toBeNull();
    expect(checkProposal('x'.repeat(MAX_PROPOSAL_LENGTH + 1), 'team')).toBe('too-long');
    expect(v.safeParse(playerActionSchema, { type: 'propose', text: 'x'.repeat(MAX_PROPOSAL_LENGTH), level: 'team' }).success).toBe(true);
    expect(v.safeParse(playerActionSchema, { type: 'propose', text: 'x'.repeat(MAX_PROPOSAL_LENGTH + 1), level: 'team' }).success).toBe(false);
  });
});

describe('level badges', () => {
  it('give every IGLO level its own symbol and its name key', () => {
    const symbols = LEVELS.map((l) => levelBadge(l).symbol);
    expect(new Set(symbols).size).toBe(LEVELS.length);
    expect(levelBadge('manager')).toEqual({ level: 'manager', symbol: LEVEL_SYMBOLS.manager, labelKey: 'level.manager' });
  });
});

describe('rankAll', () => {
  it('puts most dots first, keeps the order of entry among equals, and lets equals share a rank', () => {
    expect(rankAll(['a', 'b', 'c', 'd'], { a: 1, b: 3, c: 1, d: 0 })).toEqual([
      { id: 'b', dots: 3, rank: 1 },
      { id: 'a', dots: 1, rank: 2 },
      { id: 'c', dots: 1, rank: 2 },
      { id: 'd', dots: 0, rank: 4 },
    ]);
  });
  it('counts a missing entry as no dots', () => {
    expect(rankAll(['a', 'b'], { b: 2 }).map((r) => [r.id, r.dots])).toEqual([['b', 2], ['a', 0]]);
  });
});

function toResults(): Snap {
  let s = send(start(makeSession({ checkIn: false, players: [{ id: 's1', name: null }, { id: 's2', name: null }] })), advance(), advance());
  for (const text of ['first', 'second', 'third']) s = send(s, { type: 'player.propose', text, level: 'team' });
  s = send(s, { type: 'facilitator.hide', proposalId: 'p1' }, advance());
  // Both voters: two dots on "third", one on "second".
  for (let i = 0; i < 2; i++) s = send(s, { type: 'player.dot', proposalId: 'p3' }, { type: 'player.dot', proposalId: 'p3' }, { type: 'player.dot', proposalId: 'p2' }, { type: 'player.voteDone' });
  return s;
}

describe('ranked results in the views', () => {
  it('come with the shared screen view: shown proposals only, most dots first, no ranking before the reveal', () => {
    const s = toResults();
    expect(phase(s)).toBe('results');
    const view = screenView(s.context, 'results');
    expect(view.ranked?.map((r) => [r.proposal.text, r.dots, r.rank])).toEqual([['third', 4, 1], ['second', 2, 2]]);
    let voting = send(start(makeSession({ checkIn: false })), advance(), advance(), { type: 'player.propose', text: 'one', level: 'team' }, advance());
    voting = send(voting, { type: 'player.dot', proposalId: 'p1' });
    expect(phase(voting)).toBe('vote');
    expect(screenView(voting.context, 'vote').ranked).toBeNull();
  });

  it('give the summary each card in rank order by the session dots', () => {
    let s = toResults();
    s = send(s, advance(), advance(), advance(), { type: 'player.propose', text: 'card two', level: 'team' }, advance());
    s = everyoneVotes(s);
    const view = screenView(s.context, phase(s));
    expect(view.rankedByCard).toHaveLength(2);
    expect(view.rankedByCard[0]?.map((r) => r.proposal.text)).toEqual(['third', 'second']);
    expect(view.rankedByCard[1]?.map((r) => r.proposal.text)).toEqual(['card two']);
  });

  it('are what a device shows as results, in the same order', () => {
    const s = toResults();
    const shared = screenView(s.context, 'results');
    const device = deviceView(s.context, 'results', null, 0, shared);
    expect(device.results?.map((r) => [r.id, r.points])).toEqual(shared.ranked?.map((r) => [r.id, r.dots]));
  });
});

describe('the dot limits', () => {
  it('allow a dot only below the per-proposal maximum and the ballot size', () => {
    expect(hasRoomForDot({}, 'a', 2, 3)).toBe(true);
    expect(hasRoomForDot({ a: 2 }, 'a', 2, 3)).toBe(false);
    expect(hasRoomForDot({ a: 2, b: 1 }, 'c', 2, 3)).toBe(false);
    expect(isBallotFilled({ a: 2, b: 1 }, 3)).toBe(true);
    expect(isBallotFilled({ a: 2 }, 3)).toBe(false);
  });

  it('are the same on the phone before the shared screen answers', () => {
    const view = {
      format: 1,
      phase: 'vote',
      ballot: { kind: 'card', candidates: [{ id: 'a', text: 'A', level: 'team' }, { id: 'b', text: 'B', level: 'team' }], dotsToPlace: 3, maxPerCandidate: 2, mine: {}, done: false },
    } as unknown as DeviceView;
    const dot = (seq: number, proposalId: string) => ({ seq, action: { type: 'dot' as const, proposalId } });
    const after = withPending(view, [dot(1, 'a'), dot(2, 'a'), dot(3, 'a'), dot(4, 'b'), dot(5, 'b'), { seq: 6, action: { type: 'voteDone' } }]);
    expect(after.ballot?.mine).toEqual({ a: 2, b: 1 });
    expect(after.ballot?.done).toBe(true);
  });
});
