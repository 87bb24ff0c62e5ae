/**
 * Sessions, drafts and preferences on this device go through the device's store under the keys they always
 * had: existing saves still load, and a damaged save is listed as damaged with its raw text for download.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type KeyValueStore, memoryStore, setDeviceStore } from '../../src/storage/index.ts';
import { listSessions, loadDrafts, loadPrefs, loadSession, removeSession, storeDrafts, storePrefs, storeSession } from '../../src/ui/storage.ts';
import { wrapSave } from '../../src/core/save.ts';
import { loadRoom, storeRoom } from '../../src/game/roomLink.ts';
import { start } from '../core/play.ts';
import { makeSession } from '../core/fixtures.ts';

let store: KeyValueStore;
beforeEach(() => {
  store = memoryStore();
  setDeviceStore(store);
});
afterEach(() => setDeviceStore(null));

function saved(id: string, savedAt: number) {
  const snap = start({ ...makeSession({ cardCount: 1, checkIn: false }), id });
  return wrapSave({ value: { card: 'reveal' }, context: snap.context, status: 'active', children: {}, historyValue: {} } as never, savedAt);
}

describe('sessions on this device', () => {
  it('reads a save stored under ruimte.session.<id>, newest first, and a damaged one with its raw text', () => {
    store.writeRaw('ruimte.session.old', JSON.stringify(saved('old', 1000)));
    expect(storeSession('new', saved('new', 2000))).toBe(true);
    const broken = '{"app":"ruimte-session","format":1,"snapshot":{"value":"nowhere"';
    store.writeRaw('ruimte.session.broken', broken);
    store.writeRaw('ruimte.prefs', '{"muted":true}');
    const list = listSessions();
    expect(list.map((e) => e.id)).toEqual(['broken', 'new', 'old']);
    expect(list[0]!.parsed.ok).toBe(false);
    expect(list[0]!.raw).toBe(broken);
    expect(loadSession('old')?.parsed.ok).toBe(true);
    expect(loadSession('missing')).toBeNull();
    removeSession('old');
    expect(store.readRaw('ruimte.session.old')).toBeNull();
  });

  it('reports a save the device refused', () => {
    setDeviceStore({ ...memoryStore(), write: () => ({ ok: false, error: { code: 'full' } }) } as KeyValueStore);
    expect(storeSession('x', saved('x', 1))).toBe(false);
  });

  it('keeps drafts and preferences, and reads damaged ones as empty', () => {
    storeDrafts('s1', { propose: 'Meer pauze' });
    expect(store.readRaw('ruimte.drafts.s1')).toBe('{"propose":"Meer pauze"}');
    expect(loadDrafts('s1')).toEqual({ propose: 'Meer pauze' });
    store.writeRaw('ruimte.drafts.s2', '{');
    expect(loadDrafts('s2')).toEqual({});
    expect(loadPrefs()).toEqual({ muted: false, lang: null });
    storePrefs({ muted: true, lang: 'en' });
    expect(loadPrefs()).toEqual({ muted: true, lang: 'en' });
    store.writeRaw('ruimte.prefs', 'not json');
    expect(loadPrefs()).toEqual({ muted: false, lang: null });
  });

  it('keeps the host key of a room under ruimte.room.<session>', () => {
    const room = { code: 'ABC234', hostToken: 'token', typed: 'DEFG2345', secret: 'c2VjcmV0', applied: { s1: 3 } };
    storeRoom('s1', room);
    expect(JSON.parse(store.readRaw('ruimte.room.s1')!)).toEqual(room);
    expect(loadRoom('s1')).toEqual(room);
    // A room saved before rooms were sealed (no typed secret) is not taken back: the screen opens a new one.
    store.writeRaw('ruimte.room.s3', JSON.stringify({ code: 'ABC234', hostToken: 'token', applied: {} }));
    expect(loadRoom('s3')).toBeNull();
    store.writeRaw('ruimte.room.s2', '{"code":');
    expect(loadRoom('s2')).toBeNull();
  });
});
