/**
 * The shared screen's line to the room server when the team plays on devices. The screen stays the one
 * source of truth: actions from seats come in here (the session turns them into events stamped with the
 * seat, see `eventFor`), and after every step the screen publishes its saved state and one view per seat.
 * The session uses it, and so can any other shared-screen activity with seats (it only needs the hooks).
 *
 * The host token and, per seat, the last action applied are kept on this screen (the device's store), so a reload
 * takes the room back and an action the server sends again after a reconnect is not applied twice.
 */
import { ReconnectingSocket, socketUrl, type SocketStatus } from '../net/socket.ts';
import { HOST_SOCKET_PATH, MOVE_KEY_MINUTES, type HostMessage, type PlayerAction, type Seat, type ServerMessage, joinPath } from '../net/protocol.ts';
import type { SessionEvent } from '../core/events.ts';
import { jsonObject } from '../core/json.ts';
import { deviceStore } from '../storage/index.ts';

export interface RoomKey {
  readonly code: string;
  readonly hostToken: string;
}

interface StoredRoom extends RoomKey {
  readonly applied: Record<string, number>;
}

const roomKey = (sessionId: string) => `ruimte.room.${sessionId}`;

export function loadRoom(sessionId: string): StoredRoom | null {
  const data = jsonObject(deviceStore().readRaw(roomKey(sessionId)));
  if (!data || typeof data.code !== 'string' || typeof data.hostToken !== 'string') return null;
  const applied: Record<string, number> = {};
  if (data.applied && typeof data.applied === 'object') {
    for (const [seat, seq] of Object.entries(data.applied as Record<string, unknown>)) if (typeof seq === 'number') applied[seat] = seq;
  }
  return { code: data.code, hostToken: data.hostToken, applied };
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

  constructor(
    private readonly sessionId: string,
    private readonly hooks: RoomHooks,
    takeover: RoomKey | null = null,
  ) {
    this.room = takeover ? { ...takeover, applied: {} } : loadRoom(sessionId);
    if (this.room) void this.makeJoinUrl(this.room.code);
    this.socket = new ReconnectingSocket<HostMessage, ServerMessage>({
      url: socketUrl(HOST_SOCKET_PATH),
      onOpen: () => {
        this.failures = 0;
        this.problem = null;
        this.socket.send(this.room ? { t: 'hello', code: this.room.code, hostToken: this.room.hostToken } : { t: 'open' });
      },
      onMessage: (msg) => this.receive(msg),
      onStatus: (s) => {
        if (this.status === 'replaced') return;
        this.status = s;
        if (s === 'offline' && ++this.failures >= 3 && !this.room) this.problem = 'no-server';
        this.hooks.changed();
      },
    });
  }

  get code(): string | null {
    return this.room?.code ?? null;
  }

  /** This screen's own credentials, for its remote link to prove it holds the room; never shown or put in an address. */
  get hostCredentials(): RoomKey | null {
    return this.room ? { code: this.room.code, hostToken: this.room.hostToken } : null;
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

  private receive(msg: ServerMessage): void {
    switch (msg.t) {
      case 'opened':
        this.room = { code: msg.code, hostToken: msg.hostToken, applied: {} };
        storeRoom(this.sessionId, this.room);
        void this.makeJoinUrl(msg.code);
        this.publishNow();
        this.hooks.changed();
        return;
      case 'welcome':
        this.locked = msg.locked;
        this.seats = msg.seats;
        if (this.room) storeRoom(this.sessionId, this.room);
        if (this.move.state === 'asking') this.socket.send({ t: 'moveKey' });
        this.hooks.seats(msg.seats);
        this.publish();
        this.hooks.changed();
        return;
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
        this.seats = msg.seats;
        this.hooks.seats(msg.seats);
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
        this.room = { ...this.room, applied: { ...this.room.applied, [msg.seatId]: msg.seq } };
        storeRoom(this.sessionId, this.room);
        // A refused action changes nothing, so nothing else would publish the seat's `applied`.
        if (!this.hooks.act(msg.seatId, msg.action)) this.publish();
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
      this.publishNow();
    }, 0);
  }

  private publishNow(): void {
    if (!this.room || this.status !== 'open') return;
    const { snapshot, views, lobbyView } = this.hooks.publication();
    this.socket.send({ t: 'publish', snapshot, views, lobbyView, applied: this.room.applied });
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

  /** Phones cannot reach "localhost": when this screen was opened that way, ask the server for its LAN address. */
  private async makeJoinUrl(code: string): Promise<void> {
    let base = `${location.origin}${location.pathname}`;
    if (/^(localhost|127\.|\[::1\])/.test(location.hostname)) {
      try {
        const res = await fetch('./api/addresses');
        const data = (await res.json()) as { urls?: unknown };
        const first = Array.isArray(data.urls) ? data.urls.find((u): u is string => typeof u === 'string') : undefined;
        if (first) base = first;
      } catch {
        // Keep this screen's own address: right for a tablet that plays alone on this machine.
      }
    }
    this.joinUrl = `${base.replace(/\?.*$/, '')}${joinPath(code)}`;
    const { renderSVG } = await import('uqr');
    this.qrSvg = renderSVG(this.joinUrl, { border: 2 });
    this.hooks.changed();
  }
}

/** Why a move did not work: the key was spent, replaced or expired; the room is gone; or no answer from the server. */
export type TakeoverFailure = 'used' | 'gone' | 'offline';

/**
 * Moving the session to another screen: take the room over with a one-time move key (`takeOver`). The server
 * spends the key, tells the old screen it was replaced, and answers with the last saved session and this
 * screen's own host token, with which the controller then says `hello`.
 */
export function fetchTakeover(
  code: string,
  moveKey: string,
  timeoutMs = 8000,
): Promise<{ ok: true; snapshot: unknown; key: RoomKey } | { ok: false; reason: TakeoverFailure }> {
  type Result = Awaited<ReturnType<typeof fetchTakeover>>;
  return new Promise((resolve) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(socketUrl(HOST_SOCKET_PATH));
    } catch {
      resolve({ ok: false, reason: 'offline' });
      return;
    }
    const finish = (result: Result) => {
      window.clearTimeout(timer);
      ws.onclose = null;
      ws.close();
      resolve(result);
    };
    const timer = window.setTimeout(() => finish({ ok: false, reason: 'offline' }), timeoutMs);
    ws.onopen = () => ws.send(JSON.stringify({ t: 'takeOver', code, moveKey } satisfies HostMessage));
    ws.onmessage = (event) => {
      let msg: ServerMessage;
      try {
        msg = JSON.parse(String(event.data)) as ServerMessage;
      } catch {
        return;
      }
      if (msg.t === 'welcome') {
        finish(msg.snapshot && msg.hostToken ? { ok: true, snapshot: msg.snapshot, key: { code, hostToken: msg.hostToken } } : { ok: false, reason: 'gone' });
      } else if (msg.t === 'refused') {
        finish({ ok: false, reason: msg.reason === 'bad-token' ? 'used' : msg.reason === 'no-room' ? 'gone' : 'offline' });
      }
    };
    ws.onclose = () => finish({ ok: false, reason: 'offline' });
  });
}
