/**
 * What the stage draws in each step, placed by layout.ts for the stage's real size: the scenario card,
 * the proposals as notes (sorted by IGLO level while proposing), the dots counted up at the reveal,
 * the ballot box, the check-in cards and the top three.
 */
import type Phaser from 'phaser';
import type { ProposalView, ScreenView } from '../core/view.ts';
import { LEVELS, type Lang, type Level } from '../core/types.ts';
import { LEVEL_SYMBOLS } from '../core/levels.ts';
import { oneLine } from '../core/proposal.ts';
import type { StageSound, TableLabels } from '../game/table.ts';
import { COLORS, LEVEL_COLORS, cssColor } from './palette.ts';
import { type Paper, drawPaper } from './notePaper.ts';
import { type NotePicture, notePicture } from './notePicture.ts';
import { FLIGHT_MS, type NoteRow } from './dotsFly.ts';
import { LINE, charsPerLine, noteGrid, podium, proposeAreas, shorten, type NoteGrid, type Rect, type StageFrame } from './layout.ts';

export interface Frame {
  view: ScreenView;
  lang: Lang;
  labels: TableLabels;
}

/** One dot of the reveal: where it lands, when it leaves, the count it raises and what its landing does. */
export interface DotPlan {
  readonly to: { x: number; y: number } | null;
  readonly delayMs: number;
  /** The note's row of dots and count that the landing changes (null: the closing sound). */
  readonly row: NoteRow | null;
  land(): void;
  /** Made ahead in idle time: what the landing will show (its count's picture). */
  prepare?(): void;
}

export interface Label {
  readonly image: Phaser.GameObjects.Image;
  /** Shows another wording in the same style (its size follows; the origin stays). */
  set(value: string): void;
  /** Draws a wording ahead, unseen, so that showing it later costs no drawing. */
  warm(value: string): void;
}

export interface Painter {
  readonly scene: Phaser.Scene;
  readonly content: Phaser.GameObjects.Container;
  readonly geo: StageFrame;
  /** False under `prefers-reduced-motion`: things appear calmly, without flying. */
  readonly animate: boolean;
  readonly reveal: boolean;
  readonly flip: boolean;
  readonly twist: boolean;
  /** A container kept from the last drawing when `key` (everything it shows) is the same, else `make()`. */
  reuse(key: string, make: () => Phaser.GameObjects.Container): Phaser.GameObjects.Container;
  /**
   * Flies dots of radius `r` from `from` over the table (dotsFly.ts); each flight's `land` runs when it lands
   * (its note's `row` is shown over the table from then on), and the table is drawn when all have landed.
   * False where that cannot be (the table animates them itself).
   */
  flyDots(from: { x: number; y: number }, r: number, flights: readonly DotPlan[]): boolean;
  /** Pops a new note in over the table at `at` (popIn.ts), shown by its picture `face`; false where that cannot be. */
  popIn(note: Phaser.GameObjects.Container, at: Rect, face: HTMLCanvasElement): boolean;
  sound(name: StageSound): void;
  /**
   * A short one-line label (a note's count) shown as an image of a text drawn once per wording and style
   * (TableScene keeps them): twelve notes saying "0 stippen" draw it once, and a count going up costs no drawing.
   */
  label(x: number, y: number, value: string, size: number, color: string, opts?: Partial<Phaser.Types.GameObjects.Text.TextStyle>): Label;
  text(x: number, y: number, value: string, size: number, color?: string, opts?: Partial<Phaser.Types.GameObjects.Text.TextStyle>): Phaser.GameObjects.Text;
  /** Makes a text ahead, unseen: `text` with the same wording and style then takes it instead of making one. */
  warmText(spec: { value: string; size: number; color: string; opts: Partial<Phaser.Types.GameObjects.Text.TextStyle> }): void;
  /** Draws a label's wording ahead (see `label`). */
  warmLabel(value: string, size: number, color: string, opts: Partial<Phaser.Types.GameObjects.Text.TextStyle>): void;
}

/** Card text: title, situation (full card only) and questions, shrunk (never below the smallest size) and shortened to fit. */
function cardFace(p: Painter, frame: Frame, box: Rect, full: boolean): Phaser.GameObjects.Container {
  const { small, body, title } = p.geo.type;
  const card = frame.view.card;
  const c = p.scene.add.container(box.x, box.y);
  const bg = p.scene.add.graphics();
  const radius = Math.min(24, box.w * 0.04);
  bg.fillStyle(0x000000, 0.12).fillRoundedRect(6, 8, box.w, box.h, radius);
  bg.fillStyle(0xffffff, 1).fillRoundedRect(0, 0, box.w, box.h, radius);
  bg.fillStyle(COLORS.teal, 1).fillRoundedRect(0, 0, box.w, Math.max(8, small * 0.4), { tl: radius, tr: radius, bl: 0, br: 0 });
  c.add(bg);
  if (!card) return c;
  const pad = Math.round(small * (full ? 1.1 : 0.7));
  const innerW = box.w - pad * 2;
  const bottom = box.h - pad;
  // Try the roomiest sizes first; step down until everything fits.
  const sizes = full ? [[title * 1.1, body * 1.1], [title, body], [body, small], [small, small]] : [[body, small], [small, small]];
  for (const [ts, bs] of sizes as [number, number][]) {
    const made: Phaser.GameObjects.Text[] = [];
    let y = pad + small * 0.4;
    const add = (x: number, value: string, size: number, color: string, style: Partial<Phaser.Types.GameObjects.Text.TextStyle>, width: number): Phaser.GameObjects.Text => {
      const t = p.text(x, y, value, Math.round(size), color, { wordWrap: { width }, lineSpacing: Math.round(size * (LINE - 1.15)), ...style });
      made.push(t);
      return t;
    };
    const head = add(pad, card.title[frame.lang], ts, '#264653', { fontStyle: 'bold' }, innerW);
    y += head.height + bs * 0.5;
    if (full) {
      const left = Math.max(bs * LINE * 2, bottom - y - card.questions.length * bs * LINE * 2.4);
      const lines = Math.max(1, Math.floor(left / (bs * LINE)));
      const situation = add(pad, shorten(card.situation[frame.lang], lines * charsPerLine(innerW, bs)), bs, '#2f3b3f', { maxLines: lines }, innerW);
      y += situation.height + bs * 0.6;
    }
    const indent = Math.round(bs * 1.9);
    card.questions.forEach((q, i) => {
      const room = Math.max(1, Math.floor((bottom - y) / (bs * LINE)));
      add(pad, `${i + 1}`, bs, '#ffffff', { fontStyle: 'bold', backgroundColor: '#c4563a', padding: { x: Math.round(bs * 0.3), y: 2 } }, innerW);
      const qt = add(pad + indent, shorten(q[frame.lang], Math.min(3, room) * charsPerLine(innerW - indent, bs)), bs, '#264653', { fontStyle: 'italic', maxLines: Math.min(3, room) }, innerW - indent);
      y += qt.height + bs * 0.45;
    });
    if (y <= bottom || ts === small) {
      c.add(made);
      return c;
    }
    for (const t of made) t.destroy();
  }
  return c;
}

export function drawCardStep(p: Painter, frame: Frame, full: boolean, fresh: (id: string) => boolean): void {
  const body = p.geo.body;
  if (full) {
    const w = Math.min(body.w, Math.max(p.geo.type.small * 26, body.h * 1.25));
    const box = { x: body.x + (body.w - w) / 2, y: body.y, w, h: body.h };
    const face = cardFace(p, frame, box, true);
    p.content.add(face);
    if (p.flip) flip(p, face, box);
    return;
  }
  const count = frame.view.proposals.length;
  const areas = proposeAreas(body, count, p.geo.type);
  const twist = frame.view.activeTwist;
  let notes = areas.notes;
  if (areas.card) {
    const card = areas.card;
    const twistH = twist ? Math.min(card.h * 0.42, p.geo.type.small * LINE * 5 + p.geo.type.small) : 0;
    const box = { ...card, h: card.h - twistH - (twist ? p.geo.type.small * 0.6 : 0) };
    // The card beside the notes stays as it is while proposals come in: kept, not set again.
    p.content.add(p.reuse(JSON.stringify(['card', frame.view.card?.id, frame.lang, box]), () => cardFace(p, frame, box, false)));
    if (twist) drawTwist(p, frame, { x: card.x, y: card.y + card.h - twistH, w: card.w, h: twistH });
  } else if (twist) {
    // A full table: the twist takes a strip above the notes.
    const h = p.geo.type.small * LINE * 2 + p.geo.type.small;
    drawTwist(p, frame, { x: notes.x, y: notes.y, w: notes.w, h });
    notes = { ...notes, y: notes.y + h + p.geo.type.small * 0.5, h: notes.h - h - p.geo.type.small * 0.5 };
  }
  drawNotes(p, frame, notes, false, fresh);
}

function flip(p: Painter, face: Phaser.GameObjects.Container, box: Rect): void {
  const back = p.scene.add.graphics();
  back.fillStyle(COLORS.teal, 1).fillRoundedRect(-box.w / 2, -box.h / 2, box.w, box.h, 24);
  back.fillStyle(COLORS.tealDark, 1).fillCircle(0, 0, Math.min(box.w, box.h) * 0.18);
  back.fillStyle(COLORS.cream, 1).fillCircle(0, 0, Math.min(box.w, box.h) * 0.07);
  back.setPosition(box.x + box.w / 2, box.y + box.h / 2);
  p.content.add(back);
  if (!p.animate) {
    face.setAlpha(0);
    p.scene.tweens.add({ targets: back, alpha: 0, duration: 250, onComplete: () => back.destroy() });
    p.scene.tweens.add({ targets: face, alpha: 1, duration: 250 });
    return;
  }
  face.setVisible(false);
  p.scene.tweens.add({
    targets: back,
    scaleX: 0,
    duration: 260,
    ease: 'Sine.easeIn',
    onComplete: () => {
      back.destroy();
      // The face opens from its middle: scale around the card's centre through its x.
      face.setVisible(true).setScale(0, 1).setX(box.x + box.w / 2);
      p.scene.tweens.add({ targets: face, scaleX: 1, x: box.x, duration: 300, ease: 'Back.easeOut' });
    },
  });
}

/** The twist card beside the proposals, so the whole room sees the push. */
function drawTwist(p: Painter, frame: Frame, box: Rect): void {
  const twist = frame.view.activeTwist;
  if (!twist) return;
  const { small, body } = p.geo.type;
  const make = (): Phaser.GameObjects.Container => {
    const c = p.scene.add.container(box.x, box.y);
    const g = p.scene.add.graphics();
    g.fillStyle(COLORS.coral, 1).fillRoundedRect(0, 0, box.w, box.h, 18);
    const pad = Math.round(small * 0.6);
    const title = p.text(pad, pad, `⚡ ${twist.title[frame.lang]}`, body, '#ffffff', { fontStyle: 'bold', wordWrap: { width: box.w - pad * 2 }, maxLines: 2 });
    const lines = Math.max(1, Math.floor((box.h - pad * 2 - title.height) / (small * LINE)));
    const prompt = p.text(pad, pad + title.height + small * 0.2, shorten(twist.prompt[frame.lang], lines * charsPerLine(box.w - pad * 2, small)), small, '#ffffff', { wordWrap: { width: box.w - pad * 2 }, maxLines: lines });
    c.add([g, title, prompt]);
    return c;
  };
  // Kept while proposals come in under it (not set again); it flies in when it is drawn.
  const c = p.reuse(JSON.stringify(['twist', twist.id, frame.lang, box]), make).setPosition(box.x, box.y);
  p.content.add(c);
  if (p.twist && p.animate) {
    c.setAlpha(0).setY(box.y + small * 2);
    p.scene.tweens.add({ targets: c, alpha: 1, y: box.y, duration: 380, ease: 'Back.easeOut' });
  }
}

/** Notes on the proposing table, each drawn once as one picture (notePicture.ts): the table draws it, and it pops in. */
const pictures = new WeakMap<Phaser.GameObjects.Container, NotePicture>();

/** A text the table draws: where, what, and in which style (Painter.text's arguments). */
interface TextSpec {
  readonly x: number;
  readonly y: number;
  readonly value: string;
  readonly size: number;
  readonly color: string;
  readonly opts: Partial<Phaser.Types.GameObjects.Text.TextStyle>;
}

/** The coloured strip at a note's top, for its font size. */
const stripOf = (font: number): number => Math.max(6, font * 0.3);

/**
 * Where `count` notes go in `area` and the lines under them: "+N more" for the `rest` not shown, and
 * "read all" when one of those `shown` had to be shortened. The drawing and the texts made ahead (warmResults) share it.
 */
function notesLayout(p: Painter, frame: Frame, area: Rect, count: number, rest: number, withDots: boolean, shown: readonly ProposalView[]): { grid: NoteGrid; lines: TextSpec[] } {
  const { labels } = frame;
  const { small } = p.geo.type;
  const line = small * LINE;
  const lines: TextSpec[] = [];
  if (rest > 0) {
    area = { ...area, h: area.h - line };
    lines.push({ x: area.x, y: area.y + area.h + small * 0.15, value: `+${rest} · ${labels.dotsWord(0)}`, size: small, color: '#5b6b70', opts: {} });
  }
  let grid = noteGrid(area, count, p.geo.type, withDots ? 1 : 0);
  // Shortened notes: a line under them says where the full texts are ("read all").
  if (labels.readAll && shown.some((x) => oneLine(x).length + 2 > grid.chars)) {
    grid = noteGrid({ ...area, h: area.h - line }, count, p.geo.type, withDots ? 1 : 0);
    lines.push({ x: area.x, y: area.y + area.h - line + small * 0.15, value: labels.readAll, size: small, color: '#5b6b70', opts: { fontStyle: 'italic', wordWrap: { width: area.w }, maxLines: 1 } });
  }
  return { grid, lines };
}

/** A note's text: its level's symbol, a flash when a twist pushed it, and the proposal (with what was merged into it). */
function noteBody(item: ProposalView, grid: NoteGrid, cell: Rect): TextSpec {
  const { font, pad } = grid;
  const mark = `${LEVEL_SYMBOLS[item.level]}${item.twistId ? '⚡' : ''} `;
  return {
    x: pad,
    y: stripOf(font) + pad * 0.6,
    value: shorten(mark + oneLine(item), grid.chars),
    size: font,
    color: item.hidden ? '#6b6458' : '#2f3b3f',
    opts: { wordWrap: { width: cell.w - pad * 2 }, maxLines: grid.lines, lineSpacing: Math.round(font * (LINE - 1.15)) },
  };
}

const drawText = (p: Painter, t: TextSpec): Phaser.GameObjects.Text => p.text(t.x, t.y, t.value, t.size, t.color, t.opts);

/** The results: the notes that got dots (at most 12, so they stay large), in the core's rank order. */
function resultItems(view: ScreenView): { items: ProposalView[]; rest: number } {
  const results = view.results ?? {};
  const sorted = view.ranked?.map((r) => r.proposal) ?? view.proposals.filter((x) => !x.hidden);
  const dotted = sorted.filter((x) => (results[x.id] ?? 0) > 0);
  const items = (dotted.length > 0 ? dotted : sorted).slice(0, 12);
  return { items, rest: sorted.length - items.length };
}

/**
 * While the team votes, the results' texts are made ahead in idle time: the tap that ends the vote then
 * draws notes instead of typesetting twelve texts (the longest frame of a session on a tablet). The results
 * are not known yet: this guesses the usual case, every visible proposal a candidate and the first 12 shown,
 * and makes each candidate's text for that grid. A wrong guess costs idle time, nothing else.
 */
export function warmResults(p: Painter, frame: Frame): (() => void)[] {
  const candidates = frame.view.proposals.filter((x) => !x.hidden);
  if (candidates.length === 0) return [];
  const shown = Math.min(12, candidates.length);
  // "Read all" shows when any shown note is shortened: guessed from every candidate.
  const { grid, lines } = notesLayout(p, frame, p.geo.body, shown, candidates.length - shown, true, candidates);
  const cell = grid.cells[0] as Rect;
  const { labels } = frame;
  const count = (n: number) => () => p.warmLabel(labels.dotsWord(n), grid.font, COUNT_COLOR, COUNT_STYLE);
  return [
    count(0),
    ...candidates.map((item) => () => p.warmText(noteBody(item, grid, cell))),
    ...lines.map((line) => () => p.warmText(line)),
    count(1),
    count(2),
    count(3),
  ];
}

const COUNT_COLOR = '#a3432c';
const COUNT_STYLE: Partial<Phaser.Types.GameObjects.Text.TextStyle> = { fontStyle: 'bold' };

/**
 * Notes in a grid sized for their number. Proposing: grouped by IGLO level (the core's level order), newest
 * pops in. Results: in the core's rank order (view.ranked), never sorted here; at the reveal the dots fly in one after another and each note's count goes up with them.
 */
export function drawNotes(p: Painter, frame: Frame, area: Rect, withDots: boolean, fresh: (id: string) => boolean): void {
  const { view, labels } = frame;
  const results = view.results ?? {};
  // Proposing is a layout grouping by level, not a ranking; results come ranked from the core.
  const byLevel = (level: Level): number => LEVELS.indexOf(level);
  const { items, rest } = withDots ? resultItems(view) : { items: [...view.proposals].sort((a, b) => byLevel(a.level) - byLevel(b.level)), rest: 0 };
  if (items.length === 0) return;
  const { grid, lines } = notesLayout(p, frame, area, items.length, rest, withDots, items);
  for (const line of lines) {
    // Kept while proposals come in (a text made anew costs as much as a note).
    const make = (): Phaser.GameObjects.Container => p.scene.add.container(0, 0, [drawText(p, line)]);
    p.content.add(withDots ? make() : p.reuse(JSON.stringify(['line', line]), make));
  }
  const { font, pad } = grid;
  const lh = font * LINE;
  const flights: { x: number; y: number; id: string; count: Label; total: number; dots: Phaser.GameObjects.Arc[]; row: NoteRow }[] = [];
  items.forEach((item, i) => {
    const cell = grid.cells[i] as Rect;
    const make = (): Phaser.GameObjects.Container => {
      const c = p.scene.add.container(0, 0);
      const paper: Paper = { w: cell.w, h: cell.h, strip: stripOf(font), fill: paperOf(item), stripColor: LEVEL_COLORS[item.level] ?? COLORS.teal };
      const body = drawText(p, noteBody(item, grid, cell));
      if (!withDots) {
        // Proposing: the note is drawn once, as one picture; the same picture pops in.
        const picture = notePicture(p.scene, paper, body);
        c.add([picture.image, body]);
        pictures.set(c, picture);
        return c;
      }
      const g = p.scene.add.graphics();
      drawPaper(g, paper);
      c.add([g, body]);
      return c;
    };
    // Proposing: a note that shows the same as before is kept, so a new proposal rebuilds only itself.
    const c = withDots ? make() : p.reuse(JSON.stringify([item.id, oneLine(item), item.level, item.hidden, item.twistId, cell.w, cell.h, font, grid.chars, grid.lines]), make);
    const picture = pictures.get(c);
    // A picture stands on whole pixels, painted at the note's sub-pixel offset (notePicture.ts).
    const at = picture ? { ...cell, x: Math.floor(cell.x), y: Math.floor(cell.y) } : cell;
    picture?.offset(cell.x - at.x, cell.y - at.y);
    c.setPosition(at.x, at.y);
    p.content.add(c);
    if (withDots) {
      const total = results[item.id] ?? 0;
      const y = cell.h - pad - lh / 2;
      const count = p.label(cell.w - pad, y, labels.dotsWord(p.reveal && p.animate ? 0 : total), font, COUNT_COLOR, COUNT_STYLE);
      count.image.setOrigin(1, 0.5);
      c.add(count.image);
      const r = Math.max(4, font * 0.26);
      const room = cell.w - pad * 3 - count.image.width - font * 2;
      const shown = Math.max(0, Math.min(total, Math.floor(room / (r * 2.5))));
      const dots: Phaser.GameObjects.Arc[] = [];
      for (let d = 0; d < shown; d++) {
        const dot = p.scene.add.circle(pad + r + d * r * 2.5, y, r, COLORS.dot).setStrokeStyle(2, 0xffffff);
        c.add(dot);
        dots.push(dot);
      }
      const rowH = Math.ceil(Math.max(lh, count.image.height, r * 2 + 4)) + 2;
      flights.push({ x: cell.x, y: cell.y, id: item.id, count, total, dots, row: noteRow(cell, y - rowH / 2, rowH, paperOf(item), dots, count) });
    } else if (fresh(item.id) && p.animate) {
      // A new note pops in over the table (popIn.ts); where that cannot be, the table animates it.
      if (!picture || !p.popIn(c, at, picture.canvas)) {
        c.setScale(0.6).setAlpha(0);
        p.scene.tweens.add({ targets: c, scale: 1, alpha: 1, duration: 260, ease: 'Back.easeOut' });
      }
    }
  });
  if (withDots && p.reveal) countUp(p, frame, flights);
}

/** The reveal as a moment: dots fly from the bottom of the stage, fewest first, each landing ticks its count up. */
/**
 * A note's bottom row in the results (its dots, its count) at `top` within the note, painted as the table
 * paints it (Phaser's Arc and Text canvas renderers) while the dots fly in over the table (dotsFly.ts).
 */
function noteRow(cell: Rect, top: number, h: number, paper: number, dots: readonly Phaser.GameObjects.Arc[], count: Label): NoteRow {
  // A pixel in from the paper's edges: the row's whole pixels stay on the paper's flat colour.
  return {
    box: { x: cell.x + 1, y: cell.y + top, w: cell.w - 2, h },
    paper: cssColor(paper, 1),
    paint(ctx) {
      ctx.translate(-1, -top);
      for (const dot of dots) {
        if (dot.alpha <= 0) continue;
        ctx.beginPath();
        ctx.arc(dot.x, dot.y, dot.radius, 0, Math.PI * 2);
        ctx.closePath();
        ctx.fillStyle = cssColor(dot.fillColor, dot.fillAlpha);
        ctx.fill();
        ctx.strokeStyle = cssColor(dot.strokeColor, dot.strokeAlpha);
        ctx.lineWidth = dot.lineWidth;
        ctx.stroke();
      }
      const { image } = count;
      if (image.width > 0 && image.height > 0) ctx.drawImage(image.texture.getSourceImage() as CanvasImageSource, image.x - image.displayOriginX, image.y - image.displayOriginY, image.width, image.height);
    },
  };
}

/** A note's paper: hidden (a secret proposal), pushed by a twist, or plain. */
const paperOf = (item: { hidden?: boolean; twistId?: string | null }): number => (item.hidden ? COLORS.noteHidden : item.twistId ? 0xffe0cc : COLORS.note);

function countUp(p: Painter, frame: Frame, flights: { x: number; y: number; count: Label; total: number; dots: Phaser.GameObjects.Arc[]; row: NoteRow }[]): void {
  const { labels } = frame;
  if (!p.animate) {
    // Calm version: counts and dots fade in together, one sound.
    for (const f of flights) {
      f.count.image.setAlpha(0);
      p.scene.tweens.add({ targets: [f.count.image, ...f.dots], alpha: { from: 0, to: 1 }, duration: 400 });
    }
    p.sound('reveal');
    return;
  }
  const totalDots = flights.reduce((n, f) => n + f.total, 0);
  const step = Math.max(18, Math.min(90, 2600 / Math.max(1, totalDots)));
  const origin = { x: p.geo.body.x + p.geo.body.w / 2, y: p.geo.body.y + p.geo.body.h + p.geo.margin };
  // One schedule, fewest dots first: when each dot leaves, where it lands, and what its landing does.
  const plan: (DotPlan & { dot: Phaser.GameObjects.Arc | null })[] = [];
  let delay = 350;
  let lastSound = -Infinity;
  let r = 0;
  for (const f of [...flights].reverse()) {
    let landed = 0;
    for (let d = 0; d < f.total; d++) {
      // A dot past the drawn row still counts.
      const dot = f.dots[d] ?? null;
      const at = delay;
      if (dot) r = dot.radius;
      dot?.setAlpha(0);
      plan.push({
        dot,
        to: dot ? { x: f.x + dot.x, y: f.y + dot.y } : null,
        delayMs: at,
        row: f.row,
        prepare: () => f.count.warm(labels.dotsWord(d + 1)),
        land: () => {
          dot?.setAlpha(1);
          landed += 1;
          f.count.set(labels.dotsWord(landed));
          if (at - lastSound >= 70) {
            lastSound = at;
            p.sound('drop');
          }
        },
      });
      delay += step;
    }
    delay += step * 2;
  }
  // The closing sound, as a flight with nowhere to land.
  plan.push({ dot: null, to: null, delayMs: delay + 500 - FLIGHT_MS, row: null, land: () => p.sound('vote-done') });
  // Over the table (dotsFly.ts): the table is drawn when the last dot has landed, not on every frame of a flight.
  if (p.flyDots(origin, r, plan)) return;
  // Where that cannot be, the table animates the same schedule itself.
  for (const f of plan) {
    if (f.dot && f.to) {
      const { x, y } = f.dot;
      f.dot.setPosition(x - f.to.x + origin.x, y - f.to.y + origin.y);
      p.scene.tweens.add({ targets: f.dot, x, y, alpha: 1, duration: FLIGHT_MS, delay: f.delayMs, ease: 'Cubic.easeOut' });
    }
    p.scene.tweens.addCounter({ from: 0, to: 1, duration: 1, delay: f.delayMs + FLIGHT_MS, onComplete: f.land });
  }
}

export function drawBallotBox(p: Painter, frame: Frame): void {
  const { view, labels } = frame;
  const ballot = view.ballot;
  const body = p.geo.body;
  const { small, display } = p.geo.type;
  const w = Math.min(body.w * 0.8, small * 22);
  const h = Math.min(body.h * 0.62, w * 0.66);
  const cx = body.x + body.w / 2;
  const cy = body.y + h / 2 + body.h * 0.06;
  const box = p.scene.add.container(cx, cy);
  box.setName('ballot-box');
  const g = p.scene.add.graphics();
  g.fillStyle(0x000000, 0.1).fillRoundedRect(-w / 2 + 8, -h / 2 + 10, w, h, 28);
  g.fillStyle(COLORS.deep, 1).fillRoundedRect(-w / 2, -h / 2, w, h, 28);
  g.fillStyle(0x1b343d, 1).fillRoundedRect(-w * 0.3, -h / 2 + h * 0.09, w * 0.6, h * 0.07, h * 0.035);
  // A padlock: the ballot is secret.
  const u = h / 320;
  g.lineStyle(10 * u, COLORS.sand, 1).beginPath().arc(0, -62 * u, 26 * u, Math.PI, 0, false).strokePath();
  g.fillStyle(COLORS.sun, 1).fillRoundedRect(-40 * u, -62 * u, 80 * u, 62 * u, 10 * u);
  g.fillStyle(COLORS.deep, 1).fillCircle(0, -38 * u, 9 * u).fillRect(-4 * u, -38 * u, 8 * u, 20 * u);
  const who = p.text(0, h * 0.22, labels.heading, display, '#fdf6ec', { fontStyle: 'bold', align: 'center', wordWrap: { width: w * 0.9 }, maxLines: 2 }).setOrigin(0.5);
  box.add([g, who]);
  p.content.add(box);
  if (ballot) {
    const total = ballot.voters;
    const r = Math.max(8, Math.min(small * 0.55, (body.w * 0.9) / total / 2.8));
    const gap = r * 2.8;
    const startX = cx - ((total - 1) * gap) / 2;
    const seatY = cy + h / 2 + r * 2.4;
    const seats = p.scene.add.graphics();
    for (let i = 0; i < total; i++) {
      const done = i < ballot.finished;
      const now = i === ballot.finished;
      seats.fillStyle(done ? COLORS.teal : COLORS.cream, 1).fillCircle(startX + i * gap, seatY, now ? r * 1.2 : r);
      seats.lineStyle(Math.max(3, r * 0.3), now ? COLORS.coral : COLORS.grey, 1).strokeCircle(startX + i * gap, seatY, now ? r * 1.2 : r);
    }
    p.content.add(seats);
    p.content.add(p.text(cx, seatY + r * 2, labels.sub, small, '#5b6b70').setOrigin(0.5, 0));
  }
  if (p.animate) {
    box.setScale(0.92);
    p.scene.tweens.add({ targets: box, scale: 1, duration: 220, ease: 'Back.easeOut' });
  }
}

export function drawCheckIn(p: Painter, frame: Frame): void {
  const { view, lang, labels } = frame;
  const picks = view.checkIn.picks;
  if (picks.length === 0) return;
  const grid = noteGrid(p.geo.body, picks.length, p.geo.type, 1);
  picks.forEach((id, i) => {
    const cell = grid.cells[i] as Rect;
    const card = view.checkIn.cards.find((c) => c.id === id);
    const c = p.scene.add.container(cell.x, cell.y);
    const g = p.scene.add.graphics();
    g.fillStyle(0xffffff, 1).fillRoundedRect(0, 0, cell.w, cell.h, 16);
    g.lineStyle(3, COLORS.sand, 1).strokeRoundedRect(0, 0, cell.w, cell.h, 16);
    const name = p.text(grid.pad, grid.pad, labels.playerNames[i] ?? '', grid.font, '#1f7a70', { fontStyle: 'bold', fixedWidth: cell.w - grid.pad * 2 });
    const prompt = p.text(grid.pad, grid.pad + grid.font * LINE, shorten(card?.prompt[lang] ?? '', grid.chars), grid.font, '#2f3b3f', { wordWrap: { width: cell.w - grid.pad * 2 }, maxLines: grid.lines });
    c.add([g, name, prompt]);
    p.content.add(c);
    if (i === picks.length - 1 && p.animate) {
      c.setAlpha(0);
      p.scene.tweens.add({ targets: c, alpha: 1, duration: 300 });
    }
  });
}

/** The top three rise one by one after a short pause, third place first; calm: they fade in together. */
export function drawPodium(p: Painter, frame: Frame): void {
  const { view, labels } = frame;
  const items = (view.topThree ?? []).slice(0, 3);
  const { small, display, body } = p.geo.type;
  const spots = podium(p.geo.body, p.geo.type);
  items.forEach((item, i) => {
    const spot = spots[i] as Rect;
    const c = p.scene.add.container(spot.x, spot.y);
    const g = p.scene.add.graphics();
    g.fillStyle(0x000000, 0.1).fillRoundedRect(6, 8, spot.w, spot.h, 22);
    g.fillStyle(i === 0 ? COLORS.sun : i === 1 ? COLORS.sand : 0xf6e6c8, 1).fillRoundedRect(0, 0, spot.w, spot.h, 22);
    const pad = Math.round(small * 0.8);
    const rank = p.text(spot.w / 2, pad, labels.rankWord(item.rank), display, '#264653', { fontStyle: 'bold' }).setOrigin(0.5, 0);
    const dots = p.text(spot.w / 2, spot.h - pad, labels.dotsWord(item.dots), body, '#8f3a26', { fontStyle: 'bold' }).setOrigin(0.5, 1);
    const textTop = pad + rank.height + small * 0.5;
    const room = spot.h - textTop - dots.height - pad * 2;
    const font = room / (body * LINE) >= 3 ? body : small;
    const lines = Math.max(1, Math.floor(room / (font * LINE)));
    const text = p.text(spot.w / 2, textTop, shorten(oneLine(item.proposal), lines * charsPerLine(spot.w - pad * 2, font)), font, '#1d2a2e', {
      wordWrap: { width: spot.w - pad * 2 },
      align: 'center',
      maxLines: lines,
    }).setOrigin(0.5, 0);
    c.add([g, rank, text, dots]);
    p.content.add(c);
    if (p.animate) {
      c.setAlpha(0).setY(spot.y + small * 3);
      const delay = 700 + (2 - i) * 650;
      p.scene.tweens.add({ targets: c, alpha: 1, y: spot.y, duration: 520, delay, ease: 'Back.easeOut', onStart: () => p.sound(i === 0 ? 'reveal' : 'drop') });
    } else {
      c.setAlpha(0);
      p.scene.tweens.add({ targets: c, alpha: 1, duration: 400 });
    }
  });
}
