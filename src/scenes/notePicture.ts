/**
 * A note on the proposing table drawn once into a canvas of its own (its paper and its text) and shown as one
 * image. The table's canvas is drawn whole whenever anything on it changes; with 30 notes, drawing each as a
 * Graphics and a Text (a transform, a blend mode and a path or an image each) made that the longest frame of a
 * new proposal. One image per note is a single drawImage, and the same picture is what pops in (popIn.ts).
 *
 * The picture is painted at the note's sub-pixel offset and drawn on whole pixels, so the paper's edges and the
 * text come out exactly as when the table drew them at the note's fractional place.
 */
import type Phaser from 'phaser';
import { type Paper, paintPaper } from './notePaper.ts';
import { shownInPicture } from './measure.ts';

export interface NotePicture {
  readonly image: Phaser.GameObjects.Image;
  readonly canvas: HTMLCanvasElement;
  /** Paints the note at the sub-pixel offset (0 <= fx, fy < 1) of where it lands; only when the offset changes. */
  offset(fx: number, fy: number): void;
}

let made = 0;

/** The room a note's shadow needs right and below, and a pixel for the sub-pixel offset. */
export const pictureSize = (w: number, h: number): { w: number; h: number } => ({ w: Math.ceil(w + 6), h: Math.ceil(h + 6) });

/**
 * Makes the picture of `paper` with `text` on it (the Text stays as it is, hidden, for the stage's text
 * measure). Its texture goes when the image is destroyed.
 */
export function notePicture(scene: Phaser.Scene, paper: Paper, text: Phaser.GameObjects.Text): NotePicture {
  const canvas = document.createElement('canvas');
  const size = pictureSize(paper.w, paper.h);
  canvas.width = size.w;
  canvas.height = size.h;
  const key = `note-picture-${++made}`;
  scene.textures.addCanvas(key, canvas);
  const image = scene.add.image(0, 0, key).setOrigin(0, 0);
  image.once('destroy', () => scene.textures.remove(key));
  text.setVisible(false);
  shownInPicture.add(text);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  let at = '';
  return {
    image,
    canvas,
    offset(fx, fy) {
      const key = `${fx},${fy}`;
      if (!ctx || key === at) return;
      at = key;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.translate(fx, fy);
      paintPaper(ctx, paper);
      if (text.width > 0 && text.height > 0) ctx.drawImage(text.canvas, text.x, text.y, text.width, text.height);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
    },
  };
}
