/**
 * A note's paper on the table: its shadow (only where it shows, right and below, so a frame blends a sliver
 * rather than a whole note), its colour and its level's strip. Drawn by Phaser on the table, and the same on a
 * plain canvas when the note pops in over the table (popIn.ts).
 */
import type Phaser from 'phaser';
import { cssColor } from './palette.ts';

export interface Paper {
  readonly w: number;
  readonly h: number;
  readonly strip: number;
  readonly fill: number;
  readonly stripColor: number;
}

const paperRects = (q: Paper): readonly (readonly [color: number, alpha: number, x: number, y: number, w: number, h: number])[] => [
  [0x000000, 0.1, q.w, 5, 4, q.h],
  [0x000000, 0.1, 4, q.h, q.w - 4, 5],
  [q.fill, 1, 0, 0, q.w, q.h],
  [q.stripColor, 1, 0, 0, q.w, q.strip],
];

export function drawPaper(g: Phaser.GameObjects.Graphics, q: Paper): void {
  for (const [color, alpha, x, y, w, h] of paperRects(q)) g.fillStyle(color, alpha).fillRect(x, y, w, h);
}

/** The same paper on a plain 2D canvas (a note popping in over the table, popIn.ts). */
export function paintPaper(ctx: CanvasRenderingContext2D, q: Paper): void {
  for (const [color, alpha, x, y, w, h] of paperRects(q)) {
    ctx.globalAlpha = alpha;
    ctx.fillStyle = cssColor(color);
    ctx.fillRect(x, y, w, h);
  }
  ctx.globalAlpha = 1;
}
