/**
 * The results' reveal, played over the table: each dot flies from the bottom of the stage onto its note as a
 * small element animated by the browser's compositor, and from its note's first landing on, the note's row (its
 * paper, its landed dots and its count) is shown on a small canvas of its own over the note while the count goes
 * up. The table's canvas is not drawn until the last dot has landed: drawn on every landing, the whole table (12 notes, their texts and dots, the
 * chrome) was drawn 36 times in three seconds for one dot and one number each time. When everything has landed
 * the caller draws the table once and then `settle()` takes the rows away, in the frame that draws it.
 *
 * A dot's element exists only while it flies: an element with an animation waiting to start is a layer of its
 * own, and every frame pays for each layer. Timing and easing are the table's own (Cubic.easeOut, 420 ms).
 */

import { inIdleTime } from './idle.ts';

/** How the table's canvas sits in the stage: CSS pixels per game pixel and its offset (CSS pixels). */
export interface CanvasPlace {
  readonly ratio: number;
  readonly left: number;
  readonly top: number;
}

/** The bottom row of a note in the results: its dots and its count on its paper, as the table draws them. */
export interface NoteRow {
  /** Where the row lies on the table (game pixels), a pixel inside the paper's edges. */
  readonly box: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  /** The paper's colour (CSS): the row covers what the table still shows under it. */
  readonly paper: string;
  /** Paints the row's dots and count as they are now, with (0, 0) at the box's top left. */
  paint(ctx: CanvasRenderingContext2D): void;
}

export interface DotFlight {
  /** The dot's centre on the table (game pixels); null for a dot that is only counted (no room on its note). */
  readonly to: { readonly x: number; readonly y: number } | null;
  /** When it leaves, from now (ms). */
  readonly delayMs: number;
  /** The row the landing changes; null for a flight that only marks a moment (the closing sound). */
  readonly row: NoteRow | null;
  /** It has landed: the caller changes what the table will show (the dot, the count). */
  landed(): void;
  /** Makes ahead, in idle time, what its landing will need (a count's picture); the landing works without it. */
  prepare?(): void;
}

export interface Flights {
  /** Ends every flight at once (the table is drawn anew): the elements go, nothing more lands. */
  cancel(): void;
  /** Takes the rows away (the table shows them now); flights still due (a closing sound) go on. */
  settle(): void;
}

export const FLIGHT_MS = 420;
/** Phaser's `Cubic.easeOut` as a CSS timing function. */
const CUBIC_OUT = 'cubic-bezier(0.33, 1, 0.68, 1)';
/** How long before it leaves a dot's element is made (a frame or two on a slow tablet). */
const MADE_AHEAD_MS = 40;

/**
 * Flies dots of radius `r` (game pixels) with a white 2 px ring, in `color` (CSS), as the table draws them.
 * `allLanded` runs once every flight with a dot or a row has landed.
 * Null where elements cannot be animated (the table then animates the dots itself).
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
  const rows = new Map<NoteRow, () => void>();
  let over = false;
  let due = flights.filter((f) => f.to || f.row).length;

  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!over) run();
    }, Math.max(0, ms));
    timers.add(timer);
  };

  /**
   * A row on a canvas of its own (a layer of its own: repainting it repaints nothing else), on whole pixels.
   * Made ahead in idle time (or at its note's first landing, when idle time never came) and shown at that
   * landing. Its paper covers the count and dots the table still shows under it.
   */
  const made = new Map<NoteRow, { el: HTMLCanvasElement; paint: () => void }>();
  const makeRow = (row: NoteRow): { el: HTMLCanvasElement; paint: () => void } | null => {
    const known = made.get(row);
    if (known) return known;
    const el = document.createElement('canvas');
    const ctx = el.getContext('2d');
    if (!ctx) return null;
    const x = Math.floor(row.box.x);
    const y = Math.floor(row.box.y);
    el.width = Math.ceil(row.box.x + row.box.w) - x;
    el.height = Math.ceil(row.box.y + row.box.h) - y;
    el.className = 'stage-row';
    el.setAttribute('aria-hidden', 'true');
    Object.assign(el.style, {
      position: 'absolute',
      left: `${left + x * ratio}px`,
      top: `${top + y * ratio}px`,
      width: `${el.width * ratio}px`,
      height: `${el.height * ratio}px`,
      pointerEvents: 'none',
      willChange: 'transform',
    });
    const paint = (): void => {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = row.paper;
      ctx.fillRect(0, 0, el.width, el.height);
      ctx.translate(row.box.x - x, row.box.y - y);
      row.paint(ctx);
    };
    // The first drawing on a new canvas is the costly one (the browser makes its pixels then).
    paint();
    const one = { el, paint };
    made.set(row, one);
    return one;
  };
  const showRow = (row: NoteRow): (() => void) => {
    const ahead = made.has(row);
    const one = makeRow(row);
    if (!one) return () => {};
    // Made ahead, it shows the row as it was then; made now, it is painted already.
    if (ahead) one.paint();
    stage.append(one.el);
    elements.add(one.el);
    return one.paint;
  };

  const land = (flight: DotFlight): void => {
    flight.landed();
    const row = flight.row;
    if (row) {
      const paint = rows.get(row);
      if (paint) paint();
      else rows.set(row, showRow(row));
    }
    if ((flight.to || row) && --due === 0) allLanded();
  };

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
      fill: 'forwards',
    });
    animations.add(animation);
    animation.onfinish = () => {
      animations.delete(animation);
      if (over) return;
      // Landed: its row shows it from this frame on, and the element goes in the same frame.
      land(flight);
      el.remove();
      elements.delete(el);
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

  // What the landings need, made in the quiet before the first one, in the order they land.
  const jobs: (() => void)[] = [];
  for (const { row, to, prepare } of [...flights].sort((a, b) => a.delayMs - b.delayMs)) {
    if (row && to) jobs.push(() => void (over || makeRow(row)));
    if (prepare) jobs.push(() => void (over || prepare()));
  }
  const stopMaking = inIdleTime(jobs);

  const removeElements = (): void => {
    for (const el of elements) el.remove();
    elements.clear();
  };
  return {
    cancel: () => {
      over = true;
      stopMaking();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const animation of animations) animation.cancel();
      animations.clear();
      removeElements();
    },
    settle: () => {
      stopMaking();
      removeElements();
    },
  };
}
