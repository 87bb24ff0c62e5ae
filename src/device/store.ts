/**
 * What a player's device remembers, in the device's store (`src/storage`; pure parsing, so it is tested in
 * Node):
 *
 * - `ruimte.seat.<CODE>` = `{ seatId, seatToken, name, secret, roomSecret }`: the seat in a room. The token
 *   lives only here, never in a URL or the QR code; `secret` is the seat's own secret (the keys of its actions
 *   and view), `roomSecret` the room's (lobby view), both never sent to the server in plain.
 * - `ruimte.lastRoom` = the code of the room this device last joined.
 * - `ruimte.outbox.<CODE>` = `{ seatId, nextSeq, pending: [{ seq, action }] }`: actions not yet acknowledged
 *   (see `outbox.ts`).
 * - `ruimte.device.draft.<CODE>` = `{ "<card index>": { text, level } }`: proposals being typed.
 * - `ruimte.device.lang` = the language of this device's controls.
 *
 * Anything unreadable (corrupt JSON, wrong shape, a newer format) reads as "nothing stored", never as a crash.
 */
import * as v from 'valibot';
import { LEVELS, type Lang, type Level } from '../core/types.ts';
import { MAX_SEAT_NAME, playerActionSchema, type PlayerAction } from '../net/protocol.ts';
import { type KeyValueStore, memoryStore } from '../storage/index.ts';
import { isCode } from './codes.ts';

export interface StoredSeat {
  readonly seatId: string;
  readonly seatToken: string;
  readonly name: string;
  readonly secret: string;
  readonly roomSecret: string;
}

export interface Pending {
  readonly seq: number;
  readonly action: PlayerAction;
}

export interface OutboxRecord {
  /** The seat these actions were made from; actions of an earlier seat are never sent for a new one. */
  readonly seatId: string | null;
  /** The seq the next action gets (1 or more, never reused in this room). */
  readonly nextSeq: number;
  readonly pending: readonly Pending[];
}

export interface Draft {
  readonly text: string;
  readonly level: Level;
}

export const seatKey = (code: string): string => `ruimte.seat.${code}`;
export const LAST_ROOM_KEY = 'ruimte.lastRoom';
export const outboxKey = (code: string): string => `ruimte.outbox.${code}`;
export const draftKey = (code: string): string => `ruimte.device.draft.${code}`;
export const LANG_KEY = 'ruimte.device.lang';
/** In the tab's store (`tabStore()`): the room this tab is playing in, so a reload goes straight back in. */
export const ACTIVE_KEY = 'ruimte.device.active';

export const EMPTY_OUTBOX: OutboxRecord = { seatId: null, nextSeq: 1, pending: [] };
/** A draft is kept a little past the proposal limit so an over-long text is never cut off while typing. */
const MAX_DRAFT = 20_000;

function json(raw: string | null): unknown {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

const seatSchema = v.object({
  seatId: v.pipe(v.string(), v.regex(/^s[A-Za-z0-9]{1,16}$/)),
  seatToken: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{32,64}$/)),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_SEAT_NAME)),
  secret: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{32,64}$/)),
  roomSecret: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{32,64}$/)),
});

export function parseSeat(raw: string | null): StoredSeat | null {
  const parsed = v.safeParse(seatSchema, json(raw));
  return parsed.success ? parsed.output : null;
}

export function parseLastRoom(raw: string | null): string | null {
  return raw !== null && isCode(raw) ? raw : null;
}

const isSeq = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1;

export function parseOutbox(raw: string | null): OutboxRecord {
  const data = json(raw);
  if (typeof data !== 'object' || data === null) return EMPTY_OUTBOX;
  const record = data as Record<string, unknown>;
  const seatId = typeof record.seatId === 'string' ? record.seatId : null;
  const pending: Pending[] = [];
  const seen = new Set<number>();
  for (const item of Array.isArray(record.pending) ? record.pending : []) {
    if (typeof item !== 'object' || item === null) continue;
    const { seq, action } = item as { seq?: unknown; action?: unknown };
    const parsed = v.safeParse(playerActionSchema, action);
    if (!isSeq(seq) || !parsed.success || seen.has(seq)) continue;
    seen.add(seq);
    pending.push({ seq, action: parsed.output });
  }
  pending.sort((a, b) => a.seq - b.seq);
  const highest = pending.length ? pending[pending.length - 1]!.seq : 0;
  const nextSeq = Math.max(isSeq(record.nextSeq) ? record.nextSeq : 1, highest + 1);
  return { seatId, nextSeq, pending };
}

export function parseDrafts(raw: string | null): Record<string, Draft> {
  const data = json(raw);
  const out: Record<string, Draft> = {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return out;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (!/^\d{1,3}$/.test(key) || typeof value !== 'object' || value === null) continue;
    const { text, level } = value as { text?: unknown; level?: unknown };
    if (typeof text !== 'string') continue;
    out[key] = { text: text.slice(0, MAX_DRAFT), level: (LEVELS as readonly unknown[]).includes(level) ? (level as Level) : 'team' };
  }
  return out;
}

export function parseLang(raw: string | null): Lang | null {
  return raw === 'nl' || raw === 'en' ? raw : null;
}

/**
 * The store when it takes a write; otherwise (private mode, blocked or full storage) memory for this visit,
 * so the device keeps working.
 */
export function usableStore(store: KeyValueStore): KeyValueStore {
  const probe = 'ruimte.device.probe';
  if (!store.writeRaw(probe, '1').ok) return memoryStore();
  store.remove(probe);
  return store;
}

const write = (store: KeyValueStore, key: string, value: string): boolean => store.writeRaw(key, value).ok;
const read = (store: KeyValueStore, key: string): string | null => store.readRaw(key);
const remove = (store: KeyValueStore, key: string): void => store.remove(key);

/** The device's memory of rooms, seats, drafts and its language, over any key-value store. */
export class DeviceStore {
  constructor(private readonly store: KeyValueStore) {}

  seat(code: string): StoredSeat | null {
    return isCode(code) ? parseSeat(read(this.store, seatKey(code))) : null;
  }

  saveSeat(code: string, seat: StoredSeat): void {
    const { seatId, seatToken, name, secret, roomSecret } = seat;
    write(this.store, seatKey(code), JSON.stringify({ seatId, seatToken, name, secret, roomSecret }));
    write(this.store, LAST_ROOM_KEY, code);
  }

  /** Forgets a seat and its unsent actions. Drafts stay: text being typed is never thrown away. */
  forgetSeat(code: string): void {
    remove(this.store, seatKey(code));
    remove(this.store, outboxKey(code));
    if (this.lastRoom() === code) remove(this.store, LAST_ROOM_KEY);
  }

  lastRoom(): string | null {
    return parseLastRoom(read(this.store, LAST_ROOM_KEY));
  }

  /** The seat to offer for rejoining: the one in the room asked for, else the one in the last room. */
  remembered(code: string | null): { readonly code: string; readonly seat: StoredSeat } | null {
    for (const c of [code, this.lastRoom()]) {
      if (!c) continue;
      const seat = this.seat(c);
      if (seat) return { code: c, seat };
    }
    return null;
  }

  outbox(code: string): OutboxRecord {
    return parseOutbox(read(this.store, outboxKey(code)));
  }

  saveOutbox(code: string, record: OutboxRecord): boolean {
    return write(this.store, outboxKey(code), JSON.stringify(record));
  }

  drafts(code: string): Record<string, Draft> {
    return parseDrafts(read(this.store, draftKey(code)));
  }

  draft(code: string, card: number): Draft | null {
    return this.drafts(code)[String(card)] ?? null;
  }

  saveDraft(code: string, card: number, draft: Draft): void {
    const all = { ...this.drafts(code) };
    if (draft.text === '' && draft.level === 'team') delete all[String(card)];
    else all[String(card)] = { text: draft.text.slice(0, MAX_DRAFT), level: draft.level };
    if (Object.keys(all).length === 0) remove(this.store, draftKey(code));
    else write(this.store, draftKey(code), JSON.stringify(all));
  }

  clearDraft(code: string, card: number): void {
    const all = { ...this.drafts(code) };
    delete all[String(card)];
    if (Object.keys(all).length === 0) remove(this.store, draftKey(code));
    else write(this.store, draftKey(code), JSON.stringify(all));
  }

  lang(): Lang | null {
    return parseLang(read(this.store, LANG_KEY));
  }

  saveLang(lang: Lang): void {
    write(this.store, LANG_KEY, lang);
  }
}
