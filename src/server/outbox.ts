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
 */
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import type { Store } from './store.ts';

/** Longest a batch stays open before it is committed and sent, even in the middle of a turn. */
export const MAX_BATCH_MS = 5;

interface Entry {
  readonly ws: WebSocket;
  /** What to send; a function is called when the batch goes out (null: nothing). */
  text: string | (() => string | null) | null;
  readonly close?: { readonly code: number; readonly reason: string };
}

export class Outbox {
  private entries: Entry[] = [];
  private readonly views = new Map<WebSocket, Entry>();
  private pending: NodeJS.Immediate | null = null;
  private openedAt = 0;
  /** When the last batch went out (performance.now()). */
  lastFlushAt = 0;

  constructor(
    private readonly store: Store,
    private readonly log: (line: string) => void,
    /** A socket with more than this waiting to be written does not read: it is dropped. */
    private readonly maxBufferedBytes: number,
    /** Last writes of the batch, right before the commit. */
    private readonly beforeCommit: () => void = () => {},
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

  send(ws: WebSocket, text: string): void {
    this.ensure();
    this.entries.push({ ws, text });
  }

  /** A view replaces any view for the same socket still waiting in this batch. */
  sendView(ws: WebSocket, text: () => string | null): void {
    this.ensure();
    const earlier = this.views.get(ws);
    if (earlier) earlier.text = null;
    const entry: Entry = { ws, text };
    this.entries.push(entry);
    this.views.set(ws, entry);
  }

  /** Closes the socket after what is queued for it has been sent. */
  close(ws: WebSocket, code: number, reason: string): void {
    this.ensure();
    this.entries.push({ ws, text: null, close: { code, reason } });
  }

  readonly flush = (): void => {
    if (this.pending) clearImmediate(this.pending);
    this.pending = null;
    const entries = this.entries;
    this.entries = [];
    this.views.clear();
    try {
      this.beforeCommit();
      this.store.commit();
    } catch (error) {
      // Nothing that depended on this batch may go out: those sockets reconnect and resend.
      this.log(`commit failed, closing ${entries.length} pending message(s)' sockets: ${String(error)}`);
      this.store.rollback();
      for (const e of new Set(entries.map((x) => x.ws))) e.close(1011, 'server error');
      return;
    }
    const corked = new Set<Socket>();
    for (const e of entries) {
      const ws = e.ws;
      if (ws.readyState !== WebSocket.OPEN) continue;
      try {
        const text = typeof e.text === 'function' ? e.text() : e.text;
        if (text !== null) {
          if (ws.bufferedAmount > this.maxBufferedBytes) {
            this.log('dropped a socket that does not read what it is sent');
            ws.terminate();
            continue;
          }
          // `_socket` is ws's own net.Socket: corked, all of this batch's frames for it go out in one write.
          const socket = (ws as unknown as { _socket?: Socket })._socket;
          if (socket && !corked.has(socket)) {
            socket.cork();
            corked.add(socket);
          }
          ws.send(text);
        }
        if (e.close) ws.close(e.close.code, e.close.reason);
      } catch (error) {
        this.log(`could not send on a socket, closed: ${String(error)}`);
        ws.terminate();
      }
    }
    for (const socket of corked) socket.uncork();
    this.lastFlushAt = performance.now();
  };
}
