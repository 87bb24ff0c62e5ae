/**
 * The results' reveal: each dot flies from the bottom of the stage onto its note as a small element laid over
 * the table and animated by the browser's compositor. The table's canvas is drawn only when a dot lands (its
 * count goes up), not on every frame of a flight: drawn on every frame, the whole table (12 notes, their
 * texts and dots, the chrome) was drawn 60 times a second for four seconds for a few moving dots.
 *
 * A landed dot stays on its element until the table has drawn it (the caller removes it then), so nothing
 * blinks. Timing and easing are the table's own (Cubic.easeOut, 420 ms per dot).
 */

/** How the table's canvas sits in the stage: CSS pixels per game pixel and its offset (CSS pixels). */
export interface CanvasPlace {
  readonly ratio: number;
  readonly left: number;
  readonly top: number;
}

export interface DotFlight {
  /** The dot's centre on the table (game pixels); null for a dot that is only counted (no room on its note). */
  readonly to: { readonly x: number; readonly y: number } | null;
  /** When it leaves, from now (ms). */
  readonly delayMs: number;
  /** It has landed; `remove` takes its element away (call it once the table shows the dot). */
  landed(remove: () => void): void;
}

export interface Flights {
  /** Ends every flight at once (the table is drawn anew): the elements go, nothing more lands. */
  cancel(): void;
}

export const FLIGHT_MS = 420;
/** Phaser's `Cubic.easeOut` as a CSS timing function. */
const CUBIC_OUT = 'cubic-bezier(0.33, 1, 0.68, 1)';

/** Dots of radius `r` (game pixels) with a white 2 px ring, in `color` (CSS), as the table draws them. */
export function flyDots(table: HTMLCanvasElement, place: CanvasPlace, from: { x: number; y: number }, r: number, color: string, flights: readonly DotFlight[]): Flights | null {
  const stage = table.parentElement;
  if (!stage || typeof document.createElement('div').animate !== 'function') return null;
  const { ratio, left, top } = place;
  // The ring is centred on the dot's edge (2 px wide): the element reaches 1 px past the radius.
  const size = (r + 1) * 2 * ratio;
  const elements: HTMLElement[] = [];
  const animations: Animation[] = [];
  const timers: ReturnType<typeof setTimeout>[] = [];
  let over = false;
  const fragment = document.createDocumentFragment();
  for (const flight of flights) {
    const to = flight.to;
    if (!to) {
      timers.push(setTimeout(() => over || flight.landed(() => {}), flight.delayMs + FLIGHT_MS));
      continue;
    }
    const el = document.createElement('div');
    el.className = 'stage-dot';
    el.setAttribute('aria-hidden', 'true');
    Object.assign(el.style, {
      position: 'absolute',
      left: `${left + (to.x - r - 1) * ratio}px`,
      top: `${top + (to.y - r - 1) * ratio}px`,
      width: `${size}px`,
      height: `${size}px`,
      boxSizing: 'border-box',
      borderRadius: '50%',
      border: `${2 * ratio}px solid #fff`,
      background: color,
      pointerEvents: 'none',
      opacity: '0',
    });
    fragment.append(el);
    elements.push(el);
    const dx = (from.x - to.x) * ratio;
    const dy = (from.y - to.y) * ratio;
    const animation = el.animate([{ transform: `translate(${dx}px, ${dy}px)`, opacity: 0 }, { transform: 'translate(0, 0)', opacity: 1 }], {
      duration: FLIGHT_MS,
      delay: flight.delayMs,
      easing: CUBIC_OUT,
      fill: 'forwards',
    });
    animations.push(animation);
    animation.onfinish = () => {
      if (!over) flight.landed(() => el.remove());
    };
  }
  stage.append(fragment);
  return {
    cancel: () => {
      over = true;
      for (const timer of timers) clearTimeout(timer);
      for (const animation of animations) animation.cancel();
      for (const el of elements) el.remove();
    },
  };
}
