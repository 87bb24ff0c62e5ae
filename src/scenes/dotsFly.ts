/**
 * The results' reveal, played over the table: each dot flies from the bottom of the stage onto its note as a
 * small element animated by the browser's compositor, and each note's count is shown over the table while it
 * goes up. The table's canvas is not drawn at all until the last dot has landed: drawn on every landing, the
 * whole table (12 notes, their texts and dots, the chrome) was drawn 36 times in three seconds for one dot
 * and one number each time. When everything has landed the caller draws the table once (dots and counts as
 * they now are) and then `settle()` takes the elements away, so nothing blinks.
 *
 * A dot's element exists only from just before it leaves: an element with an animation waiting to start is a
 * layer of its own, and every frame pays for each layer. Timing and easing are the table's own
 * (Cubic.easeOut, 420 ms per dot).
 */

/** How the table's canvas sits in the stage: CSS pixels per game pixel and its offset (CSS pixels). */
export interface CanvasPlace {
  readonly ratio: number;
  readonly left: number;
  readonly top: number;
}

/** A count as the table draws it: its own pixels and where its box is on the table (game pixels), as it is now. */
export interface CountLabel {
  box(): { readonly canvas: HTMLCanvasElement; readonly x: number; readonly y: number; readonly w: number; readonly h: number };
}

export interface DotFlight {
  /** The dot's centre on the table (game pixels); null for a dot that is only counted (no room on its note). */
  readonly to: { readonly x: number; readonly y: number } | null;
  /** When it leaves, from now (ms). */
  readonly delayMs: number;
  /** The count that goes up when it lands; null for a flight that only marks a moment (the closing sound). */
  readonly count: CountLabel | null;
  /** It has landed: the caller updates what the table will show (its count's label first of all). */
  landed(): void;
}

export interface Flights {
  /** Ends every flight at once (the table is drawn anew): the elements go, nothing more lands. */
  cancel(): void;
  /** Takes the landed dots and the counts away (the table shows them now); flights still due go on. */
  settle(): void;
}

export const FLIGHT_MS = 420;
/** Phaser's `Cubic.easeOut` as a CSS timing function. */
const CUBIC_OUT = 'cubic-bezier(0.33, 1, 0.68, 1)';
/** How long before it leaves a dot's element is made (one or two frames on a slow tablet). */
const MADE_AHEAD_MS = 40;

/**
 * Flies dots of radius `r` (game pixels) with a white 2 px ring, in `color` (CSS), as the table draws them.
 * `allLanded` runs once when every flight with a dot or a count has landed. Null where elements cannot be
 * animated (the table then animates the dots itself).
 */
export function flyDots(
  table: HTMLCanvasElement,
  place: CanvasPlace,
  from: { x: number; y: number },
  r: number,
  color: string,
  flights: readonly DotFlight[],
  allLanded: () => void,
): Flights | null {
  const stage = table.parentElement;
  if (!stage || typeof document.createElement('div').animate !== 'function') return null;
  const { ratio, left, top } = place;
  // The ring is centred on the dot's edge (2 px wide): the element reaches 1 px past the radius.
  const size = (r + 1) * 2 * ratio;
  const elements = new Set<HTMLElement>();
  const animations = new Set<Animation>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const labels = new Map<CountLabel, HTMLCanvasElement>();
  let over = false;
  let due = flights.filter((f) => f.to || f.count).length;

  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!over) run();
    }, Math.max(0, ms));
    timers.add(timer);
  };
  const paintLabel = (count: CountLabel): void => {
    const el = labels.get(count);
    if (!el) return;
    const box = count.box();
    if (el.width !== box.canvas.width || el.height !== box.canvas.height) {
      el.width = box.canvas.width;
      el.height = box.canvas.height;
    } else {
      el.getContext('2d')?.clearRect(0, 0, el.width, el.height);
    }
    el.getContext('2d')?.drawImage(box.canvas, 0, 0);
    Object.assign(el.style, { left: `${left + box.x * ratio}px`, top: `${top + box.y * ratio}px`, width: `${box.w * ratio}px`, height: `${box.h * ratio}px` });
  };
  const land = (flight: DotFlight): void => {
    flight.landed();
    if (flight.count) paintLabel(flight.count);
    if ((flight.to || flight.count) && --due === 0) allLanded();
  };

  // The counts first, as the table shows them now (no dot yet): the table hides its own until it is drawn again.
  for (const flight of flights) {
    if (!flight.count || labels.has(flight.count)) continue;
    const el = document.createElement('canvas');
    el.className = 'stage-count';
    el.setAttribute('aria-hidden', 'true');
    Object.assign(el.style, { position: 'absolute', pointerEvents: 'none' });
    labels.set(flight.count, el);
    paintLabel(flight.count);
    stage.append(el);
    elements.add(el);
  }

  const launch = (flight: DotFlight, to: { x: number; y: number }, delayMs: number): void => {
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
    stage.append(el);
    elements.add(el);
    const dx = (from.x - to.x) * ratio;
    const dy = (from.y - to.y) * ratio;
    const animation = el.animate([{ transform: `translate(${dx}px, ${dy}px)`, opacity: 0 }, { transform: 'translate(0, 0)', opacity: 1 }], {
      duration: FLIGHT_MS,
      delay: delayMs,
      easing: CUBIC_OUT,
    });
    animations.add(animation);
    animation.onfinish = () => {
      animations.delete(animation);
      if (over) return;
      // Landed: it stays as a still element (no longer a layer of its own) until the table shows it.
      el.style.opacity = '1';
      land(flight);
    };
  };

  const start = performance.now();
  for (const flight of flights) {
    const to = flight.to;
    if (!to) {
      later(flight.delayMs + FLIGHT_MS, () => land(flight));
      continue;
    }
    // Made just before it leaves; its animation keeps the schedule from the start, whenever the timer runs.
    later(flight.delayMs - MADE_AHEAD_MS, () => launch(flight, to, flight.delayMs - (performance.now() - start)));
  }

  const removeElements = (): void => {
    for (const el of elements) el.remove();
    elements.clear();
    labels.clear();
  };
  return {
    cancel: () => {
      over = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const animation of animations) animation.cancel();
      animations.clear();
      removeElements();
    },
    settle: removeElements,
  };
}
