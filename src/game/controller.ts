/**
 * Runs one session: the round machine actor, saving after every step, the room link on devices, and the
 * hand-over of each snapshot to the presenters (panel, top bar, table labels, announcements). The only place
 * where events from taps and keys meet the machine.
 */
import { createActor, type Actor, type Snapshot } from 'xstate';
import { sessionMachine } from '../core/machine.ts';
import { phaseOf, type Phase } from '../core/phase.ts';
import type { SessionEvent } from '../core/events.ts';
import type { SessionContext } from '../core/session.ts';
import { screenView, type ScreenView } from '../core/view.ts';
import { wrapSave, type SavedSession } from '../core/save.ts';
import { remainingMs } from '../core/timer.ts';
import { deviceView, deviceViews } from '../core/deviceView.ts';
import { t, currentLang } from '../i18n/index.ts';
import { storeSession, sessionText, loadDrafts, storeDrafts } from '../ui/storage.ts';
import type { PanelContext } from '../ui/panels.ts';
import { replaceKeepingFocus, h } from '../ui/dom.ts';
import { patchKeepingFocus } from '../ui/patch.ts';
import { clock } from '../ui/names.ts';
import { type FacilitatorDrawer, forDrawer, takeDrawerParts } from '../ui/drawer.ts';
import { type RoomPanelInfo, lobbyStage } from '../ui/roomPanels.ts';
import { play } from '../audio.ts';
import type { TableView, TableLabels } from './table.ts';
import { RoomLink, eventFor, type RoomKey } from './roomLink.ts';
import { type TopbarPresentation, presentTopbar } from './topbarPresenter.ts';
import { tableLabels } from './tableLabels.ts';
import { presentPanel, replacedPanel } from './panelPresenter.ts';
import { Announcer } from './announcements.ts';
import { showTimerLine } from './timerLine.ts';
import { exportSummary } from './summaryExport.ts';
import { roomPanelInfo } from './roomInfo.ts';
import { StageLink } from '../stage/stageLink.ts';
import { RemoteLink } from './remoteLink.ts';
import { remoteControl } from '../ui/remoteControl.ts';

type SessionActor = Actor<typeof sessionMachine>;

const CUE_SOUNDS = { 'cue.flip': 'flip', 'cue.drop': 'drop', 'cue.voteDone': 'vote-done', 'cue.reveal': 'reveal', 'cue.twist': 'twist', 'cue.topThree': 'reveal' } as const;

export interface ControllerHost {
  readonly panel: HTMLElement;
  readonly stage: HTMLElement;
  /** The facilitator's drawer: the panel's parts marked `forDrawer` go there after every render. */
  readonly drawer: Pick<FacilitatorDrawer, 'fill' | 'clear'>;
  /** Called after every render so the top bar can follow. */
  onChange(state: TopbarPresentation): void;
  onSaveFailed(): void;
  newSession(): void;
  /** Opens the executive's visit for this session (the programme around the game). */
  startVisit(sessionId: string): void;
}

export class GameController {
  private readonly actor: SessionActor;
  private readonly drafts: Record<string, string>;
  private readonly announcer = new Announcer();
  private table: TableView | null = null;
  private ticker = 0;
  private lastStepKey = '';
  private lastClock = '';
  private flash: PanelContext['flash'] = null;
  private destroyed = false;

  private readonly room: RoomLink | null = null;
  private readonly remote: RemoteLink;
  private replaced = false;
  /** The stage window (presenter view) follows this session through the browser. */
  private readonly stageLink: StageLink;
  /** The last save, as stored: what the stage window is sent. */
  private saved: SavedSession | null = null;

  constructor(
    private readonly host: ControllerHost,
    start: { input: SessionContext } | { saved: SavedSession },
    /** A host key from another screen: take the room over instead of opening one. */
    takeover: RoomKey | null = null,
  ) {
    const id = 'input' in start ? start.input.id : start.saved.snapshot.context.id;
    this.drafts = loadDrafts(id);
    this.actor =
      'input' in start
        ? createActor(sessionMachine, { input: start.input })
        : createActor(sessionMachine, { snapshot: start.saved.snapshot as unknown as Snapshot<unknown> as never, input: start.saved.snapshot.context });
    this.stageLink = new StageLink(
      { sessionId: id, save: () => sessionText(this.saved ?? wrapSave(this.persisted(), Date.now())), lang: currentLang, room: () => (this.room ? { code: this.room.code, joinUrl: this.room.joinUrl, qrSvg: this.room.qrSvg } : null) },
      () => this.render(),
    );
    this.actor.on('*', (cue) => {
      this.table?.cue(cue.type);
      this.stageLink.cue(cue.type);
      if (cue.type !== 'cue.reveal' || this.phase() !== 'top-three') play(CUE_SOUNDS[cue.type]);
    });
    this.actor.subscribe(() => {
      this.save();
      this.room?.publish();
      this.remote?.publish();
      this.render();
    });
    this.actor.start();
    const context = this.actor.getSnapshot().context;
    if (context.settings.playMode === 'devices') this.room = this.openRoom(context.id, takeover);
    this.remote = new RemoteLink(context.id, {
      snapshot: () => this.actor.getSnapshot(),
      send: (e) => this.send(e),
      room: () => (this.room ? this.room.hostCredentials : undefined),
      changed: () => this.render(),
    });
    this.save();
    this.render();
    this.ticker = window.setInterval(() => this.tick(), 250);
  }

  get sessionId(): string {
    return this.actor.getSnapshot().context.id;
  }

  send(event: SessionEvent): void {
    this.flash = null;
    this.actor.send(event);
  }

  /** Facilitator shortcuts from the top bar. */
  advance = () => this.send({ type: 'facilitator.advance', at: Date.now() });
  undo = () => this.send({ type: 'facilitator.undo', at: Date.now() });
  pause = () => this.send({ type: 'facilitator.pause', at: Date.now() });
  resume = () => this.send({ type: 'facilitator.resume', at: Date.now() });
  addTime = () => this.send({ type: 'facilitator.addTime', at: Date.now(), seconds: 60 });
  endEarly = () => {
    if (window.confirm(t('facilitator.confirmEndEarly'))) this.send({ type: 'facilitator.endEarly', at: Date.now() });
  };

  attachTable(table: TableView): void {
    if (this.destroyed) {
      table.destroy();
      return;
    }
    this.table = table;
    this.render();
  }

  phase(): Phase {
    return phaseOf(this.actor.getSnapshot().value);
  }

  private view(): ScreenView {
    return screenView(this.actor.getSnapshot().context, this.phase());
  }

  private persisted(): SavedSession['snapshot'] {
    return this.actor.getPersistedSnapshot() as unknown as SavedSession['snapshot'];
  }

  private save(): void {
    const snapshot = this.persisted();
    this.saved = wrapSave(snapshot, Date.now());
    if (!storeSession(snapshot.context.id, this.saved)) this.host.onSaveFailed();
  }

  /** Devices: the room link feeds seats' actions in and publishes the saved session and per-seat views. */
  private openRoom(sessionId: string, takeover: RoomKey | null): RoomLink {
    return new RoomLink(
      sessionId,
      {
        act: (seatId, action) => {
          const event = eventFor(seatId, action);
          if (!event) return false;
          const before = this.actor.getSnapshot();
          this.send(event);
          return this.actor.getSnapshot() !== before;
        },
        seats: (seats) => {
          const seated = new Set(this.actor.getSnapshot().context.settings.players.map((p) => p.id));
          for (const seat of seats) if (!seated.has(seat.id)) this.send({ type: 'player.join', playerId: seat.id, name: seat.name });
        },
        publication: () => {
          const snapshot = this.actor.getSnapshot();
          const phase = phaseOf(snapshot.value);
          const now = Date.now();
          return {
            snapshot: wrapSave(this.persisted(), Date.now()),
            views: deviceViews(snapshot.context, phase, now),
            lobbyView: deviceView(snapshot.context, phase, null, now),
          };
        },
        changed: () => this.render(),
        replaced: () => {
          this.replaced = true;
          this.render();
        },
      },
      takeover,
    );
  }

  private roomInfo(): RoomPanelInfo | null {
    return this.room ? roomPanelInfo(this.room, location) : null;
  }

  /** Re-draws the panel, the table and the top bar from the current snapshot. */
  render(): void {
    if (this.destroyed) return;
    if (this.replaced) {
      replaceKeepingFocus(this.host.panel, replacedPanel(() => this.host.newSession(), this.room?.move.state === 'shown'));
      this.host.drawer.fill([]);
      return;
    }
    const snapshot = this.actor.getSnapshot();
    const view = this.view();
    const ctx = snapshot.context;
    const panel = presentPanel(ctx, view, {
      send: (e) => this.send(e),
      can: (e) => this.actor.getSnapshot().can(e),
      drafts: this.drafts,
      setDraft: (key, value) => {
        this.drafts[key] = value;
        storeDrafts(ctx.id, this.drafts);
      },
      exportMarkdown: () => this.exportMarkdown(),
      newSession: () => this.host.newSession(),
      startVisit: () => this.host.startVisit(ctx.id),
      showError: (key, text) => {
        this.flash = { key, text };
        this.render();
      },
      flash: this.flash,
      room: this.roomInfo(),
    });
    // The remote's block: the facilitator's side only, in the drawer (the link is made after the first render).
    if (this.remote) panel.append(forDrawer(remoteControl(this.remote.panelInfo())));
    const stageControl = view.phase === 'summary' ? null : this.stageLink.control();
    if (stageControl) panel.prepend(forDrawer(stageControl));
    const facilitatorParts = takeDrawerParts(panel);
    // Within a step the page's panel is changed into the new one (what did not change stays as it is, see
    // ui/patch.ts); a new step replaces it and starts at the top of the panel, where its heading is.
    const stepKey = `${view.phase}|${view.cardIndex}|${view.ballot?.voterNumber ?? ''}`;
    const sameStep = stepKey === this.lastStepKey;
    if (sameStep) patchKeepingFocus(this.host.panel, panel);
    else replaceKeepingFocus(this.host.panel, panel);
    this.host.drawer.fill(facilitatorParts, sameStep);
    this.stageLink.publish();
    if (!sameStep) this.lastStepKey = stepKey;
    this.host.onChange(presentTopbar(snapshot, view, Date.now()));
    this.table?.render(view, currentLang(), this.labels(view));
    this.syncLobbyStage(view.phase);
    this.updateTimer();
    this.announcer.step(view, currentLang());
    // Last, once the page has its new layout (the summary is a page of its own): the panel's focus kept from
    // the step before (a field low in the top three) scrolled the summary to its end.
    if (!sameStep) {
      this.host.panel.scrollTop = 0;
      if (this.host.panel.parentElement) this.host.panel.parentElement.scrollTop = 0;
    }
  }

  private labels(view: ScreenView): TableLabels {
    const room = this.room ? { code: this.room.code, joinUrl: this.room.joinUrl } : null;
    return tableLabels(view, { checkIn: this.actor.getSnapshot().context.settings.checkIn, room, now: Date.now() });
  }

  /** The lobby's QR code and room code over the (empty) table, for the whole room to read. */
  private syncLobbyStage(phase: Phase): void {
    const current = this.host.stage.querySelector('.stage-lobby');
    const info = phase === 'lobby' ? this.roomInfo() : null;
    if (!info) {
      current?.remove();
      return;
    }
    const next = lobbyStage(info);
    if (current) current.replaceWith(next);
    else this.host.stage.append(next);
  }

  private updateTimer(): void {
    const ctx = this.actor.getSnapshot().context;
    const now = Date.now();
    showTimerLine(document.getElementById('timer-display'), ctx.timer, now);
    this.announcer.timer(ctx.timer, { phase: this.phase(), cardIndex: ctx.cardIndex }, now);
  }

  private tick(): void {
    this.updateTimer();
    const timer = this.actor.getSnapshot().context.timer;
    if (!this.table || timer.kind !== 'running') return;
    // Redraw the table only when the clock shows another second: a running clock must not keep the canvas busy.
    const shown = clock(remainingMs(timer, Date.now()));
    if (shown === this.lastClock) return;
    this.lastClock = shown;
    const view = this.view();
    this.table.render(view, currentLang(), this.labels(view));
  }

  exportMarkdown(): void {
    exportSummary(this.actor.getSnapshot().context);
  }

  destroy(): void {
    this.destroyed = true;
    this.room?.close();
    this.stageLink.close();
    this.remote?.close();
    window.clearInterval(this.ticker);
    this.actor.stop();
    this.table?.destroy();
    this.table = null;
    this.host.stage.querySelector('.stage-lobby')?.remove();
    this.host.panel.replaceChildren(h('p', {}, ''));
    this.host.drawer.clear();
  }
}
