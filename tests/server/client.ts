/**
 * A small test client for the room server: a real `ws` socket on loopback that records every message it gets,
 * and helpers to start a server in-process (port 0, temp database) or as a child process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/server.ts';


// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Msg = Record<string, any>;

export class Client {
  /** Every text message received, parsed, in order. */
  readonly received: Msg[] = [];
  /** Every text message received, as sent. */
  readonly raw: string[] = [];
  private queue: Msg[] = [];
  private waiters: Array<() => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  isClosed = false;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '<binary>' : data.toString();
      this.raw.push(text);
      let msg: Msg;
      try {
        msg = JSON.parse(text) as Msg;
      } catch {
        msg = { t: '<unparsable>', text };
      }
      this.received.push(msg);
      this.queue.push(msg);
      this.wake();
    });
    this.closed = new Promise((resolveClosed) => {
      ws.on('close', (code, reason) => {
        this.isClosed = true;
        this.wake();
        resolveClosed({ code, reason: reason.toString() });
      });
    });
    ws.on('error', () => {});
  }

  static connect(url: string, localAddress = '127.0.0.1', options: WebSocket.ClientOptions = {}): Promise<Client> {
    return new Promise((resolveClient, reject) => {
      const ws = new WebSocket(url, { localAddress, ...options });
      const client = new Client(ws);
      ws.once('open', () => resolveClient(client));
      ws.once('error', reject);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /**
   * The first message not yet taken that matches (`t` or a predicate); takes it out of the queue. Messages
   * before it stay in the queue.
   */
  async next(match: string | ((m: Msg) => boolean), timeoutMs = 3000): Promise<Msg> {
    const test = typeof match === 'string' ? (m: Msg) => m.t === match : match;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.queue.findIndex(test);
      if (i >= 0) return this.queue.splice(i, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0 || this.isClosed) {
        throw new Error(`no message matching ${String(match)} (closed: ${this.isClosed}); got ${JSON.stringify(this.queue).slice(0, 600)}`);
      }
      await new Promise<void>((r) => {
        const timer = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          r();
        });
      });
    }
  }

  /** Waits `ms` and returns (and takes) what arrived in that time matching `t`, or everything. */
  async quiet(ms: number, t?: string): Promise<Msg[]> {
    await new Promise((r) => setTimeout(r, ms));
    const got = this.queue.filter((m) => t === undefined || m.t === t);
    this.queue = this.queue.filter((m) => !got.includes(m));
    return got;
  }

  /** Drops what is queued (the full record stays in `received`). */
  drain(): void {
    this.queue = [];
  }

  close(): Promise<{ code: number; reason: string }> {
    this.ws.close();
    return this.closed;
  }
}

export interface TestServer {
  readonly server: RunningServer;
  readonly port: number;
  readonly dbPath: string;
  readonly dir: string;
  readonly logs: string[];
  hostUrl(): string;
  playUrl(): string;
  close(): Promise<void>;
}

/** A fresh server in this process on a free loopback port with its own database. */
export async function startTestServer(options: Partial<ServerOptions> = {}, dir = mkdtempSync(join(tmpdir(), 'ruimte-srv-'))): Promise<TestServer> {
  const logs: string[] = [];
  const dbPath = options.dbPath ?? join(dir, 'rooms.sqlite');
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dbPath,
    dist: join(dir, 'dist'),
    roomTtlMs: 3_600_000,
    log: (line) => logs.push(line),
    ...options,
  });
  return {
    server,
    port: server.port,
    dbPath,
    dir,
    logs,
    hostUrl: () => `ws://127.0.0.1:${server.port}/room/host`,
    playUrl: () => `ws://127.0.0.1:${server.port}/room/play`,
    close: async () => {
      await server.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export { freePort, startChildServer } from './childServer.ts';

/** A host that opened a room, and players that joined it. */
export async function openRoom(ts: TestServer, names: string[] = [], localAddress = '127.0.0.1') {
  const host = await Client.connect(ts.hostUrl(), localAddress);
  host.send({ t: 'open' });
  const opened = await host.next('opened');
  const players: Array<{ client: Client; seatId: string; seatToken: string; name: string }> = [];
  for (const name of names) {
    const client = await Client.connect(ts.playUrl(), localAddress);
    client.send({ t: 'join', code: opened.code, name });
    const joined = await client.next('joined');
    players.push({ client, seatId: joined.seatId as string, seatToken: joined.seatToken as string, name });
    await host.next((m) => m.t === 'seats' && m.seats.some((s: Msg) => s.id === joined.seatId));
  }
  return { host, code: opened.code as string, hostToken: opened.hostToken as string, players };
}
