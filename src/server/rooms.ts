/**
 * Rooms and seats: what the server does with each checked message. The host (shared screen) is the single
 * source of truth; this only stores (through `Store`, committed before anything is sent, see outbox.ts) and
 * relays.
 *
 * Secrecy: a seat's socket only ever gets `views[itsSeatId]` or the lobby view; the seat id of an action comes
 * from the socket that sent it, never from the message.
 */
import { randomInt } from 'node:crypto';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  MOVE_KEY_MINUTES,
  type HostMessage,
  type PlayerMessage,
  type RefusalReason,
  type Seat,
} from '../net/protocol.ts';
import { DEFAULT_PENDING_CAPS, PendingLedger, type PendingCaps } from './pending.ts';
import type { AddressLimiter } from './rateLimit.ts';
import type { Store } from './store.ts';
import { randomToken, tokenMatches } from './tokens.ts';
import { ViewSet } from './viewSet.ts';

/** Most seats a room holds (the game plays with 2–12). */
export const MAX_SEATS = 12;
/** A live room's last activity is written to the database at most this often (and before every sweep). */
const TOUCH_EVERY_MS = 60_000;
/**
 * How far above the seat's highest number an action's `seq` may jump. A phone counts up by one; a seat whose
 * number jumped to Number.MAX_SAFE_INTEGER could never act again (issue 13), so seq stays small.
 */
export const MAX_SEQ_STEP = 10_000;

/** One socket as the rooms see it. */
export interface Conn {
  readonly role: 'host' | 'player';
  /** Remote address, for the per-address limits and the log. */
  readonly ip: string;
  /** The room this socket hosts (host) or sits in (player). */
  code: string | null;
  /** The seat of a player's socket once joined. */
  seatId: string | null;
  /** Highest action sequence number stored for the seat. */
  lastSeq: number;
  /** This socket has taken a seat (one seat per socket: a second `join` is refused). */
  seated: boolean;
  /**
   * The lowest `seq` refused `pending-full` on this socket, or 0. Later actions are refused too until that one is
   * stored: otherwise a later, smaller action would raise the seat's number and the refused one, sent again,
   * would be taken for a resend and dropped.
   */
  heldFrom: number;
  send(text: string): void;
  /**
   * Sends a view. The text is made when the batch goes out, and a later view for the same socket in the same
   * batch replaces this one (views are whole states): a burst of publishes costs one view per seat.
   */
  sendView(text: () => string | null): void;
  /** Sends `refused` and logs the reason; a fatal refusal closes the socket. */
  refuse(reason: RefusalReason, fatal: boolean, why: string, seq?: number): void;
}

/** A room with at least one socket attached. */
interface LiveRoom {
  readonly code: string;
  host: Conn | null;
  readonly seats: Map<string, Conn>;
  /** Last activity (exact); `written` is what the database has. */
  lastActive: number;
  written: number;
  /** The views last published, once needed (loaded from the database after a restart). */
  views: ViewSet | null;
  /** A publish not yet written (written once per batch, just before the commit): its snapshot, as JSON text
   * when the frame's own text could be used, else parsed. */
  unsaved: { readonly snapshot: unknown; readonly snapshotJson: string | undefined } | null;
  /** Seats in joining order, once needed. */
  seatRows: Array<{ readonly id: string; readonly name: string }> | null;
  /** Numbers and sizes of each seat's pending actions, once needed. */
  pending: PendingLedger | null;
}

export interface HubOptions {
  readonly store: Store;
  readonly limiter: AddressLimiter;
  readonly roomTtlMs: number;
  readonly pendingCaps?: PendingCaps;
  readonly now?: () => number;
  readonly log: (line: string) => void;
}

const json = (value: unknown): string => JSON.stringify(value);
const HOST_GONE = json({ t: 'hostGone' });
const PONG = json({ t: 'pong' });

/** `length` characters drawn uniformly from `alphabet` (crypto.randomInt: no modulo bias). */
function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

const randomCode = (): string => randomString(CODE_ALPHABET, CODE_LENGTH);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomSeatId = (): string => `s${randomString(ALNUM, 10)}`;


/** `{"t":"view","view":…}` from the view's JSON text. */
const viewMessage = (viewJson: string | null): string | null => (viewJson === null ? null : `{"t":"view","view":${viewJson}}`);

export class Hub {
  private readonly live = new Map<string, LiveRoom>();
  /** Live rooms with a publish to write before the commit. */
  private readonly unsaved = new Set<LiveRoom>();
  private readonly store: Store;
  private readonly limiter: AddressLimiter;
  private readonly ttl: number;
  private readonly caps: PendingCaps;
  private readonly touchEvery: number;
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(options: HubOptions) {
    this.store = options.store;
    this.limiter = options.limiter;
    this.ttl = options.roomTtlMs;
    this.caps = options.pendingCaps ?? DEFAULT_PENDING_CAPS;
    this.touchEvery = Math.min(TOUCH_EVERY_MS, options.roomTtlMs / 10);
    this.now = options.now ?? Date.now;
    this.log = options.log;
  }

  // ---------------------------------------------------------------- host

  /** `raw`: the frame's text (a publish's views and snapshot are then stored and sent as the host wrote them). */
  hostMessage(conn: Conn, msg: HostMessage, raw?: string): void {
    switch (msg.t) {
      case 'open':
        return this.open(conn);
      case 'hello':
        return this.hello(conn, msg.code, msg.hostToken, null);
      case 'takeOver':
        return this.hello(conn, msg.code, null, msg.moveKey);
      case 'ping':
        if (conn.code !== null) this.touchIfLive(conn.code);
        return conn.send(PONG);
      case 'moveKey':
      case 'publish':
      case 'lock':
      case 'remove':
      case 'close': {
        const live = this.hostedRoom(conn);
        if (!live) return;
        if (msg.t === 'publish') return this.publish(live, msg, raw);
        if (msg.t === 'moveKey') return this.moveKey(conn, live);
        if (msg.t === 'lock') {
          this.store.setLocked(live.code, msg.locked);
          return this.touch(live);
        }
        if (msg.t === 'remove') return this.removeSeat(conn, live, msg.seatId);
        return this.closeRoom(conn, live);
      }
    }
  }

  private open(conn: Conn): void {
    if (!this.limiter.open(conn.ip)) return conn.refuse('rate-limited', false, 'too many rooms opened from this address');
    const now = this.now();
    const hostToken = randomToken();
    let code = randomCode();
    for (let tries = 1; !this.store.createRoom(code, hostToken, now); tries++) {
      if (tries > 50) throw new Error('no free room code');
      code = randomCode();
    }
    this.detachHost(conn);
    const live = this.liveRoom(code, now);
    live.host = conn;
    conn.code = code;
    this.log(`room ${code} opened (${conn.ip})`);
    conn.send(json({ t: 'opened', code, hostToken }));
  }

  /** A new move key for the room (the previous one stops working). */
  private moveKey(conn: Conn, live: LiveRoom): void {
    const key = randomToken();
    this.store.setMoveKey(live.code, key, this.now() + MOVE_KEY_MINUTES * 60_000);
    this.touch(live);
    conn.send(json({ t: 'moveKey', key }));
  }

  /** `hello` with the host token, or `takeOver` with a move key (spent here; the new screen gets its own host
   * token, and the old one stops working). */
  private hello(conn: Conn, code: string, hostToken: string | null, moveKey: string | null): void {
    if (!this.limiter.attempt(conn.ip, this.now(), code)) return conn.refuse('rate-limited', false, 'too many join attempts from this address');
    const room = this.findRoom(code);
    if (!room) {
      this.limiter.fail(conn.ip, this.now(), code);
      return conn.refuse('no-room', true, `${hostToken === null ? 'takeOver' : 'hello'} for an unknown or expired room`);
    }
    const valid =
      hostToken !== null
        ? tokenMatches(hostToken, room.hostTokenHash)
        : moveKey !== null && room.moveKeyUntil >= this.now() && tokenMatches(moveKey, room.moveKeyHash);
    if (!valid) {
      this.limiter.fail(conn.ip, this.now(), code);
      return conn.refuse('bad-token', true, `wrong ${hostToken === null ? 'move key' : 'host token'} for room ${code}`);
    }
    let newHostToken: string | null = null;
    if (moveKey !== null) {
      newHostToken = randomToken();
      this.store.setHostToken(code, newHostToken);
    }
    const live = this.liveRoom(code, room.lastActive);
    if (live.host !== conn) {
      this.detachHost(conn);
      const previous = live.host;
      live.host = conn;
      conn.code = code;
      if (previous) {
        previous.code = null;
        previous.refuse('replaced', true, `another host socket took room ${code}`);
      }
    }
    this.touch(live);
    this.save(live);
    const snapshot = this.store.published(code).snapshot;
    const token = newHostToken === null ? '' : `,"hostToken":${json(newHostToken)}`;
    conn.send(`{"t":"welcome","code":${json(code)},"locked":${room.locked},"seats":${json(this.seatList(live))},"snapshot":${snapshot ?? 'null'}${token}}`);
    for (const p of this.store.pending(code)) {
      conn.send(`{"t":"act","seatId":${json(p.seatId)},"seq":${p.seq},"action":${p.action}}`);
    }
    // The players see the host is back: each gets its view again.
    const views = this.viewSet(live);
    for (const [seatId, seat] of live.seats) seat.sendView(() => viewMessage(views.forSeat(seatId)));
  }

  /** The live room this socket is the current host of, or null after refusing. */
  private hostedRoom(conn: Conn): LiveRoom | null {
    const live = conn.code === null ? undefined : this.live.get(conn.code);
    if (!live || live.host !== conn) {
      conn.refuse('not-joined', false, 'host message before open or hello');
      return null;
    }
    if (this.now() - live.lastActive > this.ttl) {
      this.expire(live.code);
      return null;
    }
    return live;
  }

  private publish(live: LiveRoom, msg: Extract<HostMessage, { t: 'publish' }>, raw: string | undefined): void {
    // Applied actions are dropped at once (in this batch's transaction); the state itself is written once per
    // batch, so a burst of publishes writes only the last.
    const pending = this.pendingOf(live);
    for (const [seatId, seq] of Object.entries(msg.applied)) {
      if (pending.dropUpTo(seatId, seq)) this.store.deleteApplied(live.code, seatId, seq);
    }
    const { views, snapshotJson } = ViewSet.fromPublish(msg, raw);
    live.views = views;
    live.unsaved = { snapshot: msg.snapshot, snapshotJson };
    this.unsaved.add(live);
    this.touch(live);
    for (const [seatId, seat] of live.seats) seat.sendView(() => viewMessage(views.forSeat(seatId)));
  }

  /** Writes a room's unsaved publish. */
  private save(live: LiveRoom): void {
    if (!live.unsaved || !live.views) return;
    const { snapshot, snapshotJson } = live.unsaved;
    live.unsaved = null;
    this.unsaved.delete(live);
    this.store.publish(live.code, {
      snapshot: snapshotJson ?? (snapshot === undefined ? null : json(snapshot)),
      views: live.views.allJson(),
      lobbyView: live.views.lobbyJson,
    });
  }

  /** Writes every unsaved publish; called right before the batch is committed. */
  saveAll(): void {
    for (const live of [...this.unsaved]) this.save(live);
  }

  private removeSeat(conn: Conn, live: LiveRoom, seatId: string): void {
    if (!this.store.deleteSeat(live.code, seatId)) return conn.refuse('bad-message', false, `remove of a seat not in room ${live.code}`);
    this.touch(live);
    live.seatRows = live.seatRows?.filter((s) => s.id !== seatId) ?? null;
    live.pending?.removeSeat(seatId);
    const seat = live.seats.get(seatId);
    live.seats.delete(seatId);
    if (seat) {
      seat.seatId = null;
      seat.code = null;
      seat.refuse('removed', true, `seat ${seatId} removed by the host of ${live.code}`);
    }
    this.log(`room ${live.code}: seat ${seatId} removed`);
    this.sendSeats(live);
  }

  private closeRoom(conn: Conn, live: LiveRoom): void {
    this.store.deleteRoom(live.code);
    conn.code = null;
    live.host = null;
    this.dropLive(live, 'closed by its host');
    this.log(`room ${live.code} closed by its host`);
  }

  /** This socket stops hosting whatever room it hosted; the players there learn the host is gone. */
  private detachHost(conn: Conn): void {
    const code = conn.code;
    if (code === null) return;
    conn.code = null;
    const live = this.live.get(code);
    if (!live || live.host !== conn) return;
    live.host = null;
    for (const seat of live.seats.values()) seat.send(HOST_GONE);
    this.evictIfIdle(live);
  }

  // ---------------------------------------------------------------- players

  playerMessage(conn: Conn, msg: PlayerMessage): void {
    switch (msg.t) {
      case 'join':
        return this.join(conn, msg.code, msg.name);
      case 'rejoin':
        return this.rejoin(conn, msg.code, msg.seatToken);
      case 'act':
        return this.act(conn, msg.seq, msg.action);
      case 'ping':
        if (conn.code !== null) this.touchIfLive(conn.code);
        return conn.send(PONG);
    }
  }

  private join(conn: Conn, code: string, name: string): void {
    if (conn.seated) return conn.refuse('bad-message', false, 'a socket takes one seat');
    if (!this.limiter.attempt(conn.ip, this.now(), code)) return conn.refuse('rate-limited', false, 'too many join attempts from this address');
    const room = this.findRoom(code);
    if (!room) {
      this.limiter.fail(conn.ip, this.now(), code);
      return conn.refuse('no-room', true, 'join for an unknown or expired room');
    }
    if (room.locked) return conn.refuse('locked', true, `room ${code} is locked`);
    if (this.store.seatCount(code) >= MAX_SEATS) return conn.refuse('full', true, `room ${code} is full`);
    this.detachSeat(conn);
    let seatId = randomSeatId();
    while (this.store.seat(seatId)) seatId = randomSeatId();
    const seatToken = randomToken();
    this.store.createSeat(code, seatId, seatToken, name, this.now());
    const live = this.attachSeat(conn, code, seatId, 0, room.lastActive);
    live.seatRows?.push({ id: seatId, name });
    conn.send(json({ t: 'joined', code, seatId, seatToken, name, lastSeq: 0 }));
    this.afterAttach(conn, live, seatId);
  }

  private rejoin(conn: Conn, code: string, seatToken: string): void {
    if (!this.limiter.attempt(conn.ip, this.now(), code)) return conn.refuse('rate-limited', false, 'too many join attempts from this address');
    const room = this.findRoom(code);
    if (!room) {
      this.limiter.fail(conn.ip, this.now(), code);
      return conn.refuse('no-room', true, 'rejoin for an unknown or expired room');
    }
    const seat = this.store.seatByToken(seatToken);
    if (!seat || seat.code !== code) {
      this.limiter.fail(conn.ip, this.now(), code);
      return conn.refuse('bad-token', true, `wrong seat token for room ${code}`);
    }
    if (conn.seated && conn.seatId !== seat.id) return conn.refuse('bad-message', false, 'a socket takes one seat');
    const existing = this.live.get(code);
    const previous = existing?.seats.get(seat.id);
    if (existing && previous && previous !== conn) {
      previous.seatId = null;
      previous.code = null;
      existing.seats.delete(seat.id);
      previous.refuse('replaced', true, `seat ${seat.id} reconnected from another socket`);
    }
    const live = this.attachSeat(conn, code, seat.id, seat.lastSeq, room.lastActive);
    // Only the token's hash is stored: the phone gets back the token it sent.
    conn.send(json({ t: 'joined', code, seatId: seat.id, seatToken, name: seat.name, lastSeq: seat.lastSeq }));
    this.afterAttach(conn, live, seat.id);
  }

  private attachSeat(conn: Conn, code: string, seatId: string, lastSeq: number, lastActive: number): LiveRoom {
    const live = this.liveRoom(code, lastActive);
    live.seats.set(seatId, conn);
    conn.code = code;
    conn.seatId = seatId;
    conn.lastSeq = lastSeq;
    conn.seated = true;
    conn.heldFrom = 0;
    this.touch(live);
    return live;
  }

  /** After `joined`: the seat's view, whether the host is there, and the host's seat list. */
  private afterAttach(conn: Conn, live: LiveRoom, seatId: string): void {
    const views = this.viewSet(live);
    conn.sendView(() => viewMessage(views.forSeat(seatId)));
    if (!live.host) conn.send(HOST_GONE);
    this.sendSeats(live);
  }

  private act(conn: Conn, seq: number, action: unknown): void {
    const code = conn.code;
    const seatId = conn.seatId;
    if (code === null || seatId === null) return conn.refuse('not-joined', false, 'act before join');
    if (seq <= conn.lastSeq) {
      // A device resending after a reconnect: acknowledged again, not relayed twice.
      conn.send(`{"t":"ack","seq":${seq}}`);
      return;
    }
    if (seq > conn.lastSeq + MAX_SEQ_STEP) return conn.refuse('bad-message', false, `seq jumps more than ${MAX_SEQ_STEP}`);
    const live = this.live.get(code);
    if (!live) return conn.refuse('not-joined', false, 'act from a socket whose room is gone');
    if (this.now() - live.lastActive > this.ttl) return this.expire(code);
    const actionJson = json(action);
    const bytes = Buffer.byteLength(actionJson, 'utf8');
    const pending = this.pendingOf(live);
    const full = conn.heldFrom !== 0 && seq > conn.heldFrom ? 'held' : pending.refusal(seatId, bytes, this.caps);
    if (full !== null) {
      if (conn.heldFrom === 0 || seq < conn.heldFrom) conn.heldFrom = seq;
      const why = full === 'held' ? 'an earlier action of this seat is still refused' : `${full} has too many actions waiting for the host`;
      return conn.refuse('pending-full', false, why, seq);
    }
    if (seq === conn.heldFrom) conn.heldFrom = 0;
    this.store.addPending(code, seatId, seq, actionJson);
    pending.add(seatId, seq, bytes);
    conn.lastSeq = seq;
    this.touch(live);
    conn.send(`{"t":"ack","seq":${seq}}`);
    live.host?.send(`{"t":"act","seatId":${json(seatId)},"seq":${seq},"action":${actionJson}}`);
  }

  private detachSeat(conn: Conn): void {
    const { code, seatId } = conn;
    conn.code = null;
    conn.seatId = null;
    conn.lastSeq = 0;
    if (code === null || seatId === null) return;
    const live = this.live.get(code);
    if (!live || live.seats.get(seatId) !== conn) return;
    live.seats.delete(seatId);
    this.sendSeats(live);
    this.evictIfIdle(live);
  }

  // ---------------------------------------------------------------- both

  /** A socket closed. */
  closed(conn: Conn): void {
    if (conn.role === 'host') this.detachHost(conn);
    else this.detachSeat(conn);
  }

  /** Deletes rooms idle for longer than the TTL and sends everyone in them away. */
  sweep(): string[] {
    // Live rooms first write their exact last activity, so none is swept early.
    for (const live of this.live.values()) if (live.written < live.lastActive) this.writeTouch(live);
    const codes = this.store.sweep(this.now() - this.ttl);
    for (const code of codes) {
      const live = this.live.get(code);
      if (live) this.dropLive(live, 'expired');
    }
    if (codes.length > 0) this.log(`expired ${codes.length} room(s)`);
    return codes;
  }

  /** A room that exists and has not expired. */
  private findRoom(code: string) {
    const live = this.live.get(code);
    if (live && this.now() - live.lastActive > this.ttl) {
      this.expire(code);
      return undefined;
    }
    const room = this.store.room(code, this.now() - this.ttl);
    // A live room's activity may be newer than what is written.
    return room && live ? { ...room, lastActive: Math.max(room.lastActive, live.lastActive) } : room;
  }

  private expire(code: string): void {
    this.store.deleteRoom(code);
    const live = this.live.get(code);
    if (live) this.dropLive(live, 'expired');
  }

  private dropLive(live: LiveRoom, why: string): void {
    if (this.live.get(live.code) === live) this.live.delete(live.code);
    this.unsaved.delete(live);
    live.unsaved = null;
    const host = live.host;
    live.host = null;
    for (const seat of live.seats.values()) {
      seat.code = null;
      seat.seatId = null;
      seat.refuse('no-room', true, `room ${live.code} ${why}`);
    }
    live.seats.clear();
    if (host) {
      host.code = null;
      host.refuse('no-room', true, `room ${live.code} ${why}`);
    }
  }

  private viewSet(live: LiveRoom): ViewSet {
    live.views ??= ViewSet.fromStore(this.store.published(live.code));
    return live.views;
  }

  private seatList(live: LiveRoom): Seat[] {
    live.seatRows ??= this.store.seats(live.code).map((s) => ({ id: s.id, name: s.name }));
    return live.seatRows.map((s) => ({ id: s.id, name: s.name, connected: live.seats.has(s.id) }));
  }

  private pendingOf(live: LiveRoom): PendingLedger {
    live.pending ??= PendingLedger.from(this.store.pendingSeqs(live.code));
    return live.pending;
  }

  private sendSeats(live: LiveRoom): void {
    live.host?.send(json({ t: 'seats', seats: this.seatList(live) }));
  }

  private liveRoom(code: string, lastActive: number): LiveRoom {
    let live = this.live.get(code);
    if (!live) {
      live = { code, host: null, seats: new Map(), lastActive, written: lastActive, views: null, unsaved: null, seatRows: null, pending: null };
      this.live.set(code, live);
    }
    return live;
  }

  private evictIfIdle(live: LiveRoom): void {
    if (live.host !== null || live.seats.size > 0 || this.live.get(live.code) !== live) return;
    this.save(live);
    if (live.written < live.lastActive) this.writeTouch(live);
    this.live.delete(live.code);
  }

  /** Activity: kept exactly in memory, written at most every `touchEvery` (and before sweeps and eviction). */
  private touch(live: LiveRoom): void {
    live.lastActive = Math.max(live.lastActive, this.now());
    if (live.lastActive - live.written >= this.touchEvery) this.writeTouch(live);
  }

  private writeTouch(live: LiveRoom): void {
    this.store.touch(live.code, live.lastActive);
    live.written = live.lastActive;
  }

  private touchIfLive(code: string): void {
    const live = this.live.get(code);
    if (live) this.touch(live);
  }

  /** Sockets attached to rooms right now (for the log and tests). */
  stats(): { liveRooms: number; hosts: number; seats: number } {
    let hosts = 0;
    let seats = 0;
    for (const live of this.live.values()) {
      if (live.host) hosts++;
      seats += live.seats.size;
    }
    return { liveRooms: this.live.size, hosts, seats };
  }
}
