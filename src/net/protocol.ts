/**
 * The room protocol between the shared screen (host), the room server and the players' devices.
 *
 * The host runs the round machine and is the only source of truth; the server stores and relays. Every
 * message a device or host sends is checked against these schemas (and a size limit) before anything else
 * looks at it. Views are opaque to the server: the host computes one per seat (`deviceView.ts`) and the
 * server hands each seat only its own.
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

/** What a player may ask the host to do; the host stamps the seat (`by`) from the server, never from the device. */
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
  v.object({ t: v.literal('join'), code, name }),
  v.object({ t: v.literal('rejoin'), code, seatToken: token }),
  v.object({ t: v.literal('act'), seq, action: playerActionSchema }),
  v.object({ t: v.literal('ping') }),
]);
export type PlayerMessage = v.InferOutput<typeof playerMessageSchema>;

export const seatSchema = v.object({ id: seatId, name: v.string(), connected: v.boolean() });
export type Seat = v.InferOutput<typeof seatSchema>;

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
   * a view for seats not (yet) in the session, and for each seat the last action applied.
   */
  v.object({
    t: v.literal('publish'),
    snapshot: v.unknown(),
    views: v.record(seatId, v.unknown()),
    lobbyView: v.unknown(),
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
  | { readonly t: 'welcome'; readonly code: string; readonly locked: boolean; readonly seats: readonly Seat[]; readonly snapshot: unknown; readonly hostToken?: string }
  /** The answer to `moveKey`: works once, for `MOVE_KEY_MINUTES`, and only until the next `moveKey`. */
  | { readonly t: 'moveKey'; readonly key: string }
  | { readonly t: 'seats'; readonly seats: readonly Seat[] }
  | { readonly t: 'act'; readonly seatId: string; readonly seq: number; readonly action: PlayerAction }
  // to a player
  /** `lastSeq`: the highest action number the server has stored for this seat (0 for a new seat). */
  | { readonly t: 'joined'; readonly code: string; readonly seatId: string; readonly seatToken: string; readonly name: string; readonly lastSeq: number }
  | { readonly t: 'ack'; readonly seq: number }
  | { readonly t: 'view'; readonly view: unknown }
  | { readonly t: 'hostGone' }
  // to anyone
  | { readonly t: 'refused'; readonly reason: RefusalReason; readonly fatal: boolean; readonly seq?: number }
  | { readonly t: 'pong' };

export type ParseResult<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly reason: 'bad-message' | 'too-big' };

function parseWith<T>(schema: v.GenericSchema<unknown, T>, raw: string, maxBytes: number): ParseResult<T> {
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
