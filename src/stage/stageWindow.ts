/**
 * The stage window (`?stage=<session id>`), the presenter view that the team drags to the TV: only the
 * stage (the Phaser table, the lobby's room code), the step as `phase`, and the stage's text for screen
 * readers. No controls. It starts from the session saved on this device, then follows the facilitator's
 * window through the `BroadcastChannel` (see stageChannel.ts); when that window is silent for a while, a
 * calm line says so. It plays no sound: sound stays in the facilitator's window (see stageLink.ts).
 * Loaded lazily by `main.ts`; it takes over `#app`.
 */
import './stageWindow.css';
import { parseSave, type SavedSession } from '../core/save.ts';
import { phaseOf } from '../core/phase.ts';
import { screenView } from '../core/view.ts';
import { remainingMs } from '../core/timer.ts';
import type { Lang } from '../core/types.ts';
import { i18n, t, currentLang } from '../i18n/index.ts';
import { h, announce } from '../ui/dom.ts';
import { clock } from '../ui/names.ts';
import { lobbyStage } from '../ui/roomPanels.ts';
import { loadSession } from '../ui/storage.ts';
import { tableLabels } from '../game/tableLabels.ts';
import { stepAnnouncement } from '../game/announcements.ts';
import type { TableView } from '../game/table.ts';
import { GONE_AFTER_MS, HELLO_EVERY_MS, type StageChannel, type StageMessage, type StageRoom, openStageChannel, stageMessage } from './stageChannel.ts';
import { stageText } from './stageText.ts';

export interface OpenStageOptions {
  readonly sessionId: string;
  /** Makes the table (default: the Phaser table, loaded lazily, with no sound). */
  readonly createTable?: (parent: HTMLElement) => Promise<TableView>;
}

export class StageWindow {
  private readonly stage: HTMLElement;
  private readonly phaseEl: HTMLElement;
  private readonly text: HTMLElement;
  private readonly gone: HTMLElement;
  private readonly region: HTMLElement;
  private readonly channel: StageChannel | null;
  private table: TableView | null = null;
  private saved: SavedSession | null = null;
  private raw = '';
  private room: StageRoom | null = null;
  private lastHeard = Date.now();
  private lastHello = 0;
  private textKey = '';
  private lastClock = '';
  private announced = '';
  private readonly ticker: number;

  constructor(
    app: HTMLElement,
    private readonly sessionId: string,
    makeTable: (parent: HTMLElement) => Promise<TableView>,
  ) {
    this.stage = h('div', { class: 'stage stage-window__stage', id: 'stage', 'data-testid': 'stage', 'aria-hidden': 'true' });
    this.phaseEl = h('p', { class: 'sr-only', 'data-testid': 'phase' });
    this.text = h('div', { 'data-testid': 'stage-text' });
    this.gone = h('p', { class: 'stage-window__gone', 'data-testid': 'stage-host-gone', role: 'status', hidden: true });
    this.region = h('section', { class: 'sr-only' }, this.phaseEl, this.text);
    const announcer = h('div', { id: 'announcer', class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' });
    app.classList.add('stage-window-app');
    document.body.classList.add('stage-window-body');
    app.replaceChildren(h('main', { class: 'stage-window' }, this.stage, this.gone, this.region), announcer);

    const entry = loadSession(sessionId);
    if (entry?.parsed.ok) {
      this.saved = entry.parsed.value;
      this.raw = entry.raw;
    }
    this.channel = openStageChannel();
    this.channel?.listen((message) => void this.receive(message));
    this.hello();
    this.render();
    this.ticker = window.setInterval(() => this.tick(), 250);
    makeTable(this.stage)
      .then((table) => {
        this.table = table;
        this.render();
      })
      .catch(() => {
        // Without a canvas the stage text and the step remain.
      });
  }

  private hello(): void {
    this.lastHello = Date.now();
    this.channel?.post(stageMessage({ type: 'hello', sessionId: this.sessionId }));
  }

  private async receive(message: StageMessage): Promise<void> {
    // Another stage window of this session says hello too: that is not the facilitator.
    if (message.sessionId !== this.sessionId || message.type === 'hello') return;
    this.lastHeard = Date.now();
    if (message.type === 'cue') {
      this.table?.cue(message.cue);
      return;
    }
    const sameRoom = JSON.stringify(message.room) === JSON.stringify(this.room);
    if (message.save === this.raw && message.lang === currentLang() && sameRoom) {
      this.showGone();
      return;
    }
    if (message.save !== this.raw) {
      const parsed = parseSave(message.save);
      if (parsed.ok && parsed.value.snapshot.context.id === this.sessionId) {
        this.saved = parsed.value;
        this.raw = message.save;
      }
    }
    this.room = message.room;
    if (message.lang !== currentLang()) await this.setLanguage(message.lang);
    this.render();
  }

  private async setLanguage(lang: Lang): Promise<void> {
    await i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
    const url = new URL(window.location.href);
    url.searchParams.set('lang', lang);
    window.history.replaceState(null, '', url);
  }

  private tick(): void {
    const now = Date.now();
    if (now - this.lastHello >= HELLO_EVERY_MS) this.hello();
    this.showGone();
    const timer = this.saved?.snapshot.context.timer;
    if (!timer || timer.kind !== 'running') return;
    const shown = clock(remainingMs(timer, now));
    if (shown === this.lastClock) return;
    this.lastClock = shown;
    this.render();
  }

  /** The calm line: shown while the facilitator's window has been silent for a while, gone when it speaks. */
  private showGone(): void {
    const silent = Date.now() - this.lastHeard >= GONE_AFTER_MS;
    const text = !this.saved ? t('stageWindow.waiting') : silent ? t('stageWindow.gone') : '';
    if (this.gone.textContent !== text) this.gone.textContent = text;
    this.gone.hidden = text === '';
  }

  render(): void {
    document.title = `${t('stageWindow.title')} · ${t('common.appName')}`;
    this.region.setAttribute('aria-label', t('stageWindow.textLabel'));
    this.showGone();
    const saved = this.saved;
    if (!saved) return;
    const ctx = saved.snapshot.context;
    const phase = phaseOf(saved.snapshot.value);
    const view = screenView(ctx, phase);
    const lang = currentLang();
    this.phaseEl.dataset.phase = phase;
    this.phaseEl.textContent = t(`phase.${phase}`);
    const room = this.room && ctx.settings.playMode === 'devices' ? this.room : null;
    const labels = tableLabels(view, { checkIn: ctx.settings.checkIn, room, now: Date.now() });
    this.table?.render(view, lang, labels);
    // The text changes with the step, not with the clock: a screen reader is not interrupted every second.
    const parts = stageText(view, lang, labels);
    const key = parts.map((p) => p.outerHTML).join('');
    if (key !== this.textKey) {
      this.textKey = key;
      this.text.replaceChildren(...parts);
    }
    this.syncLobby(phase === 'lobby' ? room : null);
    const message = stepAnnouncement(view, lang);
    if (message !== this.announced) {
      this.announced = message;
      announce(message);
    }
  }

  private syncLobby(room: StageRoom | null): void {
    const current = this.stage.querySelector('.stage-lobby');
    if (!room) {
      current?.remove();
      return;
    }
    const next = lobbyStage(room);
    if (current) current.replaceWith(next);
    else this.stage.append(next);
  }

  destroy(): void {
    window.clearInterval(this.ticker);
    this.channel?.close();
    this.table?.destroy();
  }
}

/** Takes over `app` (normally `#app`) with the stage window. */
export function openStageWindow(app: HTMLElement, opts: OpenStageOptions): StageWindow {
  const make = opts.createTable ?? ((parent: HTMLElement) => import('../scenes/createTable.ts').then(({ createTable }) => createTable(parent)));
  return new StageWindow(app, opts.sessionId, make);
}
