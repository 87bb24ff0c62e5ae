/**
 * The table: the scenario card that flips open, sticky notes for proposals, dots that fly onto them,
 * the clock and a progress line through the session. It draws a `ScreenView` and plays cues; it never
 * decides anything. Objects are rebuilt only when what they show changes.
 */
import Phaser from 'phaser';
import type { ScreenView } from '../core/view.ts';
import type { Lang } from '../core/types.ts';
import type { TableLabels } from '../game/table.ts';
import { COLORS, FONT, WORLD, LEVEL_COLORS, LEVEL_SHAPES } from './palette.ts';

const reducedMotion = (): boolean => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

interface Frame {
  view: ScreenView;
  lang: Lang;
  labels: TableLabels;
}

const NOTE = { w: 250, h: 128, gap: 18 } as const;

export class TableScene extends Phaser.Scene {
  private frame: Frame | null = null;
  private layoutKey = '';
  private headKey = '';
  private chrome!: Phaser.GameObjects.Container;
  private content!: Phaser.GameObjects.Container;
  private timerLayer!: Phaser.GameObjects.Container;
  private notePositions = new Map<string, { x: number; y: number }>();
  private pendingFlip = false;
  private pendingReveal = false;
  private pendingTwist = false;

  constructor() {
    super('TableScene');
  }

  create(): void {
    this.cameras.main.setBackgroundColor(COLORS.table);
    const table = this.add.graphics();
    table.fillStyle(COLORS.tableEdge, 1).fillRoundedRect(24, 172, WORLD.width - 48, WORLD.height - 190, 36);
    table.fillStyle(0xf9f2e3, 1).fillRoundedRect(36, 184, WORLD.width - 72, WORLD.height - 214, 30);
    this.chrome = this.add.container(0, 0);
    this.content = this.add.container(0, 0);
    this.timerLayer = this.add.container(0, 0);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.tweens.killAll();
      this.frame = null;
    });
    if (this.frame) this.draw(true);
  }

  /** When nothing moves, the loop sleeps: a tablet on the table should not burn its battery. */
  private idleSince = 0;

  override update(time: number): void {
    if (this.idleSince < 0 || this.tweens.getTweens().length > 0) {
      this.idleSince = time;
      return;
    }
    // A few frames after the last change are enough to paint it; then the loop sleeps (the clock wakes it once a second).
    if (time - this.idleSince > 120) this.game.loop.sleep();
  }

  private wake(): void {
    this.idleSince = -1;
    if (!this.game.loop.running) this.game.loop.wake();
  }

  show(view: ScreenView, lang: Lang, labels: TableLabels): void {
    if (this.frame?.view.phase !== view.phase) this.scale.refresh();
    this.frame = { view, lang, labels };
    this.wake();
    if (this.sys.isActive() && this.content) this.draw(false);
  }

  cue(type: string): void {
    this.wake();
    if (type === 'cue.flip') this.pendingFlip = true;
    if (type === 'cue.reveal') this.pendingReveal = true;
    if (type === 'cue.twist') this.pendingTwist = true;
    if (type === 'cue.drop' && this.frame && (this.frame.view.phase === 'vote' || this.frame.view.phase === 'run-off')) this.pulseBallotBox();
  }

  private text(x: number, y: number, value: string, size: number, color = '#264653', opts: Partial<Phaser.Types.GameObjects.Text.TextStyle> = {}): Phaser.GameObjects.Text {
    return this.add.text(x, y, value, { fontFamily: FONT, fontSize: `${size}px`, color, ...opts });
  }

  private draw(force: boolean): void {
    const frame = this.frame;
    if (!frame) return;
    const { view, labels } = frame;
    const headKey = JSON.stringify([labels.progress, labels.heading, labels.sub]);
    if (force || headKey !== this.headKey) {
      this.headKey = headKey;
      this.drawChrome(labels);
    }
    this.drawTimer(labels);
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
    if (!force && layoutKey === this.layoutKey) return;
    this.layoutKey = layoutKey;
    this.content.removeAll(true);
    this.notePositions.clear();
    switch (view.phase) {
      case 'check-in':
        this.drawCheckIn(frame);
        break;
      case 'reveal':
      case 'discuss':
        this.drawCard(frame, true);
        break;
      case 'propose':
        this.drawCard(frame, false);
        this.drawNotes(frame, false);
        this.drawTwist(frame);
        break;
      case 'vote':
      case 'run-off':
        this.drawBallotBox(frame);
        break;
      case 'results':
        this.drawNotes(frame, true);
        break;
      case 'top-three':
      case 'summary':
        this.drawPodium(frame);
        break;
    }
    this.pendingFlip = false;
    this.pendingReveal = false;
    this.pendingTwist = false;
  }

  private drawChrome(labels: TableLabels): void {
    this.chrome.removeAll(true);
    const steps = labels.progress;
    const left = 90;
    const right = WORLD.width - 250;
    const y = 34;
    const gap = steps.length > 1 ? (right - left) / (steps.length - 1) : 0;
    const line = this.add.graphics();
    line.lineStyle(6, COLORS.grey, 1).lineBetween(left, y, right, y);
    const nowIndex = steps.findIndex((s) => s.state === 'now');
    if (nowIndex > 0) line.lineStyle(6, COLORS.teal, 1).lineBetween(left, y, left + gap * nowIndex, y);
    this.chrome.add(line);
    steps.forEach((step, i) => {
      const x = left + gap * i;
      const g = this.add.graphics();
      if (step.state === 'done') g.fillStyle(COLORS.teal, 1).fillCircle(x, y, 14);
      else if (step.state === 'now') g.fillStyle(COLORS.cream, 1).fillCircle(x, y, 20).lineStyle(7, COLORS.coral, 1).strokeCircle(x, y, 20);
      else g.fillStyle(COLORS.cream, 1).fillCircle(x, y, 14).lineStyle(4, COLORS.grey, 1).strokeCircle(x, y, 14);
      const label = this.text(x, y + 24, step.label, 18, step.state === 'next' ? '#6b6458' : '#264653', { fontStyle: step.state === 'now' ? 'bold' : 'normal' }).setOrigin(0.5, 0);
      this.chrome.add([g, label]);
    });
    const heading = this.text(56, 90, labels.heading, 32, '#264653', { fontStyle: 'bold' }).setOrigin(0, 0);
    // One line only: shrink a long heading rather than let it run under the clock.
    const room = WORLD.width - 56 - 200;
    if (heading.width > room) heading.setScale(room / heading.width);
    const sub = this.text(56, 132, labels.sub, 22, '#5b6b70').setOrigin(0, 0);
    this.chrome.add([heading, sub]);
  }

  private drawTimer(labels: TableLabels): void {
    this.timerLayer.removeAll(true);
    if (!labels.timer) return;
    const x = WORLD.width - 100;
    const y = 86;
    const r = 54;
    const g = this.add.graphics();
    g.fillStyle(COLORS.cream, 1).fillCircle(x, y, r + 6);
    g.lineStyle(12, COLORS.sand, 1).strokeCircle(x, y, r);
    const fraction = Math.max(0, Math.min(1, labels.timerFraction));
    const over = fraction === 0;
    if (fraction > 0) {
      g.lineStyle(12, fraction < 0.15 ? COLORS.coral : COLORS.teal, 1);
      g.beginPath();
      g.arc(x, y, r, -Math.PI / 2, -Math.PI / 2 + Math.PI * 2 * fraction, false);
      g.strokePath();
    }
    const label = this.text(x, y, over ? '0:00' : labels.timer, 30, over ? '#b5523b' : '#264653', { fontStyle: 'bold' }).setOrigin(0.5);
    this.timerLayer.add([g, label]);
  }

  private cardFace(frame: Frame, width: number, height: number, full: boolean): Phaser.GameObjects.Container {
    const { view, lang } = frame;
    const card = view.card;
    const c = this.add.container(0, 0);
    const bg = this.add.graphics();
    bg.fillStyle(0x000000, 0.12).fillRoundedRect(-width / 2 + 8, -height / 2 + 10, width, height, 26);
    bg.fillStyle(0xffffff, 1).fillRoundedRect(-width / 2, -height / 2, width, height, 26);
    bg.fillStyle(COLORS.teal, 1).fillRoundedRect(-width / 2, -height / 2, width, 16, { tl: 26, tr: 26, bl: 0, br: 0 });
    c.add(bg);
    if (!card) return c;
    const pad = 36;
    const innerW = width - pad * 2;
    let y = -height / 2 + 40;
    const title = this.text(-width / 2 + pad, y, card.title[lang], full ? 38 : 30, '#264653', { fontStyle: 'bold', wordWrap: { width: innerW } });
    c.add(title);
    y += title.height + 18;
    if (full) {
      const situation = this.text(-width / 2 + pad, y, card.situation[lang], 25, '#2f3b3f', { wordWrap: { width: innerW }, lineSpacing: 6 });
      if (situation.height > height * 0.42) situation.setFontSize(21);
      c.add(situation);
      y += situation.height + 22;
    }
    card.questions.forEach((q, i) => {
      const bullet = this.text(-width / 2 + pad, y, `${i + 1}`, full ? 24 : 20, '#ffffff', { fontStyle: 'bold', backgroundColor: '#e07a5f', padding: { x: 9, y: 3 } });
      const qt = this.text(-width / 2 + pad + 46, y, q[lang], full ? 24 : 20, '#264653', { wordWrap: { width: innerW - 46 }, fontStyle: 'italic' });
      c.add([bullet, qt]);
      y += Math.max(qt.height, bullet.height) + 14;
    });
    return c;
  }

  private drawCard(frame: Frame, full: boolean): void {
    const width = full ? 820 : 480;
    const height = full ? 640 : 600;
    const x = full ? WORLD.width / 2 : 300;
    const y = 180 + height / 2 + 10;
    const face = this.cardFace(frame, width, height, full);
    face.setPosition(x, y);
    this.content.add(face);
    if (this.pendingFlip && full) {
      const back = this.add.graphics();
      back.fillStyle(COLORS.teal, 1).fillRoundedRect(-width / 2, -height / 2, width, height, 26);
      back.fillStyle(COLORS.tealDark, 1).fillCircle(0, 0, 120);
      back.fillStyle(COLORS.cream, 1).fillCircle(0, 0, 46);
      back.setPosition(x, y);
      this.content.add(back);
      if (reducedMotion()) {
        face.setAlpha(0);
        this.tweens.add({ targets: back, alpha: 0, duration: 250 });
        this.tweens.add({ targets: face, alpha: 1, duration: 250 });
      } else {
        face.scaleX = 0;
        this.tweens.add({
          targets: back,
          scaleX: 0,
          duration: 260,
          ease: 'Sine.easeIn',
          onComplete: () => {
            back.destroy();
            this.tweens.add({ targets: face, scaleX: 1, duration: 300, ease: 'Back.easeOut' });
          },
        });
      }
    }
  }

  private note(x: number, y: number, w: number, h: number, text: string, level: string, hidden: boolean, daring: boolean, frame: Frame): Phaser.GameObjects.Container {
    const c = this.add.container(x, y);
    const g = this.add.graphics();
    g.fillStyle(0x000000, 0.1).fillRect(-w / 2 + 5, -h / 2 + 6, w, h);
    g.fillStyle(hidden ? COLORS.noteHidden : daring ? 0xffe0cc : COLORS.note, 1).fillRect(-w / 2, -h / 2, w, h);
    g.fillStyle(LEVEL_COLORS[level] ?? COLORS.teal, 1).fillRect(-w / 2, -h / 2, w, 8);
    const shown = text.length > 90 ? `${text.slice(0, 88)}…` : text;
    const body = this.text(-w / 2 + 14, -h / 2 + 18, shown, 19, hidden ? '#8a8376' : '#2f3b3f', { wordWrap: { width: w - 28 }, maxLines: 3 });
    const levelText = `${LEVEL_SHAPES[level] ?? ''} ${frame.labels.levelNames[level] ?? level}${daring ? '  ⚡' : ''}`;
    const tag = this.text(-w / 2 + 14, h / 2 - 30, levelText, 16, '#5b6b70');
    c.add([g, body, tag]);
    c.setAngle(((x * 7 + y * 3) % 5) - 2);
    return c;
  }

  private drawNotes(frame: Frame, withDots: boolean): void {
    const { view } = frame;
    // Results come ranked from the core (shown proposals only, most dots first); proposals in order of entry.
    const ranked = view.ranked ?? [];
    const dotsOf = new Map(ranked.map((r) => [r.id, r.dots]));
    const sorted = withDots ? ranked.map((r) => r.proposal) : view.proposals;
    const areaX = withDots ? 80 : 580;
    const cols = withDots ? 4 : 2;
    const maxNotes = withDots ? 12 : view.activeTwist ? 6 : 8;
    // Results show the most-voted notes; proposals show the newest.
    const shown = withDots ? sorted.slice(0, maxNotes) : sorted.slice(-maxNotes);
    shown.forEach((p, i) => {
      const col = i % cols;
      const row = Math.floor(i / cols);
      const x = areaX + NOTE.w / 2 + col * (NOTE.w + NOTE.gap) + 10;
      const y = 200 + NOTE.h / 2 + row * (NOTE.h + NOTE.gap + (withDots ? 36 : 0));
      const note = this.note(x, y, NOTE.w, NOTE.h, p.text, p.level, p.hidden, p.twistId !== null, frame);
      this.content.add(note);
      this.notePositions.set(p.id, { x, y });
      if (!withDots && i === shown.length - 1 && !reducedMotion()) {
        note.setScale(0.6).setAlpha(0);
        this.tweens.add({ targets: note, scale: 1, alpha: 1, duration: 260, ease: 'Back.easeOut' });
      }
    });
    if (sorted.length > shown.length && !withDots) {
      this.content.add(this.text(areaX + 10, 180, `+${sorted.length - shown.length}`, 22, '#5b6b70'));
    }
    if (withDots) this.flyDots(shown.map((p) => ({ id: p.id, dots: dotsOf.get(p.id) ?? 0 })), frame);
  }

  /** Dots fly from the ballot box to their notes, one after another, then the count appears. */
  private flyDots(items: { id: string; dots: number }[], frame: Frame): void {
    const animate = this.pendingReveal && !reducedMotion();
    let delay = 0;
    const origin = { x: WORLD.width / 2, y: WORLD.height - 40 };
    for (const item of items) {
      const pos = this.notePositions.get(item.id);
      if (!pos) continue;
      // 25/10 gives up to 25 points an idea: two rows of dots at most, the label carries the number.
      for (let d = 0; d < Math.min(item.dots, 18); d++) {
        const tx = pos.x - NOTE.w / 2 + 22 + (d % 9) * 26;
        const ty = pos.y + NOTE.h / 2 + 18 + Math.floor(d / 9) * 22;
        const dot = this.add.circle(animate ? origin.x : tx, animate ? origin.y : ty, 11, COLORS.dot).setStrokeStyle(3, 0xffffff);
        this.content.add(dot);
        if (animate) {
          this.tweens.add({ targets: dot, x: tx, y: ty, duration: 420, delay, ease: 'Cubic.easeOut' });
          delay += 70;
        }
      }
      const count = this.text(pos.x + NOTE.w / 2 - 6, pos.y - NOTE.h / 2 - 14, frame.labels.dotsWord(item.dots), 20, '#b5523b', { fontStyle: 'bold', backgroundColor: '#fdf6ec', padding: { x: 6, y: 2 } }).setOrigin(1, 0.5);
      this.content.add(count);
      if (animate) {
        count.setAlpha(0);
        this.tweens.add({ targets: count, alpha: 1, delay, duration: 200 });
      }
    }
  }

  /** The twist card on the table, tilted, so the whole room sees the push. */
  private drawTwist(frame: Frame): void {
    const twist = frame.view.activeTwist;
    if (!twist) return;
    const c = this.add.container(WORLD.width - 300, WORLD.height - 150);
    const g = this.add.graphics();
    g.fillStyle(0x000000, 0.12).fillRoundedRect(-226, -96, 460, 200, 20);
    g.fillStyle(COLORS.coral, 1).fillRoundedRect(-230, -100, 460, 200, 20);
    const title = this.text(-200, -80, `⚡ ${twist.title[frame.lang]}`, 28, '#ffffff', { fontStyle: 'bold', wordWrap: { width: 400 } });
    const prompt = this.text(-200, -80 + title.height + 10, twist.prompt[frame.lang], 19, '#fff7f2', { wordWrap: { width: 400 }, maxLines: 4 });
    c.add([g, title, prompt]);
    c.setAngle(-3);
    this.content.add(c);
    if (this.pendingTwist && !reducedMotion()) {
      c.setScale(0.3).setAlpha(0).setAngle(-25);
      this.tweens.add({ targets: c, scale: 1, alpha: 1, angle: -3, duration: 420, ease: 'Back.easeOut' });
    }
  }

  private drawBallotBox(frame: Frame): void {
    const { view, labels } = frame;
    const ballot = view.ballot;
    const cx = WORLD.width / 2;
    const cy = 540;
    const box = this.add.container(cx, cy);
    box.setName('ballot-box');
    const g = this.add.graphics();
    g.fillStyle(0x000000, 0.1).fillRoundedRect(-230, -150, 470, 320, 28);
    g.fillStyle(COLORS.deep, 1).fillRoundedRect(-240, -160, 480, 320, 28);
    g.fillStyle(0x1b343d, 1).fillRoundedRect(-140, -130, 280, 22, 11);
    // A padlock: the ballot is secret.
    const lock = this.add.graphics();
    lock.lineStyle(10, COLORS.sand, 1).beginPath().arc(0, -62, 26, Math.PI, 0, false).strokePath();
    lock.fillStyle(COLORS.sun, 1).fillRoundedRect(-40, -62, 80, 62, 10);
    lock.fillStyle(COLORS.deep, 1).fillCircle(0, -38, 9).fillRect(-4, -38, 8, 20);
    const who = this.text(0, 50, labels.heading, 34, '#fdf6ec', { fontStyle: 'bold', align: 'center', wordWrap: { width: 440 } }).setOrigin(0.5);
    box.add([g, lock, who]);
    this.content.add(box);
    if (ballot) {
      const total = ballot.voters;
      const startX = cx - ((total - 1) * 46) / 2;
      for (let i = 0; i < total; i++) {
        const done = i < ballot.finished;
        const now = i === ballot.finished;
        const seat = this.add.circle(startX + i * 46, cy + 230, now ? 17 : 14, done ? COLORS.teal : COLORS.cream).setStrokeStyle(4, now ? COLORS.coral : COLORS.grey);
        this.content.add(seat);
      }
      this.content.add(this.text(cx, cy + 270, labels.sub, 22, '#5b6b70').setOrigin(0.5, 0));
    }
    if (!reducedMotion()) {
      box.setScale(0.92);
      this.tweens.add({ targets: box, scale: 1, duration: 220, ease: 'Back.easeOut' });
    }
  }

  private pulseBallotBox(): void {
    const box = this.content.getByName('ballot-box') as Phaser.GameObjects.Container | null;
    if (!box || reducedMotion()) return;
    const dot = this.add.circle(box.x, box.y - 260, 12, COLORS.dot).setStrokeStyle(3, 0xffffff);
    this.content.add(dot);
    this.tweens.add({ targets: dot, y: box.y - 120, alpha: 0.2, duration: 320, ease: 'Quad.easeIn', onComplete: () => dot.destroy() });
  }

  private drawCheckIn(frame: Frame): void {
    const { view, lang, labels } = frame;
    const picks = view.checkIn.picks;
    const cols = 4;
    picks.forEach((id, i) => {
      const card = view.checkIn.cards.find((c) => c.id === id);
      const x = 180 + (i % cols) * 280;
      const y = 290 + Math.floor(i / cols) * 200;
      const c = this.add.container(x, y);
      const g = this.add.graphics();
      g.fillStyle(0xffffff, 1).fillRoundedRect(-120, -80, 240, 170, 18);
      g.lineStyle(3, COLORS.sand, 1).strokeRoundedRect(-120, -80, 240, 170, 18);
      const name = this.text(0, -60, labels.playerNames[i] ?? '', 22, '#1f7a70', { fontStyle: 'bold' }).setOrigin(0.5, 0);
      const prompt = this.text(0, -24, card?.prompt[lang] ?? '', 18, '#2f3b3f', { wordWrap: { width: 210 }, align: 'center' }).setOrigin(0.5, 0);
      c.add([g, name, prompt]);
      this.content.add(c);
      if (i === picks.length - 1 && !reducedMotion()) {
        c.setScale(0.5).setAlpha(0);
        this.tweens.add({ targets: c, scale: 1, alpha: 1, duration: 300, ease: 'Back.easeOut' });
      }
    });
  }

  private drawPodium(frame: Frame): void {
    const { view, labels } = frame;
    const items = view.topThree ?? [];
    const spots = [
      { x: WORLD.width / 2, y: 440, h: 300 },
      { x: WORLD.width / 2 - 370, y: 500, h: 240 },
      { x: WORLD.width / 2 + 370, y: 540, h: 200 },
    ];
    items.slice(0, 3).forEach((item, i) => {
      const spot = spots[i] as { x: number; y: number; h: number };
      const c = this.add.container(spot.x, spot.y);
      const g = this.add.graphics();
      const w = 330;
      g.fillStyle(0x000000, 0.1).fillRoundedRect(-w / 2 + 6, -spot.h / 2 + 8, w, spot.h, 22);
      g.fillStyle(i === 0 ? COLORS.sun : i === 1 ? COLORS.sand : 0xf6e6c8, 1).fillRoundedRect(-w / 2, -spot.h / 2, w, spot.h, 22);
      const rank = this.text(0, -spot.h / 2 + 18, labels.rankWord(item.rank), 24, '#264653', { fontStyle: 'bold' }).setOrigin(0.5, 0);
      const text = item.proposal.text.length > 110 ? `${item.proposal.text.slice(0, 108)}…` : item.proposal.text;
      const body = this.text(0, -spot.h / 2 + 60, text, 22, '#1d2a2e', { wordWrap: { width: w - 40 }, align: 'center' }).setOrigin(0.5, 0);
      const dots = this.text(0, spot.h / 2 - 40, labels.dotsWord(item.dots), 20, '#b5523b', { fontStyle: 'bold' }).setOrigin(0.5, 0);
      c.add([g, rank, body, dots]);
      this.content.add(c);
      if (!reducedMotion()) {
        c.setAlpha(0).setY(spot.y + 80);
        this.tweens.add({ targets: c, alpha: 1, y: spot.y, duration: 500, delay: (2 - i) * 350, ease: 'Back.easeOut' });
      }
    });
  }
}
