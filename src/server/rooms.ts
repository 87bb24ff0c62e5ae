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
} from '../net/protocol.ts';
import { RoomState, json, type Conn, type LiveRoom } from './roomState.ts';
import { randomToken, tokenMatches } from './tokens.ts';
import { ViewSet } from './viewSet.ts';

export type { Conn, HubOptions } from './roomState.ts';

/** Most seats a room holds (the game plays with 2–12). */
export const MAX_SEATS = 12;
/**
 * How far above the seat's highest number an action's `seq` may jump. A phone counts up by one; a seat whose
 * number jumped to Number.MAX_SAFE_INTEGER could never act again (issue 13), so seq stays small.
 */
export const MAX_SEQ_STEP = 10_000;

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

export class Hub extends RoomState {
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
      conn.send(`{"t":"act","seatId":${json(p.seatId)},"seq":${p.seq},"sealed":${p.action}}`);
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
    this.holdViews(live, views);
    live.unsaved = { snapshot: msg.snapshot, snapshotJson };
    this.unsaved.add(live);
    this.touch(live);
    for (const [seatId, seat] of live.seats) seat.sendView(() => viewMessage(views.forSeat(seatId)));
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
        return this.join(conn, msg.code, msg.sealed);
      case 'rejoin':
        return this.rejoin(conn, msg.code, msg.seatToken);
      case 'act':
        return this.act(conn, msg.seq, msg.sealed);
      case 'ping':
        if (conn.code !== null) this.touchIfLive(conn.code);
        return conn.send(PONG);
    }
  }

  /** `sealed`: the phone's name and seat secret, sealed with the room key; stored and relayed to the host as is. */
  private join(conn: Conn, code: string, sealed: string): void {
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
    this.store.createSeat(code, seatId, seatToken, sealed, this.now());
    const live = this.attachSeat(conn, code, seatId, 0, room.lastActive);
    live.seatRows?.push({ id: seatId, sealed });
    conn.send(json({ t: 'joined', code, seatId, seatToken, lastSeq: 0 }));
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
    conn.send(json({ t: 'joined', code, seatId: seat.id, seatToken, lastSeq: seat.lastSeq }));
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

  /** `sealed`: the action sealed with the seat's key; the server only stores it while the host is away and relays it. */
  private act(conn: Conn, seq: number, sealed: string): void {
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
    const actionJson = json(sealed);
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
    // With the screen there, its view of this action follows at once: the ack waits to go out with it.
    const ack = `{"t":"ack","seq":${seq}}`;
    if (live.host) {
      conn.sendAck(ack);
      live.host.send(`{"t":"act","seatId":${json(seatId)},"seq":${seq},"sealed":${actionJson}}`);
    } else conn.send(ack);
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

}
