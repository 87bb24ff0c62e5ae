/**
 * The facilitator's remote on the room server (`/room/remote`, see src/net/remoteProtocol.ts): a relay between a
 * room's shared screen and the phones holding its remote key, and nothing else.
 *
 * - The screen proves it holds the room with the host token (checked again before every relay, so a screen that
 *   was replaced by a move no longer gets commands).
 * - The remote key is stored only as a hash, in a table of its own next to the rooms (deleted with its room);
 *   it is not a seat token or a host token, and on this path it opens only the remote's side.
 * - Commands go to the screen only; views go to the room's remotes only. Both are sealed end to end: the server
 *   keeps the last view in memory to hand a phone that comes in, unread.
 */
import { WebSocket, type RawData } from 'ws';
import {
  MAX_REMOTE_MESSAGE_BYTES,
  MAX_SCREEN_MESSAGE_BYTES,
  parseRemoteSocketMessage,
  type RemoteRefusal,
  type RemoteServerMessage,
  type RemoteSocketMessage,
} from '../net/remoteProtocol.ts';
import type { Outbox } from './outbox.ts';
import type { AddressLimiter } from './rateLimit.ts';
import { TokenBucket } from './rateLimit.ts';
import type { Store } from './store.ts';
import { SocketLog } from './socketLog.ts';
import { hashToken, randomToken, tokenMatches } from './tokens.ts';

/** ws's payload limit for the remote path (a screen's view with some room for a `too-big` answer). */
export const REMOTE_MAX_PAYLOAD = MAX_SCREEN_MESSAGE_BYTES + 16 * 1024;
const UNJOINED_MS = 10_000;
const UNJOINED_MAX_BYTES = 4 * 1024;
const HEARTBEAT_MS = 30_000;
/** The room's last activity is written at most this often for a screen that only has the remote open. */
const TOUCH_EVERY_MS = 60_000;
const BAD_FRAME_STRIKES = 10;

interface RemoteConn {
  readonly ws: WebSocket;
  readonly ip: string;
  role: 'screen' | 'remote' | null;
  code: string | null;
  /** A screen's host token hash when it came in: it must still be the room's. */
  hostHash: string | null;
  alive: boolean;
  closing: boolean;
}

interface RemoteRoom {
  screen: RemoteConn | null;
  readonly remotes: Set<RemoteConn>;
  /** The last sealed view, as the screen sent it. */
  view: string | null;
  touched: number;
}

export interface RemoteHubOptions {
  readonly store: Store;
  readonly db: { exec(sql: string): unknown; prepare(sql: string): { run(...a: unknown[]): unknown; get(...a: unknown[]): unknown } };
  readonly limiter: AddressLimiter;
  readonly outbox: Outbox;
  readonly roomTtlMs: number;
  readonly log: (line: string) => void;
  readonly now?: () => number;
}

const msg = (m: RemoteServerMessage): string => JSON.stringify(m);

export class RemoteHub {
  private readonly rooms = new Map<string, RemoteRoom>();
  private readonly sockets = new Set<RemoteConn>();
  private readonly q;
  private readonly now: () => number;
  private readonly heartbeat: ReturnType<typeof setInterval>;

  constructor(private readonly o: RemoteHubOptions) {
    this.now = o.now ?? Date.now;
    o.db.exec(`CREATE TABLE IF NOT EXISTS remote_keys (
      code TEXT PRIMARY KEY REFERENCES rooms (code) ON DELETE CASCADE,
      key_hash TEXT NOT NULL
    ) STRICT`);
    this.q = {
      setKey: o.db.prepare('INSERT INTO remote_keys (code, key_hash) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET key_hash = excluded.key_hash'),
      key: o.db.prepare('SELECT key_hash FROM remote_keys WHERE code = ?'),
    };
    this.heartbeat = setInterval(() => {
      for (const c of this.sockets) {
        if (!c.alive) {
          c.ws.terminate();
          continue;
        }
        c.alive = false;
        try {
          c.ws.ping();
        } catch {
          c.ws.terminate();
        }
      }
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** A socket on the remote path (origin, host name and sockets per address were checked by the server). */
  attach(ws: WebSocket, ip: string): void {
    const conn: RemoteConn = { ws, ip, role: null, code: null, hostHash: null, alive: true, closing: false };
    this.sockets.add(conn);
    const bucket = new TokenBucket(20, 40);
    const badFrames = new TokenBucket(0.2, BAD_FRAME_STRIKES);
    const socketLog = new SocketLog(this.o.log, `remote path ${ip}`);
    const refuse = (reason: RemoteRefusal, fatal: boolean, why: string): void => {
      socketLog.refusal(reason, fatal, conn.code, why);
      this.send(conn, { t: 'refused', reason, fatal });
      if (fatal) {
        conn.closing = true;
        this.o.outbox.close(ws, 4000, reason);
      }
    };
    const deadline = setTimeout(() => {
      if (conn.role === null && ws.readyState === WebSocket.OPEN) ws.terminate();
    }, UNJOINED_MS);
    deadline.unref();
    ws.on('pong', () => (conn.alive = true));
    ws.on('error', () => {});
    ws.on('close', () => {
      clearTimeout(deadline);
      socketLog.summary();
      this.sockets.delete(conn);
      this.o.outbox.open();
      this.detach(conn);
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (ws.readyState !== WebSocket.OPEN || conn.closing) return;
      try {
        this.o.outbox.open();
        conn.alive = true;
        if (!bucket.take()) return refuse('rate-limited', !badFrames.take(), 'message flood');
        const bad = (reason: 'bad-message' | 'too-big', why: string): void => refuse(reason, !badFrames.take(), why);
        if (isBinary) return bad('bad-message', 'binary frame');
        const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
        // Until a socket has come in (as the screen or a phone), its frames may be only a few KiB.
        const max = conn.role === 'screen' ? MAX_SCREEN_MESSAGE_BYTES : conn.role === 'remote' ? MAX_REMOTE_MESSAGE_BYTES : UNJOINED_MAX_BYTES;
        if (buffer.length > max) return bad('too-big', 'message over the size limit');
        const parsed = parseRemoteSocketMessage(buffer.toString('utf8'), max);
        if (!parsed.ok) return bad(parsed.reason, 'not a valid remote-path message');
        this.handle(conn, parsed.message, refuse);
        if (conn.role !== null) clearTimeout(deadline);
      } catch (error) {
        this.o.log(`error handling a remote-path message (${ip}): ${error instanceof Error ? error.message : String(error)}; socket closed`);
        ws.close(1011, 'server error');
      }
    });
  }

  private send(conn: RemoteConn, m: RemoteServerMessage): void {
    this.o.outbox.send(conn.ws, msg(m));
  }

  private room(code: string): RemoteRoom {
    let room = this.rooms.get(code);
    if (!room) {
      room = { screen: null, remotes: new Set(), view: null, touched: 0 };
      this.rooms.set(code, room);
    }
    return room;
  }

  /** The room's stored row, if it exists and has not expired. */
  private stored(code: string) {
    return this.o.store.room(code, this.now() - this.o.roomTtlMs);
  }

  private handle(conn: RemoteConn, m: RemoteSocketMessage, refuse: (r: RemoteRefusal, fatal: boolean, why: string) => void): void {
    switch (m.t) {
      case 'ping':
        if (conn.role === 'screen' && conn.code) this.keepAlive(conn.code);
        return this.send(conn, { t: 'pong' });
      case 'screen':
      case 'remote': {
        if (conn.role !== null) return refuse('bad-message', false, 'a socket comes in once');
        if (!this.o.limiter.attempt(conn.ip, this.now(), m.code)) return refuse('rate-limited', false, 'too many attempts from this address');
        const row = this.stored(m.code);
        if (!row) {
          this.o.limiter.fail(conn.ip, this.now(), m.code);
          return refuse('no-room', true, `${m.t} for an unknown or expired room`);
        }
        if (m.t === 'screen') {
          if (!tokenMatches(m.hostToken, row.hostTokenHash)) {
            this.o.limiter.fail(conn.ip, this.now(), m.code);
            return refuse('bad-token', true, `wrong host token for room ${m.code}`);
          }
          return this.screenIn(conn, m.code, row.hostTokenHash);
        }
        const stored = this.q.key.get(m.code) as { key_hash: string } | undefined;
        if (!tokenMatches(m.key, stored?.key_hash)) {
          this.o.limiter.fail(conn.ip, this.now(), m.code);
          return refuse('bad-token', true, `wrong remote key for room ${m.code}`);
        }
        return this.remoteIn(conn, m.code);
      }
      case 'newKey':
      case 'view': {
        const room = this.screenRoom(conn, refuse);
        if (!room || conn.code === null) return;
        this.keepAlive(conn.code);
        if (m.t === 'view') {
          room.view = m.sealed;
          for (const r of room.remotes) this.send(r, { t: 'view', sealed: m.sealed });
          return;
        }
        const key = randomToken();
        this.q.setKey.run(conn.code, hashToken(key));
        // Phones holding the previous key are sent away.
        for (const r of room.remotes) {
          r.code = null;
          r.closing = true;
          this.send(r, { t: 'refused', reason: 'bad-token', fatal: true });
          this.o.outbox.close(r.ws, 4000, 'bad-token');
        }
        room.remotes.clear();
        room.view = null;
        this.o.log(`room ${conn.code}: new remote key`);
        return this.send(conn, { t: 'key', key });
      }
      case 'cmd': {
        if (conn.role !== 'remote' || conn.code === null) return refuse('not-joined', false, 'command before coming in with a remote key');
        const room = this.rooms.get(conn.code);
        const screen = room?.screen;
        if (!room || !screen || !this.screenStillHolds(screen)) return this.send(conn, { t: 'screen', present: false });
        this.send(screen, { t: 'cmd', sealed: m.sealed });
        return;
      }
    }
  }

  /** The room of a screen socket that still holds the room, or null after refusing. */
  private screenRoom(conn: RemoteConn, refuse: (r: RemoteRefusal, fatal: boolean, why: string) => void): RemoteRoom | null {
    if (conn.role !== 'screen' || conn.code === null) {
      refuse('not-joined', false, 'screen message before `screen`');
      return null;
    }
    const room = this.rooms.get(conn.code);
    if (!room || room.screen !== conn) {
      refuse('replaced', true, 'another screen holds the remote');
      return null;
    }
    if (!this.screenStillHolds(conn)) return null;
    return room;
  }

  /** Whether the screen's host token is still the room's (a move to another screen changes it). */
  private screenStillHolds(screen: RemoteConn): boolean {
    const row = screen.code === null ? undefined : this.stored(screen.code);
    if (row && row.hostTokenHash === screen.hostHash) return true;
    const why = row ? 'the room moved to another screen' : 'the room is gone';
    this.o.log(`remote path ${screen.ip}: screen dropped: ${why}`);
    screen.closing = true;
    this.send(screen, { t: 'refused', reason: row ? 'replaced' : 'no-room', fatal: true });
    this.o.outbox.close(screen.ws, 4000, row ? 'replaced' : 'no-room');
    this.detach(screen);
    return false;
  }

  private screenIn(conn: RemoteConn, code: string, hostHash: string): void {
    conn.role = 'screen';
    conn.code = code;
    conn.hostHash = hostHash;
    const room = this.room(code);
    const previous = room.screen;
    room.screen = conn;
    if (previous && previous !== conn) {
      previous.code = null;
      previous.closing = true;
      this.send(previous, { t: 'refused', reason: 'replaced', fatal: true });
      this.o.outbox.close(previous.ws, 4000, 'replaced');
    }
    this.keepAlive(code);
    this.send(conn, { t: 'ready', remotes: room.remotes.size });
    for (const r of room.remotes) this.send(r, { t: 'screen', present: true });
  }

  private remoteIn(conn: RemoteConn, code: string): void {
    conn.role = 'remote';
    conn.code = code;
    const room = this.room(code);
    room.remotes.add(conn);
    this.send(conn, { t: 'welcome' });
    const present = room.screen !== null;
    if (room.view && present) this.send(conn, { t: 'view', sealed: room.view });
    this.send(conn, { t: 'screen', present });
    if (room.screen) this.send(room.screen, { t: 'remotes', count: room.remotes.size });
  }

  /** The screen with only the remote open keeps its room from expiring. */
  private keepAlive(code: string): void {
    const room = this.rooms.get(code);
    const now = this.now();
    if (!room || now - room.touched < TOUCH_EVERY_MS) return;
    room.touched = now;
    this.o.store.touch(code, now);
  }

  private detach(conn: RemoteConn): void {
    const code = conn.code;
    conn.code = null;
    if (code === null) return;
    const room = this.rooms.get(code);
    if (!room) return;
    if (room.screen === conn) {
      room.screen = null;
      for (const r of room.remotes) this.send(r, { t: 'screen', present: false });
    }
    if (room.remotes.delete(conn) && room.screen) this.send(room.screen, { t: 'remotes', count: room.remotes.size });
    if (!room.screen && room.remotes.size === 0) this.rooms.delete(code);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const c of this.sockets) c.ws.terminate();
    this.sockets.clear();
    this.rooms.clear();
  }
}
