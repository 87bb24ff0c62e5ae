/**
 * Runs one session: the round machine actor, saving after every step, the DOM panel and the table view.
 * The only place where events from taps and keys meet the machine.
 */
import { createActor, type Actor, type Snapshot } from 'xstate';
import { sessionMachine, phaseOf, type Phase } from '../core/machine.ts';
import type { SessionEvent } from '../core/events.ts';
import type { SessionContext } from '../core/session.ts';
import { screenView, type ScreenView } from '../core/view.ts';
import { wrapSave, type SavedSession } from '../core/save.ts';
import { scoreSession } from '../core/scoring.ts';
import { summaryMarkdown } from '../core/markdown.ts';
import { remainingMs } from '../core/timer.ts';
import { LEVELS } from '../core/types.ts';
import { t, currentLang } from '../i18n/index.ts';
import { storeSession, loadDrafts, storeDrafts } from '../ui/storage.ts';
import { renderPanel, type PanelContext } from '../ui/panels.ts';
import { announce, download, replaceKeepingFocus, h } from '../ui/dom.ts';
import { playerName, clock } from '../ui/names.ts';
import { play } from '../audio.ts';
import type { TableView, TableLabels } from './table.ts';
import { deviceView, deviceViews } from '../core/deviceView.ts';
import { RoomLink, eventFor, type RoomKey } from './roomLink.ts';
import { type RoomPanelInfo, lobbyStage } from '../ui/roomPanels.ts';

type SessionActor = Actor<typeof sessionMachine>;

const CARD_STEPS: Phase[] = ['reveal', 'discuss', 'propose', 'vote', 'results'];

export interface ControllerHost {
  readonly panel: HTMLElement;
  readonly stage: HTMLElement;
  /** Called after every render so the top bar can follow. */
  onChange(state: { phase: Phase; progress: string; canAdvance: boolean; canUndo: boolean; canEndEarly: boolean; timer: 'none' | 'running' | 'paused' }): void;
  onSaveFailed(): void;
  newSession(): void;
  /** Opens the executive's visit for this session (the programme around the game). */
  startVisit(sessionId: string): void;
}

export class GameController {
  private readonly actor: SessionActor;
  private readonly drafts: Record<string, string>;
  private table: TableView | null = null;
  private ticker = 0;
  private lastAnnounced = '';
  private lastStepKey = '';
  private timerDoneKey = '';
  private lastMinuteAnnounced = -1;
  private flash: PanelContext['flash'] = null;
  private destroyed = false;

  private readonly room: RoomLink | null = null;
  private replaced = false;

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
    this.actor.on('*', (cue) => {
      this.table?.cue(cue.type);
      const sounds = { 'cue.flip': 'flip', 'cue.drop': 'drop', 'cue.voteDone': 'vote-done', 'cue.reveal': 'reveal', 'cue.twist': 'twist', 'cue.topThree': 'reveal' } as const;
      if (cue.type !== 'cue.reveal' || this.phase() !== 'top-three') play(sounds[cue.type]);
    });
    this.actor.subscribe(() => {
      this.save();
      this.room?.publish();
      this.render();
    });
    this.actor.start();
    const context = this.actor.getSnapshot().context;
    if (context.settings.playMode === 'devices') this.room = this.openRoom(context.id, takeover);
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

  private save(): void {
    const snapshot = this.actor.getPersistedSnapshot() as unknown as SavedSession['snapshot'];
    if (!storeSession(snapshot.context.id, wrapSave(snapshot, Date.now()))) this.host.onSaveFailed();
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
            snapshot: wrapSave(this.actor.getPersistedSnapshot() as unknown as SavedSession['snapshot'], Date.now()),
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
    const room = this.room;
    if (!room) return null;
    const key = room.key;
    return {
      status: room.status,
      problem: room.problem,
      code: room.code,
      joinUrl: room.joinUrl,
      qrSvg: room.qrSvg,
      seats: room.seats,
      locked: room.locked,
      moveUrl: key ? `${location.origin}${location.pathname}?host=${key.code}#${key.hostToken}` : null,
      lock: (locked) => room.lock(locked),
      remove: (seatId) => room.remove(seatId),
    };
  }

  private progressText(view: ScreenView): string {
    if (CARD_STEPS.includes(view.phase)) return t('card.count', { n: view.cardIndex + 1, total: view.cardCount });
    return view.teamName;
  }

  /** Re-draws the panel, the table and the top bar from the current snapshot. */
  render(): void {
    if (this.destroyed) return;
    if (this.replaced) {
      replaceKeepingFocus(
        this.host.panel,
        h(
          'div',
          { class: 'step' },
          h('h1', { id: 'panel-title', 'data-testid': 'room-replaced' }, t('room.takeover')),
          h('button', { type: 'button', class: 'primary', onclick: () => this.host.newSession() }, t('summary.newSession')),
        ),
      );
      return;
    }
    const snapshot = this.actor.getSnapshot();
    const view = this.view();
    const ctx = snapshot.context;
    const score = scoreSession(ctx);
    const panelContext: PanelContext = {
      view,
      send: (e) => this.send(e),
      drafts: this.drafts,
      setDraft: (key, value) => {
        this.drafts[key] = value;
        storeDrafts(ctx.id, this.drafts);
      },
      scoreLine: t('summary.score', { proposals: score.proposals, daring: score.daring, levels: score.levelsCovered }),
      daringAward: score.daringAward,
      exportMarkdown: () => this.exportMarkdown(),
      newSession: () => this.host.newSession(),
      startVisit: () => this.host.startVisit(ctx.id),
      showError: (key, text) => {
        this.flash = { key, text };
        this.render();
      },
      flash: this.flash,
      room: this.roomInfo(),
    };
    replaceKeepingFocus(this.host.panel, renderPanel(panelContext));
    // A new step starts at the top of the panel, where its heading is.
    const stepKey = `${view.phase}|${view.cardIndex}|${view.ballot?.voterNumber ?? ''}`;
    if (stepKey !== this.lastStepKey) {
      this.lastStepKey = stepKey;
      this.host.panel.scrollTop = 0;
      if (this.host.panel.parentElement) this.host.panel.parentElement.scrollTop = 0;
    }
    const at = Date.now();
    this.host.onChange({
      phase: view.phase,
      progress: this.progressText(view),
      canAdvance: snapshot.can({ type: 'facilitator.advance', at }),
      canUndo: snapshot.can({ type: 'facilitator.undo', at }),
      canEndEarly: CARD_STEPS.includes(view.phase) || view.phase === 'check-in',
      timer: ctx.timer.kind,
    });
    this.table?.render(view, currentLang(), this.tableLabels(view));
    this.syncLobbyStage(view.phase);
    this.updateTimer();
    this.announceChanges(view);
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

  private tableLabels(view: ScreenView): TableLabels {
    const steps: { label: string; key: string }[] = [];
    if (this.actor.getSnapshot().context.settings.checkIn) steps.push({ label: t('phase.check-in'), key: 'check-in' });
    for (let i = 0; i < view.cardCount; i++) steps.push({ label: String(i + 1), key: `card-${i}` });
    steps.push({ label: t('phase.top-three'), key: 'top-three' });
    const nowKey = view.phase === 'lobby' ? 'lobby' : view.phase === 'check-in' ? 'check-in' : CARD_STEPS.includes(view.phase) ? `card-${view.cardIndex}` : 'top-three';
    const nowIndex = steps.findIndex((s) => s.key === nowKey);
    const lang = currentLang();
    const timer = view.timer;
    const total = timer.kind === 'none' ? 0 : timer.totalMs;
    const left = remainingMs(timer, Date.now());
    let heading = '';
    let sub = '';
    if (view.phase === 'lobby') {
      heading = this.room?.code ? t('room.joinStrip', { url: this.room.joinUrl ?? '', code: this.room.code }) : t('room.connecting');
      sub = t('room.seated', { count: view.players.length });
    } else if (view.progress) {
      heading = view.crowd ? t('room.crowdTitle', { round: view.crowd.round, rounds: view.crowd.rounds }) : t(`phase.${view.phase}`);
      sub = t('room.progress', { done: view.progress.done.length, of: view.players.length });
    } else if (view.phase === 'check-in') {
      heading = view.checkIn.turn ? t('checkIn.turn', { name: playerName(view.checkIn.turn, view.players) }) : t('checkIn.allDone');
    } else if (view.phase === 'vote' || view.phase === 'run-off') {
      heading = view.ballot?.voter ? t('vote.turn', { name: playerName(view.ballot.voter, view.players) }) : '';
      sub = view.ballot ? t('vote.progress', { n: view.ballot.voterNumber, total: view.ballot.voters }) : '';
    } else if (view.phase === 'top-three' || view.phase === 'summary') {
      heading = t('topThree.title');
      sub = view.teamName;
    } else {
      heading = view.card ? `${t('card.count', { n: view.cardIndex + 1, total: view.cardCount })} · ${t(`theme.${view.card.theme}`)}` : '';
      sub = t(`phase.${view.phase}`);
    }
    void lang;
    return {
      progress: steps.map((s, i) => ({ label: s.label, state: i < nowIndex ? 'done' : i === nowIndex ? 'now' : 'next' })),
      heading,
      sub,
      timer: timer.kind === 'none' ? '' : clock(left),
      timerFraction: total > 0 ? left / total : 0,
      levelNames: Object.fromEntries(LEVELS.map((l) => [l, t(`level.${l}`)])),
      playerNames: view.players.map((p) => playerName(p, view.players)),
      dotsWord: (count) => (view.voteMode === 'crowd' ? t('room.points', { count }) : t('results.dots', { count })),
      rankWord: (rank) => t('topThree.rank', { rank }),
    };
  }

  private updateTimer(): void {
    const ctx = this.actor.getSnapshot().context;
    const el = document.getElementById('timer-display');
    const timer = ctx.timer;
    const left = remainingMs(timer, Date.now());
    if (el) {
      el.textContent =
        timer.kind === 'none' ? '' : left === 0 ? t('timer.over') : timer.kind === 'paused' ? t('timer.paused', { time: clock(left) }) : t('timer.remaining', { time: clock(left) });
      el.classList.toggle('timer-line--over', timer.kind !== 'none' && left === 0);
    }
    if (timer.kind === 'running') {
      const key = `${this.phase()}-${ctx.cardIndex}-${timer.endsAt}`;
      const minutes = Math.ceil(left / 60000);
      if (left > 0 && (minutes === 5 || minutes === 2 || minutes === 1) && minutes !== this.lastMinuteAnnounced && left < minutes * 60000 - 1000) {
        this.lastMinuteAnnounced = minutes;
        announce(t('timer.announce', { count: minutes }));
      }
      if (left === 0 && this.timerDoneKey !== key) {
        this.timerDoneKey = key;
        play('timer-end');
        announce(t('timer.over'));
      }
    }
  }

  private lastClock = '';

  private tick(): void {
    this.updateTimer();
    const timer = this.actor.getSnapshot().context.timer;
    if (!this.table || timer.kind !== 'running') return;
    // Redraw the table only when the clock shows another second: a running clock must not keep the canvas busy.
    const shown = clock(remainingMs(timer, Date.now()));
    if (shown === this.lastClock) return;
    this.lastClock = shown;
    const view = this.view();
    this.table.render(view, currentLang(), this.tableLabels(view));
  }

  private announceChanges(view: ScreenView): void {
    let message = t(`phase.${view.phase}`);
    if (view.phase === 'check-in' && view.checkIn.turn) message = t('checkIn.turn', { name: playerName(view.checkIn.turn, view.players) });
    if ((view.phase === 'vote' || view.phase === 'run-off') && view.ballot?.voter) message = `${t('vote.turn', { name: playerName(view.ballot.voter, view.players) })}. ${t('vote.progress', { n: view.ballot.voterNumber, total: view.ballot.voters })}`;
    if (view.progress) message = `${t(`phase.${view.phase}`)}. ${t('room.progress', { done: view.progress.done.length, of: view.players.length })}`;
    if (view.phase === 'reveal' || view.phase === 'discuss') message = `${t(`phase.${view.phase}`)}: ${view.card?.title[currentLang()] ?? ''}`;
    if (view.phase === 'results' && view.results) {
      const items = view.proposals
        .filter((p) => !p.hidden)
        .sort((a, b) => (view.results?.[b.id] ?? 0) - (view.results?.[a.id] ?? 0))
        .map((p) => `${p.text.slice(0, 80)}: ${t('results.dots', { count: view.results?.[p.id] ?? 0 })}`)
        .join('; ');
      message = t('results.announce', { items });
    }
    if (view.phase === 'top-three' && view.topThree) message = `${t('topThree.title')}: ${view.topThree.map((i) => `${i.rank}. ${i.proposal.text.slice(0, 80)}`).join('; ')}`;
    const key = `${view.phase}|${view.cardIndex}|${message}`;
    if (key !== this.lastAnnounced) {
      this.lastAnnounced = key;
      announce(message);
    }
  }

  exportMarkdown(): void {
    const ctx = this.actor.getSnapshot().context;
    const lang = currentLang();
    const date = new Date().toISOString().slice(0, 10);
    const md = summaryMarkdown(
      ctx,
      lang,
      {
        title: t('summary.title'),
        date: t('summary.date'),
        deck: t('summary.deck'),
        players: t('summary.players'),
        topThree: t('topThree.title'),
        ask: t('topThree.ask'),
        ourselves: t('topThree.ourselves'),
        why: t('topThree.why'),
        fromScenario: t('topThree.from', { title: '' }).replace(/[:\s]+$/, ''),
        dots: (count) => t('results.dots', { count }),
        allProposals: t('summary.allProposals'),
        noProposals: t('summary.none'),
        hidden: t('summary.hidden'),
        daring: t('propose.daring'),
        level: Object.fromEntries(LEVELS.map((l) => [l, t(`level.${l}`)])) as Record<(typeof LEVELS)[number], string>,
        daringAward: t('topThree.daringAward'),
      },
      date,
    );
    const safeTeam = ctx.settings.teamName.replace(/[^\p{L}\p{N}-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'team';
    download(`ruimte-${safeTeam}-${date}.md`, md, 'text/markdown;charset=utf-8');
  }

  destroy(): void {
    this.destroyed = true;
    this.room?.close();
    window.clearInterval(this.ticker);
    this.actor.stop();
    this.table?.destroy();
    this.table = null;
    this.host.stage.querySelector('.stage-lobby')?.remove();
    this.host.panel.replaceChildren(h('p', {}, ''));
  }
}
