import { describe, expect, it } from 'vitest';
import { makeSession } from './fixtures.ts';
import { advance, phase, send, start, type Snap } from './play.ts';
import { deviceView, deviceViews } from '../../src/core/deviceView.ts';
import { screenView } from '../../src/core/view.ts';
import { crowdRounds, dealHands } from '../../src/core/crowd.ts';
import type { SessionEvent } from '../../src/core/events.ts';
import { parseSave, wrapSave } from '../../src/core/save.ts';

const onDevices = (voteMode: 'dots' | 'crowd' = 'dots', checkIn = true) =>
  start(makeSession({ playMode: 'devices', voteMode, players: [], checkIn }));

const join = (...ids: string[]): SessionEvent[] => ids.map((id) => ({ type: 'player.join', playerId: id, name: `Name ${id}` }));
const propose = (by: string, text = `idea of ${by}`): SessionEvent => ({ type: 'player.propose', text, level: 'team', by });

/** Lobby with three seats, through check-in, to the propose step of card 1. */
function toPropose(voteMode: 'dots' | 'crowd' = 'dots'): Snap {
  let s = send(onDevices(voteMode), ...join('sA', 'sB', 'sC'), advance());
  for (const by of ['sA', 'sB', 'sC']) s = send(s, { type: 'player.checkIn', cardId: 'checkin-1', by });
  return send(s, advance(), advance(), advance());
}

describe('playing on devices', () => {
  it('starts in a lobby that waits for at least two players', () => {
    let s = onDevices();
    expect(phase(s)).toBe('lobby');
    s = send(s, ...join('sA'), advance());
    expect(phase(s)).toBe('lobby');
    s = send(s, ...join('sB'), advance());
    expect(phase(s)).toBe('check-in');
    expect(s.context.settings.players.map((p) => p.id)).toEqual(['sA', 'sB']);
  });

  it('refuses joins on one screen, a seat twice, and a thirteenth player', () => {
    const one = start(makeSession());
    expect(send(one, ...join('sZ')).context.settings.players).toHaveLength(4);
    let s = send(onDevices(), ...join('sA', 'sA'));
    expect(s.context.settings.players).toHaveLength(1);
    s = send(s, ...join(...Array.from({ length: 14 }, (_, i) => `sX${i}`)));
    expect(s.context.settings.players).toHaveLength(12);
  });

  it('lets every seat check in once, in any order, and counts who is done without telling what they picked', () => {
    let s = send(onDevices(), ...join('sA', 'sB', 'sC'), advance());
    s = send(s, { type: 'player.checkIn', cardId: 'checkin-2', by: 'sC' }, { type: 'player.checkIn', cardId: 'checkin-3', by: 'sC' });
    expect(s.context.checkInPicks).toEqual(['checkin-2']);
    expect(send(s, { type: 'player.checkIn', cardId: 'checkin-1' }).context.checkInPicks).toHaveLength(1);
    const view = screenView(s.context, phase(s));
    expect(view.progress?.done.map((p) => p.id)).toEqual(['sC']);
    expect(deviceView(s.context, phase(s), 'sC', 0).checkIn?.myPick).toBe('checkin-2');
    expect(deviceView(s.context, phase(s), 'sA', 0).checkIn?.myPick).toBeNull();
  });

  it('keeps authors off the shared screen and off other devices', () => {
    const s = send(toPropose(), propose('sA', 'Self-rostering'), propose('sB', 'No meetings on Friday'));
    const shared = JSON.stringify(screenView(s.context, phase(s)));
    expect(shared).toContain('Self-rostering');
    expect(shared).not.toContain('"by"');
    const views = deviceViews(s.context, phase(s), 0);
    expect(views.sA?.propose?.mine.map((p) => p.text)).toEqual(['Self-rostering']);
    expect(views.sB?.propose?.mine.map((p) => p.text)).toEqual(['No meetings on Friday']);
    expect(views.sC?.propose?.mine).toEqual([]);
    expect(JSON.stringify(views.sC)).not.toMatch(/"sA"/);
    expect(JSON.stringify(views.sC)).not.toContain('"by"');
  });

  it('takes the votes of everyone at once, keeps each ballot on its own device, and reveals when all are in', () => {
    let s = send(toPropose(), propose('sA'), propose('sB'), propose('sC'), advance());
    expect(phase(s)).toBe('vote');
    const [p1, p2] = s.context.rounds[0]?.vote?.candidates ?? [];
    s = send(s, { type: 'player.dot', proposalId: p1 as string, by: 'sB' }, { type: 'player.dot', proposalId: p2 as string, by: 'sA' });
    // Without a seat there is no vote on devices.
    expect(send(s, { type: 'player.dot', proposalId: p1 as string })).toBe(s);
    expect(screenView(s.context, phase(s)).ballot).toBeNull();
    expect(deviceView(s.context, phase(s), 'sA', 0).ballot?.mine).toEqual({ [p2 as string]: 1 });
    expect(deviceView(s.context, phase(s), 'sB', 0).ballot?.mine).toEqual({ [p1 as string]: 1 });
    expect(JSON.stringify(deviceView(s.context, phase(s), 'sC', 0))).not.toContain('"mine":{"p');
    for (const by of ['sA', 'sB', 'sC']) {
      for (let i = 0; i < 3; i++) s = send(s, { type: 'player.dot', proposalId: p1 as string, by }, { type: 'player.dot', proposalId: p2 as string, by });
    }
    s = send(s, { type: 'player.voteDone', by: 'sA' }, { type: 'player.voteDone', by: 'sB' });
    expect(phase(s)).toBe('vote');
    expect(screenView(s.context, phase(s)).progress?.waiting.map((p) => p.id)).toEqual(['sC']);
    expect(deviceView(s.context, phase(s), 'sA', 0).ballot?.done).toBe(true);
    s = send(s, { type: 'player.voteDone', by: 'sC' });
    expect(phase(s)).toBe('results');
    expect(Object.values(screenView(s.context, phase(s)).results ?? {}).reduce((a, b) => a + b, 0)).toBe(9);
  });

  it('finishes a vote when a player who has not voted is removed', () => {
    let s = send(toPropose(), propose('sA'), advance());
    const [p1] = s.context.rounds[0]?.vote?.candidates ?? [];
    for (const by of ['sA', 'sB']) s = send(s, { type: 'player.dot', proposalId: p1 as string, by }, { type: 'player.dot', proposalId: p1 as string, by }, { type: 'player.voteDone', by });
    expect(phase(s)).toBe('vote');
    s = send(s, { type: 'facilitator.removePlayer', playerId: 'sC' });
    expect(phase(s)).toBe('results');
  });

  it('survives a save and restore in the middle of a vote on devices', () => {
    let s = send(toPropose(), propose('sA'), propose('sB'), advance());
    const [p1] = s.context.rounds[0]?.vote?.candidates ?? [];
    s = send(s, { type: 'player.dot', proposalId: p1 as string, by: 'sA' });
    const parsed = parseSave(JSON.stringify(wrapSave({ value: s.value, context: s.context, status: 'active', children: {} } as never, 1)));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.snapshot.context.rounds[0]?.vote?.drafts).toEqual({ sA: { [p1 as string]: 1 } });
  });
});

describe('25/10 crowd sourcing', () => {
  it('allows one bold idea per player per card', () => {
    const s = send(toPropose('crowd'), propose('sA', 'first'), propose('sA', 'second'));
    expect(s.context.proposals.map((p) => p.text)).toEqual(['first']);
  });

  it('never deals a player their own idea', () => {
    const ideas = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => ({ id: `p-${x}`, by: `s${x}` }));
    const players = ideas.map((i) => i.by);
    for (let seed = 1; seed < 40; seed++) {
      const hands = dealHands(ideas, players, {}, seed, seed % 5);
      for (const [player, ideaId] of Object.entries(hands)) expect(ideas.find((i) => i.id === ideaId)?.by).not.toBe(player);
      expect(Object.keys(hands)).toHaveLength(6);
    }
  });

  it('plays fewer rounds in a small team', () => {
    expect(crowdRounds(12, 12)).toBe(5);
    expect(crowdRounds(3, 3)).toBe(2);
    expect(crowdRounds(1, 4)).toBe(1);
  });

  it('scores rounds of ideas in hand and ranks the ideas by their sum', () => {
    let s = send(toPropose('crowd'), propose('sA', 'A idea'), propose('sB', 'B idea'), propose('sC', 'C idea'), advance());
    expect(phase(s)).toBe('vote');
    const rounds = s.context.rounds[0]?.crowd?.rounds ?? 0;
    expect(rounds).toBe(2);
    for (let r = 0; r < rounds; r++) {
      expect(screenView(s.context, phase(s)).crowd).toEqual({ round: r + 1, rounds });
      for (const by of ['sA', 'sB', 'sC']) {
        const view = deviceView(s.context, phase(s), by, 0);
        const hand = view.crowd?.hand;
        expect(hand).toBeTruthy();
        expect(hand?.text).not.toBe(`${by.slice(1)} idea`);
        const score = hand?.text === 'A idea' ? 5 : 1;
        s = send(s, { type: 'player.score', proposalId: hand?.id as string, score, by });
      }
    }
    expect(phase(s)).toBe('results');
    const results = deviceView(s.context, phase(s), 'sA', 0).results ?? [];
    expect(results[0]?.text).toBe('A idea');
    expect(results[0]?.points).toBe(10);
  });

  it('refuses a score for an idea not in hand, or out of 1–5', () => {
    const s = send(toPropose('crowd'), propose('sA'), propose('sB'), advance());
    const hand = s.context.rounds[0]?.crowd?.hands.sC as string;
    const other = s.context.proposals.find((p) => p.id !== hand)?.id as string;
    expect(send(s, { type: 'player.score', proposalId: other, score: 3, by: 'sC' })).toBe(s);
    expect(send(s, { type: 'player.score', proposalId: hand, score: 6, by: 'sC' })).toBe(s);
    expect(send(s, { type: 'player.score', proposalId: hand, score: 4, by: 'sC' })).not.toBe(s);
  });
});
