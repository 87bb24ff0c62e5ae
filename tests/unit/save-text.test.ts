/**
 * A save after every step reuses the text of what did not change: what is stored must still be, to the
 * character, what `JSON.stringify` makes of the session, at every step of a whole session, so a reload
 * restores exactly the session that was played.
 */
import { describe, expect, it } from 'vitest';
import { stringifyReusing } from '../../src/storage/stringify.ts';
import { sessionText } from '../../src/ui/storage.ts';
import { parseSave, wrapSave, type SavedSession } from '../../src/core/save.ts';
import { sessionMachine } from '../../src/core/machine.ts';
import { type Snap, advance, everyoneVotes, phase, send, start, undo } from '../core/play.ts';
import { makeSession } from '../core/fixtures.ts';

const persisted = (snap: Snap) => sessionMachine.getPersistedSnapshot(snap) as unknown as SavedSession['snapshot'];

describe('the saved text', () => {
  it('is JSON.stringify of the session after every step of a whole session, and restores that session', () => {
    let snap = start(makeSession({ cardCount: 2 }));
    const steps: Snap[] = [snap];
    const step = (...events: Parameters<typeof send>[1][]) => steps.push((snap = send(snap, ...events)));
    for (let i = 0; i < 4; i++) step({ type: 'player.checkIn', cardId: snap.context.checkInCards[i % 4]!.id });
    for (let card = 0; card < 2; card++) {
      step(advance());
      step(advance());
      step(advance());
      for (const text of ['Een schrijfdag', 'Rooster zelf maken', 'Rooster zelf maken, echt', 'Intervisie']) step({ type: 'player.propose', text, level: 'team' });
      const ids = snap.context.proposals.filter((p) => p.cardIndex === card).map((p) => p.id);
      step({ type: 'player.drawTwist' });
      step({ type: 'facilitator.hide', proposalId: ids[3]! });
      step({ type: 'facilitator.restore', proposalId: ids[3]! });
      step({ type: 'facilitator.merge', sourceId: ids[2]!, targetId: ids[1]! });
      step({ type: 'facilitator.unmerge', proposalId: ids[2]! });
      step({ type: 'facilitator.merge', sourceId: ids[2]!, targetId: ids[1]! });
      step(undo());
      for (let guard = 0; guard < 3 && phase(snap) !== 'vote'; guard++) step(advance());
      expect(phase(snap)).toBe('vote');
      steps.push((snap = everyoneVotes(snap)));
    }
    for (let guard = 0; guard < 10 && phase(snap) !== 'summary'; guard++) {
      if (phase(snap) === 'run-off') steps.push((snap = everyoneVotes(snap)));
      else if (phase(snap) === 'top-three') step({ type: 'team.sharpen', proposalId: snap.context.proposals[0]!.id, field: 'ask', text: 'Twee uur per week' }, advance());
      else step(advance());
    }
    expect(phase(snap)).toBe('summary');
    steps.forEach((s, i) => {
      const save = wrapSave(persisted(s), 1000 + i);
      const text = sessionText(save);
      expect(text).toBe(JSON.stringify(save));
      const back = parseSave(text);
      expect(back.ok && back.value.snapshot.context).toEqual(s.context);
    });
  });

  it('writes what JSON.stringify writes for odd values too', () => {
    const shared = { a: [1, 'two', null], b: { c: true } };
    const odd = {
      undef: undefined,
      fn: () => 1,
      list: [undefined, () => 2, Number.NaN, Infinity, -0, 'ü "quoted" \n', shared],
      date: new Date(0),
      nested: { deeper: { deepest: { deeper: { deepest: { bottom: [shared, { x: 1 }] } } } } },
      again: shared,
      '2': 'integer key',
      emoji: '🙂',
    };
    expect(stringifyReusing(odd)).toBe(JSON.stringify(odd));
    expect(stringifyReusing(odd)).toBe(JSON.stringify(odd));
    expect(stringifyReusing([shared, shared])).toBe(JSON.stringify([shared, shared]));
  });
});
