/**
 * The room server: one HTTP server that serves the built game, `GET /api/addresses`, and two WebSocket paths,
 * `/room/host` for the shared screen and `/room/play` for the players' devices (see `src/net/protocol.ts`).
 *
 * Every frame is checked before anything looks at it: a per-socket token bucket (floods), text only, the
 * protocol's size limit and schema. A bad message gets `refused` and never reaches another socket; a handler
 * that throws closes only that socket.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import {
  HOST_SOCKET_PATH,
  MAX_HOST_MESSAGE_BYTES,
  MAX_PLAYER_MESSAGE_BYTES,
  PLAYER_SOCKET_PATH,
  type RefusalReason,
} from '../net/protocol.ts';
import { parseHostFrame, parsePlayerFrame } from './messages.ts';
import { AddressLimiter, DEFAULT_ADDRESS_LIMITS, TokenBucket, type AddressLimits } from './rateLimit.ts';
import { Outbox } from './outbox.ts';
import { Hub, type Conn } from './rooms.ts';
import { SECURITY_HEADERS, staticFiles } from './static.ts';
import { Store } from './store.ts';

export interface FloodLimits {
  /** Messages a second a socket may send, and the burst above that. */
  readonly perSecond: number;
  readonly burst: number;
}

export interface ServerOptions {
  readonly port: number;
  readonly host: string;
  readonly dbPath: string;
  readonly dist: string;
  readonly roomTtlMs: number;
  /** One line per event worth knowing (refusals, rooms opened, expiry); false for silence. Default console.log. */
  readonly log?: ((line: string) => void) | false;
  /** How often expired rooms are swept (default one minute). */
  readonly sweepMs?: number;
  /** How often sockets are pinged; one that did not answer the previous ping is dropped (default 30 s). */
  readonly heartbeatMs?: number;
  readonly addressLimits?: AddressLimits;
  readonly playerFlood?: FloodLimits;
  readonly hostFlood?: FloodLimits;
}

export interface RunningServer {
  readonly port: number;
  /** http:// addresses on the LAN (IPv4) where phones can reach this server. */
  lanUrls(): string[];
  close(): Promise<void>;
}

/** Frames larger than this are never read: ws closes the socket (1009). Just above the protocol's limits so a
 * slightly oversized message still gets a `too-big` answer, and below 1 MiB. */
export const PLAYER_MAX_PAYLOAD = MAX_PLAYER_MESSAGE_BYTES * 2;
export const HOST_MAX_PAYLOAD = MAX_HOST_MESSAGE_BYTES + 16 * 1024;

const DEFAULT_PLAYER_FLOOD: FloodLimits = { perSecond: 20, burst: 40 };
const DEFAULT_HOST_FLOOD: FloodLimits = { perSecond: 200, burst: 400 };
/** Messages dropped for flooding before the socket is closed (refilled one a second). */
const FLOOD_STRIKES = 20;
const CHECKPOINT_IDLE_MS = 500;
const CHECKPOINT_AT_LEAST_MS = 30_000;
/** A socket that does not read what it is sent is dropped before it eats the server's memory. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** LAN IPv4 addresses for a server listening on `host`. */
export function lanAddresses(host: string): string[] {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  const found: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family !== 'IPv4' || a.internal) continue;
      if (wildcard || a.address === host) found.push(a.address);
    }
  }
  return [...new Set(found)];
}

function remoteAddress(req: IncomingMessage): string {
  const a = req.socket.remoteAddress ?? 'unknown';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

interface SocketConn extends Conn {
  alive: boolean;
  /** A fatal refusal is on its way: later frames are ignored. */
  closing: boolean;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log === false ? () => {} : (options.log ?? ((line: string) => console.log(line)));
  const store = new Store(options.dbPath);
  const limiter = new AddressLimiter(options.addressLimits ?? DEFAULT_ADDRESS_LIMITS);
  const hub = new Hub({ store, limiter, roomTtlMs: options.roomTtlMs, log });
  const outbox = new Outbox(store, log, MAX_BUFFERED_BYTES, () => hub.saveAll());
  const serveFile = staticFiles(options.dist);
  const playerFlood = options.playerFlood ?? DEFAULT_PLAYER_FLOOD;
  const hostFlood = options.hostFlood ?? DEFAULT_HOST_FLOOD;
  let port = options.port;

  const lanUrls = (): string[] => lanAddresses(options.host).map((a) => `http://${a}:${port}/`);

  const http = createServer((req, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/api/addresses') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
      res.end(JSON.stringify({ urls: lanUrls() }));
      return;
    }
    if (path === HOST_SOCKET_PATH || path === PLAYER_SOCKET_PATH) {
      res.writeHead(426, { Upgrade: 'websocket' }).end();
      return;
    }
    serveFile(req, res).catch((error: unknown) => {
      log(`http error: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  const hostWss = new WebSocketServer({ noServer: true, maxPayload: HOST_MAX_PAYLOAD, perMessageDeflate: false });
  const playerWss = new WebSocketServer({ noServer: true, maxPayload: PLAYER_MAX_PAYLOAD, perMessageDeflate: false });

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0];
    const wss = path === HOST_SOCKET_PATH ? hostWss : path === PLAYER_SOCKET_PATH ? playerWss : null;
    if (!wss) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // A browser always says where the page came from: only the game's own pages may open a room socket, so a
    // website a player happens to visit cannot reach the room server through their phone.
    if (!sameOrigin(req)) {
      log(`refused a room socket from another origin (${String(req.headers.origin).slice(0, 80)})`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, req, wss === hostWss ? 'host' : 'player'));
  });

  function sameOrigin(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true; // not a browser: no page to protect
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }

  function attach(ws: WebSocket, req: IncomingMessage, role: 'host' | 'player'): void {
    const ip = remoteAddress(req);
    const flood = role === 'host' ? hostFlood : playerFlood;
    const bucket = new TokenBucket(flood.perSecond, flood.burst);
    const strikes = new TokenBucket(1, FLOOD_STRIKES);
    const maxBytes = role === 'host' ? MAX_HOST_MESSAGE_BYTES : MAX_PLAYER_MESSAGE_BYTES;

    const send = (text: string): void => outbox.send(ws, text);
    const conn: SocketConn = {
      role,
      ip,
      code: null,
      seatId: null,
      lastSeq: 0,
      alive: true,
      closing: false,
      send,
      sendView: (text: () => string | null) => outbox.sendView(ws, text),
      refuse(reason: RefusalReason, fatal: boolean, why: string) {
        const where = conn.code ? ` room ${conn.code}` : '';
        log(`refused ${reason}${fatal ? ' (fatal)' : ''}: ${role} ${ip}${where}: ${why}`);
        send(`{"t":"refused","reason":"${reason}","fatal":${fatal}}`);
        if (fatal) {
          conn.closing = true;
          outbox.close(ws, 4000, reason);
        }
      },
    };
    sockets.set(ws, conn);

    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('error', (error: Error & { code?: string }) => {
      const where = `${role} ${ip}${conn.code ? ` room ${conn.code}` : ''}`;
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') log(`refused too-big (fatal): ${where}: frame over the size limit, socket closed unread`);
      else log(`socket error: ${where}: ${error.code ?? error.message}`);
    });
    ws.on('close', () => {
      sockets.delete(ws);
      if (stopped) return;
      try {
        outbox.open();
        hub.closed(conn);
      } catch (error) {
        log(`error after a ${role} socket closed: ${String(error)}`);
      }
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (ws.readyState !== WebSocket.OPEN || conn.closing || stopped) return;
      try {
        outbox.open();
        conn.alive = true;
        if (!bucket.take()) {
          if (!strikes.take()) conn.refuse('rate-limited', true, 'kept flooding');
          else conn.refuse('rate-limited', false, 'message flood');
          return;
        }
        if (isBinary) return conn.refuse('bad-message', false, 'binary frame');
        // The default binaryType: one Buffer per message.
        const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
        if (buffer.length > maxBytes) return conn.refuse('too-big', false, `${buffer.length} bytes`);
        const raw = buffer.toString('utf8');
        if (role === 'host') {
          const parsed = parseHostFrame(raw);
          if (!parsed.ok) return conn.refuse(parsed.reason, false, parsed.reason === 'too-big' ? 'message over the size limit' : 'not a valid host message');
          hub.hostMessage(conn, parsed.message, raw);
        } else {
          const parsed = parsePlayerFrame(raw);
          if (!parsed.ok) return conn.refuse(parsed.reason, false, parsed.reason === 'too-big' ? 'message over the size limit' : 'not a valid player message');
          hub.playerMessage(conn, parsed.message);
        }
      } catch (error) {
        log(`error handling a ${role} message (${ip}): ${error instanceof Error ? error.message : String(error)}; socket closed`);
        ws.close(1011, 'server error');
      }
    });
  }

  const sockets = new Map<WebSocket, SocketConn>();
  let stopped = false;

  const heartbeat = setInterval(() => {
    for (const [ws, conn] of sockets) {
      if (!conn.alive) {
        ws.terminate();
        continue;
      }
      conn.alive = false;
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  const sweep = (): void => {
    try {
      outbox.open();
      hub.sweep();
      limiter.prune();
    } catch (error) {
      log(`sweep failed: ${String(error)}`);
    }
  };
  sweep();
  const sweeper = setInterval(sweep, options.sweepMs ?? 60_000);
  sweeper.unref();

  // WAL checkpoints when nothing has happened for a moment, or at least every CHECKPOINT_AT_LEAST_MS.
  let lastCheckpoint = performance.now();
  const checkpointer = setInterval(() => {
    const t = performance.now();
    if (t - outbox.lastFlushAt < CHECKPOINT_IDLE_MS && t - lastCheckpoint < CHECKPOINT_AT_LEAST_MS) return;
    try {
      store.checkpoint();
    } catch (error) {
      log(`checkpoint failed: ${String(error)}`);
    }
    lastCheckpoint = t;
  }, CHECKPOINT_IDLE_MS);
  checkpointer.unref();

  await new Promise<void>((resolvePromise, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolvePromise();
    });
  });
  const address = http.address();
  if (address && typeof address === 'object') port = address.port;

  let closing: Promise<void> | null = null;
  return {
    port,
    lanUrls,
    close() {
      closing ??= (async () => {
        stopped = true;
        clearInterval(heartbeat);
        clearInterval(sweeper);
        clearInterval(checkpointer);
        outbox.flush();
        for (const ws of sockets.keys()) ws.terminate();
        await new Promise<void>((r) => hostWss.close(() => r()));
        await new Promise<void>((r) => playerWss.close(() => r()));
        http.closeAllConnections();
        await new Promise<void>((r) => http.close(() => r()));
        store.close();
      })();
      return closing;
    },
  };
}
