/**
 * The device's pure parts: room codes as typed, what the device keeps in its store (read back safely when
 * damaged), the outbox (seq, ack, resend in order) and the taps laid over a view before the host answers.
 */
import { describe, expect, it } from 'vitest';
import { codeFromSearch, isCode, normalizeCode } from '../../src/device/codes.ts';
import {
  DeviceStore,
  EMPTY_OUTBOX,
  LAST_ROOM_KEY,
  outboxKey,
  parseDrafts,
  parseLang,
  parseLastRoom,
  parseOutbox,
  parseSeat,
  seatKey,
  usableStore,
} from '../../src/device/store.ts';
import { localStore, memoryStore } from '../../src/storage/index.ts';

const TOKEN = 'abcdefghijklmnopqrstuvwxyzABCDEF12';
const SECRET = 'Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyMTIz';
const SEAT = { seatId: 's1', seatToken: TOKEN, name: 'Anna', secret: SECRET, roomSecret: SECRET };

describe('room codes', () => {
  it('upper-cases and keeps only the code alphabet, the six-character code then the typed part in two halves', () => {
    expect(normalizeCode('abc234')).toBe('ABC234');
    expect(normalizeCode(' ab-c 2 3 4 ')).toBe('ABC234');
    expect(normalizeCode('ABC2345678')).toBe('ABC234-5678');
    expect(normalizeCode('abc234defghjkm')).toBe('ABC234-DEFG-HJKM');
    expect(normalizeCode('ABC234-DEFG-HJKM-NPQR')).toBe('ABC234-DEFG-HJKM');
    // look-alikes are not in the alphabet: 0, O, 1, I, L
    expect(normalizeCode('O0I1LA')).toBe('A');
    expect(normalizeCode('<script>')).toBe('SCRPT');
    expect(normalizeCode('')).toBe('');
  });

  it('recognises a complete code only', () => {
    expect(isCode('ABC234')).toBe(true);
    expect(isCode('ABC23')).toBe(false);
    expect(isCode('abc234')).toBe(false);
    expect(isCode('ABC2340')).toBe(false);
    expect(isCode('ABCDE0')).toBe(false);
    expect(isCode(42)).toBe(false);
  });

  it('reads the code from the address, a bare ?join as empty, no join as null', () => {
    expect(codeFromSearch('?join=abc234')).toBe('ABC234');
    expect(codeFromSearch('?lang=en&join=XY-Z234')).toBe('XYZ234');
    expect(codeFromSearch('?join')).toBe('');
    expect(codeFromSearch('?join=')).toBe('');
    expect(codeFromSearch('?session=x')).toBeNull();
    expect(codeFromSearch('')).toBeNull();
  });
});

describe('stored seats and rooms', () => {
  it('reads a good seat', () => {
    expect(parseSeat(JSON.stringify(SEAT))).toEqual(SEAT);
  });

  it.each([
    ['nothing', null],
    ['not JSON', '{seat'],
    ['an array', '[]'],
    ['a number', '7'],
    ['no token', JSON.stringify({ seatId: 's1', name: 'Anna' })],
    ['a short token', JSON.stringify({ ...SEAT, seatToken: 'abc' })],
    ['a bad seat id', JSON.stringify({ ...SEAT, seatId: 'x; drop' })],
    ['an empty name', JSON.stringify({ ...SEAT, name: '' })],
    ['a long name', JSON.stringify({ ...SEAT, name: 'x'.repeat(41) })],
  ])('reads %s as no seat', (_, raw) => {
    expect(parseSeat(raw)).toBeNull();
  });

  it('keeps only a valid last room and language', () => {
    expect(parseLastRoom('ABC234')).toBe('ABC234');
    expect(parseLastRoom('abc234')).toBeNull();
    expect(parseLastRoom('"ABC234"')).toBeNull();
    expect(parseLastRoom(null)).toBeNull();
    expect(parseLang('en')).toBe('en');
    expect(parseLang('de')).toBeNull();
    expect(parseLang(null)).toBeNull();
  });

  it('stores a seat under ruimte.seat.<CODE> with the last room, and offers it back', () => {
    const kv = memoryStore();
    const store = new DeviceStore(kv);
    store.saveSeat('ABC234', SEAT);
    expect(JSON.parse(kv.readRaw(seatKey('ABC234'))!)).toEqual(SEAT);
    expect(kv.readRaw(LAST_ROOM_KEY)).toBe('ABC234');
    expect(store.remembered('ABC234')).toEqual({ code: 'ABC234', seat: SEAT });
    // another room asked for: the last room's seat is offered
    expect(store.remembered('XYZ789')).toEqual({ code: 'ABC234', seat: SEAT });
    expect(store.remembered(null)).toEqual({ code: 'ABC234', seat: SEAT });
  });

  it('forgets a seat with its outbox, keeps drafts', () => {
    const kv = memoryStore();
    const store = new DeviceStore(kv);
    store.saveSeat('ABC234', SEAT);
    store.saveOutbox('ABC234', { seatId: 's1', nextSeq: 3, pending: [{ seq: 2, action: { type: 'voteDone' } }] });
    store.saveDraft('ABC234', 0, { text: 'Meer pauze', level: 'team' });
    store.forgetSeat('ABC234');
    expect(store.seat('ABC234')).toBeNull();
    expect(store.lastRoom()).toBeNull();
    expect(kv.readRaw(outboxKey('ABC234'))).toBeNull();
    expect(store.draft('ABC234', 0)).toEqual({ text: 'Meer pauze', level: 'team' });
  });

  it('survives a corrupt store and a store that refuses to write', () => {
    const kv = memoryStore({ [seatKey('ABC234')]: '{', [LAST_ROOM_KEY]: 'nonsense', [outboxKey('ABC234')]: 'null' });
    const store = new DeviceStore(kv);
    expect(store.seat('ABC234')).toBeNull();
    expect(store.remembered('ABC234')).toBeNull();
    expect(store.outbox('ABC234')).toEqual(EMPTY_OUTBOX);
    const full = new DeviceStore(
      localStore({
        getItem: () => {
          throw new Error('blocked');
        },
        setItem: () => {
          throw new Error('quota');
        },
        removeItem: () => {
          throw new Error('blocked');
        },
      } as unknown as Storage),
    );
    expect(() => full.saveSeat('ABC234', SEAT)).not.toThrow();
    expect(full.seat('ABC234')).toBeNull();
    expect(full.saveOutbox('ABC234', EMPTY_OUTBOX)).toBe(false);
    expect(() => full.forgetSeat('ABC234')).not.toThrow();
    expect(full.lang()).toBeNull();
  });
});

describe('the stored outbox', () => {
  it('reads a good record, sorted by seq', () => {
    const raw = JSON.stringify({
      seatId: 's1',
      nextSeq: 9,
      pending: [
        { seq: 5, action: { type: 'dot', proposalId: 'p2' } },
        { seq: 4, action: { type: 'checkIn', cardId: 'checkin-proud' } },
      ],
    });
    expect(parseOutbox(raw)).toEqual({
      seatId: 's1',
      nextSeq: 9,
      pending: [
        { seq: 4, action: { type: 'checkIn', cardId: 'checkin-proud' } },
        { seq: 5, action: { type: 'dot', proposalId: 'p2' } },
      ],
    });
  });

  it('drops bad entries and never hands out a seq already used', () => {
    const raw = JSON.stringify({
      seatId: 5,
      nextSeq: 'x',
      pending: [
        { seq: 7, action: { type: 'dot', proposalId: 'p1' } },
        { seq: 7, action: { type: 'undot', proposalId: 'p1' } },
        { seq: 0, action: { type: 'voteDone' } },
        { seq: 2.5, action: { type: 'voteDone' } },
        { seq: 3, action: { type: 'explode' } },
        { seq: 4, action: { type: 'score', proposalId: 'p1', score: 9 } },
        { seq: 5, action: { type: 'propose', text: 'x'.repeat(10_001), level: 'team' } },
        { seq: 6, action: { type: 'propose', text: 'ok', level: 'everyone' } },
        null,
        'junk',
      ],
    });
    const record = parseOutbox(raw);
    expect(record.seatId).toBeNull();
    expect(record.pending).toEqual([{ seq: 7, action: { type: 'dot', proposalId: 'p1' } }]);
    expect(record.nextSeq).toBe(8);
  });

  it.each([null, '', '{', '[]', '"x"', '42', JSON.stringify({ pending: 'no' })])('reads %j as empty', (raw) => {
    const record = parseOutbox(raw);
    expect(record.pending).toEqual([]);
    expect(record.nextSeq).toBe(1);
  });
});

describe('drafts', () => {
  it('keeps text and level per card, and defaults a bad level', () => {
    const raw = JSON.stringify({ '0': { text: 'Vaste pauze', level: 'manager' }, '2': { text: 'x', level: 'boss' }, nope: { text: 'y' }, '3': { level: 'team' }, '4': 'junk' });
    expect(parseDrafts(raw)).toEqual({ '0': { text: 'Vaste pauze', level: 'manager' }, '2': { text: 'x', level: 'team' } });
    for (const bad of [null, '{', '[1,2]', 'null', '"s"']) expect(parseDrafts(bad)).toEqual({});
  });

  it('saves, restores and clears per room and card', () => {
    const kv = memoryStore();
    const store = new DeviceStore(kv);
    store.saveDraft('ABC234', 1, { text: 'Eerste idee', level: 'organisation' });
    store.saveDraft('ABC234', 2, { text: 'Tweede', level: 'team' });
    store.saveDraft('XYZ789', 1, { text: 'Andere kamer', level: 'team' });
    expect(new DeviceStore(kv).draft('ABC234', 1)).toEqual({ text: 'Eerste idee', level: 'organisation' });
    store.clearDraft('ABC234', 1);
    expect(store.draft('ABC234', 1)).toBeNull();
    expect(store.draft('ABC234', 2)).toEqual({ text: 'Tweede', level: 'team' });
    expect(store.draft('XYZ789', 1)).toEqual({ text: 'Andere kamer', level: 'team' });
    store.saveDraft('ABC234', 2, { text: '', level: 'team' });
    expect(store.draft('ABC234', 2)).toBeNull();
  });
});

describe('a store that refuses to write', () => {
  it('is replaced by memory for this visit, so the device keeps working', () => {
    const refusing = localStore({
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    } as unknown as Storage);
    const store = new DeviceStore(usableStore(refusing));
    store.saveSeat('ABC234', SEAT);
    expect(store.seat('ABC234')).toEqual(SEAT);
    const working = memoryStore();
    expect(usableStore(working)).toBe(working);
    expect(working.list()).toEqual([]);
  });
});
