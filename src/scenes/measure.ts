/** The smallest text the stage draws right now, in CSS pixels, read from the drawn text objects. */
import type Phaser from 'phaser';

interface Node {
  readonly type?: string;
  readonly visible?: boolean;
  readonly alpha?: number;
  readonly scaleX?: number;
  readonly scaleY?: number;
  readonly list?: readonly Node[];
  readonly style?: { readonly fontSize?: string | number };
  readonly text?: string;
}

/** Texts painted into a picture (a note drawn once, notePicture.ts): hidden themselves, they show all the same. */
export const shownInPicture = new WeakSet<object>();

/**
 * Walks containers from `roots`; for every visible, non-empty text: its font size × the scale of it and its
 * parents × `cssPerGamePx` (the canvas's CSS size over its game size). Null when there is no text.
 */
export function minTextPx(roots: readonly Phaser.GameObjects.GameObject[], cssPerGamePx: number): number | null {
  let min = Infinity;
  const walk = (node: Node, scale: number): void => {
    if ((node.visible === false && !shownInPicture.has(node)) || node.alpha === 0) return;
    const s = scale * Math.min(Math.abs(node.scaleX ?? 1), Math.abs(node.scaleY ?? 1));
    if (node.type === 'Text') {
      const size = parseFloat(String(node.style?.fontSize ?? '0'));
      if (size > 0 && (node.text ?? '').trim() !== '') min = Math.min(min, size * s);
      return;
    }
    for (const child of node.list ?? []) walk(child, s);
  };
  for (const root of roots) walk(root as unknown as Node, cssPerGamePx);
  return Number.isFinite(min) ? Math.round(min * 10) / 10 : null;
}
