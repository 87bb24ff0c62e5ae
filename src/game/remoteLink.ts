/**
 * The shared screen's side of the facilitator's remote (issue 12 item 4). The screen stays the source of
 * truth: it publishes a sealed remote view after every step, opens the phone's sealed commands, and applies
 * one only when its machine allows it now.
 *
 * Nothing happens until the facilitator asks for the remote (`show`). On devices the screen's own room is used;
 * on one screen a room is opened and locked on request (no seat can join it), so the game stays a one-screen
 * game. The room, the remote key and the seal secret are kept on this screen (the device's store), so a reload
 * of the screen keeps the phone's address working. The seal secret never leaves this screen but in the address's
 * fragment, which the server never sees.
 */
import { ReconnectingSocket, requestOnce, socketUrl } from '../net/socket.ts';
import { deriveKey, newSecret, open, seal } from '../net/crypto.ts';
import { HOST_SOCKET_PATH, type HostMessage, type ServerMessage } from '../net/protocol.ts';
import { REMOTE_SOCKET_PATH, parseRemoteCommand, remotePath, type RemoteServerMessage, type RemoteSocketMessage } from '../net/remoteProtocol.ts';
import type { SessionEvent } from '../core/events.ts';
import { jsonObject } from '../core/json.ts';
import { deviceStore } from '../storage/index.ts';
import type { RemotePanelInfo } from '../ui/remoteControl.ts';
import type { RoomKey as FullRoomKey } from './roomLink.ts';
import { eventFor, remoteViewOf, stepOf, type SessionSnapshot } from './remoteView.ts';
import { phoneBaseUrl } from './phoneAddress.ts';

/** What the remote needs of a room: its code and this screen's host token (never its secrets). */
type RoomKey = Pick<FullRoomKey, 'code' | 'hostToken'>;

export interface RemoteHooks {
  snapshot(): SessionSnapshot;
  send(event: SessionEvent): void;
  /** Devices: the room this screen holds (null until it has one); undefined on one screen. */
  room(): RoomKey | null | undefined;
  changed(): void;
}

interface StoredRemote {
  readonly code: string;
  /** One screen only: the host token of the room opened for the remote. */
  readonly hostToken: string | null;
  readonly key: string | null;
  readonly secret: string;
}

export type RemoteStatus = 'off' | 'connecting' | 'open' | 'offline' | 'no-server' | 'replaced';

const storeKey = (sessionId: string) => `ruimte.remote.${sessionId}`;
/** Revisions a command may be behind the latest view (a press while a view was on its way). */
const RECENT_REVS = 8;
const SEEN_IDS = 500;

function loadRemote(sessionId: string): StoredRemote | null {
  const d = jsonObject(deviceStore().readRaw(storeKey(sessionId)));
  if (!d || typeof d.code !== 'string' || typeof d.secret !== 'string') return null;
  return { code: d.code, hostToken: typeof d.hostToken === 'string' ? d.hostToken : null, key: typeof d.key === 'string' ? d.key : null, secret: d.secret };
}

/** On one screen: opens a room on the server and locks it at once (no seat can join), for the remote only. */
function openLockedRoom(timeoutMs = 8000): Promise<RoomKey | null> {
  return requestOnce<HostMessage, ServerMessage, RoomKey | null>({
    url: socketUrl(HOST_SOCKET_PATH),
    first: { t: 'open' },
    answer: (msg, send) => {
      if (msg.t === 'opened') {
        send({ t: 'lock', locked: true });
        return { code: msg.code, hostToken: msg.hostToken };
      }
      return msg.t === 'refused' ? null : undefined;
    },
    fallback: null,
    timeoutMs,
    // The lock goes out before the close.
    closeDelayMs: 100,
  });
}

export class RemoteLink {
  status: RemoteStatus = 'off';
  shown = false;
  url: string | null = null;
  qrSvg: string | null = null;
  remotes = 0;
  private record: StoredRemote | null;
  private socket: ReconnectingSocket<RemoteSocketMessage, RemoteServerMessage> | null = null;
  private ready = false;
  private opening = false;
  private failures = 0;
  private sealKey: Promise<CryptoKey> | null = null;
  private rev = 0;
  private readonly recent: number[] = [];
  private readonly seen = new Set<string>();
  private publishScheduled = false;
  private closed = false;

  constructor(
    private readonly sessionId: string,
    private readonly hooks: RemoteHooks,
  ) {
    this.record = loadRemote(sessionId);
    // A remote made before a reload: the phone may be in use, so the line comes back by itself.
    if (this.record?.key) this.start();
  }

  /** What the facilitator's block shows. */
  panelInfo(): RemotePanelInfo {
    this.sync();
    return {
      shown: this.shown,
      status: this.status,
      url: this.shown ? this.url : null,
      qrSvg: this.shown ? this.qrSvg : null,
      remotes: this.remotes,
      toggle: () => (this.shown ? this.hide() : this.show()),
      newKey: () => this.newKey(),
    };
  }

  show(): void {
    this.shown = true;
    // No server the last time: try again.
    if (this.status === 'no-server' && !this.socket) this.status = 'off';
    this.start();
    this.hooks.changed();
  }

  hide(): void {
    this.shown = false;
    this.hooks.changed();
  }

  /** A new address: the old one (a lost phone) stops working. */
  newKey(): void {
    if (this.ready) this.socket?.send({ t: 'newKey' });
  }

  private save(record: StoredRemote | null): void {
    this.record = record;
    if (record) deviceStore().write(storeKey(this.sessionId), record);
    else deviceStore().remove(storeKey(this.sessionId));
  }

  /** Devices: follows the screen's room (it may be opened late, or opened again after it expired). */
  private sync(): void {
    if (this.status === 'off' || this.closed) return;
    const room = this.hooks.room();
    if (room === undefined) return;
    if (room && this.record && this.record.code !== room.code) {
      this.save(null);
      this.reconnect();
    } else if (room && !this.socket) this.connect();
  }

  private start(): void {
    if (this.status !== 'off' || this.closed) return;
    this.status = 'connecting';
    this.connect();
  }

  /** The room and host token the remote runs in, opening one on one screen when there is none yet. */
  private async roomKey(): Promise<RoomKey | null> {
    const devices = this.hooks.room();
    if (devices !== undefined) return devices;
    if (this.record?.hostToken) return { code: this.record.code, hostToken: this.record.hostToken };
    if (this.opening) return null;
    this.opening = true;
    const opened = await openLockedRoom();
    this.opening = false;
    if (!opened) {
      this.status = 'no-server';
      this.hooks.changed();
      return null;
    }
    this.save({ code: opened.code, hostToken: opened.hostToken, key: null, secret: newSecret() });
    return opened;
  }

  private connect(): void {
    if (this.socket || this.closed) return;
    void this.roomKey().then((room) => {
      if (!room || this.socket || this.closed) return;
      if (!this.record || this.record.code !== room.code) this.save({ code: room.code, hostToken: this.hooks.room() === undefined ? room.hostToken : null, key: null, secret: newSecret() });
      this.socket = new ReconnectingSocket<RemoteSocketMessage, RemoteServerMessage>({
        url: socketUrl(REMOTE_SOCKET_PATH),
        onOpen: () => {
          this.ready = false;
          // Devices: the host token may have changed (a move) since the line was made.
          const now = this.hooks.room() ?? room;
          this.socket?.send({ t: 'screen', code: now.code, hostToken: now.hostToken });
        },
        onMessage: (m) => void this.receive(m),
        onStatus: (s) => {
          if (this.status === 'replaced') return;
          if (s !== 'open') this.ready = false;
          this.status = s === 'offline' && ++this.failures >= 3 && !this.url ? 'no-server' : s === 'open' ? 'connecting' : s;
          this.hooks.changed();
        },
      });
    });
  }

  private reconnect(): void {
    this.socket?.close();
    this.socket = null;
    this.ready = false;
    this.url = null;
    this.qrSvg = null;
    this.sealKey = null;
    this.connect();
  }

  private async receive(m: RemoteServerMessage): Promise<void> {
    switch (m.t) {
      case 'ready':
        this.ready = true;
        this.failures = 0;
        this.status = 'open';
        this.remotes = m.remotes;
        if (this.record?.key) await this.makeUrl();
        else this.socket?.send({ t: 'newKey' });
        this.publishNow();
        this.hooks.changed();
        return;
      case 'key':
        if (!this.record) return;
        this.save({ ...this.record, key: m.key });
        this.remotes = 0;
        await this.makeUrl();
        this.publishNow();
        this.hooks.changed();
        return;
      case 'remotes':
        this.remotes = m.count;
        this.hooks.changed();
        return;
      case 'cmd':
        return this.command(m.sealed);
      case 'refused':
        if (m.reason === 'replaced') {
          this.status = 'replaced';
          this.socket?.close();
        } else if (m.fatal && (m.reason === 'no-room' || m.reason === 'bad-token')) {
          // The server forgot the room (expired, or its store was reset): on one screen open a new one.
          this.save(null);
          if (this.hooks.room() === undefined) this.reconnect();
          else {
            // Devices: the screen's room link opens the new room; `sync` follows it.
            this.socket?.close();
            this.socket = null;
          }
        }
        this.hooks.changed();
        return;
      default:
        return;
    }
  }

  private key(): Promise<CryptoKey> | null {
    if (!this.record) return null;
    this.sealKey ??= deriveKey(this.record.secret, 'remote');
    return this.sealKey;
  }

  /** The remote's address on the phones' base address (as the join address). */
  private async makeUrl(): Promise<void> {
    const record = this.record;
    if (!record?.key) return;
    const base = await phoneBaseUrl();
    this.url = `${base}${remotePath(record.code, record.key, record.secret)}`;
    const { renderSVG } = await import('uqr');
    this.qrSvg = renderSVG(this.url, { border: 2 });
    this.hooks.changed();
  }

  /** After every step (several in one turn go out as one view). */
  publish(): void {
    if (this.publishScheduled || !this.ready) return;
    this.publishScheduled = true;
    window.setTimeout(() => {
      this.publishScheduled = false;
      this.publishNow();
    }, 0);
  }

  private publishNow(): void {
    const key = this.key();
    if (!this.ready || !key || !this.record?.key) return;
    this.rev = Math.max(this.rev + 1, Date.now());
    this.recent.push(this.rev);
    if (this.recent.length > RECENT_REVS) this.recent.shift();
    const view = remoteViewOf(this.hooks.snapshot(), this.rev, Date.now());
    void key.then((k) => seal(k, view)).then((sealed) => this.socket?.send({ t: 'view', sealed }));
  }

  /** A phone's command: opened, checked against the machine, applied at most once. */
  private async command(sealed: string): Promise<void> {
    const key = this.key();
    if (!key) return;
    const cmd = parseRemoteCommand(await open(await key, sealed));
    if (!cmd || this.seen.has(cmd.id) || !this.recent.includes(cmd.rev)) return;
    this.seen.add(cmd.id);
    if (this.seen.size > SEEN_IDS) this.seen.delete(this.seen.values().next().value as string);
    const snapshot = this.hooks.snapshot();
    const stepBound = cmd.action.type === 'advance' || cmd.action.type === 'undo' || cmd.action.type === 'endEarly';
    const event = eventFor(cmd.action, Date.now());
    if ((stepBound && cmd.step !== stepOf(snapshot)) || !snapshot.can(event)) {
      // Refused: the phone gets the current view again (its buttons may be out of date).
      this.publishNow();
      return;
    }
    this.hooks.send(event);
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
    this.socket = null;
  }
}
