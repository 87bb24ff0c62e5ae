/**
 * The room protocol between the shared screen (host), the room server and the players' devices.
 *
 * The host runs the round machine and is the only source of truth; the server stores and relays. Every
 * message a device or host sends is checked against these schemas (and a size limit) before anything else
 * looks at it. Views are opaque to the server: the host computes one per seat (`deviceView.ts`) and the
 * server hands each seat only its own.
 *
 * Everything the server must not read travels sealed (`src/net/crypto.ts`, `src/net/roomCrypto.ts`): a join's
 * name and seat secret, every action, every view, the saved session. The server checks only that a sealed
 * value looks sealed and fits its size, and routes it by room code and seat id.
 *
 * Tokens never travel in a URL or the QR code: only the room code does.
 */
import * as v from 'valibot';
import { MAX_PROPOSAL_LENGTH } from '../core/limits.ts';
import { LEVELS } from '../core/types.ts';

/** The core's limit for one proposal and its level list, here too so the server needs nothing from the browser side but the protocol. */
export { LEVELS, MAX_PROPOSAL_LENGTH };

/** Room codes: short to type, no look-alike characters (no 0/O, 1/I/L). 31^6 ≈ 887 million codes. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;
export const TOKEN_LENGTH = 32;
/** Largest message a player may send (a 10,000-character proposal in any script fits). */
export const MAX_PLAYER_MESSAGE_BYTES = 64 * 1024;
/** Largest message a host may send (the whole saved session plus the views). Anything at 1 MB is refused. */
export const MAX_HOST_MESSAGE_BYTES = 1000 * 1024;
export const MAX_SEAT_NAME = 40;
/** Largest sealed join (name and seat secret): a 40-character name in any script fits with room to spare. */
export const MAX_SEALED_JOIN = 1024;
/** Length of the part of a typed room code the server never sees (`CODE-XXXX-XXXX`), from `CODE_ALPHABET`. */
export const TYPED_SECRET_LENGTH = 8;
/** How long a move key works (see the `moveKey` host message). */
export const MOVE_KEY_MINUTES = 10;
export const PROTOCOL_VERSION = 1;

const code = v.pipe(v.string(), v.regex(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`)));
const token = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{32,64}$/));
const seatId = v.pipe(v.string(), v.regex(/^s[A-Za-z0-9]{1,16}$/));
const name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_SEAT_NAME));
const seq = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER));
const id = v.pipe(v.string(), v.maxLength(64));
const level = v.picklist(LEVELS);
/** A value sealed by `seal` (src/net/crypto.ts): `v1.<iv>.<ciphertext>`, base64url. */
export const SEALED_PATTERN = /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/;
const sealed = v.pipe(v.string(), v.regex(SEALED_PATTERN));
const sealedJoin = v.pipe(v.string(), v.maxLength(MAX_SEALED_JOIN), v.regex(SEALED_PATTERN));

/** What a player may ask the host to do (sealed in `act`, so checked by the host once opened); the host stamps
 * the seat (`by`) from the server, never from the device. */
export const playerActionSchema = v.variant('type', [
  v.object({ type: v.literal('checkIn'), cardId: id }),
  v.object({ type: v.literal('propose'), text: v.pipe(v.string(), v.maxLength(MAX_PROPOSAL_LENGTH)), level }),
  v.object({ type: v.literal('dot'), proposalId: id }),
  v.object({ type: v.literal('undot'), proposalId: id }),
  v.object({ type: v.literal('voteDone') }),
  v.object({ type: v.literal('score'), proposalId: id, score: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)) }),
  // The programme's team poll on phones: an answer to one statement (0 is "rather not say"), then done.
  v.object({ type: v.literal('pollAnswer'), statementId: id, value: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(5)) }),
  v.object({ type: v.literal('pollDone') }),
]);
export type PlayerAction = v.InferOutput<typeof playerActionSchema>;

/** Messages from a player's device. */
export const playerMessageSchema = v.variant('t', [
  /** `sealed`: the name and the phone's own seat secret (`JoinCard`), sealed with the room key. */
  v.object({ t: v.literal('join'), code, sealed: sealedJoin }),
  v.object({ t: v.literal('rejoin'), code, seatToken: token }),
  /** `sealed`: `{ seq, action }` sealed with the seat's act key; the frame limit caps its size. */
  v.object({ t: v.literal('act'), seq, sealed }),
  v.object({ t: v.literal('ping') }),
]);
export type PlayerMessage = v.InferOutput<typeof playerMessageSchema>;

/** What a player seals into `join` with the room key: only the host can open it. */
export const joinCardSchema = v.object({ name, secret: token });
export type JoinCard = v.InferOutput<typeof joinCardSchema>;

/** A seat as the server knows it: `sealed` is the join card as the phone sealed it. */
export const sealedSeatSchema = v.object({ id: seatId, sealed: v.string(), connected: v.boolean() });
export type SealedSeat = v.InferOutput<typeof sealedSeatSchema>;
/** A seat as the shared screen knows it, once it has opened the seat's join card. */
export interface Seat {
  readonly id: string;
  readonly name: string;
  readonly connected: boolean;
}

/** Messages from the shared screen. */
export const hostMessageSchema = v.variant('t', [
  v.object({ t: v.literal('open') }),
  v.object({ t: v.literal('hello'), code, hostToken: token }),
  /** Asks for a one-time move key: another screen takes the room over with it once (`takeOver`). */
  v.object({ t: v.literal('moveKey') }),
  /** Another screen takes the room over with a move key; `welcome` then carries its own new host token. */
  v.object({ t: v.literal('takeOver'), code, moveKey: token }),
  /**
   * After every step: the saved session (so a host on another screen can take over), one view per seat,
   * a view for seats not (yet) in the session, and for each seat the last action applied. All sealed: the
   * snapshot and lobby view with room keys, each view with its seat's view key.
   */
  v.object({
    t: v.literal('publish'),
    snapshot: v.nullable(sealed),
    views: v.record(seatId, sealed),
    lobbyView: v.nullable(sealed),
    applied: v.record(seatId, v.pipe(v.number(), v.integer(), v.minValue(0))),
  }),
  v.object({ t: v.literal('lock'), locked: v.boolean() }),
  v.object({ t: v.literal('remove'), seatId }),
  v.object({ t: v.literal('close') }),
  v.object({ t: v.literal('ping') }),
]);
export type HostMessage = v.InferOutput<typeof hostMessageSchema>;

export type RefusalReason =
  | 'bad-message'
  | 'too-big'
  | 'rate-limited'
  | 'no-room'
  | 'bad-token'
  | 'locked'
  | 'full'
  | 'removed'
  | 'replaced'
  | 'not-joined'
  /** An action the room cannot keep: its seat or the room has too many actions waiting for the host (the
   * host is away). Not fatal; `refused` then carries the action's `seq`, which was not stored (nor acknowledged). */
  | 'pending-full';

/** Messages from the server. Views are whatever the host published for that seat. */
export type ServerMessage =
  // to the host
  | { readonly t: 'opened'; readonly code: string; readonly hostToken: string }
  /** `hostToken`: only after `takeOver`, the new screen's own host token (the previous one no longer works). */
  | { readonly t: 'welcome'; readonly code: string; readonly locked: boolean; readonly seats: readonly SealedSeat[]; readonly snapshot: string | null; readonly hostToken?: string }
  /** The answer to `moveKey`: works once, for `MOVE_KEY_MINUTES`, and only until the next `moveKey`. */
  | { readonly t: 'moveKey'; readonly key: string }
  | { readonly t: 'seats'; readonly seats: readonly SealedSeat[] }
  | { readonly t: 'act'; readonly seatId: string; readonly seq: number; readonly sealed: string }
  // to a player
  /** `lastSeq`: the highest action number the server has stored for this seat (0 for a new seat). */
  | { readonly t: 'joined'; readonly code: string; readonly seatId: string; readonly seatToken: string; readonly lastSeq: number }
  | { readonly t: 'ack'; readonly seq: number }
  /** A sealed view: the seat's own (its view key) or the lobby view (the room's lobby key). */
  | { readonly t: 'view'; readonly view: string }
  | { readonly t: 'hostGone' }
  // to anyone
  | { readonly t: 'refused'; readonly reason: RefusalReason; readonly fatal: boolean; readonly seq?: number }
  | { readonly t: 'pong' };

export type ParseResult<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly reason: 'bad-message' | 'too-big' };

/** Size first, then JSON, then the schema: the one way every socket message is read (room and remote). */
export function parseWith<T>(schema: v.GenericSchema<unknown, T>, raw: string, maxBytes: number): ParseResult<T> {
  // String length is UTF-16 units; a unit is at most 3 UTF-8 bytes, so this is a cheap upper bound first.
  if (raw.length * 3 > maxBytes && new TextEncoder().encode(raw).length > maxBytes) return { ok: false, reason: 'too-big' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'bad-message' };
  }
  const parsed = v.safeParse(schema, data);
  return parsed.success ? { ok: true, message: parsed.output } : { ok: false, reason: 'bad-message' };
}

export const parsePlayerMessage = (raw: string): ParseResult<PlayerMessage> => parseWith(playerMessageSchema, raw, MAX_PLAYER_MESSAGE_BYTES);
export const parseHostMessage = (raw: string): ParseResult<HostMessage> => parseWith(hostMessageSchema, raw, MAX_HOST_MESSAGE_BYTES);

/** Socket paths on the game's own origin: one for the shared screen, one for players' devices. */
export const HOST_SOCKET_PATH = '/room/host';
export const PLAYER_SOCKET_PATH = '/room/play';
/** The join page's address for a room: the code only, never a token. */
export const joinPath = (roomCode: string): string => `?join=${roomCode}`;
