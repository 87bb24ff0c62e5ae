/**
 * The facilitator's side of the presenter view: the button that opens the stage window, and the channel
 * that keeps it in step. After every render the controller calls `publish()`; the saved session goes out
 * (coalesced, at most once per task) with the language and the room. A stage window that says `hello`
 * (on load, and every few seconds) gets the state at once, so a reload of either window loses nothing.
 *
 * Sound stays here, in the facilitator's window: it is the window someone has pressed, so the browser lets
 * it play (a window dragged to the TV is never touched, and browsers keep untouched windows silent); the
 * mute button is here; and the laptop's sound goes to the TV's speakers anyway when the TV is its screen.
 */
import './stageLink.css';
import type { Lang } from '../core/types.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { windowsIcon } from '../ui/icons.ts';
import { type StageChannel, type StageRoom, STAGE_CUES, type StageCue, openStageChannel, stageMessage, hasBroadcastChannel } from './stageChannel.ts';

/** The icon as a symbol no font has to carry ('⧉' showed as a box where the system font lacks it). */
const withClass = (el: SVGSVGElement, name: string): SVGSVGElement => (el.setAttribute('class', name), el);

/** What the stage window is fed from: the controller's session. */
export interface StageSource {
  readonly sessionId: string;
  /** The saved session as text, exactly as it is stored. */
  save(): string;
  lang(): Lang;
  room(): StageRoom | null;
}

const isCue = (type: string): type is StageCue => (STAGE_CUES as readonly string[]).includes(type);

/** The stage window's address: this page with `?stage=<session id>` and the language. */
export function stageWindowUrl(page: { readonly origin: string; readonly pathname: string }, sessionId: string, lang: Lang): string {
  const url = new URL(page.pathname, page.origin);
  url.searchParams.set('stage', sessionId);
  url.searchParams.set('lang', lang);
  return url.toString();
}

export class StageLink {
  private readonly channel: StageChannel | null;
  private queued = false;
  private blocked = false;
  /** Whether a stage window of this session has said hello: until then nothing is sent (most games have none). */
  private followed = false;

  constructor(
    private readonly source: StageSource,
    /** Asks the controller to draw again (the button's note changed). */
    private readonly changed: () => void,
    channel: StageChannel | null = hasBroadcastChannel() ? openStageChannel() : null,
  ) {
    this.channel = channel;
    channel?.listen((message) => {
      if (message.type !== 'hello' || message.sessionId !== source.sessionId) return;
      this.followed = true;
      this.post();
    });
  }

  /** After every render: the stage window follows (coalesced: one message per task, however many renders). */
  publish(): void {
    if (!this.channel || !this.followed || this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.post();
    });
  }

  /** A cue of the machine; it goes out before the state it belongs to, as in this window. */
  cue(type: string): void {
    if (this.channel && this.followed && isCue(type)) this.channel.post(stageMessage({ type: 'cue', sessionId: this.source.sessionId, cue: type }));
  }

  private post(): void {
    this.channel?.post(stageMessage({ type: 'state', sessionId: this.source.sessionId, save: this.source.save(), lang: this.source.lang(), room: this.source.room() }));
  }

  /** Opens the stage window (or brings it forward when it is open); a blocked pop-up is said next to the button. */
  open = (): void => {
    const url = stageWindowUrl(window.location, this.source.sessionId, this.source.lang());
    const opened = window.open(url, `ruimte-stage-${this.source.sessionId}`, 'popup,width=1280,height=720');
    opened?.focus();
    const blocked = opened === null;
    if (blocked !== this.blocked) {
      this.blocked = blocked;
      this.changed();
    }
    this.publish();
  };

  /**
   * The facilitator's control: one small block, on the facilitator's side (never on the stage), placed by
   * the controller at the top of the panel; it can move as a whole (into a drawer, the top bar).
   */
  control(): HTMLElement | null {
    if (!this.channel) return null;
    return h(
      'div',
      { class: 'stage-window-tools' },
      h(
        'button',
        { type: 'button', class: 'ghost stage-window-open', 'data-testid': 'open-stage-window', 'data-key': 'open-stage-window', title: t('stageWindow.openHint'), onclick: this.open },
        withClass(windowsIcon(), 'stage-window-open__icon'),
        t('stageWindow.open'),
      ),
      this.blocked ? h('p', { class: 'small stage-window-blocked', role: 'alert', 'data-testid': 'stage-window-blocked' }, t('stageWindow.blocked')) : null,
    );
  }

  close(): void {
    this.channel?.close();
  }
}
