/**
 * The presenters turn a snapshot into what the top bar, the table and the summary file show. What the
 * facilitator may do is the machine's answer, step by step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { screenView } from '../../../src/core/view.ts';
import { initI18n } from '../../../src/i18n/index.ts';
import { presentTopbar } from '../../../src/game/topbarPresenter.ts';
import { tableLabels } from '../../../src/game/tableLabels.ts';
import { summaryFile } from '../../../src/game/summaryExport.ts';
import { makeSession } from '../../core/fixtures.ts';
import { type Snap, advance, everyoneVotes, phase, send, start } from '../../core/play.ts';

beforeAll(() => initI18n('en'));

const present = (snap: Snap) => presentTopbar(snap, screenView(snap.context, phase(snap)), 1000);

describe('the top bar presenter', () => {
  it('offers ending early in check-in and every card step, and nowhere after the cards', () => {
    let snap = start(makeSession({ cardCount: 1 }));
    const seen: Record<string, boolean> = {};
    for (let i = 0; i < 12 && phase(snap) !== 'summary'; i++) {
      seen[phase(snap)] = present(snap).canEndEarly;
      if (phase(snap) === 'propose') snap = send(snap, { type: 'player.propose', text: 'Idee', level: 'team' });
      snap = phase(snap) === 'vote' ? everyoneVotes(snap) : send(snap, advance());
    }
    seen[phase(snap)] = present(snap).canEndEarly;
    expect(seen).toEqual({ 'check-in': true, reveal: true, discuss: true, propose: true, vote: true, results: true, 'top-three': false, summary: false });
  });

  it('counts cards in the card steps and names the team elsewhere, and follows the machine on undo', () => {
    let snap = start(makeSession({ cardCount: 2, teamName: 'Noord' }));
    expect(present(snap)).toMatchObject({ phase: 'check-in', progress: 'Noord', canAdvance: true, canUndo: false, timer: 'none' });
    snap = send(snap, advance());
    expect(present(snap)).toMatchObject({ phase: 'reveal', progress: 'Scenario 1 of 2', canUndo: true });
  });
});

describe('the table labels', () => {
  it('mark the progress line and the lobby heading', () => {
    let snap = start(makeSession({ cardCount: 2 }));
    snap = send(snap, advance());
    const labels = tableLabels(screenView(snap.context, phase(snap)), { checkIn: true, room: null, now: 1000 });
    expect(labels.progress.map((s) => s.state)).toEqual(['done', 'now', 'next', 'next']);
    expect(labels.dotsWord(2)).toBe('2 dots');
    const lobby = start(makeSession({ playMode: 'devices', players: [] }));
    const room = tableLabels(screenView(lobby.context, phase(lobby)), { checkIn: true, room: { code: 'ABC234', joinUrl: 'http://x/?join=ABC234' }, now: 0 });
    expect(room.heading).toContain('ABC234');
    expect(room.progress.every((s) => s.state === 'next')).toBe(true);
  });
});

describe('the summary file', () => {
  it('is named after the team and the date', () => {
    const file = summaryFile(makeSession({ teamName: 'Team Zuid / 3' }), '2026-12-02');
    expect(file.name).toBe('ruimte-Team-Zuid-3-2026-12-02.md');
    expect(file.text).toContain('Team Zuid / 3');
  });
});
