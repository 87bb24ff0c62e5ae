/**
 * What the shared screen and the phones seal for each kind of room message, and with which key (see
 * `crypto.ts` for the sealing itself). The server sees none of these keys.
 *
 * - The room secret: 32 bytes stretched from the typed part of the room code (`CODE-XXXX-XXXX`, the server only
 *   sees CODE), or carried whole in the join link's fragment (`?join=CODE#k=<secret>`). From it: the `join` key
 *   (a phone's name and seat secret, only the screen opens them), the `lobby` key (the view for seats the
 *   session has not placed yet) and the `snapshot` key (the saved session, for moving the screen).
 * - A seat secret: made by the phone, sent to the screen inside the sealed join card. From it: the seat's `act`
 *   key (its actions, with their number so the server cannot replay one under another) and its `view` key (only
 *   that seat can read its own view).
 */
import * as v from 'valibot';
import { deriveKey, open, seal, stretchTypedSecret } from './crypto.ts';
import { CODE_ALPHABET, CODE_LENGTH, TYPED_SECRET_LENGTH, joinCardSchema, playerActionSchema, type JoinCard, type PlayerAction } from './protocol.ts';

export interface RoomKeys {
  readonly join: CryptoKey;
  readonly lobby: CryptoKey;
  readonly snapshot: CryptoKey;
}

export interface SeatKeys {
  readonly act: CryptoKey;
  readonly view: CryptoKey;
}

export async function roomKeys(roomSecret: string): Promise<RoomKeys> {
  const [join, lobby, snapshot] = await Promise.all([deriveKey(roomSecret, 'room:join'), deriveKey(roomSecret, 'room:lobby'), deriveKey(roomSecret, 'room:snapshot')]);
  return { join, lobby, snapshot };
}

export async function seatKeys(seatSecret: string): Promise<SeatKeys> {
  const [act, view] = await Promise.all([deriveKey(seatSecret, 'seat:act'), deriveKey(seatSecret, 'seat:view')]);
  return { act, view };
}

/** The typed part of a new room code: `TYPED_SECRET_LENGTH` characters of the code alphabet, no modulo bias. */
export function newTypedSecret(): string {
  let out = '';
  const limit = 256 - (256 % CODE_ALPHABET.length);
  while (out.length < TYPED_SECRET_LENGTH) {
    for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < limit && out.length < TYPED_SECRET_LENGTH) out += CODE_ALPHABET[byte % CODE_ALPHABET.length];
    }
  }
  return out;
}

/** The code as people read and type it: `ABC234-DEFG-HJKM`. */
export const typedRoomCode = (code: string, typed: string): string => `${code}-${typed.slice(0, 4)}-${typed.slice(4)}`;

/** The room secret from the typed part (PBKDF2, salted with the room code). */
export const roomSecretFromTyped = (code: string, typed: string): Promise<string> => stretchTypedSecret(typed, code);

/** A whole typed code split into the room code (for the server) and the typed secret (never sent). */
export function splitTypedCode(input: string): { readonly code: string; readonly typed: string } | null {
  const clean = [...input.toUpperCase()].filter((ch) => CODE_ALPHABET.includes(ch)).join('');
  if (clean.length !== CODE_LENGTH + TYPED_SECRET_LENGTH) return null;
  return { code: clean.slice(0, CODE_LENGTH), typed: clean.slice(CODE_LENGTH) };
}

/** The room secret from a link's fragment (`#k=<secret>`), or null. */
export function secretFromHash(hash: string): string | null {
  const match = /(?:^#?|&)k=([A-Za-z0-9_-]{43})(?:&|$)/.exec(hash);
  return match ? match[1]! : null;
}

// ---- each message kind --------------------------------------------------------------------------------

export const sealJoinCard = (keys: RoomKeys, card: JoinCard): Promise<string> => seal(keys.join, card);

export async function openJoinCard(keys: RoomKeys, sealed: string): Promise<JoinCard | undefined> {
  const parsed = v.safeParse(joinCardSchema, await open(keys.join, sealed));
  return parsed.success ? parsed.output : undefined;
}

export const sealAction = (keys: SeatKeys, seq: number, action: PlayerAction): Promise<string> => seal(keys.act, { seq, action });

/** The action, when it was sealed with this seat's key for exactly this `seq` and is one the protocol knows. */
export async function openAction(keys: SeatKeys, seq: number, sealed: string): Promise<PlayerAction | undefined> {
  const data = await open<{ seq?: unknown; action?: unknown }>(keys.act, sealed);
  if (!data || typeof data !== 'object' || data.seq !== seq) return undefined;
  const parsed = v.safeParse(playerActionSchema, data.action);
  return parsed.success ? parsed.output : undefined;
}

export const sealView = (keys: SeatKeys, view: unknown): Promise<string> => seal(keys.view, view);
export const sealLobbyView = (keys: RoomKeys, view: unknown): Promise<string> => seal(keys.lobby, view);

/** A view as a seat reads it: its own (its view key), else the lobby view (the room's lobby key). */
export async function openViewForSeat(seat: SeatKeys, room: RoomKeys, sealed: string): Promise<unknown> {
  return (await open(seat.view, sealed)) ?? (await open(room.lobby, sealed));
}

export const sealSnapshot = (keys: RoomKeys, snapshot: unknown): Promise<string> => seal(keys.snapshot, snapshot);
export const openSnapshot = (keys: RoomKeys, sealed: unknown): Promise<unknown> => open(keys.snapshot, sealed);
