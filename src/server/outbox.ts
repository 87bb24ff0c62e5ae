/**
 * Group commit: everything the server does in one turn of the event loop (all the frames that were ready) runs
 * in one SQLite transaction, and everything it would send waits in this outbox. Right after the turn
 * (`setImmediate`) the transaction is committed and only then are the messages sent, each socket's messages in
 * one write. Nothing leaves the server before what it is based on is stored, and a burst of 2,000 votes costs
 * one commit instead of 2,000.
 *
 * A batch is also cut after `MAX_BATCH_MS`, so under a flood of frames the first answers do not wait for the
 * last frame to be read.
 *
 * Views are full states, not changes: when a seat has several views waiting in the same turn, only the last is
 * sent.
 *
 * An acknowledgement may wait for the view it will be followed by (`sendAck`): when all a socket gets in a batch
 * are such acks, they are held (up to `ACK_WAIT_MS`, 250 ms) and go out in front of the next message to that socket, in one
 * write. While the screen is there, an action's view follows within milliseconds, so a phone's ack and view cost one
 * write (one packet on the room's Wi-Fi) instead of two; in a burst of 2,400 votes that was a third of the writes.
 * They are still only sent after their batch was committed, and always before anything sent to the socket after
 * them (a phone reads an ack before the view that includes the action, and before a later `refused`).
 *
 * Sending: a socket's messages of one batch are framed here (unmasked text frames, RFC 6455 §5.2: what `ws`
 * itself writes for a server with compression off) into one buffer, written with one `write` on the socket
 * under `ws`. That is one system call per socket and batch, without `ws`'s per-message framing, corking and
 * write-vector bookkeeping, which were most of the cost of a burst. Pings and close frames still go through `ws`
 * (written in order on the same socket, after what this outbox wrote).
 */
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import type { Store } from './store.ts';

/** Longest a batch stays open before it is committed and sent, even in the middle of a turn. */
export const MAX_BATCH_MS = 5;

/** Longest an acknowledgement waits for another message to its socket before it is sent alone (default). */
export const ACK_WAIT_MS = 250;

/** A view waiting in a batch: its text is made when the batch goes out (null: nothing to send). */
type ViewText = () => string | null;

/** An acknowledgement that may wait for the next message to its socket. */
interface Ack {
  readonly ack: string;
}

/** One socket's part of a batch, in the order the messages were queued. */
interface Queue {
  readonly ws: WebSocket;
  /** Texts, acks and views (made when sent). A view replaced by a later one in the same batch becomes null. */
  readonly items: Array<string | Ack | ViewText | null>;
  /** Every item is an `Ack`. */
  onlyAcks: boolean;
  /** Index in `items` of this batch's view for the socket, or -1. */
  view: number;
  /** Close the socket after the messages queued before this (ws close code and reason). */
  close: { readonly code: number; readonly reason: string; readonly after: number } | null;
}

/** Frame header size for a text payload of `n` bytes (server frames are not masked). */
const headerSize = (n: number): number => (n < 126 ? 2 : n < 65_536 ? 4 : 10);

/** Writes the header of one final, unmasked text frame at `at`; returns where the payload starts. */
function writeHeader(buf: Buffer, at: number, n: number): number {
  buf[at] = 0x81; // FIN + text
  if (n < 126) {
    buf[at + 1] = n;
    return at + 2;
  }
  if (n < 65_536) {
    buf[at + 1] = 126;
    buf.writeUInt16BE(n, at + 2);
    return at + 4;
  }
  buf[at + 1] = 127;
  buf.writeUInt32BE(Math.floor(n / 2 ** 32), at + 2);
  buf.writeUInt32BE(n >>> 0, at + 6);
  return at + 10;
}

/** One buffer holding a text frame for each of `texts`. */
export function frameTexts(texts: readonly string[]): Buffer {
  const lengths = new Array<number>(texts.length);
  let total = 0;
  for (let i = 0; i < texts.length; i++) {
    const n = Buffer.byteLength(texts[i]!, 'utf8');
    lengths[i] = n;
    total += headerSize(n) + n;
  }
  const buf = Buffer.allocUnsafe(total);
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    const n = lengths[i]!;
    at = writeHeader(buf, at, n);
    at += buf.write(texts[i]!, at, n, 'utf8');
  }
  return buf;
}

/** `ws` keeps the socket it speaks over here; written to directly (see the top of this file). */
const rawSocket = (ws: WebSocket): Socket | undefined => (ws as unknown as { _socket?: Socket | null })._socket ?? undefined;

export class Outbox {
  /** This batch's messages by socket, in the order each socket first got one. */
  private queues = new Map<WebSocket, Queue>();
  private pending: NodeJS.Immediate | null = null;
  private openedAt = 0;
  /** Acks held after their batch, by socket, in the order they were held (so by when they are due). */
  private held = new Map<WebSocket, { readonly texts: string[]; readonly due: number }>();
  private heldTimer: NodeJS.Timeout | null = null;
  /** When the last batch went out (performance.now()). */
  lastFlushAt = 0;

  constructor(
    private readonly store: Store,
    private readonly log: (line: string) => void,
    /** A socket with more than this waiting to be written does not read: it is dropped. */
    private readonly maxBufferedBytes: number,
    /** Last writes of the batch, right before the commit. */
    private readonly beforeCommit: () => void = () => {},
    /** Longest a held ack waits for another message to its socket. */
    private readonly ackWaitMs: number = ACK_WAIT_MS,
  ) {}

  /**
   * Called before handling each frame: starts a batch (a transaction) if none is open, or cuts the open one if
   * it is older than MAX_BATCH_MS. A batch is committed and sent right after this turn at the latest.
   */
  open(): void {
    if (this.pending && performance.now() - this.openedAt >= MAX_BATCH_MS) this.flush();
    this.ensure();
  }

  private ensure(): void {
    if (this.pending) return;
    this.store.begin();
    this.openedAt = performance.now();
    this.pending = setImmediate(this.flush);
  }

  private queue(ws: WebSocket): Queue {
    let q = this.queues.get(ws);
    if (!q) {
      q = { ws, items: [], onlyAcks: true, view: -1, close: null };
      this.queues.set(ws, q);
    }
    return q;
  }

  send(ws: WebSocket, text: string): void {
    this.ensure();
    const q = this.queue(ws);
    q.onlyAcks = false;
    q.items.push(text);
  }

  /** An acknowledgement that may wait up to `ackWaitMs` for the next message to the socket (see the top). */
  sendAck(ws: WebSocket, text: string): void {
    this.ensure();
    this.queue(ws).items.push({ ack: text });
  }

  /** A view replaces any view for the same socket still waiting in this batch. */
  sendView(ws: WebSocket, text: ViewText): void {
    this.ensure();
    const q = this.queue(ws);
    q.onlyAcks = false;
    if (q.view >= 0) q.items[q.view] = null;
    q.view = q.items.length;
    q.items.push(text);
  }

  /** Closes the socket after what is queued for it has been sent (later messages for it are dropped). */
  close(ws: WebSocket, code: number, reason: string): void {
    this.ensure();
    const q = this.queue(ws);
    q.onlyAcks = false;
    q.close ??= { code, reason, after: q.items.length };
  }

  readonly flush = (): void => {
    if (this.pending) clearImmediate(this.pending);
    this.pending = null;
    const queues = this.queues;
    this.queues = new Map();
    try {
      this.beforeCommit();
      this.store.commit();
    } catch (error) {
      // Nothing that depended on this batch may go out: those sockets reconnect and resend.
      this.log(`commit failed, closing ${queues.size} socket(s) with pending messages: ${String(error)}`);
      this.store.rollback();
      for (const ws of queues.keys()) ws.close(1011, 'server error');
      return;
    }
    const now = performance.now();
    const texts: string[] = [];
    for (const q of queues.values()) {
      const ws = q.ws;
      const held = this.held.get(ws);
      if (ws.readyState !== WebSocket.OPEN) {
        this.held.delete(ws);
        continue;
      }
      if (q.onlyAcks) {
        // Nothing else for this socket in this batch: the acks wait for the next message (or their time).
        const acks = q.items.map((item) => (item as Ack).ack);
        if (held) held.texts.push(...acks);
        else this.held.set(ws, { texts: acks, due: now + this.ackWaitMs });
        continue;
      }
      this.held.delete(ws);
      texts.length = 0;
      if (held) texts.push(...held.texts);
      const end = q.close ? q.close.after : q.items.length;
      for (let i = 0; i < end; i++) {
        const item = q.items[i];
        const text = item === null || item === undefined ? null : typeof item === 'string' ? item : typeof item === 'function' ? item() : item.ack;
        if (text !== null) texts.push(text);
      }
      this.write(ws, texts, q.close);
    }
    this.sendHeld(now);
    this.lastFlushAt = performance.now();
  };

  /** Sends what is waiting, held acks too (when the server stops). */
  drain(): void {
    this.flush();
    this.sendHeld(Number.POSITIVE_INFINITY);
  }

  /** Writes `texts` to the socket in one write, then closes it when asked. */
  private write(ws: WebSocket, texts: readonly string[], close: Queue['close']): void {
    try {
      if (texts.length > 0) {
        if (ws.bufferedAmount > this.maxBufferedBytes) {
          this.log('dropped a socket that does not read what it is sent');
          ws.terminate();
          return;
        }
        const socket = rawSocket(ws);
        if (socket) socket.write(frameTexts(texts));
        else for (const text of texts) ws.send(text);
      }
      if (close) ws.close(close.code, close.reason);
    } catch (error) {
      this.log(`could not send on a socket, closed: ${String(error)}`);
      ws.terminate();
    }
  }

  /** Sends the held acks that are due (alone), and sets a timer for the next. */
  private sendHeld(now: number): void {
    for (const [ws, held] of this.held) {
      if (held.due > now) break;
      this.held.delete(ws);
      if (ws.readyState === WebSocket.OPEN) this.write(ws, held.texts, null);
    }
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.heldTimer = null;
    const next = this.held.values().next();
    if (next.done) return;
    this.heldTimer = setTimeout(() => {
      this.heldTimer = null;
      this.sendHeld(performance.now());
    }, Math.max(1, next.value.due - now));
    this.heldTimer.unref();
  }
}
