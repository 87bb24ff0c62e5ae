/**
 * The stage's layout, as pure maths: every step is laid out for the size the stage has (CSS pixels), not
 * scaled from a fixed world. Text sizes grow with the stage and never drop below what a room can read
 * (18 px on a tablet, about 32 px on a TV); many proposals get more columns and shorter snippets (the full
 * text is in the DOM panel). No Phaser here, so tests can check that nothing overlaps and text is large enough.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface TypeScale {
  /** The smallest text the stage draws: labels, note text on a full table, dot counts. */
  readonly small: number;
  /** Running text: the situation, the questions, notes when there are few. */
  readonly body: number;
  /** Card titles and the step's heading. */
  readonly title: number;
  /** The top three and the voter in turn. */
  readonly display: number;
  /** Line height as a factor of the font size (Phaser's text adds no leading of its own beyond this). */
  readonly line: number;
}

/** Never smaller than this, whatever the stage: a tablet read from arm's length and a little more. */
export const MIN_TEXT_PX = 18;
const MAX_TEXT_PX = 44;
/** Average glyph width of the system sans-serif as a share of the font size; erring wide keeps lines short. */
export const GLYPH_WIDTH = 0.56;
export const LINE = 1.28;

/**
 * Type sizes for a stage of w×h CSS pixels, growing with the smaller of its two proportions: the stage of a
 * 1920×1080 screen (about 1460×1000) gives 32 px, of 1280×720 (about 970×650) 22 px, of a tablet 18 px.
 */
export function typeScale(w: number, h: number): TypeScale {
  const small = Math.floor(Math.max(MIN_TEXT_PX, Math.min(MAX_TEXT_PX, 3.8 + 0.0287 * h, 2.6 + 0.0205 * w)));
  return { small, body: Math.round(small * 1.2), title: Math.round(small * 1.45), display: Math.round(small * 1.3), line: LINE };
}

export interface StageFrame {
  readonly type: TypeScale;
  readonly margin: number;
  /** The progress line through the session, with its labels under the dots. */
  readonly progress: { readonly y: number; readonly left: number; readonly right: number; readonly dot: number };
  /** The step's heading line (heading · sub). */
  readonly heading: Rect;
  readonly timer: { readonly x: number; readonly y: number; readonly r: number };
  /** What is left for the step's content. */
  readonly body: Rect;
}

export function stageFrame(w: number, h: number): StageFrame {
  const type = typeScale(w, h);
  const s = type.small;
  const margin = Math.round(Math.max(12, Math.min(w, h) * 0.025));
  const r = Math.round(s * 1.7);
  const timer = { x: w - margin - r, y: margin + r, r };
  const dot = Math.round(s * 0.38);
  const progressY = margin + dot;
  const progress = { y: progressY, left: margin + s * 1.2, right: timer.x - r - s * 3.2, dot };
  const headingY = progressY + dot + s * LINE + s * 0.35;
  const heading = { x: margin, y: headingY, w: timer.x - r - margin * 2, h: type.title * LINE };
  const top = Math.max(heading.y + heading.h, timer.y + r) + margin * 0.8;
  return { type, margin, progress, heading, timer, body: { x: margin, y: top, w: w - margin * 2, h: h - top - margin } };
}

/** How many characters fit on one line of `width` px at `font` px, conservatively. */
export function charsPerLine(width: number, font: number): number {
  return Math.max(1, Math.floor(width / (font * GLYPH_WIDTH)));
}

/** Shortens text to at most `max` characters, at a word boundary where one is near, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, Math.max(1, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export interface NoteGrid {
  readonly cols: number;
  readonly rows: number;
  readonly gap: number;
  readonly pad: number;
  /** Font size of the note's text. */
  readonly font: number;
  /** Lines of proposal text per note. */
  readonly lines: number;
  /** Characters per note the snippet may have (lines × characters per line). */
  readonly chars: number;
  /** One rectangle per note, in reading order (row by row). */
  readonly cells: readonly Rect[];
}

/**
 * Places `count` notes in `area`: the largest font (body, else small) and the column count that give each
 * note the most readable text. `extraLines` reserves lines under the text (the dots and their count).
 * Cells never overlap; text is shortened to `chars` so it never runs out of its note.
 */
export function noteGrid(area: Rect, count: number, type: TypeScale, extraLines = 0): NoteGrid {
  const n = Math.max(1, count);
  const gap = Math.round(type.small * 0.5);
  // The larger font when it leaves each note room for a usual proposal (60 characters), else the smallest.
  for (const font of [type.body, type.small]) {
    let best: (NoteGrid & { score: number }) | null = null;
    const pad = Math.round(font * 0.45);
    const lh = font * LINE;
    for (let cols = 1; cols <= n; cols++) {
      const rows = Math.ceil(n / cols);
      const w = (area.w - gap * (cols - 1)) / cols;
      const h = Math.min((area.h - gap * (rows - 1)) / rows, lh * (4 + extraLines) + pad * 2 + font * 0.4);
      const perLine = charsPerLine(w - pad * 2, font);
      const lines = Math.min(4, Math.floor((h - pad * 2 - font * 0.4 - extraLines * lh) / lh));
      // Under about 10 characters a line, Dutch compounds ("vergaderingen") no longer fit and break mid-word.
      if (lines < 1 || perLine < 10) continue;
      const chars = lines * perLine;
      // Enough for most proposals (about 90 characters) is as good as more; then longer lines read better.
      const score = Math.min(chars, 90) + Math.min(perLine, 30) * 0.2;
      if (!best || score > best.score) {
        const cells: Rect[] = [];
        for (let i = 0; i < n; i++) {
          const c = i % cols;
          const r = Math.floor(i / cols);
          cells.push({ x: area.x + c * (w + gap), y: area.y + r * (h + gap), w, h });
        }
        best = { cols, rows, gap, pad, font, lines, chars, cells: cells.slice(0, count), score };
      }
    }
    if (best && (best.chars >= 60 || font === type.small)) {
      const { score: _score, ...grid } = best;
      return grid;
    }
  }
  // A stage too small for any readable note: one line each at the smallest size, as many columns as needed.
  const font = type.small;
  const rows = Math.max(1, Math.floor((area.h + gap) / (font * LINE * (1 + extraLines) + gap + font * 0.8)));
  const cols = Math.ceil(n / rows);
  const w = (area.w - gap * (cols - 1)) / cols;
  const h = (area.h - gap * (rows - 1)) / rows;
  const cells = Array.from({ length: count }, (_, i) => ({ x: area.x + Math.floor(i / rows) * (w + gap), y: area.y + (i % rows) * (h + gap), w, h }));
  return { cols, rows, gap, pad: Math.round(font * 0.4), font, lines: 1, chars: charsPerLine(w - font * 0.8, font), cells };
}

/**
 * The propose step: the card beside the notes while there are few, a narrower column as the table fills, and
 * no card once there are more than 12 (the notes need the room; the card stays in the panel).
 */
export function proposeAreas(body: Rect, count: number, type: TypeScale): { card: Rect | null; notes: Rect } {
  if (count > 12) return { card: null, notes: body };
  const share = count <= 6 ? 0.4 : 0.3;
  const cardW = Math.max(type.small * 9, Math.round(body.w * share));
  const gap = Math.round(type.small * 0.8);
  return { card: { x: body.x, y: body.y, w: cardW, h: body.h }, notes: { x: body.x + cardW + gap, y: body.y, w: body.w - cardW - gap, h: body.h } };
}

/** Three podium places in `area`: first in the middle and highest, second left, third right. */
export function podium(full: Rect, type: TypeScale): Rect[] {
  // Tall enough for the rank, a few lines and the dots; not the whole stage, which would leave them empty.
  const h = Math.min(full.h, type.small * 16);
  const area = { ...full, y: full.y + (full.h - h) / 2, h };
  const gap = Math.round(type.small);
  const w = (area.w - gap * 2) / 3;
  const heights = [area.h, area.h * 0.86, area.h * 0.76];
  const xs = [area.x + w + gap, area.x, area.x + (w + gap) * 2];
  return heights.map((h, i) => ({ x: xs[i] as number, y: area.y + area.h - h, w, h }));
}

/** True when two rectangles share any area (touching edges do not count). */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * The text as it fits in `maxLines` lines of a wrapped text: unchanged when it fits, else cut at a word with an
 * ellipsis on the last line. `wrap` is the drawing's own line breaking (Phaser measures the real glyphs), so a
 * note never ends in the middle of its text without showing that there is more.
 */
export function fitToLines(text: string, maxLines: number, wrap: (value: string) => readonly string[]): string {
  const lines = wrap(text);
  if (lines.length <= maxLines) return text;
  const ending = (value: string) => `${value.replace(/[\s,.;:!?…–-]+$/u, '')}…`;
  const fits = (value: string) => wrap(ending(value)).length <= maxLines;
  // What the visible lines hold, then fewer characters until the ellipsis fits too.
  let cut = text.slice(0, lines.slice(0, maxLines).join(' ').length).trimEnd();
  while (cut.length > 1 && !fits(cut)) cut = cut.slice(0, -1);
  // A whole word reads better than half of one, when that costs little.
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.6 && fits(cut.slice(0, space))) cut = cut.slice(0, space);
  return ending(cut);
}
