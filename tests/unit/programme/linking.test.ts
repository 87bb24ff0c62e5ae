/** Which round a played session belongs to: the pending link, a waiting round of the same team, or a new programme. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wrapSave } from '../../../src/core/save.ts';
import type { SessionContext } from '../../../src/core/session.ts';
import { type History, emptyHistory, newProgramme, putProgramme, updateRound } from '../../../src/programme/core/history.ts';
import { findPlace, moveSession, placeForVisit } from '../../../src/programme/linking.ts';
import { setPending } from '../../../src/programme/store.ts';
import { setDeviceStore } from '../../../src/storage/index.ts';
import { makeSession } from '../../core/fixtures.ts';
import { advance, everyoneVotes, send, start } from '../../core/play.ts';

class MemoryStorage {
  private data = new Map<string, string>();
  get length() {
    return this.data.size;
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, String(v));
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
  clear() {
    this.data.clear();
  }
}

function played(id: string, team: string, createdAt: number): SessionContext {
  let snap = start({ ...makeSession({ cardCount: 1, checkIn: false, teamName: team }), id, createdAt });
  snap = send(snap, advance(), advance());
  for (const text of ['Een', 'Twee', 'Drie']) snap = send(snap, { type: 'player.propose', text, level: 'team' });
  snap = send(snap, advance());
  snap = everyoneVotes(snap);
  snap = send(snap, advance());
  snap = everyoneVotes(snap);
  const save = wrapSave({ value: 'summary', context: snap.context, status: 'active', children: {}, historyValue: {} }, createdAt + 1000);
  localStorage.setItem(`ruimte.session.${id}`, JSON.stringify(save));
  return snap.context;
}


beforeEach(() => {
  (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
  // The device's store binds to the storage it finds first: each test starts from its own.
  setDeviceStore(null);
});
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
  setDeviceStore(null);
});

describe('placing a session for the visit', () => {
  it('follows the pending link from "Play the game"', () => {
    const p = newProgramme('p1', 'Noord', 3, 0)!;
    const other = newProgramme('p2', 'Zuid', 3, 0)!;
    let h: History = putProgramme(putProgramme(emptyHistory(0), p, 1), other, 1);
    setPending({ programmeId: 'p2', round: 1, at: 5000 });
    played('s1', 'Iets anders', 6000);
    const placed = placeForVisit(h, 's1', 7000)!;
    expect(placed.place).toEqual({ programmeId: 'p2', round: 1 });
    expect(placed.created).toBe(false);
    h = placed.history;
    const round = h.programmes.find((x) => x.id === 'p2')!.rounds[0]!;
    expect(round.sessionId).toBe('s1');
    expect(round.items.length).toBeGreaterThan(0);
    // Asked again: the same place, nothing new.
    expect(placeForVisit(h, 's1', 8000)?.history).toBe(h);
  });

  it('joins the one waiting round of the same team, else starts a new programme', () => {
    const h = putProgramme(emptyHistory(0), newProgramme('p1', 'Noord', 3, 0)!, 1);
    played('s1', ' noord ', 6000);
    expect(placeForVisit(h, 's1', 7000)?.place).toEqual({ programmeId: 'p1', round: 1 });
    played('s2', 'West', 6000);
    const placed = placeForVisit(h, 's2', 7000)!;
    expect(placed.created).toBe(true);
    expect(placed.history.programmes).toHaveLength(2);
    expect(placed.history.programmes.find((p) => p.id === placed.place.programmeId)?.teamName).toBe('West');
  });

  it('gives null for a session that is not on the device', () => {
    expect(placeForVisit(emptyHistory(0), 'nope', 1)).toBeNull();
  });

  it('moves a session with its answers to another round, folding away a programme made only for it', () => {
    let h = putProgramme(emptyHistory(0), newProgramme('p1', 'Noord', 3, 0)!, 1);
    played('s1', 'West', 6000);
    const placed = placeForVisit(h, 's1', 7000)!;
    h = placed.history;
    const made = h.programmes.find((p) => p.id === placed.place.programmeId)!;
    const answered = updateRound(made, 1, (r) => ({ ...r, items: r.items.map((i) => ({ ...i, visit: { ...i.visit, decision: 'now' as const } })) }));
    h = putProgramme(h, answered, 8000);
    const moved = moveSession(h, 's1', { programmeId: 'p1', round: 1 }, 9000)!;
    expect(moved.history.programmes.map((p) => p.id)).toEqual(['p1']);
    expect(findPlace(moved.history, 's1')).toEqual({ programmeId: 'p1', round: 1 });
    expect(moved.history.programmes[0]!.rounds[0]!.items.every((i) => i.visit.decision === 'now')).toBe(true);
  });
});
