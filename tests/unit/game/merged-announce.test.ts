/** A screen reader hears a merged proposal with all its texts when the results and the top three appear. */
import { beforeAll, describe, expect, it } from 'vitest';
import { screenView } from '../../../src/core/view.ts';
import { initI18n } from '../../../src/i18n/index.ts';
import { stepAnnouncement } from '../../../src/game/announcements.ts';
import { makeSession } from '../../core/fixtures.ts';
import { advance, everyoneVotes, phase, send, start } from '../../core/play.ts';

beforeAll(() => initI18n('en'));

describe('the announcement of a merged proposal', () => {
  it('names both texts in the results and in the top three', () => {
    let s = send(start(makeSession({ checkIn: false, cardCount: 1 })), advance(), advance());
    s = send(s, { type: 'player.propose', text: 'Stop the double report', level: 'team' }, { type: 'player.propose', text: 'No more reporting twice', level: 'team' });
    s = everyoneVotes(send(s, { type: 'facilitator.merge', sourceId: 'p2', targetId: 'p1' }, advance()));
    expect(phase(s)).toBe('results');
    expect(stepAnnouncement(screenView(s.context, 'results'), 'en')).toContain('Stop the double report / No more reporting twice: ');
    s = send(s, advance());
    expect(phase(s)).toBe('top-three');
    expect(stepAnnouncement(screenView(s.context, 'top-three'), 'en')).toContain('1. Stop the double report / No more reporting twice');
  });
});
