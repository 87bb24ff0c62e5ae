/**
 * The facilitator's remote: a phone that steers the shared screen through the room server (issue 12 item 4).
 *
 * One socket path, `/room/remote`, for two sides:
 * - the shared screen, which proves it holds the room with its host token (`screen`), asks for a remote key
 *   (`newKey`), and publishes the remote's view (`view`);
 * - the phone, which comes in with the room code and the remote key (`remote`) and sends commands (`cmd`).
 *
 * The server relays commands to the screen only and views to the room's remotes only. Views and commands are
 * sealed (`src/net/crypto.ts`, purpose `remote`) with a secret that travels only in the remote address's
 * fragment: the server sees neither the phase, the timer nor a proposal's text. The remote key is not a
 * seat token or a host token: it opens nothing but this path, and the server keeps only its hash.
 *
 * The remote address: `?remote=CODE#r=<remoteKey>.<sealSecret>`.
 */
import * as v from 'valibot';
import { PHASES } from '../core/phase.ts';
import { CODE_ALPHABET, CODE_LENGTH, type ParseResult, parseWith } from './protocol.ts';

export const REMOTE_SOCKET_PATH = '/room/remote';
/** Largest message a phone may send (a sealed command is well under 1 KiB). */
export const MAX_REMOTE_MESSAGE_BYTES = 8 * 1024;
/** Largest message the screen may send (a sealed view with 30 shortened proposals). */
export const MAX_SCREEN_MESSAGE_BYTES = 256 * 1024;
/** The remote view shows at most this many characters of a proposal. */
export const REMOTE_TEXT_LIMIT = 280;

const code = v.pipe(v.string(), v.regex(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`)));
const token = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{32,64}$/));
const sealedView = v.pipe(v.string(), v.maxLength(MAX_SCREEN_MESSAGE_BYTES), v.regex(/^v1\.[A-Za-z0-9_.-]+$/));
const sealedCommand = v.pipe(v.string(), v.maxLength(MAX_REMOTE_MESSAGE_BYTES), v.regex(/^v1\.[A-Za-z0-9_.-]+$/));

/** Messages to the server on the remote path, from the screen or from a phone. */
export const remoteSocketMessageSchema = v.variant('t', [
  // the shared screen
  v.object({ t: v.literal('screen'), code, hostToken: token }),
  /** A new remote key for the room: the previous one stops working and its phones are sent away. */
  v.object({ t: v.literal('newKey') }),
  v.object({ t: v.literal('view'), sealed: sealedView }),
  // a phone
  v.object({ t: v.literal('remote'), code, key: token }),
  v.object({ t: v.literal('cmd'), sealed: sealedCommand }),
  v.object({ t: v.literal('ping') }),
]);
export type RemoteSocketMessage = v.InferOutput<typeof remoteSocketMessageSchema>;

export type RemoteRefusal = 'bad-message' | 'too-big' | 'rate-limited' | 'no-room' | 'bad-token' | 'replaced' | 'not-joined';

/** Messages from the server on the remote path. */
export type RemoteServerMessage =
  // to the screen
  | { readonly t: 'ready'; readonly remotes: number }
  | { readonly t: 'key'; readonly key: string }
  | { readonly t: 'cmd'; readonly sealed: string }
  | { readonly t: 'remotes'; readonly count: number }
  // to a phone
  | { readonly t: 'welcome' }
  | { readonly t: 'view'; readonly sealed: string }
  /** Whether the shared screen is connected right now. */
  | { readonly t: 'screen'; readonly present: boolean }
  // to either
  | { readonly t: 'refused'; readonly reason: RemoteRefusal; readonly fatal: boolean }
  | { readonly t: 'pong' };

export type RemoteParse = ParseResult<RemoteSocketMessage>;

export function parseRemoteSocketMessage(raw: string, maxBytes: number): RemoteParse {
  return parseWith(remoteSocketMessageSchema, raw, maxBytes);
}

// ---------------------------------------------------------------- sealed contents (never seen by the server)

const id = v.pipe(v.string(), v.maxLength(64));
const rev = v.pipe(v.number(), v.integer(), v.minValue(0));

/** What the phone may ask; the screen stamps the time and applies it only if its machine allows it. */
export const remoteCommandSchema = v.object({
  /** A random id: a command is applied once, however often it arrives. */
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/)),
  /** The view's `rev` the phone saw: commands on a view the screen no longer shows are dropped. */
  rev,
  /** The view's `step` (next, back and wrap up only count in the step they were pressed in). */
  step: v.pipe(v.string(), v.maxLength(64)),
  action: v.variant('type', [
    v.object({ type: v.picklist(['advance', 'undo', 'pause', 'resume', 'addTime', 'endEarly']) }),
    v.object({ type: v.picklist(['hide', 'restore', 'unmerge']), proposalId: id }),
    v.object({ type: v.literal('merge'), sourceId: id, targetId: id }),
  ]),
});
export type RemoteCommand = v.InferOutput<typeof remoteCommandSchema>;
export type RemoteAction = RemoteCommand['action'];

const remoteProposal = v.object({
  id,
  /** Its own text first, then those merged into it (each shortened to REMOTE_TEXT_LIMIT). */
  texts: v.array(v.string()),
  /** The ids merged into it, in the order of `texts` after the first. */
  merged: v.array(id),
  level: v.string(),
  hidden: v.boolean(),
  canHide: v.boolean(),
  canRestore: v.boolean(),
  /** It may be merged into another one (and others into it). */
  canMerge: v.boolean(),
  /** Per merged id: it may be taken out again. */
  canUnmerge: v.boolean(),
});
export type RemoteProposal = v.InferOutput<typeof remoteProposal>;

export const remoteViewSchema = v.object({
  rev,
  step: v.pipe(v.string(), v.maxLength(64)),
  phase: v.picklist(PHASES),
  team: v.string(),
  cardIndex: v.number(),
  cardCount: v.number(),
  /** Remaining time when the screen sent the view; the phone counts down from when it arrived. */
  timer: v.object({ kind: v.picklist(['none', 'running', 'paused']), remainingMs: v.number() }),
  can: v.object({
    advance: v.boolean(),
    undo: v.boolean(),
    pause: v.boolean(),
    resume: v.boolean(),
    addTime: v.boolean(),
    endEarly: v.boolean(),
  }),
  /** During proposals only; null otherwise. */
  proposals: v.nullable(v.array(remoteProposal)),
});
export type RemoteView = v.InferOutput<typeof remoteViewSchema>;

export const parseRemoteCommand = (data: unknown): RemoteCommand | null => {
  const parsed = v.safeParse(remoteCommandSchema, data);
  return parsed.success ? parsed.output : null;
};

export const parseRemoteView = (data: unknown): RemoteView | null => {
  const parsed = v.safeParse(remoteViewSchema, data);
  return parsed.success ? parsed.output : null;
};

/** The remote page's address for a room: the key and the seal secret only after `#`, never sent to a server. */
export const remotePath = (roomCode: string, remoteKey: string, sealSecret: string): string => `?remote=${roomCode}#r=${remoteKey}.${sealSecret}`;

/** The key and secret from an address's fragment (`#r=<key>.<secret>`), or null. */
export function parseRemoteFragment(hash: string): { key: string; secret: string } | null {
  const m = /^#?r=([A-Za-z0-9_-]{32,64})\.([A-Za-z0-9_-]{22,86})$/.exec(hash);
  return m ? { key: m[1]!, secret: m[2]! } : null;
}
