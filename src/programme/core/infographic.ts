/**
 * The infographic of one round as drawing operations on an A4 page (points, origin top left): laid out once,
 * then drawn on a canvas (PNG) and written as a PDF. Legible in black and white: black text on white, bars
 * told apart by tone and hatching as well as colour, decisions by a symbol and a word. Pure: texts arrive
 * translated, so this runs in Node for the tests.
 */
import { type FontSpec, textWidth, wrap } from './metrics.ts';
import type { Decision } from './history.ts';

export const PAGE = { width: 595.28, height: 841.89 } as const;
const M = 36;
const CW = PAGE.width - 2 * M;

export type RGB = readonly [number, number, number];
export const INK: RGB = [0.1, 0.14, 0.16];
export const MUTED: RGB = [0.3, 0.34, 0.36];
export const TEAL: RGB = [0.12, 0.48, 0.44];
export const CORAL: RGB = [0.71, 0.32, 0.23];
export const NEUTRAL: RGB = [0.85, 0.83, 0.78];
export const WHITE: RGB = [1, 1, 1];
export const PALE: RGB = [0.99, 0.97, 0.92];

export type Op =
  | { readonly kind: 'text'; readonly x: number; readonly y: number; readonly text: string; readonly size: number; readonly bold: boolean; readonly color: RGB }
  | { readonly kind: 'rect'; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly fill: RGB | null; readonly stroke: RGB | null; readonly lineWidth: number; readonly hatch?: boolean }
  | { readonly kind: 'line'; readonly points: readonly (readonly [number, number])[]; readonly color: RGB; readonly width: number }
  | { readonly kind: 'circle'; readonly cx: number; readonly cy: number; readonly r: number; readonly fill: RGB | null; readonly stroke: RGB | null; readonly lineWidth: number };

export interface InfoStatement {
  readonly text: string;
  readonly concerned: number;
  readonly neutral: number;
  readonly reassured: number;
  /** "50% zorg" */
  readonly label: string;
}

export interface InfoItem {
  readonly rank: number;
  readonly text: string;
  /** Already prefixed ("Wij vragen: …"); empty to leave out. */
  readonly ask: string;
  readonly ourselves: string;
  readonly decision: Decision | null;
  readonly decisionLabel: string;
  /** The executive's note, prefixed; empty to leave out. */
  readonly note: string;
}

export interface InfoAction {
  readonly text: string;
  readonly owner: string;
  readonly date: string;
  readonly decision: string;
  /** "How will we know it worked?", prefixed; empty or absent to leave out. */
  readonly indicator?: string;
  /** When the team checks it, prefixed; empty or absent to leave out. */
  readonly checkDate?: string;
}

export interface InfoNudges {
  readonly action: string;
  readonly nudges: readonly string[];
}

export interface InfographicData {
  readonly eyebrow: string;
  readonly heading: string;
  readonly subtitle: string;
  readonly pollTitle: string;
  readonly pollNote: string;
  readonly statements: readonly InfoStatement[];
  /** Shown instead of statements when there are none to show. */
  readonly pollEmpty: string;
  readonly legend: readonly [string, string, string];
  readonly topTitle: string;
  readonly items: readonly InfoItem[];
  readonly topEmpty: string;
  readonly actionsTitle: string;
  readonly columns: readonly [string, string, string, string];
  readonly actions: readonly InfoAction[];
  readonly actionsEmpty: string;
  readonly nudgesTitle: string;
  readonly nudges: readonly InfoNudges[];
  readonly nudgesEmpty: string;
  readonly footerLeft: string;
  readonly footerRight: string;
}

interface Density {
  readonly statements: number;
  readonly statementLines: number;
  readonly itemLines: number;
  readonly subLines: number;
  readonly actionLines: number;
  readonly nudgeLines: number;
}

const DENSITIES: readonly Density[] = [
  { statements: 5, statementLines: 2, itemLines: 3, subLines: 2, actionLines: 2, nudgeLines: 2 },
  { statements: 4, statementLines: 2, itemLines: 2, subLines: 2, actionLines: 2, nudgeLines: 2 },
  { statements: 4, statementLines: 2, itemLines: 2, subLines: 1, actionLines: 1, nudgeLines: 2 },
  { statements: 3, statementLines: 1, itemLines: 2, subLines: 1, actionLines: 1, nudgeLines: 1 },
];

const font = (size: number, bold = false): FontSpec => ({ size, bold });

class Page {
  readonly ops: Op[] = [];
  y = M;

  text(x: number, y: number, text: string, size: number, bold = false, color: RGB = INK): void {
    if (text) this.ops.push({ kind: 'text', x, y, text, size, bold, color });
  }

  /** Wrapped lines from the current y (top of the first line); returns the lines' height. */
  lines(x: number, y: number, text: string, size: number, width: number, maxLines: number, bold = false, color: RGB = INK, leading = 1.25): number {
    const lines = wrap(text, font(size, bold), width, maxLines);
    lines.forEach((line, i) => this.text(x, y + size + i * size * leading, line, size, bold, color));
    return lines.length * size * leading;
  }

  rect(x: number, y: number, w: number, h: number, fill: RGB | null, stroke: RGB | null = null, lineWidth = 1, hatch = false): void {
    this.ops.push({ kind: 'rect', x, y, w, h, fill, stroke, lineWidth, hatch });
  }

  line(points: readonly (readonly [number, number])[], color: RGB = INK, width = 1): void {
    this.ops.push({ kind: 'line', points, color, width });
  }

  section(title: string, note = ''): void {
    this.y += 14;
    this.rect(M, this.y + 1, 5, 13, TEAL);
    this.text(M + 11, this.y + 12, title, 13, true);
    if (note) {
      const w = textWidth(note, font(8.5));
      this.text(M + CW - w, this.y + 12, note, 8.5, false, MUTED);
    }
    this.y += 22;
  }
}

/** The decision's symbol, drawn (no font needed): a tick, a clock, a cross, or an empty circle. */
function symbol(page: Page, decision: Decision | null, cx: number, cy: number): void {
  const r = 7;
  if (decision === 'now') {
    page.line([[cx - r * 0.7, cy], [cx - r * 0.15, cy + r * 0.6], [cx + r * 0.8, cy - r * 0.6]], INK, 2.2);
  } else if (decision === 'later') {
    page.ops.push({ kind: 'circle', cx, cy, r, fill: null, stroke: INK, lineWidth: 1.6 });
    page.line([[cx, cy - r * 0.65], [cx, cy], [cx + r * 0.55, cy + r * 0.3]], INK, 1.6);
  } else if (decision === 'not-now') {
    page.line([[cx - r * 0.65, cy - r * 0.65], [cx + r * 0.65, cy + r * 0.65]], INK, 2.2);
    page.line([[cx - r * 0.65, cy + r * 0.65], [cx + r * 0.65, cy - r * 0.65]], INK, 2.2);
  } else {
    page.ops.push({ kind: 'circle', cx, cy, r, fill: null, stroke: MUTED, lineWidth: 1 });
  }
}

function bar(page: Page, x: number, y: number, w: number, h: number, s: InfoStatement): void {
  const parts: [number, RGB, boolean][] = [
    [s.concerned, CORAL, true],
    [s.neutral, NEUTRAL, false],
    [s.reassured, WHITE, false],
  ];
  let at = x;
  for (const [pct, fill, hatch] of parts) {
    if (pct <= 0) continue;
    const sw = (w * pct) / 100;
    page.rect(at, y, sw, h, fill, null, 0, hatch);
    at += sw;
    if (at < x + w - 0.5) page.line([[at, y], [at, y + h]], INK, 0.6);
  }
  page.rect(x, y, w, h, null, INK, 0.9);
}

function layoutWith(data: InfographicData, d: Density): { ops: Op[]; bottom: number } {
  const page = new Page();
  // Header
  page.text(M, page.y + 8, data.eyebrow.toUpperCase(), 8, true, TEAL);
  page.y += 12;
  page.y += page.lines(M, page.y, data.heading, 20, CW, 2, true, INK, 1.15);
  page.y += 3;
  page.y += page.lines(M, page.y, data.subtitle, 10, CW, 1, false, MUTED);
  page.y += 6;
  page.line([[M, page.y], [M + CW, page.y]], INK, 2);

  // Poll
  page.section(data.pollTitle, data.pollNote);
  const statements = data.statements.slice(0, d.statements);
  if (statements.length === 0) {
    page.y += page.lines(M, page.y, data.pollEmpty, 9.5, CW, 2, false, MUTED);
  } else {
    const textW = 282;
    const barX = M + textW + 10;
    const barW = 168;
    for (const s of statements) {
      const top = page.y;
      const h = page.lines(M, top, s.text, 9.5, textW, d.statementLines);
      bar(page, barX, top + 1, barW, 12, s);
      page.text(barX + barW + 6, top + 10.5, s.label, 8.5, true);
      page.y = top + Math.max(h, 14) + 6;
    }
    // Legend: the three tones, with words.
    const keys: [RGB, boolean, string][] = [
      [CORAL, true, data.legend[0]],
      [NEUTRAL, false, data.legend[1]],
      [WHITE, false, data.legend[2]],
    ];
    let x = M;
    for (const [fill, hatch, label] of keys) {
      page.rect(x, page.y, 16, 9, fill, INK, 0.8, hatch);
      page.text(x + 21, page.y + 8, label, 8, false, MUTED);
      x += 21 + textWidth(label, font(8)) + 14;
    }
    page.y += 12;
  }

  // Top three with the executive's answers
  page.section(data.topTitle);
  if (data.items.length === 0) page.y += page.lines(M, page.y, data.topEmpty, 9.5, CW, 2, false, MUTED);
  for (const item of data.items.slice(0, 3)) {
    const top = page.y;
    const pad = 8;
    const stampW = 100;
    const contentX = M + pad + 32;
    const contentW = CW - 2 * pad - 32 - stampW - 10;
    // Measure first (to draw the box behind), then draw.
    const measure = new Page();
    let h = measure.lines(0, 0, item.text, 11, contentW, d.itemLines, true, INK, 1.2);
    if (item.ask) h += 3 + measure.lines(0, 0, item.ask, 9, contentW, d.subLines);
    if (item.ourselves) h += 2 + measure.lines(0, 0, item.ourselves, 9, contentW, d.subLines);
    if (item.note) h += 3 + measure.lines(0, 0, item.note, 8.5, contentW, d.subLines);
    const boxH = Math.max(h, 44) + 2 * pad;
    page.rect(M, top, CW, boxH, PALE, INK, 0.8);
    page.ops.push({ kind: 'circle', cx: M + pad + 13, cy: top + pad + 13, r: 13, fill: INK, stroke: null, lineWidth: 0 });
    const rank = String(item.rank);
    page.text(M + pad + 13 - textWidth(rank, font(14, true)) / 2, top + pad + 18, rank, 14, true, WHITE);
    let y = top + pad;
    y += page.lines(contentX, y, item.text, 11, contentW, d.itemLines, true, INK, 1.2);
    if (item.ask) y += 3 + page.lines(contentX, y + 3, item.ask, 9, contentW, d.subLines);
    if (item.ourselves) y += 2 + page.lines(contentX, y + 2, item.ourselves, 9, contentW, d.subLines);
    if (item.note) page.lines(contentX, y + 3, item.note, 8.5, contentW, d.subLines, false, MUTED);
    // The stamp: symbol and word, boxed; a missing decision is dashed-light.
    const sx = M + CW - pad - stampW;
    const sy = top + pad;
    page.rect(sx, sy, stampW, 40, WHITE, item.decision ? INK : MUTED, item.decision ? 1.6 : 0.8);
    symbol(page, item.decision, sx + 16, sy + 20);
    const labelLines = wrap(item.decisionLabel.toUpperCase(), font(item.decision ? 11 : 7.5, true), stampW - 36, 2);
    const size = item.decision ? 11 : 7.5;
    labelLines.forEach((line, i) => page.text(sx + 30, sy + 20 + size / 2.8 - ((labelLines.length - 1) * size * 1.15) / 2 + i * size * 1.15, line, size, true, item.decision ? INK : MUTED));
    page.y = top + boxH + 6;
  }

  // Actions: owner and date
  page.section(data.actionsTitle);
  if (data.actions.length === 0) page.y += page.lines(M, page.y, data.actionsEmpty, 9.5, CW, 2, false, MUTED);
  else {
    const cols = [0, 300, 395, 465];
    const widths = [290, 90, 66, CW - 465];
    data.columns.forEach((c, i) => page.text(M + (cols[i] ?? 0), page.y + 8.5, c, 8.5, true, MUTED));
    page.y += 12;
    page.line([[M, page.y], [M + CW, page.y]], INK, 0.8);
    for (const a of data.actions.slice(0, 3)) {
      const top = page.y + 4;
      const cells = [a.text, a.owner, a.date, a.decision];
      let h = 0;
      cells.forEach((c, i) => (h = Math.max(h, page.lines(M + (cols[i] ?? 0), top, c, 9, widths[i] ?? 60, d.actionLines, i === 0))));
      // Under the row: how the team will know it worked, and when it looks.
      const indicator = [a.indicator, a.checkDate].filter(Boolean).join(' · ');
      if (indicator) h += 2 + page.lines(M + 10, top + h + 2, indicator, 8.5, CW - 10, d.actionLines, false, MUTED);
      page.y = top + h + 4;
      page.line([[M, page.y], [M + CW, page.y]], MUTED, 0.4);
    }
  }

  // Nudges
  page.section(data.nudgesTitle);
  const withNudges = data.nudges.filter((n) => n.nudges.length > 0);
  if (withNudges.length === 0) page.y += page.lines(M, page.y, data.nudgesEmpty, 9.5, CW, 2, false, MUTED);
  for (const n of withNudges.slice(0, 3)) {
    page.y += page.lines(M, page.y, n.action, 9, CW, 1, true);
    page.y += page.lines(M + 10, page.y + 1, n.nudges.join('  ·  '), 9, CW - 10, d.nudgeLines) + 5;
  }

  // Footer, on the bottom margin
  const fy = PAGE.height - M;
  page.line([[M, fy - 16], [M + CW, fy - 16]], INK, 1);
  page.text(M, fy - 3, wrap(data.footerLeft, font(10, true), CW * 0.55, 1)[0] ?? '', 10, true);
  const right = wrap(data.footerRight, font(8), CW * 0.42, 1)[0] ?? '';
  page.text(M + CW - textWidth(right, font(8)), fy - 3, right, 8, false, MUTED);
  return { ops: page.ops, bottom: page.y };
}

/** The page's operations, as dense as needed to fit everything above the footer. */
export function layoutInfographic(data: InfographicData): Op[] {
  const limit = PAGE.height - M - 24;
  let last: Op[] = [];
  for (const density of DENSITIES) {
    const { ops, bottom } = layoutWith(data, density);
    last = ops;
    if (bottom <= limit) return ops;
  }
  return last;
}
