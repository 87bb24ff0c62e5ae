/**
 * The device page's first half: the join page (the room code, typed whole or from the join link, and the
 * player's name, or a remembered seat) and the attempt to join or rejoin. `DeviceApp` (app.ts) is the rest:
 * the line, the outbox and the views once seated.
 */
import { t } from '../i18n/index.ts';
import type { Lang } from '../core/types.ts';
import { MAX_SEAT_NAME, PLAYER_SOCKET_PATH, type PlayerMessage, type ServerMessage } from '../net/protocol.ts';
import { socketUrl, type ReconnectingSocket, type SocketStatus } from '../net/socket.ts';
import { isCode, normalizeCode } from './codes.ts';
import { joinSecrets, sealJoin, type JoinSecrets } from './sealing.ts';
import { DeviceStore, type StoredSeat } from './store.ts';
import type { DeviceAppOptions } from './options.ts';
import { renderJoin } from './join.ts';

/** A join carries the room secret (from the link, or being stretched from the typed code) and a new seat secret. */
export type Intent =
  | ({ readonly kind: 'join'; readonly code: string; readonly name: string } & JoinSecrets)
  | { readonly kind: 'rejoin'; readonly code: string; readonly seat: StoredSeat };

export abstract class DeviceJoin {
  protected readonly root: HTMLElement;
  protected readonly store: DeviceStore;
  protected readonly session: DeviceAppOptions['session'];
  protected readonly url: string;
  protected readonly home: () => void;
  protected lang: Lang;
  protected socket: ReconnectingSocket<PlayerMessage, ServerMessage> | null = null;
  protected status: SocketStatus | null = null;
  protected mode: 'join' | 'play' = 'join';
  protected intent: Intent | null = null;
  // join page
  protected joinCode: string;
  protected joinName = '';
  protected joinError: string | null = null;
  /** The room secret from the join link, for its room code. */
  protected readonly linkSecret: { readonly code: string; readonly secret: string } | null;

  constructor(opts: DeviceAppOptions) {
    this.root = opts.root;
    this.store = new DeviceStore(opts.local);
    this.session = opts.session;
    this.url = opts.url ?? socketUrl(PLAYER_SOCKET_PATH);
    this.home = opts.home;
    this.lang = this.store.lang() ?? opts.lang;
    this.joinCode = normalizeCode(opts.code);
    this.linkSecret = opts.secret && isCode(this.joinCode) ? { code: this.joinCode, secret: opts.secret } : null;
  }

  abstract destroy(): void;
  protected abstract openSocket(): void;
  protected abstract setLang(lang: Lang): void;

  // ---- joining ----------------------------------------------------------------------------------------

  protected renderJoin(): void {
    this.mode = 'join';
    const remembered = this.store.remembered(this.joinCode || null);
    renderJoin(
      this.root,
      {
        code: this.joinCode,
        name: this.joinName,
        lang: this.lang,
        error: this.joinError,
        remembered: remembered ? { code: remembered.code, name: remembered.seat.name } : null,
        busy: this.intent !== null,
        status: this.intent ? this.status : null,
      },
      {
        edit: (code, name) => {
          this.joinCode = code;
          this.joinName = name;
        },
        join: (code, name) => this.join(code, name),
        rejoin: () => {
          if (remembered) this.connect({ kind: 'rejoin', code: remembered.code, seat: remembered.seat });
        },
        setLang: (lang) => this.setLang(lang),
        home: () => {
          this.destroy();
          this.home();
        },
      },
    );
  }

  /** The whole typed code (`CODE-XXXX-XXXX`), or the room code of the join link (see `joinSecrets`). */
  protected join(rawCode: string, rawName: string): void {
    const { typedCode, code, secrets } = joinSecrets(rawCode, this.linkSecret);
    const name = rawName.trim();
    this.joinCode = typedCode;
    this.joinName = rawName;
    if (!isCode(code)) return this.failJoin(t('device:join.error.code'), 'join-code');
    if (!secrets) return this.failJoin(t('device:join.error.typed'), 'join-code');
    if (name.length < 1 || name.length > MAX_SEAT_NAME) return this.failJoin(t('device:join.error.name', { max: MAX_SEAT_NAME }), 'join-name');
    this.connect({ kind: 'join', code, name, ...secrets });
  }

  protected failJoin(text: string, focus?: string): void {
    this.intent = null;
    this.joinError = text;
    this.renderJoin();
    if (focus) this.root.querySelector<HTMLElement>(`[data-testid="${focus}"]`)?.focus();
  }

  /** Opens a line for a join or rejoin attempt (or uses the one that is open). */
  protected connect(intent: Intent): void {
    this.intent = intent;
    this.joinError = null;
    if (this.socket && this.status === 'open') this.sendIntent();
    else if (!this.socket) this.openSocket();
    if (this.mode === 'join') this.renderJoin();
  }

  protected sendIntent(): void {
    const intent = this.intent;
    if (!intent) return;
    if (intent.kind === 'rejoin') {
      this.socket?.send({ t: 'rejoin', code: intent.code, seatToken: intent.seat.seatToken });
      return;
    }
    // The name and the seat secret go sealed with the room key: only the shared screen can open them.
    void sealJoin(intent, intent.name).then((sealed) => {
      if (this.intent === intent) this.socket?.send({ t: 'join', code: intent.code, sealed });
    });
  }
}
