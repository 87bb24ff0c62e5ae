/**
 * A small test client for the room server: a real `ws` socket on loopback that records every message it gets,
 * and helpers to start a server in-process (port 0, temp database) or as a child process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/server.ts';
import { newSecret } from '../../src/net/crypto.ts';
import {
  openAction,
  openJoinCard,
  openSnapshot,
  openViewForSeat,
  roomKeys,
  sealAction,
  sealJoinCard,
  sealLobbyView,
  sealSnapshot,
  sealView,
  seatKeys,
  type RoomKeys,
  type SeatKeys,
} from '../../src/net/roomCrypto.ts';


// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Msg = Record<string, any>;

/**
 * What a client seals and opens, as the real shared screen and phones do (src/net/roomCrypto.ts): a host with
 * the room secret, a player with the room secret and its own seat secret. The tests then write and read plain
 * messages (`name`, `action`, views, snapshot) while only sealed ones travel; `raw` keeps what travelled.
 */
/**
 * The tests' stand-in for what the real devices carry outside the server: the room secret of each room code (a
 * phone's join link, a moved screen's address) and the seat secret behind each seat token (a phone's own store).
 */
const roomSecrets = new Map<string, string>();
const seatSecrets = new Map<string, string>();
const secretFor = (code: unknown): string => {
  if (typeof code !== 'string') return newSecret();
  let secret = roomSecrets.get(code);
  if (secret === undefined) roomSecrets.set(code, (secret = newSecret()));
  return secret;
};

export class Sealing {
  readonly room: Promise<RoomKeys>;
  readonly seat: Promise<SeatKeys> | null;
  /** Host: the keys of each seat whose join card it opened. */
  readonly seats = new Map<string, { name: string; keys: SeatKeys }>();
  constructor(
    readonly roomSecret: string,
    readonly seatSecret: string | null = null,
  ) {
    this.room = roomKeys(roomSecret);
    this.seat = seatSecret === null ? null : seatKeys(seatSecret);
  }

  async encode(m: Msg): Promise<Msg> {
    const room = await this.room;
    if (m.t === 'join' && typeof m.name === 'string' && this.seatSecret) {
      const { name, ...rest } = m;
      return { ...rest, sealed: await sealJoinCard(room, { name, secret: this.seatSecret }) };
    }
    if (m.t === 'act' && 'action' in m && this.seat) {
      const { action, ...rest } = m;
      return { ...rest, sealed: await sealAction(await this.seat, m.seq as number, action) };
    }
    if (m.t === 'publish') {
      const views: Record<string, unknown> = {};
      for (const [id, view] of Object.entries((m.views ?? {}) as Record<string, unknown>)) {
        const seat = this.seats.get(id);
        views[id] = typeof view === 'string' || !seat ? view : await sealView(seat.keys, view);
      }
      const seal = (value: unknown, how: (k: RoomKeys, v: unknown) => Promise<string>) =>
        value === null || value === undefined || typeof value === 'string' ? value : how(room, value);
      return { ...m, views, snapshot: await seal(m.snapshot, sealSnapshot), lobbyView: await seal(m.lobbyView, sealLobbyView) };
    }
    return m;
  }

  async decode(m: Msg): Promise<Msg> {
    const room = await this.room;
    if (m.t === 'opened' && typeof m.code === 'string') roomSecrets.set(m.code, this.roomSecret);
    if (m.t === 'joined' && typeof m.seatToken === 'string' && this.seatSecret) seatSecrets.set(m.seatToken, this.seatSecret);
    if ((m.t === 'seats' || m.t === 'welcome') && Array.isArray(m.seats)) {
      const seats: Msg[] = [];
      for (const s of m.seats as Msg[]) {
        const card = await openJoinCard(room, s.sealed as string);
        if (card) this.seats.set(s.id as string, { name: card.name, keys: await seatKeys(card.secret) });
        seats.push({ id: s.id, name: card?.name ?? '<sealed>', connected: s.connected });
      }
      const out: Msg = { ...m, seats };
      if (m.t === 'welcome') out.snapshot = m.snapshot === null ? null : ((await openSnapshot(room, m.snapshot)) ?? '<sealed>');
      return out;
    }
    if (m.t === 'act' && typeof m.sealed === 'string') {
      const seat = this.seats.get(m.seatId as string);
      const { sealed, ...rest } = m;
      return { ...rest, action: (seat && (await openAction(seat.keys, m.seq as number, sealed))) ?? '<sealed>' };
    }
    if (m.t === 'view' && typeof m.view === 'string' && this.seat) {
      return { ...m, view: (await openViewForSeat(await this.seat, room, m.view)) ?? '<sealed>' };
    }
    return m;
  }
}

export class Client {
  /** Every text message received, parsed (and opened, with `sealing`), in order. */
  readonly received: Msg[] = [];
  /** Seals what this client sends and opens what it gets (see `Sealing`); null: plain, as sent. */
  sealing: Sealing | null = null;
  private inbox: Promise<void> = Promise.resolve();
  private outbox: Promise<void> = Promise.resolve();
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
      const take = (m: Msg) => {
        this.received.push(m);
        this.queue.push(m);
        this.wake();
      };
      const sealing = this.sealing;
      if (!sealing || !msg || typeof msg !== 'object' || Array.isArray(msg)) {
        this.inbox = this.inbox.then(() => take(msg));
        return;
      }
      this.inbox = this.inbox.then(async () => take(await sealing.decode(msg)));
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

  /** Sends a message; with `sealing`, its plain parts are sealed first (in order with everything sent before). */
  send(message: unknown): void {
    if (this.sealing === null && typeof message === 'object' && message !== null) {
      // Opening, joining or taking back a room: this client holds that room's secret from then on, as a real
      // screen or phone does.
      const m = message as Msg;
      if (m.t === 'open') this.sealing = new Sealing(newSecret());
      else if ((m.t === 'hello' || m.t === 'takeOver') && typeof m.code === 'string') this.sealing = new Sealing(secretFor(m.code));
      else if (m.t === 'join' && typeof m.name === 'string') this.sealing = new Sealing(secretFor(m.code), newSecret());
      else if (m.t === 'rejoin' && typeof m.seatToken === 'string') this.sealing = new Sealing(secretFor(m.code), seatSecrets.get(m.seatToken) ?? newSecret());
    }
    const sealing = this.sealing;
    if (!sealing || typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.outbox = this.outbox.then(() => this.ws.send(typeof message === 'string' ? message : JSON.stringify(message)));
      return;
    }
    this.outbox = this.outbox.then(async () => this.ws.send(JSON.stringify(await sealing.encode(message as Msg))));
  }

  /** Waits until everything sent so far has gone out (sealing takes a moment). */
  sent(): Promise<void> {
    return this.outbox;
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
  const roomSecret = host.sealing!.roomSecret;
  const players: Array<{ client: Client; seatId: string; seatToken: string; name: string; seatSecret: string }> = [];
  for (const name of names) {
    const client = await Client.connect(ts.playUrl(), localAddress);
    client.send({ t: 'join', code: opened.code, name });
    const seatSecret = client.sealing!.seatSecret!;
    const joined = await client.next('joined');
    players.push({ client, seatId: joined.seatId as string, seatToken: joined.seatToken as string, name, seatSecret });
    await host.next((m) => m.t === 'seats' && m.seats.some((s: Msg) => s.id === joined.seatId));
  }
  return { host, code: opened.code as string, hostToken: opened.hostToken as string, players, roomSecret };
}
