/**
 * The device page's controller: join or rejoin a room (the join page itself: `DeviceJoin`, joinFlow.ts), keep
 * the line up, send taps through the outbox (sealed, sealing.ts), and draw the latest view with this device's
 * own unconfirmed taps laid over it.
 */
import * as v from 'valibot';
import { announce } from '../ui/dom.ts';
import { t } from '../i18n/index.ts';
import type { Lang, Level } from '../core/types.ts';
import { playerActionSchema, type PlayerAction, type PlayerMessage, type RefusalReason, type ServerMessage } from '../net/protocol.ts';
import { ReconnectingSocket, type SocketStatus } from '../net/socket.ts';
import { isCode } from './codes.ts';
import { SeatSealing } from './sealing.ts';
import { DeviceJoin } from './joinFlow.ts';
import { ACTIVE_KEY, type Draft, type Pending, type StoredSeat } from './store.ts';
import type { DeviceAppOptions } from './options.ts';
import { Outbox, resend } from './outbox.ts';
import { type AnyDeviceView, isDeviceView, isPollDeviceView, withPending } from './optimistic.ts';
import { renderDevice, updateTimer, type DeviceState } from './render.ts';
import { applyLanguage, refusalText, showCodeInAddress } from './page.ts';
import { proposalProblem } from './proposePanel.ts';
import { StepFocus, stepKey } from './stepFocus.ts';

export type { DeviceAppOptions } from './options.ts';

const EMPTY_DRAFT: Draft = { text: '', level: 'team' };
/** After a rate limit: wait this long before sending the outbox again. */
const RATE_LIMIT_PAUSE_MS = 3_000;
/** After `pending-full` (the room holds too much while the screen is away): wait this long before trying again. */
const PENDING_FULL_PAUSE_MS = 5_000;

export class DeviceApp extends DeviceJoin {
  // play
  private code = '';
  private seat: StoredSeat | null = null;
  private outbox: Outbox | null = null;
  /** Acknowledged but maybe not yet in a view: still laid over the view until the next one arrives. */
  private settled: Pending[] = [];
  private view: AnyDeviceView | null = null;
  /** In the team poll: the statement the player went to (null: the first without an answer). Kept on this page only. */
  private pollIndex: number | null = null;
  /** The shared screen's clock minus this phone's, from the last view. */
  private clockOffset = 0;
  private viewJson = '';
  private joined = false;
  private hostGone = false;
  private replaced = false;
  private rateLimited = false;
  private pendingFull = false;
  private pendingTimer: ReturnType<typeof setTimeout> | null = null;
  private sealing: SeatSealing | null = null;
  /** Messages in, in order: opening a view takes a moment. */
  private inbox: Promise<void> = Promise.resolve();
  private proposeError: string | null = null;
  private proposeSent = false;
  private readonly steps = new StepFocus();
  private ticker: ReturnType<typeof setInterval> | null = null;
  private rateTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(opts: DeviceAppOptions) {
    super(opts);
    void applyLanguage(this.lang).then((changed) => changed && this.redraw());

    // A reload in the tab that was playing goes straight back in; a fresh scan of the QR code asks first.
    const active = this.session.readRaw(ACTIVE_KEY);
    const seat = active && isCode(active) ? this.store.seat(active) : null;
    if (active && seat && (!this.joinCode || this.joinCode === active)) this.play(active, seat);
    else this.renderJoin();
  }

  /** Stops the line and the clock (for tests and for leaving the page). */
  destroy(): void {
    this.socket?.close();
    this.socket = null;
    if (this.ticker !== null) clearInterval(this.ticker);
    if (this.rateTimer !== null) clearTimeout(this.rateTimer);
    if (this.pendingTimer !== null) clearTimeout(this.pendingTimer);
    this.ticker = this.rateTimer = this.pendingTimer = null;
  }

  protected openSocket(): void {
    this.socket?.close();
    this.status = null;
    this.socket = new ReconnectingSocket<PlayerMessage, ServerMessage>({
      url: this.url,
      onOpen: () => this.onOpen(),
      onMessage: (msg) => {
        this.inbox = this.inbox.then(() => this.onMessage(msg)).catch((error: unknown) => console.error('device', error));
      },
      onStatus: (s) => this.onStatus(s),
    });
  }

  protected onOpen(): void {
    this.joined = false;
    if (this.mode === 'play' && this.seat) this.intent = { kind: 'rejoin', code: this.code, seat: this.seat };
    this.sendIntent();
  }

  protected onStatus(s: SocketStatus): void {
    this.status = s;
    if (this.mode === 'join') {
      if (this.intent && s === 'offline') this.joinError = t('device:join.error.offline');
      else if (s === 'open' && this.joinError === t('device:join.error.offline')) this.joinError = null;
      if (this.intent) this.renderJoin();
    } else {
      this.render();
    }
  }

  // ---- playing ----------------------------------------------------------------------------------------

  protected play(code: string, seat: StoredSeat): void {
    this.mode = 'play';
    this.code = code;
    this.seat = seat;
    this.sealing = new SeatSealing(seat);
    this.joinError = null;
    this.outbox = new Outbox({ load: () => this.store.outbox(code), save: (r) => this.store.saveOutbox(code, r) });
    this.outbox.useSeat(seat.seatId);
    this.session.writeRaw(ACTIVE_KEY, code);
    showCodeInAddress(code);
    if (!this.socket) this.openSocket();
    if (this.ticker === null) this.ticker = setInterval(() => this.tick(), 1000);
    this.render();
  }

  protected async onMessage(msg: ServerMessage): Promise<void> {
    switch (msg.t) {
      case 'joined': {
        const intent = this.intent;
        const code = intent?.code ?? this.code;
        if (!isCode(code)) return;
        const known = intent?.kind === 'rejoin' ? intent.seat : intent ? null : this.seat;
        const seat: StoredSeat =
          intent?.kind === 'join'
            ? { seatId: msg.seatId, seatToken: msg.seatToken, name: intent.name, secret: intent.secret, roomSecret: await intent.roomSecret }
            : { seatId: msg.seatId, seatToken: msg.seatToken, name: known?.name ?? '', secret: known?.secret ?? '', roomSecret: known?.roomSecret ?? '' };
        if (!seat.secret) return;
        this.store.saveSeat(code, seat);
        this.intent = null;
        this.joined = true;
        if (this.mode !== 'play' || this.code !== code || this.seat?.seatId !== seat.seatId) {
          this.forgetView();
          this.play(code, seat);
        } else {
          this.seat = seat;
        }
        if (typeof msg.lastSeq === 'number') this.outbox?.catchUp(msg.lastSeq);
        this.flush();
        this.render();
        return;
      }
      case 'view': {
        // This seat's own view, or the lobby view: sealed, so the server could not read (nor swap) it.
        const view = this.sealing ? await this.sealing.openView(msg.view) : undefined;
        if (this.mode !== 'play' || !isDeviceView(view)) return;
        const first = this.view === null;
        // The same view again (a rejoin, the host coming back) says nothing about taps acknowledged since.
        const { clock, ...content } = view;
        // Timers count against the shared screen's clock, not this phone's.
        this.clockOffset = clock - Date.now();
        const json = JSON.stringify(content);
        if (json !== this.viewJson) this.settled = [];
        this.viewJson = json;
        this.view = view;
        this.hostGone = false;
        if (first && this.store.lang() === null && view.lang !== this.lang) {
          // No choice made on this device yet: follow the session's language.
          this.lang = view.lang;
          void applyLanguage(this.lang).then(() => this.render());
        }
        this.render();
        return;
      }
      case 'ack': {
        if (!this.outbox) return;
        this.pendingFull = false;
        this.settled.push(...this.outbox.ack(msg.seq));
        this.render();
        return;
      }
      case 'hostGone':
        this.hostGone = true;
        this.render();
        return;
      case 'refused':
        this.onRefused(msg.reason, msg.fatal);
        return;
      default:
        return;
    }
  }

  private onRefused(reason: RefusalReason, fatal: boolean): void {
    if (this.mode === 'join') {
      const code = this.intent?.code ?? this.joinCode;
      const wasRejoin = this.intent?.kind === 'rejoin';
      if (wasRejoin && (reason === 'bad-token' || reason === 'removed' || reason === 'no-room')) this.store.forgetSeat(code);
      this.socket?.close();
      this.socket = null;
      this.status = null;
      if (wasRejoin && this.intent?.kind === 'rejoin') {
        this.joinCode = code;
        this.joinName = this.intent.seat.name;
      }
      this.failJoin(refusalText(reason, code));
      return;
    }
    switch (reason) {
      case 'removed':
      case 'no-room':
      case 'bad-token':
        return this.leave(reason);
      case 'replaced':
        this.socket?.close();
        this.socket = null;
        this.status = 'offline';
        this.replaced = true;
        this.joined = false;
        this.render();
        return;
      case 'not-joined':
        this.joined = false;
        this.onOpen();
        return;
      case 'rate-limited':
        this.rateLimited = true;
        this.render();
        if (this.rateTimer !== null) clearTimeout(this.rateTimer);
        this.rateTimer = setTimeout(() => {
          this.rateTimer = null;
          this.rateLimited = false;
          // Refused while rejoining: ask again; refused while acting: send what waits.
          if (!this.joined && this.status === 'open') this.onOpen();
          else this.flush();
          this.render();
        }, RATE_LIMIT_PAUSE_MS);
        return;
      case 'pending-full':
        // Not stored: the phone keeps it (and what came after) and tries again in a moment.
        this.pendingFull = true;
        this.render();
        if (this.pendingTimer === null) {
          this.pendingTimer = setTimeout(() => {
            this.pendingTimer = null;
            this.flush();
          }, PENDING_FULL_PAUSE_MS);
        }
        return;
      default:
        // A message the server could not read: never resend it blindly, the line comes back by itself.
        if (fatal) this.socket?.reconnectNow();
        return;
    }
  }

  /** The seat is gone (removed, the room closed, the token no longer valid): back to the join page. */
  private leave(reason: 'removed' | 'no-room' | 'bad-token'): void {
    const code = this.code;
    const name = this.seat?.name ?? '';
    this.store.forgetSeat(code);
    this.session.remove(ACTIVE_KEY);
    this.destroy();
    this.seat = null;
    this.outbox = null;
    this.forgetView();
    this.joined = this.hostGone = this.replaced = this.rateLimited = this.pendingFull = false;
    this.sealing = null;
    this.steps.reset();
    this.intent = null;
    this.status = null;
    this.joinCode = code;
    this.joinName = name;
    this.root.replaceChildren();
    this.failJoin(refusalText(reason, code));
    announce(this.joinError ?? '');
  }

  /** A new seat or none: the last view, its taps and the poll position belonged to the old one. */
  private forgetView(): void {
    this.view = null;
    this.viewJson = '';
    this.settled = [];
    this.pollIndex = null;
  }

  private act(action: PlayerAction): void {
    if (!this.outbox || !v.safeParse(playerActionSchema, action).success) return;
    const entry = this.outbox.add(action);
    if (this.joined && !this.rateLimited && !this.pendingFull) this.sendAct(entry.seq, entry.action);
    this.render();
  }

  private flush(): void {
    if (!this.outbox || !this.socket || !this.joined) return;
    resend(this.outbox, (msg) => this.sendAct(msg.seq, msg.action));
  }

  /** Seals an action with this seat's key and sends it, in order. */
  private sendAct(seq: number, action: PlayerAction): boolean {
    const socket = this.socket;
    if (!socket || !this.sealing || this.status !== 'open') return false;
    this.sealing.sendAct(seq, action, (sealed) => this.socket === socket && socket.send({ t: 'act', seq, sealed }));
    return true;
  }

  private propose(text: string, level: Level): void {
    const card = this.cardIndex();
    this.store.saveDraft(this.code, card, { text, level });
    this.proposeError = proposalProblem(text);
    if (this.proposeError === null) {
      this.proposeSent = true;
      this.store.clearDraft(this.code, card);
      this.act({ type: 'propose', text: text.trim(), level });
      return;
    }
    this.proposeSent = false;
    this.render();
    this.root.querySelector<HTMLElement>('[data-testid="proposal-text"]')?.focus();
  }

  private shownView(): AnyDeviceView | null {
    if (!this.view) return null;
    return withPending(this.view, [...this.settled, ...(this.outbox?.pending() ?? [])]);
  }

  /** The card the game is on (0 in the team poll, which has no cards). */
  private cardIndex(): number {
    return this.view && !isPollDeviceView(this.view) ? this.view.cardIndex : 0;
  }

  protected render(): void {
    if (this.mode !== 'play') return;
    const view = this.shownView();
    const step = stepKey(view);
    if (this.steps.isNew(step)) {
      // A new step: the "sent" note and errors belong to the old one.
      this.proposeSent = false;
      this.proposeError = null;
    }
    const state: DeviceState = {
      code: this.code,
      name: this.seat?.name ?? '',
      lang: this.lang,
      status: this.replaced ? 'offline' : (this.status ?? 'connecting'),
      hostGone: this.hostGone,
      replaced: this.replaced,
      rateLimited: this.rateLimited,
      pendingFull: this.pendingFull,
      waiting: this.outbox?.pending().length ?? 0,
      draft: view && !isPollDeviceView(view) ? (this.store.draft(this.code, view.cardIndex) ?? EMPTY_DRAFT) : EMPTY_DRAFT,
      proposeError: this.proposeError,
      proposeSent: this.proposeSent,
      now: Date.now() + this.clockOffset,
      pollIndex: this.pollIndex,
    };
    renderDevice(this.root, view, state, {
      act: (action) => this.act(action),
      propose: (text, level) => this.propose(text, level),
      saveDraft: (draft) => {
        if (this.view && !isPollDeviceView(this.view)) this.store.saveDraft(this.code, this.view.cardIndex, draft);
        this.proposeError = null;
      },
      pollGo: (index) => {
        this.pollIndex = index;
        this.render();
      },
      setLang: (lang) => this.setLang(lang),
      reconnect: () => this.socket?.reconnectNow(),
      takeBack: () => {
        this.replaced = false;
        this.openSocket();
        this.render();
      },
    });
    this.steps.follow(this.root, view, step, this.pollIndex);
  }

  private tick(): void {
    if (this.mode === 'play') updateTimer(this.root, this.view && !isPollDeviceView(this.view) ? this.view.timer : null, Date.now() + this.clockOffset);
  }

  // ---- language and small helpers ---------------------------------------------------------------------

  protected setLang(lang: Lang): void {
    this.lang = lang;
    this.store.saveLang(lang);
    void applyLanguage(this.lang).then(() => {
      this.redraw();
      this.root.querySelector<HTMLElement>('[data-testid="language"]')?.focus();
    });
  }

  private redraw(): void {
    if (this.mode === 'play') this.render();
    else this.renderJoin();
  }
}
