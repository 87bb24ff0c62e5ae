/**
 * A new note pops in as its own picture (a small canvas) laid over the table and animated by the browser's
 * compositor, while the table's canvas is drawn without the note; landed, the note stays over the table until
 * the table is drawn again anyway (it then draws the note in the same frame the picture leaves the page).
 * Animated in the table itself, the whole table (every note, the card, the chrome) would be drawn again on
 * every frame of the pop for one moving note: on a tablet that is where the frames went.
 */

/** Where the note lands, in the table's game pixels, and how the canvas sits in the stage. */
export interface PopPlace {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** CSS pixels per game pixel, and the canvas's offset in the stage (CSS pixels). */
  readonly ratio: number;
  readonly left: number;
  readonly top: number;
}

export interface Pop {
  /** Ends the pop at once (the table is drawn anew): the overlay goes. */
  cancel(): void;
}

const MS = 260;
/** Phaser's `Back.easeOut` as a CSS timing function: the note overshoots a little and settles. */
const BACK_OUT = 'cubic-bezier(0.34, 1.56, 0.64, 1)';

/**
 * Lays the note's own picture (`face`, the canvas the table draws the note from, notePicture.ts) over the
 * table at `place`, scales it in from 60% and fades it in; `landed` is called when it has (the table then
 * draws the note and calls `remove`, which takes the canvas out of the page; it stays the note's picture).
 * Shown as it is, the picture needs no canvas and no drawing of its own. Null where the browser cannot
 * animate an element: the caller animates as before.
 */
export function popOver(table: HTMLCanvasElement, place: PopPlace, face: HTMLCanvasElement, landed: (remove: () => void) => void): Pop | null {
  const stage = table.parentElement;
  const el = face;
  if (!stage || typeof el.animate !== 'function') return null;
  el.setAttribute('aria-hidden', 'true');
  el.className = 'stage-pop';
  Object.assign(el.style, {
    position: 'absolute',
    left: `${place.left + place.x * place.ratio}px`,
    top: `${place.top + place.y * place.ratio}px`,
    width: `${el.width * place.ratio}px`,
    height: `${el.height * place.ratio}px`,
    transformOrigin: '0 0',
    pointerEvents: 'none',
  });
  stage.append(el);
  const animation = el.animate([{ transform: 'scale(0.6)', opacity: 0 }, { transform: 'scale(1)', opacity: 1 }], { duration: MS, easing: BACK_OUT });
  let over = false;
  const remove = () => el.remove();
  animation.onfinish = () => {
    if (over) return;
    over = true;
    landed(remove);
  };
  return {
    cancel: () => {
      over = true;
      animation.cancel();
      remove();
    },
  };
}
