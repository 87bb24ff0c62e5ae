import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { sessionMachine } from '../../src/core/machine.ts';
import { screenView } from '../../src/core/view.ts';
import { makeSession } from './fixtures.ts';
import { advance, everyoneVotes, phase, send, start, undo } from './play.ts';

const propose = (text: string) => ({ type: 'player.propose', text, level: 'team' }) as const;

describe('round machine', () => {
  it('plays a whole session from check-in to summary', () => {
    let s = start(makeSession());
    expect(phase(s)).toBe('check-in');
    for (let i = 0; i < 4; i++) s = send(s, { type: 'player.checkIn', cardId: `checkin-${i + 1}` });
    expect(s.context.checkInPicks).toHaveLength(4);
    expect(send(s, { type: 'player.checkIn', cardId: 'checkin-1' }).context.checkInPicks).toHaveLength(4);
    s = send(s, advance());
    for (let card = 0; card < 2; card++) {
      expect(phase(s)).toBe('reveal');
      s = send(s, advance(), advance());
      expect(phase(s)).toBe('propose');
      s = send(s, propose(`idea ${card}a`), propose(`idea ${card}b`), propose(`idea ${card}c`), advance());
      expect(phase(s)).toBe('vote');
      s = everyoneVotes(s);
      expect(phase(s)).toBe('results');
      s = send(s, advance());
    }
    // Both cards gave 8, 4 and 0 dots: the two 4s tie for third place, so the team holds a run-off.
    expect(phase(s)).toBe('run-off');
    s = everyoneVotes(s);
    expect(phase(s)).toBe('top-three');
    const view = screenView(s.context, 'top-three');
    expect(view.topThree).toHaveLength(3);
    s = send(s, { type: 'team.sharpen', proposalId: view.topThree![0]!.id, field: 'ask', text: 'Budget' }, advance());
    expect(phase(s)).toBe('summary');
    expect(s.context.sharpened[view.topThree![0]!.id]?.ask).toBe('Budget');
  });

  it('skips the check-in when setup turned it off', () => {
    expect(phase(start(makeSession({ checkIn: false })))).toBe('reveal');
  });

  it('refuses an empty proposal and keeps the others', () => {
    let s = send(start(makeSession({ checkIn: false })), advance(), advance(), propose('keep me'));
    s = send(s, propose('   '));
    expect(s.context.proposals.map((p) => p.text)).toEqual(['keep me']);
  });

  it('hides a proposal from the vote and restores it, deleting nothing', () => {
    let s = send(start(makeSession({ checkIn: false })), advance(), advance(), propose('hurtful'), propose('fine'));
    s = send(s, { type: 'facilitator.hide', proposalId: 'p1' }, advance());
    expect(s.context.rounds[0]?.vote?.candidates).toEqual(['p2']);
    s = send(s, undo(), { type: 'facilitator.restore', proposalId: 'p1' }, advance());
    expect(s.context.rounds[0]?.vote?.candidates).toEqual(['p1', 'p2']);
    expect(s.context.proposals).toHaveLength(2);
  });

  it('keeps the vote hidden: the view shows only the current voter their own dots', () => {
    let s = send(start(makeSession({ checkIn: false })), advance(), advance(), propose('a'), propose('b'), advance());
    s = send(s, { type: 'player.dot', proposalId: 'p1' }, { type: 'player.dot', proposalId: 'p1' }, { type: 'player.dot', proposalId: 'p2' }, { type: 'player.voteDone' });
    const view = screenView(s.context, 'vote');
    expect(view.ballot?.voterNumber).toBe(2);
    expect(view.ballot?.mine).toEqual({});
    expect(view.results).toBeNull();
    expect(JSON.stringify(view)).not.toContain('"p1":2');
  });

  it('goes back one step without losing proposals, and not back into a revealed vote', () => {
    let s = send(start(makeSession({ checkIn: false })), advance(), advance(), propose('a'), propose('b'), advance());
    expect(phase(s)).toBe('vote');
    s = send(s, undo());
    expect(phase(s)).toBe('propose');
    expect(s.context.proposals).toHaveLength(2);
    s = everyoneVotes(send(s, advance()));
    expect(phase(s)).toBe('results');
    expect(phase(send(s, undo()))).toBe('results');
  });

  it('steps back from a card into the previous results and the check-in', () => {
    let s = send(start(makeSession()), advance());
    expect(phase(send(s, undo()))).toBe('check-in');
    s = send(s, advance(), advance(), advance());
    expect(phase(s)).toBe('results');
    s = send(s, advance());
    expect(s.context.cardIndex).toBe(1);
    s = send(s, undo());
    expect([phase(s), s.context.cardIndex]).toEqual(['results', 0]);
  });

  it('lets the facilitator skip the rest of a vote: finished ballots count', () => {
    let s = send(start(makeSession({ checkIn: false })), advance(), advance(), propose('a'), propose('b'), advance());
    s = send(s, { type: 'player.dot', proposalId: 'p1' }, { type: 'player.dot', proposalId: 'p2' }, { type: 'player.dot', proposalId: 'p2' }, { type: 'player.voteDone' });
    s = send(s, { type: 'player.dot', proposalId: 'p1' }, advance());
    expect(phase(s)).toBe('results');
    expect(screenView(s.context, 'results').results).toEqual({ p1: 1, p2: 2 });
  });

  it('holds a run-off for a tie on the boundary of the top three', () => {
    let s = send(start(makeSession({ checkIn: false, cardCount: 1, players: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }], dotsPerPlayer: 2, maxPerProposal: 1 })), advance(), advance());
    s = send(s, propose('w'), propose('x'), propose('y'), propose('z'), advance());
    // A: w, x; B: y, z  -> all four tied at 1 for three places
    s = send(s, { type: 'player.dot', proposalId: 'p1' }, { type: 'player.dot', proposalId: 'p2' }, { type: 'player.voteDone' });
    s = send(s, { type: 'player.dot', proposalId: 'p3' }, { type: 'player.dot', proposalId: 'p4' }, { type: 'player.voteDone' });
    s = send(s, advance());
    expect(phase(s)).toBe('run-off');
    const ballot = screenView(s.context, 'run-off').ballot;
    expect(ballot?.candidates).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(ballot?.dotsToPlace).toBe(3);
    s = send(s, ...['p1', 'p2', 'p3'].map((id) => ({ type: 'player.dot', proposalId: id }) as const), { type: 'player.voteDone' });
    s = send(s, ...['p1', 'p2', 'p4'].map((id) => ({ type: 'player.dot', proposalId: id }) as const), { type: 'player.voteDone' });
    // p1, p2 are in; p3 and p4 still tie for the last place: a second run-off.
    expect(phase(s)).toBe('run-off');
    expect(screenView(s.context, 'run-off').ballot?.candidates).toEqual(['p3', 'p4']);
    s = send(s, { type: 'player.dot', proposalId: 'p4' }, { type: 'player.voteDone' }, { type: 'player.dot', proposalId: 'p4' }, { type: 'player.voteDone' });
    expect(phase(s)).toBe('top-three');
    expect(screenView(s.context, 'top-three').topThree?.map((t) => t.id)).toEqual(['p1', 'p2', 'p4']);
  });

  it('ends early into the top three with what was voted so far', () => {
    let s = send(start(makeSession({ checkIn: false, cardCount: 3 })), advance(), advance(), propose('a'), advance());
    s = everyoneVotes(s);
    s = send(s, advance(), { type: 'facilitator.endEarly', at: 5 });
    expect(phase(s)).toBe('top-three');
    expect(s.context.endedEarly).toBe(true);
    expect(screenView(s.context, 'top-three').topThree?.map((t) => t.proposal.text)).toEqual(['a']);
  });

  it('ends early from the check-in straight to the top three', () => {
    const s = send(start(makeSession()), { type: 'facilitator.endEarly', at: 1 });
    expect(phase(s)).toBe('top-three');
    expect(s.context.endedEarly).toBe(true);
  });

  it('runs the step timer from the event clock: pause, resume, add time', () => {
    let s = send(start(makeSession({ checkIn: false })), advance(1000));
    expect(s.context.timer).toEqual({ kind: 'running', totalMs: 480_000, endsAt: 481_000 });
    s = send(s, { type: 'facilitator.pause', at: 61_000 });
    expect(s.context.timer).toEqual({ kind: 'paused', totalMs: 480_000, remainingMs: 420_000 });
    s = send(s, { type: 'facilitator.resume', at: 100_000 }, { type: 'facilitator.addTime', at: 100_000, seconds: 60 });
    expect(s.context.timer).toEqual({ kind: 'running', totalMs: 540_000, endsAt: 580_000 });
  });

  it('draws twist cards without repeats and marks proposals made under one as daring', () => {
    let s = send(start(makeSession({ checkIn: false })), advance(), advance(), { type: 'player.drawTwist' }, propose('bold'));
    s = send(s, { type: 'player.drawTwist' });
    const ids = s.context.rounds[0]!.twistIds;
    expect(new Set(ids).size).toBe(2);
    expect(s.context.proposals[0]?.twistId).toBe(ids[0]);
    s = send(s, { type: 'player.dismissTwist' }, propose('safe'));
    expect(s.context.proposals[1]?.twistId).toBeNull();
  });

  it('emits cues for sound: flip on a new card, drop on a dot', () => {
    const cues: string[] = [];
    const actor = createActor(sessionMachine, { input: makeSession({ checkIn: false }) });
    actor.on('*', (e) => cues.push(e.type));
    actor.start();
    actor.send(advance());
    actor.send(advance());
    actor.send({ type: 'player.propose', text: 'x', level: 'team' });
    actor.send(advance());
    actor.send({ type: 'player.dot', proposalId: 'p1' });
    expect(cues).toEqual(['cue.flip', 'cue.drop']);
    actor.stop();
  });

  it('lets the facilitator change the dots before the vote starts', () => {
    let s = send(start(makeSession({ checkIn: false })), advance(), advance(), { type: 'facilitator.setDots', dotsPerPlayer: 5, maxPerProposal: 3 });
    s = send(s, propose('a'), propose('b'), advance());
    expect(s.context.rounds[0]?.vote?.dotsPerVoter).toBe(5);
    expect(send(s, { type: 'facilitator.setDots', dotsPerPlayer: 1, maxPerProposal: 1 }).context.settings.dotsPerPlayer).toBe(5);
  });
});
