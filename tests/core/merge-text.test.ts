/** A merged proposal on one line (a stage note, a phone, an announcement): every text, its own first. */
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src/core/events.ts';
import { screenView } from '../../src/core/view.ts';
import { deviceView } from '../../src/core/deviceView.ts';
import { MERGED_TEXTS_SEPARATOR, oneLine } from '../../src/core/proposal.ts';
import { makeSession } from './fixtures.ts';
import { advance, send, start } from './play.ts';

const propose = (text: string, by?: string): SessionEvent => ({ type: 'player.propose', text, level: 'team', ...(by ? { by } : {}) });
const merge = (sourceId: string, targetId: string): SessionEvent => ({ type: 'facilitator.merge', sourceId, targetId });

describe('a proposal on one line', () => {
  const proposing = () => send(start(makeSession({ checkIn: false })), advance(), advance(), propose('Stop the double report'), propose('No more reporting twice'), propose('Pause'));

  it('reads as all its texts once merged, and as its own text otherwise', () => {
    const before = screenView(proposing().context, 'propose').proposals;
    expect(before.map(oneLine)).toEqual(['Stop the double report', 'No more reporting twice', 'Pause']);
    const merged = screenView(send(proposing(), merge('p2', 'p1'), merge('p3', 'p1')).context, 'propose').proposals;
    expect(merged.map(oneLine)).toEqual([['Stop the double report', 'No more reporting twice', 'Pause'].join(MERGED_TEXTS_SEPARATOR)]);
  });

  it('takes a phone\'s idea without texts (nothing merged) as its text', () => {
    let s = start(makeSession({ playMode: 'devices', players: [], checkIn: false }));
    for (const id of ['sA', 'sB', 'sC']) s = send(s, { type: 'player.join', playerId: id, name: id });
    s = send(s, advance(), advance(), advance(), propose('Alone', 'sA'), propose('First', 'sB'), propose('Second', 'sC'), merge('p3', 'p2'));
    const mine = (seat: string) => deviceView(s.context, 'propose', seat, 0).propose?.mine.map(oneLine);
    expect(mine('sA')).toEqual(['Alone']);
    expect(mine('sB')).toEqual(['First / Second']);
    expect(oneLine({ text: 'Own', texts: [] })).toBe('Own');
  });
});
