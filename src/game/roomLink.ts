/**
 * The shared screen's line to the room server when the team plays on devices. The screen stays the one
 * source of truth: actions from seats come in here (the session turns them into events stamped with the
 * seat, see `eventFor`), and after every step the screen publishes its saved state and one view per seat.
 * The session uses it, and so can any other shared-screen activity with seats (it only needs the hooks).
 *
 * The host token and, per seat, the last action applied are kept on this screen (the device's store), so a reload
 * takes the room back and an action the server sends again after a reconnect is not applied twice.
 */
import { ReconnectingSocket, requestOnce, socketUrl, type SocketStatus } from '../net/socket.ts';
import { HOST_SOCKET_PATH, MOVE_KEY_MINUTES, type HostMessage, type PlayerAction, type SealedSeat, type Seat, type ServerMessage, joinPath } from '../net/protocol.ts';
import {
  newTypedSecret,
  openAction,
  openJoinCard,
  openSnapshot,
  roomKeys,
  roomSecretFromTyped,
  sealLobbyView,
  sealSnapshot,
  sealView,
  seatKeys,
  typedRoomCode,
  type RoomKeys,
  type SeatKeys,
} from '../net/roomCrypto.ts';
import type { SessionEvent } from '../core/events.ts';
import { jsonObject } from '../core/json.ts';
import { deviceStore } from '../storage/index.ts';
import { phoneBaseUrl } from './phoneAddress.ts';

export interface RoomKey {
  readonly code: string;
  readonly hostToken: string;
  /** The typed part of the room code (`CODE-XXXX-XXXX`), never sent to the server. */
  readonly typed: string;
  /** The room secret stretched from it (saves a PBKDF2 run). */
  readonly secret: string;
}

interface StoredRoom extends RoomKey {
  readonly applied: Record<string, number>;
}

const isTyped = (x: unknown): x is string => typeof x === 'string' && /^[A-Z0-9]{8}$/.test(x);

const roomKey = (sessionId: string) => `ruimte.room.${sessionId}`;

export function loadRoom(sessionId: string): StoredRoom | null {
  const data = jsonObject(deviceStore().readRaw(roomKey(sessionId)));
  if (!data || typeof data.code !== 'string' || typeof data.hostToken !== 'string' || !isTyped(data.typed) || typeof data.secret !== 'string') return null;
  const applied: Record<string, number> = {};
  if (data.applied && typeof data.applied === 'object') {
    for (const [seat, seq] of Object.entries(data.applied as Record<string, unknown>)) if (typeof seq === 'number') applied[seat] = seq;
  }
  return { code: data.code, hostToken: data.hostToken, typed: data.typed, secret: data.secret, applied };
}

export function storeRoom(sessionId: string, room: StoredRoom): void {
  // A full storage only costs the takeover after a reload; the session itself is saved on its own.
  deviceStore().write(roomKey(sessionId), room);
}

/** A seat's action as a session event, or null for an action that is not about the session. */
export function eventFor(seatId: string, action: PlayerAction): SessionEvent | null {
  switch (action.type) {
    case 'checkIn':
      return { type: 'player.checkIn', cardId: action.cardId, by: seatId };
    case 'propose':
      return { type: 'player.propose', text: action.text, level: action.level, by: seatId };
    case 'dot':
      return { type: 'player.dot', proposalId: action.proposalId, by: seatId };
    case 'undot':
      return { type: 'player.undot', proposalId: action.proposalId, by: seatId };
    case 'voteDone':
      return { type: 'player.voteDone', by: seatId };
    case 'score':
      return { type: 'player.score', proposalId: action.proposalId, score: action.score, by: seatId };
    case 'pollAnswer':
    case 'pollDone':
      return null;
  }
}

export interface RoomPublication {
  readonly snapshot: unknown;
  readonly views: Record<string, unknown>;
  readonly lobbyView: unknown;
}

export interface RoomHooks {
  /** Applies a seat's action (the seat comes from the server, never from the device); false when refused. */
  act(seatId: string, action: PlayerAction): boolean;
  /** Seats in the room changed (joined, left, connected, away). */
  seats(seats: readonly Seat[]): void;
  /** What to publish now: the saved state and the views. */
  publication(): RoomPublication;
  /** Status, code or address changed: redraw. */
  changed(): void;
  /** Another screen took the room over (with a move key, or this screen's host token from another tab). */
  replaced(): void;
}

export type RoomStatus = SocketStatus | 'replaced';

/** The facilitator's move box: nothing until asked; then a one-time move key from the server, until when it works. */
export type MoveState =
  | { readonly state: 'hidden' | 'asking' }
  | { readonly state: 'shown'; readonly key: string; readonly until: number };
/** A seat's join card, opened: its name and the keys of its actions and view. */
interface OpenedSeat {
  readonly sealed: string;
  readonly name: string;
  readonly keys: SeatKeys;
}

export class RoomLink {
  private readonly socket: ReconnectingSocket<HostMessage, ServerMessage>;
  private room: StoredRoom | null;
  status: RoomStatus = 'connecting';
  seats: readonly Seat[] = [];
  locked = false;
  joinUrl: string | null = null;
  qrSvg: string | null = null;
  /** Set when the room could not be opened or taken back (no server, or it forgot the room). */
  problem: 'no-server' | null = null;
  private failures = 0;
  move: MoveState = { state: 'hidden' };
  private moveTimer = 0;
  private keys: Promise<RoomKeys> | null = null;
  private readonly opened = new Map<string, OpenedSeat>();
  /** Messages in and publishes out, one after the other: opening and sealing take a moment each. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly sessionId: string,
    private readonly hooks: RoomHooks,
    takeover: RoomKey | null = null,
  ) {
    this.room = takeover ? { ...takeover, applied: {} } : loadRoom(sessionId);
    if (this.room) {
      this.keys = roomKeys(this.room.secret);
      void this.makeJoinUrl(this.room.code, this.room.secret);
    }
    this.socket = new ReconnectingSocket<HostMessage, ServerMessage>({
      url: socketUrl(HOST_SOCKET_PATH),
      onOpen: () => {
        this.failures = 0;
        this.problem = null;
        this.socket.send(this.room ? { t: 'hello', code: this.room.code, hostToken: this.room.hostToken } : { t: 'open' });
      },
      onMessage: (msg) => this.enqueue(() => this.receive(msg)),
      onStatus: (s) => {
        if (this.status === 'replaced') return;
        this.status = s;
        if (s === 'offline' && ++this.failures >= 3 && !this.room) this.problem = 'no-server';
        this.hooks.changed();
      },
    });
  }

  private enqueue(task: () => Promise<void> | void): void {
    this.queue = this.queue.then(task).catch((error: unknown) => console.error('room link', error));
  }

  /** The room code as people type it on a phone: `CODE-XXXX-XXXX` (the server only ever sees CODE). */
  get code(): string | null {
    return this.room ? typedRoomCode(this.room.code, this.room.typed) : null;
  }

  /** This screen's own credentials, for its remote link to prove it holds the room; never shown or put in an address. */
  get hostCredentials(): Pick<RoomKey, 'code' | 'hostToken'> | null {
    return this.room ? { code: this.room.code, hostToken: this.room.hostToken } : null;
  }

  /** The room code the server knows (without the typed part), for addresses. */
  get serverCode(): string | null {
    return this.room?.code ?? null;
  }

  /** The typed part of the room code, for the move address's fragment only (never sent to the server). */
  get typedSecret(): string | null {
    return this.room?.typed ?? null;
  }

  /** Asks the server for a fresh move key (the previous one stops working); sent again on `welcome` if the line was down. */
  showMove(): void {
    this.move = { state: 'asking' };
    this.socket.send({ t: 'moveKey' });
    this.hooks.changed();
  }

  /** Hides the move address (the key keeps working until used, replaced or expired: the server forgets it then). */
  hideMove(): void {
    window.clearTimeout(this.moveTimer);
    this.move = { state: 'hidden' };
    this.hooks.changed();
  }

  /** Opens the join cards of seats not opened yet; seats whose card does not open (not sealed for this room) are left out. */
  private async openSeats(sealedSeats: readonly SealedSeat[]): Promise<Seat[]> {
    const keys = this.keys ? await this.keys : null;
    const out: Seat[] = [];
    if (!keys) return out;
    for (const seat of sealedSeats) {
      let known = this.opened.get(seat.id);
      if (!known || known.sealed !== seat.sealed) {
        const card = await openJoinCard(keys, seat.sealed);
        if (!card) continue;
        known = { sealed: seat.sealed, name: card.name, keys: await seatKeys(card.secret) };
        this.opened.set(seat.id, known);
      }
      out.push({ id: seat.id, name: known.name, connected: seat.connected });
    }
    return out;
  }

  private async receive(msg: ServerMessage): Promise<void> {
    switch (msg.t) {
      case 'opened': {
        // The typed part of the code is made here and never leaves this screen (and the phones).
        const typed = newTypedSecret();
        const secret = await roomSecretFromTyped(msg.code, typed);
        this.room = { code: msg.code, hostToken: msg.hostToken, typed, secret, applied: {} };
        this.keys = roomKeys(secret);
        storeRoom(this.sessionId, this.room);
        void this.makeJoinUrl(msg.code, secret);
        await this.publishSealed();
        this.hooks.changed();
        return;
      }
      case 'welcome': {
        this.locked = msg.locked;
        this.seats = await this.openSeats(msg.seats);
        if (this.room) storeRoom(this.sessionId, this.room);
        if (this.move.state === 'asking') this.socket.send({ t: 'moveKey' });
        this.hooks.seats(this.seats);
        this.publish();
        this.hooks.changed();
        return;
      }
      case 'moveKey': {
        if (this.move.state !== 'asking') return;
        const until = Date.now() + MOVE_KEY_MINUTES * 60_000;
        this.move = { state: 'shown', key: msg.key, until };
        // Redraw when it expires, so an address that no longer works is not left on show.
        window.clearTimeout(this.moveTimer);
        this.moveTimer = window.setTimeout(() => this.hooks.changed(), until - Date.now() + 50);
        this.hooks.changed();
        return;
      }
      case 'seats':
        this.seats = await this.openSeats(msg.seats);
        this.hooks.seats(this.seats);
        this.hooks.changed();
        return;
      case 'act': {
        if (!this.room) return;
        const done = this.room.applied[msg.seatId] ?? 0;
        if (msg.seq <= done) {
          // Sent again after a reconnect: already in the session. Publishing tells the server so.
          this.publish();
          return;
        }
        const seat = this.opened.get(msg.seatId);
        const action = seat ? await openAction(seat.keys, msg.seq, msg.sealed) : undefined;
        this.room = { ...this.room, applied: { ...this.room.applied, [msg.seatId]: msg.seq } };
        storeRoom(this.sessionId, this.room);
        // A refused action (or one that does not open: not sealed by this seat) changes nothing, so nothing
        // else would publish the seat's `applied`.
        if (!action || !this.hooks.act(msg.seatId, action)) this.publish();
        return;
      }
      case 'refused':
        if (msg.reason === 'replaced') {
          this.status = 'replaced';
          this.socket.close();
          this.hooks.replaced();
        } else if (msg.fatal && (msg.reason === 'no-room' || msg.reason === 'bad-token')) {
          // The server no longer knows the room (expired or its store was reset): open a new one.
          this.room = null;
          this.keys = null;
          this.opened.clear();
          deviceStore().remove(roomKey(this.sessionId));
          this.socket.send({ t: 'open' });
        }
        this.hooks.changed();
        return;
      default:
        return;
    }
  }

  private publishScheduled = false;

  /**
   * After every step: the server stores the session and hands each seat its own view. Steps that come in
   * together (a burst of twelve votes) go out as one publish, right after the last of them: views are whole
   * states, so nothing is lost, and the room server does a twelfth of the work.
   */
  publish(): void {
    if (this.publishScheduled) return;
    this.publishScheduled = true;
    window.setTimeout(() => {
      this.publishScheduled = false;
      this.enqueue(() => this.publishSealed());
    }, 0);
  }

  /** Seals and sends the publication: each seat's view with its own key, the lobby view and the snapshot with the room's. */
  private async publishSealed(): Promise<void> {
    if (!this.room || this.status !== 'open' || !this.keys) return;
    const applied = this.room.applied;
    const { snapshot, views, lobbyView } = this.hooks.publication();
    const keys = await this.keys;
    const sealedViews: Record<string, string> = {};
    await Promise.all(
      Object.entries(views).map(async ([seatId, view]) => {
        const seat = this.opened.get(seatId);
        if (seat && view !== undefined) sealedViews[seatId] = await sealView(seat.keys, view);
      }),
    );
    const [sealedSnapshot, sealedLobby] = await Promise.all([
      snapshot === null || snapshot === undefined ? null : sealSnapshot(keys, snapshot),
      lobbyView === null || lobbyView === undefined ? null : sealLobbyView(keys, lobbyView),
    ]);
    this.socket.send({ t: 'publish', snapshot: sealedSnapshot, views: sealedViews, lobbyView: sealedLobby, applied });
  }

  lock(locked: boolean): void {
    this.locked = locked;
    this.socket.send({ t: 'lock', locked });
    this.hooks.changed();
  }

  remove(seatId: string): void {
    this.socket.send({ t: 'remove', seatId });
  }

  close(): void {
    window.clearTimeout(this.moveTimer);
    this.socket.close();
  }

  /**
   * The join link carries the room secret in its fragment (`#k=…`, never sent to any server), so a phone that
   * scans it skips the typed part.
   */
  private async makeJoinUrl(code: string, secret: string): Promise<void> {
    const base = await phoneBaseUrl();
    this.joinUrl = `${base}${joinPath(code)}#k=${secret}`;
    const { renderSVG } = await import('uqr');
    this.qrSvg = renderSVG(this.joinUrl, { border: 2 });
    this.hooks.changed();
  }
}

/** Why a move did not work: the key was spent, replaced or expired; the room is gone; or no answer from the server. */
export type TakeoverFailure = 'used' | 'gone' | 'offline';

/** A move address's fragment after the one-time key: the typed part of the room code (the room key comes from it). */
export async function moveRoomSecret(code: string, typed: string | undefined): Promise<{ readonly typed: string; readonly secret: string } | null> {
  if (!isTyped(typed)) return null;
  return { typed, secret: await roomSecretFromTyped(code.toUpperCase(), typed) };
}

/**
 * Moving the session to another screen: take the room over with a one-time move key (`takeOver`). The server
 * spends the key, tells the old screen it was replaced, and answers with the last saved session (sealed: opened
 * here with the room key) and this screen's own host token, with which the controller then says `hello`.
 */
export function fetchTakeover(
  code: string,
  moveKey: string,
  room: { readonly typed: string; readonly secret: string },
  timeoutMs = 8000,
): Promise<{ ok: true; snapshot: unknown; key: RoomKey } | { ok: false; reason: TakeoverFailure }> {
  type Result = Awaited<ReturnType<typeof fetchTakeover>>;
  return requestOnce<HostMessage, ServerMessage, Result>({
    url: socketUrl(HOST_SOCKET_PATH),
    first: { t: 'takeOver', code, moveKey },
    answer: (msg) => {
      if (msg.t === 'welcome') {
        const sealed = msg.snapshot;
        const hostToken = msg.hostToken;
        if (!hostToken) return { ok: false, reason: 'gone' };
        return roomKeys(room.secret)
          .then((keys) => openSnapshot(keys, sealed))
          .then((snapshot): Result => (snapshot ? { ok: true, snapshot, key: { code, hostToken, typed: room.typed, secret: room.secret } } : { ok: false, reason: 'gone' }));
      }
      if (msg.t === 'refused') return { ok: false, reason: msg.reason === 'bad-token' ? 'used' : msg.reason === 'no-room' ? 'gone' : 'offline' };
      return undefined;
    },
    fallback: { ok: false, reason: 'offline' },
    timeoutMs,
  });
}
