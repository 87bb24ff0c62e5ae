/**
 * The room server: one HTTP server that serves the built game, `GET /api/addresses`, and two WebSocket paths,
 * `/room/host` for the shared screen and `/room/play` for the players' devices (see `src/net/protocol.ts`).
 *
 * Every request and socket is checked first: its `Host` must be one of the server's names (DNS rebinding), a
 * socket's `Origin` must be the game's own, an address may hold only so many sockets, and a socket that has not
 * opened or joined a room within a few seconds is dropped (until then its frames may be only a few KiB).
 *
 * Every frame is checked before anything looks at it: a per-socket token bucket (floods), text only, the
 * protocol's size limit and schema. A bad message gets `refused` and never reaches another socket; a socket that
 * keeps sending bad frames is closed, with one log line for it, not one per frame. A handler that throws closes
 * only that socket.
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
import { answer, HostAllowList, refuseUpgrade, setSecurityHeaders, TrustedProxies } from './http.ts';
import type { PendingCaps } from './pending.ts';
import { AddressLimiter, DEFAULT_ADDRESS_LIMITS, TokenBucket, type AddressLimits } from './rateLimit.ts';
import { Outbox } from './outbox.ts';
import { Hub, type Conn } from './rooms.ts';
import { REMOTE_MAX_PAYLOAD, RemoteHub } from './remote.ts';
import { REMOTE_SOCKET_PATH } from '../net/remoteProtocol.ts';
import { SocketLog } from './socketLog.ts';
import { staticFiles } from './static.ts';
import { Store } from './store.ts';
import { WalCheckpointer } from './walCheckpointer.ts';

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
  /** Host names besides the machine's own addresses and name (RUIMTE_HOSTS), e.g. the reverse proxy's name. */
  readonly allowedHosts?: readonly string[];
  /** Proxies whose `X-Forwarded-For` is believed (RUIMTE_TRUST_PROXY): addresses, or `loopback`. */
  readonly trustProxy?: readonly string[];
  /** Open sockets one address may hold (RUIMTE_SOCKETS_PER_ADDRESS, default 64). */
  readonly socketsPerAddress?: number;
  /** How long a socket may stay without opening or joining a room (default 10 s). */
  readonly unjoinedMs?: number;
  readonly pendingCaps?: PendingCaps;
  /** Longest a phone's ack waits for its view while the screen is there (default ACK_WAIT_MS, outbox.ts). */
  readonly ackWaitMs?: number;
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

/** Largest frame a socket may send before it has opened or joined a room (a join is well under 1 KiB). */
export const UNJOINED_MAX_PAYLOAD = 4 * 1024;
export const DEFAULT_SOCKETS_PER_ADDRESS = 64;
const DEFAULT_UNJOINED_MS = 10_000;
/** Bad frames (not JSON, not the schema, binary, too big) a socket may send, refilled one every 5 s. */
const BAD_FRAME_STRIKES = 20;

const DEFAULT_PLAYER_FLOOD: FloodLimits = { perSecond: 20, burst: 40 };
const DEFAULT_HOST_FLOOD: FloodLimits = { perSecond: 200, burst: 400 };
/** Messages dropped for flooding before the socket is closed (refilled one a second). */
const FLOOD_STRIKES = 20;
const CHECKPOINT_IDLE_MS = 500;
const CHECKPOINT_AT_LEAST_MS = 30_000;
/** Under load, the background checkpointer copies the WAL this often. */
const BACKGROUND_CHECKPOINT_MS = 1000;
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

interface SocketConn extends Conn {
  alive: boolean;
  /** A fatal refusal is on its way: later frames are ignored. */
  closing: boolean;
}

/** ws's frame reader keeps its size limit here; lowered until the socket opened or joined a room. */
function setMaxPayload(ws: WebSocket, bytes: number): void {
  const receiver = (ws as unknown as { _receiver?: { _maxPayload?: number } })._receiver;
  if (receiver && typeof receiver._maxPayload === 'number') receiver._maxPayload = bytes;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log === false ? () => {} : (options.log ?? ((line: string) => console.log(line)));
  const store = new Store(options.dbPath);
  const limiter = new AddressLimiter(options.addressLimits ?? DEFAULT_ADDRESS_LIMITS);
  const hub = new Hub({ store, limiter, roomTtlMs: options.roomTtlMs, log, pendingCaps: options.pendingCaps });
  const outbox = new Outbox(store, log, MAX_BUFFERED_BYTES, () => hub.saveAll(), options.ackWaitMs);
  const remotes = new RemoteHub({ store, db: store.sqlite, limiter, outbox, roomTtlMs: options.roomTtlMs, log });
  const serveFile = staticFiles(options.dist);
  const allowList = new HostAllowList(options.host, options.allowedHosts ?? []);
  const proxies = new TrustedProxies(options.trustProxy ?? []);
  const socketsPerAddress = options.socketsPerAddress ?? DEFAULT_SOCKETS_PER_ADDRESS;
  const unjoinedMs = options.unjoinedMs ?? DEFAULT_UNJOINED_MS;
  const socketsByAddress = new Map<string, number>();
  /** Refusals of requests (not sockets) logged at most once a minute per kind and address. */
  const quietLog = new Map<string, number>();
  const logOnce = (key: string, line: string): void => {
    const now = Date.now();
    if ((quietLog.get(key) ?? 0) > now) return;
    if (quietLog.size > 10_000) quietLog.clear();
    quietLog.set(key, now + 60_000);
    log(line);
  };
  const playerFlood = options.playerFlood ?? DEFAULT_PLAYER_FLOOD;
  const hostFlood = options.hostFlood ?? DEFAULT_HOST_FLOOD;
  let port = options.port;

  const lanUrls = (): string[] => lanAddresses(options.host).map((a) => `http://${a}:${port}/`);

  const http = createServer((req, res: ServerResponse) => {
    setSecurityHeaders(res);
    if (!allowList.allows(req.headers.host)) {
      logOnce(`host ${String(req.headers.host)}`, `refused a request for another host name (${String(req.headers.host).slice(0, 80)})`);
      answer(res, 421, 'Unknown host name.');
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/')) {
      if (path !== '/api/addresses') return answer(res, 404, 'Not found.');
      if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ urls: lanUrls() }));
      return;
    }
    if (path === HOST_SOCKET_PATH || path === PLAYER_SOCKET_PATH || path === REMOTE_SOCKET_PATH) {
      answer(res, 426, 'This address is for WebSockets.', { Upgrade: 'websocket' });
      return;
    }
    serveFile(req, res).catch((error: unknown) => {
      log(`http error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) answer(res, 500, 'Server error.');
      else res.destroy();
    });
  });

  const hostWss = new WebSocketServer({ noServer: true, maxPayload: HOST_MAX_PAYLOAD, perMessageDeflate: false });
  const playerWss = new WebSocketServer({ noServer: true, maxPayload: PLAYER_MAX_PAYLOAD, perMessageDeflate: false });
  const remoteWss = new WebSocketServer({ noServer: true, maxPayload: REMOTE_MAX_PAYLOAD, perMessageDeflate: false });

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0];
    const wss = path === HOST_SOCKET_PATH ? hostWss : path === PLAYER_SOCKET_PATH ? playerWss : path === REMOTE_SOCKET_PATH ? remoteWss : null;
    if (!allowList.allows(req.headers.host)) {
      logOnce(`host ${String(req.headers.host)}`, `refused a room socket for another host name (${String(req.headers.host).slice(0, 80)})`);
      refuseUpgrade(socket, 421);
      return;
    }
    if (!wss) {
      refuseUpgrade(socket, 404);
      return;
    }
    // A browser always says where the page came from: only the game's own pages may open a room socket, so a
    // website a player happens to visit cannot reach the room server through their phone.
    if (!sameOrigin(req)) {
      logOnce(`origin ${String(req.headers.origin)}`, `refused a room socket from another origin (${String(req.headers.origin).slice(0, 80)})`);
      refuseUpgrade(socket, 403);
      return;
    }
    const ip = proxies.clientAddress(req);
    const held = socketsByAddress.get(ip) ?? 0;
    if (held >= socketsPerAddress) {
      logOnce(`sockets ${ip}`, `refused a room socket: ${ip} already holds ${held} sockets`);
      refuseUpgrade(socket, 429);
      return;
    }
    socketsByAddress.set(ip, held + 1);
    let counted = true;
    const release = (): void => {
      if (!counted) return;
      counted = false;
      const n = (socketsByAddress.get(ip) ?? 1) - 1;
      if (n > 0) socketsByAddress.set(ip, n);
      else socketsByAddress.delete(ip);
    };
    socket.once('close', release);
    wss.handleUpgrade(req, socket, head, (ws) => (wss === remoteWss ? remotes.attach(ws, ip) : attach(ws, ip, wss === hostWss ? 'host' : 'player')));
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

  function attach(ws: WebSocket, ip: string, role: 'host' | 'player'): void {
    const flood = role === 'host' ? hostFlood : playerFlood;
    const bucket = new TokenBucket(flood.perSecond, flood.burst);
    const strikes = new TokenBucket(1, FLOOD_STRIKES);
    const badFrames = new TokenBucket(0.2, BAD_FRAME_STRIKES);
    const maxBytes = role === 'host' ? MAX_HOST_MESSAGE_BYTES : MAX_PLAYER_MESSAGE_BYTES;
    const socketLog = new SocketLog(log, `${role} ${ip}`);
    /** Until the socket has opened or joined a room: small frames only, and a deadline. */
    let entered = false;
    setMaxPayload(ws, UNJOINED_MAX_PAYLOAD);
    const deadline = setTimeout(() => {
      if (entered || ws.readyState !== WebSocket.OPEN) return;
      logOnce(`idle ${ip}`, `${role} ${ip}: closed a socket that did not open or join a room in time (logged once a minute per address)`);
      ws.terminate();
    }, unjoinedMs);
    deadline.unref();

    const send = (text: string): void => outbox.send(ws, text);
    const conn: SocketConn = {
      role,
      ip,
      code: null,
      seatId: null,
      alive: true,
      closing: false,
      send,
      sendView: (text: () => string | null) => outbox.sendView(ws, text),
      sendAck: (text: string) => outbox.sendAck(ws, text),
      lastSeq: 0,
      seated: false,
      heldFrom: 0,
      refuse(reason: RefusalReason, fatal: boolean, why: string, seq?: number) {
        socketLog.refusal(reason, fatal, conn.code, why);
        send(`{"t":"refused","reason":"${reason}","fatal":${fatal}${seq === undefined ? '' : `,"seq":${seq}`}}`);
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
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') socketLog.line(`refused too-big (fatal): ${where}: frame over the size limit, socket closed unread`, true);
      else log(`socket error: ${where}: ${error.code ?? error.message}`);
    });
    ws.on('close', () => {
      clearTimeout(deadline);
      socketLog.summary();
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
        /** A bad frame: refused, and a socket that keeps sending them is closed. */
        const bad = (reason: 'bad-message' | 'too-big', why: string): void => {
          if (badFrames.take()) conn.refuse(reason, false, why);
          else conn.refuse(reason, true, `kept sending bad frames (last: ${why})`);
        };
        if (isBinary) return bad('bad-message', 'binary frame');
        // The default binaryType: one Buffer per message.
        const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
        if (buffer.length > maxBytes) return bad('too-big', 'message over the size limit');
        const raw = buffer.toString('utf8');
        if (role === 'host') {
          const parsed = parseHostFrame(raw);
          if (!parsed.ok) return bad(parsed.reason, parsed.reason === 'too-big' ? 'message over the size limit' : 'not a valid host message');
          hub.hostMessage(conn, parsed.message, raw);
        } else {
          const parsed = parsePlayerFrame(raw);
          if (!parsed.ok) return bad(parsed.reason, parsed.reason === 'too-big' ? 'message over the size limit' : 'not a valid player message');
          hub.playerMessage(conn, parsed.message);
        }
        if (!entered && conn.code !== null) {
          entered = true;
          clearTimeout(deadline);
          setMaxPayload(ws, role === 'host' ? HOST_MAX_PAYLOAD : PLAYER_MAX_PAYLOAD);
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
      const now = Date.now();
      for (const [key, until] of quietLog) if (until <= now) quietLog.delete(key);
    } catch (error) {
      log(`sweep failed: ${String(error)}`);
    }
  };
  sweep();
  const sweeper = setInterval(sweep, options.sweepMs ?? 60_000);
  sweeper.unref();

  // WAL checkpoints: while the server is busy, copied into the database file by a worker thread every second;
  // truncated by the server itself when nothing has happened for a moment, or soon after a room was deleted.
  const background = options.dbPath === ':memory:' ? null : new WalCheckpointer(options.dbPath, log);
  let lastCheckpoint = performance.now();
  let lastBackground = performance.now();
  const checkpointer = setInterval(() => {
    const t = performance.now();
    // A deleted room's pages may still be in the WAL: checkpoint (and truncate it) at the next tick.
    const truncate = store.needsCheckpoint || t - outbox.lastFlushAt >= CHECKPOINT_IDLE_MS || (!background && t - lastCheckpoint >= CHECKPOINT_AT_LEAST_MS);
    if (background) {
      if (background.busy || !store.dirty) return;
      // The worker copies first; the server truncates only what the worker has copied (nothing left to copy).
      if (!truncate || !background.covers(store.commits)) {
        if (truncate || t - lastBackground >= BACKGROUND_CHECKPOINT_MS) {
          lastBackground = t;
          background.request(store.commits);
        }
        return;
      }
    } else if (!truncate) return;
    try {
      const started = performance.now();
      store.checkpoint();
      const took = performance.now() - started;
      if (took > 100) log(`checkpoint took ${took.toFixed(0)} ms`);
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
        await background?.close();
        outbox.drain();
        for (const ws of sockets.keys()) ws.terminate();
        remotes.close();
        await new Promise<void>((r) => remoteWss.close(() => r()));
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
