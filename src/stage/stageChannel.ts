/**
 * The messages between the facilitator's window and the stage window (the presenter view), through the
 * browser's `BroadcastChannel`: no server, no network, only windows of this page on this device hear them.
 *
 * - `state` (facilitator → stage): the saved session as the facilitator's window stored it (the same text
 *   as in the device's storage, parsed again by `parseSave` on the other side), the language, and on
 *   devices the room's code, join address and QR code for the lobby.
 * - `cue` (facilitator → stage): a one-off cue (card flip, dots, reveal), so the stage animates as the
 *   main stage does. Cues never carry sound: sound stays in the facilitator's window.
 * - `hello` (stage → facilitator): "I am here, send me the state"; sent on load and every few seconds,
 *   so it is also how the stage notices that the facilitator's window is gone.
 *
 * Every message is checked against these schemas before anything looks at it; anything else is ignored.
 */
import * as v from 'valibot';
import { LANGS } from '../core/types.ts';

export const STAGE_CHANNEL = 'ruimte-stage';
export const STAGE_PROTOCOL = 1;
/** The stage asks this often; the facilitator's window answers at once, even in a background tab. */
export const HELLO_EVERY_MS = 2000;
/** Silence this long from the facilitator's window, and the stage says so (a reload takes a second or two). */
export const GONE_AFTER_MS = 8000;
/** A saved session is far smaller; the device's storage itself holds about 5 MB. */
export const MAX_SAVE_CHARS = 5_000_000;

export const STAGE_CUES = ['cue.flip', 'cue.drop', 'cue.voteDone', 'cue.reveal', 'cue.twist', 'cue.topThree'] as const;
export type StageCue = (typeof STAGE_CUES)[number];

const sessionId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/));
const version = v.literal(STAGE_PROTOCOL);

const roomSchema = v.object({
  code: v.nullable(v.pipe(v.string(), v.maxLength(16))),
  joinUrl: v.nullable(v.pipe(v.string(), v.maxLength(2048))),
  qrSvg: v.nullable(v.pipe(v.string(), v.maxLength(200_000))),
});

export const stageMessageSchema = v.variant('type', [
  v.object({
    v: version,
    type: v.literal('state'),
    sessionId,
    save: v.pipe(v.string(), v.maxLength(MAX_SAVE_CHARS)),
    lang: v.picklist(LANGS),
    room: v.nullable(roomSchema),
  }),
  v.object({ v: version, type: v.literal('cue'), sessionId, cue: v.picklist(STAGE_CUES) }),
  v.object({ v: version, type: v.literal('hello'), sessionId }),
]);

export type StageMessage = v.InferOutput<typeof stageMessageSchema>;
export type StageRoom = v.InferOutput<typeof roomSchema>;
export type StateMessage = Extract<StageMessage, { type: 'state' }>;

/** A message from the channel, or null when it is not one of ours (another version, a stranger, damage). */
export function parseStageMessage(data: unknown): StageMessage | null {
  const result = v.safeParse(stageMessageSchema, data);
  return result.success ? result.output : null;
}

export const isSessionId = (value: unknown): value is string => v.is(sessionId, value);

type Without<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** Builds a message with the protocol's version. */
export const stageMessage = (message: Without<StageMessage, 'v'>): StageMessage => ({ v: STAGE_PROTOCOL, ...message }) as StageMessage;

/** The part of `BroadcastChannel` used here (tests hand in their own). */
export interface ChannelPort {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export interface StageChannel {
  post(message: StageMessage): void;
  /** Valid messages only; each listener hears every valid message. */
  listen(listener: (message: StageMessage) => void): void;
  close(): void;
}

/** Opens the channel; null where the browser has no `BroadcastChannel` (then there is no stage window). */
export function openStageChannel(make: (name: string) => ChannelPort = (name) => new BroadcastChannel(name)): StageChannel | null {
  let port: ChannelPort;
  try {
    port = make(STAGE_CHANNEL);
  } catch {
    return null;
  }
  const listeners: ((message: StageMessage) => void)[] = [];
  let closed = false;
  port.onmessage = (event) => {
    const message = parseStageMessage(event.data);
    if (message) for (const listener of listeners) listener(message);
  };
  return {
    post(message) {
      if (closed) return;
      try {
        port.postMessage(message);
      } catch {
        // A message the browser cannot clone, or a channel closed under us: the stage asks again.
      }
    },
    listen(listener) {
      listeners.push(listener);
    },
    close() {
      closed = true;
      port.onmessage = null;
      port.close();
    },
  };
}

export function hasBroadcastChannel(): boolean {
  return typeof globalThis.BroadcastChannel === 'function';
}
