/**
 * The rooms that have sockets attached (`LiveRoom`) and what the message handlers (`Hub`, rooms.ts) share about
 * them: finding, touching, expiring and evicting rooms, their views, seats and pending actions, and writing a
 * publish once per batch. The sockets as the rooms see them are `Conn`.
 */
import type { RefusalReason, SealedSeat } from '../net/protocol.ts';
import { DEFAULT_PENDING_CAPS, PendingLedger, type PendingCaps } from './pending.ts';
import type { AddressLimiter } from './rateLimit.ts';
import type { Store } from './store.ts';
import { ViewSet } from './viewSet.ts';

/** A live room's last activity is written to the database at most this often (and before every sweep). */
const TOUCH_EVERY_MS = 60_000;

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
  /**
   * Sends an acknowledgement that may wait (up to a quarter of a second) for the next message to this socket, so
   * that both go out in one write: for an action the screen is about to answer with a view.
   */
  sendAck(text: string): void;
  /** Sends `refused` and logs the reason; a fatal refusal closes the socket. */
  refuse(reason: RefusalReason, fatal: boolean, why: string, seq?: number): void;
}

/** A room with at least one socket attached. */
export interface LiveRoom {
  readonly code: string;
  host: Conn | null;
  readonly seats: Map<string, Conn>;
  /** Last activity (exact); `written` is what the database has. */
  lastActive: number;
  written: number;
  /**
   * The views last published, while this batch needs them (null after the batch: read again from the database
   * when a seat joins). Not kept longer: a publish's text held until the next publish, a second or more later,
   * outlives the young generation, and 200 rooms publishing then grew the old generation by megabytes a second.
   */
  views: ViewSet | null;
  /** A publish not yet written (written once per batch, just before the commit): its snapshot, as JSON text
   * when the frame's own text could be used, else parsed. */
  unsaved: { readonly snapshot: unknown; readonly snapshotJson: string | undefined } | null;
  /** Seats in joining order, once needed. */
  seatRows: Array<{ readonly id: string; readonly sealed: string }> | null;
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


export const json = (value: unknown): string => JSON.stringify(value);

export class RoomState {
  protected readonly live = new Map<string, LiveRoom>();
  /** Live rooms with a publish to write before the commit. */
  protected readonly unsaved = new Set<LiveRoom>();
  /** Live rooms holding their views for this batch (see `LiveRoom.views`). */
  protected readonly withViews = new Set<LiveRoom>();
  protected readonly store: Store;
  protected readonly limiter: AddressLimiter;
  protected readonly ttl: number;
  protected readonly caps: PendingCaps;
  protected readonly touchEvery: number;
  protected readonly now: () => number;
  protected readonly log: (line: string) => void;

  constructor(options: HubOptions) {
    this.store = options.store;
    this.limiter = options.limiter;
    this.ttl = options.roomTtlMs;
    this.caps = options.pendingCaps ?? DEFAULT_PENDING_CAPS;
    this.touchEvery = Math.min(TOUCH_EVERY_MS, options.roomTtlMs / 10);
    this.now = options.now ?? Date.now;
    this.log = options.log;
  }

  /** Writes a room's unsaved publish. */
  protected save(live: LiveRoom): void {
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

  /** Writes every unsaved publish and lets go of the batch's views; called right before the batch is committed. */
  saveAll(): void {
    for (const live of [...this.unsaved]) this.save(live);
    for (const live of this.withViews) live.views = null;
    this.withViews.clear();
  }

  /** Sets the room's views for this batch (a publish's, or the stored ones). */
  protected holdViews(live: LiveRoom, views: ViewSet): ViewSet {
    live.views = views;
    this.withViews.add(live);
    return views;
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
  protected findRoom(code: string) {
    const live = this.live.get(code);
    if (live && this.now() - live.lastActive > this.ttl) {
      this.expire(code);
      return undefined;
    }
    const room = this.store.room(code, this.now() - this.ttl);
    // A live room's activity may be newer than what is written.
    return room && live ? { ...room, lastActive: Math.max(room.lastActive, live.lastActive) } : room;
  }

  protected expire(code: string): void {
    this.store.deleteRoom(code);
    const live = this.live.get(code);
    if (live) this.dropLive(live, 'expired');
  }

  protected dropLive(live: LiveRoom, why: string): void {
    if (this.live.get(live.code) === live) this.live.delete(live.code);
    this.unsaved.delete(live);
    live.unsaved = null;
    this.withViews.delete(live);
    live.views = null;
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

  protected viewSet(live: LiveRoom): ViewSet {
    return live.views ?? this.holdViews(live, ViewSet.fromStore(this.store.publishedViews(live.code)));
  }

  protected seatList(live: LiveRoom): SealedSeat[] {
    live.seatRows ??= this.store.seats(live.code).map((s) => ({ id: s.id, sealed: s.name }));
    return live.seatRows.map((s) => ({ id: s.id, sealed: s.sealed, connected: live.seats.has(s.id) }));
  }

  protected pendingOf(live: LiveRoom): PendingLedger {
    live.pending ??= PendingLedger.from(this.store.pendingSeqs(live.code));
    return live.pending;
  }

  protected sendSeats(live: LiveRoom): void {
    live.host?.send(json({ t: 'seats', seats: this.seatList(live) }));
  }

  protected liveRoom(code: string, lastActive: number): LiveRoom {
    let live = this.live.get(code);
    if (!live) {
      live = { code, host: null, seats: new Map(), lastActive, written: lastActive, views: null, unsaved: null, seatRows: null, pending: null };
      this.live.set(code, live);
    }
    return live;
  }

  protected evictIfIdle(live: LiveRoom): void {
    if (live.host !== null || live.seats.size > 0 || this.live.get(live.code) !== live) return;
    this.save(live);
    if (live.written < live.lastActive) this.writeTouch(live);
    this.live.delete(live.code);
  }

  /** Activity: kept exactly in memory, written at most every `touchEvery` (and before sweeps and eviction). */
  protected touch(live: LiveRoom): void {
    live.lastActive = Math.max(live.lastActive, this.now());
    if (live.lastActive - live.written >= this.touchEvery) this.writeTouch(live);
  }

  protected writeTouch(live: LiveRoom): void {
    this.store.touch(live.code, live.lastActive);
    live.written = live.lastActive;
  }

  protected touchIfLive(code: string): void {
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
