/**
 * Small jobs run one after another in the browser's idle time: the spare milliseconds a frame leaves once it is
 * drawn. The reveal has a quiet third of a second before its first dot lands; what the landings need (a count's
 * picture, a row's canvas) is made then instead of in the frame of a landing, where it cost frames on a tablet.
 * A job must be safe to run late or never: whoever needs its result makes it itself when it is not there yet.
 */

interface IdleDeadline {
  timeRemaining(): number;
}

/** Below this many spare milliseconds a frame is left alone: one job (a canvas, a text) takes about that. */
const ENOUGH_MS = 4;

/** Runs `jobs` in order in idle time; the returned function drops those not yet run. */
export function inIdleTime(jobs: readonly (() => void)[]): () => void {
  const queue = [...jobs];
  let handle: number | ReturnType<typeof setTimeout> | null = null;
  const idle = typeof globalThis.requestIdleCallback === 'function';
  const next = (): void => {
    // Safari has no requestIdleCallback: one job per task there, each after the frame before it.
    handle = idle ? globalThis.requestIdleCallback(run) : setTimeout(() => run(null), 16);
  };
  const run = (deadline: IdleDeadline | null): void => {
    handle = null;
    if (deadline) while (queue.length > 0 && deadline.timeRemaining() >= ENOUGH_MS) (queue.shift() as () => void)();
    else queue.shift()?.();
    if (queue.length > 0) next();
  };
  if (queue.length > 0) next();
  return () => {
    queue.length = 0;
    if (handle === null) return;
    if (idle) globalThis.cancelIdleCallback(handle as number);
    else clearTimeout(handle);
    handle = null;
  };
}
