/**
 * The stage: the scenario card, proposals as notes, dots that are counted up onto them, the clock and a
 * progress line through the session. It draws a `ScreenView` laid out for the stage's real size
 * (layout.ts) and plays cues; it never decides anything. Objects are rebuilt only when what they show
 * changes or the stage changes size; the loop sleeps when nothing moves.
 */
import Phaser from 'phaser';
import type { ScreenView } from '../core/view.ts';
import type { Lang } from '../core/types.ts';
import type { TableHooks, TableLabels } from '../game/table.ts';
import { COLORS, FONT, cssColor } from './palette.ts';
import { fitToLines, stageFrame, type StageFrame } from './layout.ts';
import { minTextPx } from './measure.ts';
import { drawBallotBox, drawCardStep, drawCheckIn, drawNotes, drawPodium, warmResults, type DotPlan, type Painter, type Frame } from './steps.ts';
import { inIdleTime } from './idle.ts';
import { type Pop, popOver } from './popIn.ts';
import { type Flights, flyDots } from './dotsFly.ts';
import { StageClock } from './clock.ts';

/** A text's wording and style: the key of a label's picture and of a text made ahead. */
const textKey = (value: string, size: number, color: string, opts: Partial<Phaser.Types.GameObjects.Text.TextStyle>): string => JSON.stringify([value, size, color, opts]);

const reducedMotion = (): boolean => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export class TableScene extends Phaser.Scene {
  private frame: Frame | null = null;
  private layoutKey = '';
  private headKey = '';
  private progressKey = '';
  private geo: StageFrame | null = null;
  private chrome!: Phaser.GameObjects.Container;
  private content!: Phaser.GameObjects.Container;
  private pendingFlip = false;
  private pendingReveal = false;
  private pendingTwist = false;
  private measured = '';
  /** The smallest text is read again once things are at rest after a drawing (not on every frame). */
  private measureDue = true;

  constructor(private readonly hooks: TableHooks = {}) {
    super('TableScene');
  }

  create(): void {
    // The table top is the stage's CSS under a transparent canvas (styles.css): a static layer the browser
    // composites, so the frames of an animation never repaint it.
    this.chrome = this.add.container(0, 0);
    this.progressLayer = this.add.container(0, 0);
    this.headingLayer = this.add.container(0, 0);
    this.chrome.add([this.progressLayer, this.headingLayer]);
    this.content = this.add.container(0, 0);
    const onResize = (size: { width: number; height: number }, _base: unknown, _display: unknown, previousWidth: number, previousHeight: number): void => {
      this.place = null;
      // Phaser says "resize" whenever the size is read again (every new step): only a new size needs a new drawing.
      if (size.width === previousWidth && size.height === previousHeight && this.geo) return;
      this.wake();
      this.draw(true);
    };
    this.scale.on('resize', onResize);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.scale.off('resize', onResize);
      this.tweens.killAll();
      this.dispose();
      this.notes.clear();
      this.dropWarmed();
      for (const text of this.labels.values()) text.destroy();
      this.labels.clear();
      this.frame = null;
    });
    if (this.frame) this.draw(true);
  }

  /**
   * When nothing moves, the loop sleeps: a tablet on the table should not burn its battery. The frame that
   * finds nothing moving still paints (update comes before render), so one frame after a change is enough;
   * every frame more would draw the whole table again for nothing. The clock does not wake it (clock.ts).
   */
  override update(): void {
    if (this.tweens.getTweens().length > 0) return;
    if (this.measureDue) this.measure();
    this.game.loop.sleep();
  }

  /**
   * Starts the loop at the next animation frame. TimeStep.wake() would also run one whole step at once:
   * inside the tap's handler, before anything new is drawn, forcing a layout of the half-built page.
   */
  private wake(): void {
    const loop = this.game.loop;
    if (loop.running) return;
    const own = loop as unknown as { tick?: () => void };
    own.tick = () => {};
    try {
      loop.wake();
    } finally {
      delete own.tick;
    }
  }

  /** Draws the view; the table's canvas is drawn again only when something on it changed (not for a clock tick). */
  show(view: ScreenView, lang: Lang, labels: TableLabels): void {
    const newStep = this.frame?.view.phase !== view.phase;
    // The new view first: a new step reads the stage's size again, and Phaser then says "resize", which draws
    // the table by force (onResize). Drawn with the step being left, that drawing took the flip or reveal
    // cue with it, and the card never flipped, the dots never flew.
    this.frame = { view, lang, labels };
    if (newStep) this.scale.refresh();
    if (!this.sys.isActive() || !this.content || this.draw(false)) this.wake();
  }

  /** What the table leaves in the stage beside its canvas (the clock, notes popping in): gone with the table. */
  dispose(): void {
    this.endPops();
    this.clock?.remove();
    this.clock = null;
    this.timerText?.destroy();
    this.timerText = null;
    this.timerKey = '';
    this.timerShown = false;
  }

  cue(type: string): void {
    this.wake();
    if (type === 'cue.flip') this.pendingFlip = true;
    if (type === 'cue.reveal') this.pendingReveal = true;
    if (type === 'cue.twist') this.pendingTwist = true;
    if (type === 'cue.drop' && this.frame && (this.frame.view.phase === 'vote' || this.frame.view.phase === 'run-off')) this.pulseBallotBox();
  }

  /** `data-min-text-px` on the stage element: the smallest text drawn now, at the canvas's CSS scale. */
  private measure(): void {
    this.measureDue = false;
    const canvas = this.game.canvas;
    const stage = canvas?.parentElement;
    if (!stage || this.scale.width <= 0) return;
    const cssPerGamePx = canvas.clientWidth > 0 ? canvas.clientWidth / this.scale.width : 1;
    this.place = { ratio: cssPerGamePx, left: canvas.offsetLeft, top: canvas.offsetTop };
    const px = minTextPx(this.timerText?.active && this.timerShown ? [this.chrome, this.content, this.timerText] : [this.chrome, this.content], cssPerGamePx);
    const value = px === null ? '' : String(px);
    if (value === this.measured) return;
    this.measured = value;
    if (value) stage.dataset.minTextPx = value;
    else delete stage.dataset.minTextPx;
  }

  private readonly notes = new Map<string, Phaser.GameObjects.Container>();

  private painter(geo: StageFrame, reuse: Painter['reuse']): Painter {
    return {
      reuse,
      scene: this,
      content: this.content,
      geo,
      animate: !reducedMotion(),
      reveal: this.pendingReveal,
      flip: this.pendingFlip,
      twist: this.pendingTwist,
      sound: (name) => this.hooks.sound?.(name),
      popIn: (note, at, face) => this.popIn(note, at, face),
      flyDots: (from, r, flights) => this.flyDots(from, r, flights),
      text: (x, y, value, size, color = '#264653', opts = {}) => this.text(x, y, value, size, color, opts),
      warmText: ({ value, size, color, opts }) => {
        const key = textKey(value, size, color, opts);
        if (!this.sys.isActive() || this.warmed.get(key)?.active) return;
        const text = this.makeText(0, 0, value, size, color, opts);
        text.removeFromDisplayList();
        this.warmed.set(key, text);
      },
      warmLabel: (value, size, color, opts) => this.warmLabel(value, size, color, opts),
      label: (x, y, value, size, color, opts = {}) => {
        const image = this.add.image(x, y, this.labelTexture(value, size, color, opts));
        return {
          image,
          set: (v) => void image.setTexture(this.labelTexture(v, size, color, opts)),
          warm: (v) => this.warmLabel(v, size, color, opts),
        };
      },
    };
  }

  /** Labels drawn once per wording and style (Painter.label), kept off the display list; their textures are shown. */
  private readonly labels = new Map<string, Phaser.GameObjects.Text>();

  /** Draws a label's wording ahead, unless the scene has gone (a job in idle time can come late). */
  private warmLabel(value: string, size: number, color: string, opts: Partial<Phaser.Types.GameObjects.Text.TextStyle>): void {
    if (this.sys.isActive()) this.labelTexture(value, size, color, opts);
  }

  private labelTexture(value: string, size: number, color: string, opts: Partial<Phaser.Types.GameObjects.Text.TextStyle>): string {
    const key = textKey(value, size, color, opts);
    let text = this.labels.get(key);
    if (!text?.active) {
      text = this.text(0, 0, value, size, color, opts);
      text.removeFromDisplayList();
      this.labels.set(key, text);
    }
    return text.texture.key;
  }

  /** Forgets the labels when there are many (new sizes, new wordings): only while no drawn image shows one. */
  private forgetLabels(): void {
    if (this.labels.size < 120) return;
    for (const text of this.labels.values()) text.destroy();
    this.labels.clear();
  }

  /** Font metrics by font (style and size): Phaser measures them by drawing and reading pixels back for every new text. */
  private readonly metrics = new Map<string, Phaser.Types.GameObjects.Text.TextMetrics>();

  /** Texts made ahead in idle time (Painter.warmText), by wording and style, until a drawing takes them. */
  private readonly warmed = new Map<string, Phaser.GameObjects.Text>();
  private stopWarming: (() => void) | null = null;
  private warmKey = '';

  /** Ends the texts made ahead that no drawing took (the step they were made for is over). */
  private dropWarmed(): void {
    this.stopWarming?.();
    this.stopWarming = null;
    this.warmKey = '';
    for (const text of this.warmed.values()) text.destroy();
    this.warmed.clear();
  }

  private text(x: number, y: number, value: string, size: number, color = '#264653', opts: Partial<Phaser.Types.GameObjects.Text.TextStyle> = {}): Phaser.GameObjects.Text {
    const key = textKey(value, size, color, opts);
    const ready = this.warmed.get(key);
    if (ready?.active) {
      this.warmed.delete(key);
      ready.addToDisplayList();
      return ready.setPosition(x, y);
    }
    return this.makeText(x, y, value, size, color, opts);
  }

  private makeText(x: number, y: number, value: string, size: number, color: string, opts: Partial<Phaser.Types.GameObjects.Text.TextStyle>): Phaser.GameObjects.Text {
    // Font metrics are measured once per font (measuring makes the browser lay out a probe text each time).
    const font = `${opts.fontStyle ?? ''} ${size}px`;
    const known = this.metrics.get(font);
    // Advanced wrap breaks a word longer than the line instead of letting it run out of its note.
    const wordWrap = opts.wordWrap ? { useAdvancedWrap: true, ...opts.wordWrap } : undefined;
    // Made empty and given its text once: made with it, Phaser would draw the text for its text, again for its
    // line spacing and again when it is shortened to fit (three times for every note of the results).
    const text = this.add.text(x, y, '', { fontFamily: FONT, fontSize: `${size}px`, color, ...opts, ...(wordWrap ? { wordWrap } : {}), ...(known ? { metrics: known } : {}) });
    if (!known) this.metrics.set(font, text.style.getTextMetrics());
    const { maxLines } = opts;
    return text.setText(wordWrap && maxLines && maxLines > 0 ? fitToLines(value, maxLines, (v) => text.getWrappedText(v)) : value);
  }

  /** Draws what changed; true when the table's canvas must be drawn again (false: nothing, or only the clock). */
  private draw(force: boolean): boolean {
    const frame = this.frame;
    const w = this.scale.width;
    const h = this.scale.height;
    if (!frame || w < 80 || h < 80) return true;
    const sizeKey = `${w}x${h}`;
    if (!this.geo || sizeKey !== `${this.geoW}x${this.geoH}`) {
      this.geo = stageFrame(w, h);
      this.geoW = w;
      this.geoH = h;
      force = true;
    }
    const geo = this.geo;
    const { view, labels } = frame;
    // The progress line and the heading are redrawn apart: a new step changes the heading, seldom the line.
    let changed = force;
    const progressKey = JSON.stringify(labels.progress);
    if (force || progressKey !== this.progressKey) {
      this.progressKey = progressKey;
      this.drawProgress(labels, geo);
      changed = true;
    }
    const headKey = JSON.stringify([labels.heading, labels.sub]);
    if (force || headKey !== this.headKey) {
      this.headKey = headKey;
      this.drawHeading(labels, geo);
      changed = true;
    }
    // The clock showing or going changes the smallest text: measured again when the table is at rest.
    if (this.drawTimer(labels, geo, force)) changed = true;
    if (changed) this.measureDue = true;
    const layoutKey = JSON.stringify([
      view.phase,
      view.cardIndex,
      frame.lang,
      view.card?.id,
      view.proposals.map((p) => [p.id, p.hidden, p.twistId]),
      view.results,
      view.ballot ? [view.ballot.voterNumber, view.ballot.candidates] : null,
      view.crowd?.round,
      view.topThree?.map((i) => [i.id, i.rank]),
      view.checkIn.picks,
      view.activeTwist?.id,
    ]);
    if (!force && layoutKey === this.layoutKey) return changed;
    // A note that was not on this card's table before pops in; a redraw for a new size moves nothing.
    const before = this.shownIds;
    const round = `${view.phase}|${view.cardIndex}`;
    this.shownIds = new Set(view.proposals.map((x) => x.id));
    const fresh = round === this.shownRound && !force ? (id: string) => !before.has(id) : () => false;
    this.shownRound = round;
    this.layoutKey = layoutKey;
    this.tweens.killAll();
    this.endPops();
    // Notes that look the same as before are kept (a pool keyed by what they show), the rest is rebuilt.
    const old = [...this.content.list];
    // Nothing is drawn until this drawing is done: labels only the old objects show may go.
    this.forgetLabels();
    this.content.removeAll(false);
    const kept = new Set<Phaser.GameObjects.GameObject>();
    const p = this.painter(geo, (key, make) => {
      let made = this.notes.get(key);
      if (!made || !made.active) {
        made = make();
        this.notes.set(key, made);
      }
      kept.add(made);
      return made.setScale(1).setAlpha(1).setVisible(true);
    });
    switch (view.phase) {
      case 'check-in':
        drawCheckIn(p, frame);
        break;
      case 'reveal':
      case 'discuss':
        drawCardStep(p, frame, true, fresh);
        break;
      case 'propose':
        drawCardStep(p, frame, false, fresh);
        break;
      case 'vote':
        drawBallotBox(p, frame);
        // Once per vote and stage size: its redraws (a voter done) keep what was made and what is still to make.
        if (this.warmKey !== `${view.cardIndex}|${sizeKey}`) {
          this.dropWarmed();
          this.warmKey = `${view.cardIndex}|${sizeKey}`;
          this.stopWarming = inIdleTime(warmResults(p, frame));
        }
        break;
      case 'run-off':
        drawBallotBox(p, frame);
        break;
      case 'results':
        drawNotes(p, frame, geo.body, true, fresh);
        break;
      case 'top-three':
      case 'summary':
        drawPodium(p, frame);
        break;
    }
    if (view.phase !== 'vote') this.dropWarmed();
    for (const obj of old) if (!kept.has(obj)) obj.destroy();
    for (const [key, note] of this.notes) if (!kept.has(note)) this.notes.delete(key);
    this.pendingFlip = false;
    this.pendingReveal = false;
    this.pendingTwist = false;
    this.measured = '';
    this.measureDue = true;
    return true;
  }

  private geoW = 0;
  private geoH = 0;
  private shownIds = new Set<string>();
  private shownRound = '';

  private progressLayer!: Phaser.GameObjects.Container;
  private headingLayer!: Phaser.GameObjects.Container;

  private drawProgress(labels: TableLabels, geo: StageFrame): void {
    this.progressLayer.removeAll(true);
    const { small, title } = geo.type;
    const steps = labels.progress;
    const { left, right, y, dot } = geo.progress;
    const gap = steps.length > 1 ? (right - left) / (steps.length - 1) : 0;
    const line = this.add.graphics();
    line.lineStyle(Math.max(3, dot * 0.4), COLORS.grey, 1).lineBetween(left, y, right, y);
    const nowIndex = steps.findIndex((s) => s.state === 'now');
    if (nowIndex > 0) line.lineStyle(Math.max(3, dot * 0.4), COLORS.teal, 1).lineBetween(left, y, left + gap * nowIndex, y);
    this.progressLayer.add(line);
    steps.forEach((step, i) => {
      const x = left + gap * i;
      if (step.state === 'done') line.fillStyle(COLORS.teal, 1).fillCircle(x, y, dot);
      else if (step.state === 'now') line.fillStyle(COLORS.cream, 1).fillCircle(x, y, dot * 1.3).lineStyle(dot * 0.45, COLORS.coral, 1).strokeCircle(x, y, dot * 1.3);
      else line.fillStyle(COLORS.cream, 1).fillCircle(x, y, dot).lineStyle(Math.max(2, dot * 0.3), COLORS.grey, 1).strokeCircle(x, y, dot);
      const label = this.text(x, y + dot * 1.4, step.label, small, step.state === 'next' ? '#6b6458' : '#264653', { fontStyle: step.state === 'now' ? 'bold' : 'normal' }).setOrigin(0.5, 0);
      // The first label starts inside the table rather than under its edge.
      if (i === 0) label.setX(Math.max(x, geo.margin + label.width / 2));
      // Many steps on a narrow stage: only the current step and the ends keep their labels.
      if (label.width > gap * 0.95 && step.state !== 'now' && i !== 0 && i !== steps.length - 1) label.setVisible(false);
      this.progressLayer.add(label);
    });
  }

  /** The heading is one text, given its new words at each step (destroying a text and making one cost more). */
  private heading: Phaser.GameObjects.Text | null = null;

  private drawHeading(labels: TableLabels, geo: StageFrame): void {
    const { small, title } = geo.type;
    const text = labels.sub ? `${labels.heading}  ·  ${labels.sub}` : labels.heading;
    let heading = this.heading;
    if (!heading?.active) {
      heading = this.text(geo.heading.x, geo.heading.y, text, title, '#264653', { fontStyle: 'bold' });
      this.headingLayer.add(heading);
      this.heading = heading;
    } else {
      heading.setPosition(geo.heading.x, geo.heading.y).setCrop();
      if (heading.style.fontSize !== `${title}px`) heading.setFontSize(title);
      heading.setText(text);
    }
    // One line only: a long heading drops the sub, then shrinks, never below the smallest text.
    if (heading.width > geo.heading.w && labels.sub) heading.setText(labels.heading);
    if (heading.width > geo.heading.w) heading.setFontSize(Math.max(small, Math.floor((title * geo.heading.w) / heading.width)));
    if (heading.width > geo.heading.w) heading.setCrop(0, 0, geo.heading.w, heading.height);
  }

  private timerKey = '';
  private timerShown = false;
  private timerText: Phaser.GameObjects.Text | null = null;
  private clock: StageClock | null = null;

  /**
   * The clock, on a canvas of its own (clock.ts) so a tick does not draw the table again; painted only when
   * what it shows changes. True when it showed or went (the smallest text may change).
   */
  private drawTimer(labels: TableLabels, geo: StageFrame, force: boolean): boolean {
    const fraction = Math.max(0, Math.min(1, labels.timerFraction));
    const key = labels.timer ? `${labels.timer}|${Math.round(fraction * 720)}|${geo.timer.x},${geo.timer.y},${geo.timer.r},${geo.type.small}` : '';
    if (!force && key === this.timerKey && this.clock) return false;
    this.timerKey = key;
    const shown = labels.timer !== '';
    const changed = shown !== this.timerShown;
    this.timerShown = shown;
    this.clock ??= new StageClock(this.game.canvas, { face: COLORS.cream, track: COLORS.sand, time: COLORS.teal, late: COLORS.coral });
    if (!shown) {
      this.clock.hide();
      return changed;
    }
    if (!this.timerText?.active) {
      // Off the display list: the clock's canvas draws it, the table's does not.
      this.timerText = this.text(0, 0, '', geo.type.small, '#264653', { fontStyle: 'bold' }).setOrigin(0.5);
      this.timerText.removeFromDisplayList();
    }
    const label = this.timerText;
    if (label.style.fontSize !== `${geo.type.small}px`) label.setFontSize(geo.type.small);
    const over = fraction === 0;
    const color = over ? '#b5523b' : '#264653';
    if (label.style.color !== color) label.setColor(color);
    label.setText(over ? '0:00' : labels.timer);
    const { x, y, r } = geo.timer;
    this.clock.paint({ x, y, r, fraction, label }, this.placeNow());
    return changed;
  }

  /** How the canvas sits in the stage, measured once after each resize. */
  private placeNow(): { ratio: number; left: number; top: number } {
    if (!this.place) {
      const canvas = this.game.canvas;
      const ratio = canvas.clientWidth > 0 ? canvas.clientWidth / this.scale.width : 1;
      this.place = { ratio, left: canvas.offsetLeft, top: canvas.offsetTop };
    }
    return this.place;
  }

  /** How the canvas sits in the stage (CSS pixels per game pixel, offset): read when the table is at rest. */
  private place: { ratio: number; left: number; top: number } | null = null;
  private readonly pops = new Set<Pop>();

  /**
   * A new note pops in over the table (popIn.ts): hidden on the table until the table is drawn again after
   * it has landed (its canvas shows it until then), so the table is drawn once now, not on every frame of the pop.
   */
  private popIn(note: Phaser.GameObjects.Container, at: { x: number; y: number; w: number; h: number }, face: HTMLCanvasElement): boolean {
    const canvas = this.game.canvas;
    if (!canvas) return false;
    const pop = popOver(canvas, { ...at, ...this.placeNow() }, face, (remove) => {
      // Landed, the overlay stays: it shows the note exactly as the table would, so the table is not drawn
      // again for it. The note shows on the table in the frame the overlay goes, the next time the table is
      // drawn anyway (a new note, a new step; a new layout ends the pops first).
      if (note.active) note.setVisible(true);
      this.events.once(Phaser.Scenes.Events.RENDER, () => {
        remove();
        this.pops.delete(pop as Pop);
      });
    });
    if (!pop) return false;
    note.setVisible(false);
    this.pops.add(pop);
    return true;
  }

  private endPops(): void {
    for (const pop of this.pops) pop.cancel();
    this.pops.clear();
    this.flights?.cancel();
    this.flights = null;
  }

  private flights: Flights | null = null;

  /**
   * The results' dots fly over the table (dotsFly.ts) while its loop sleeps; the notes' rows of dots and
   * counts go up over the table too, and the table is drawn once, when the last dot has landed. The rows over
   * it go in the frame that draws it.
   */
  private flyDots(from: { x: number; y: number }, r: number, plan: readonly DotPlan[]): boolean {
    const canvas = this.game.canvas;
    if (!canvas) return false;
    this.flights?.cancel();
    const color = cssColor(COLORS.dot);
    const flights = flyDots(canvas, this.placeNow(), from, r, color, plan.map((f) => ({ to: f.to, delayMs: f.delayMs, row: f.row, landed: f.land, prepare: f.prepare })), () => {
      this.measureDue = true;
      this.events.once(Phaser.Scenes.Events.RENDER, () => flights?.settle());
      this.wake();
    });
    this.flights = flights;
    return flights !== null;
  }

  private pulseBallotBox(): void {
    const box = this.content.getByName('ballot-box') as Phaser.GameObjects.Container | null;
    if (!box || reducedMotion() || !this.geo) return;
    const r = this.geo.type.small * 0.5;
    const dot = this.add.circle(box.x, box.y - this.geo.body.h * 0.35, r, COLORS.dot).setStrokeStyle(3, 0xffffff);
    this.content.add(dot);
    this.tweens.add({ targets: dot, y: box.y - this.geo.body.h * 0.12, alpha: 0.2, duration: 320, ease: 'Quad.easeIn', onComplete: () => dot.destroy() });
  }
}
