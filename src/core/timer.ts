/** A step timer as data: time comes in with the events (`at`, ms since epoch), so the core never reads a clock. */
export type StepTimer =
  | { readonly kind: 'none' }
  | { readonly kind: 'running'; readonly totalMs: number; readonly endsAt: number }
  | { readonly kind: 'paused'; readonly totalMs: number; readonly remainingMs: number };

export const NO_TIMER: StepTimer = { kind: 'none' };

export function startTimer(seconds: number, at: number): StepTimer {
  if (seconds <= 0) return NO_TIMER;
  return { kind: 'running', totalMs: seconds * 1000, endsAt: at + seconds * 1000 };
}

export function remainingMs(timer: StepTimer, at: number): number {
  switch (timer.kind) {
    case 'none':
      return 0;
    case 'running':
      return Math.max(0, timer.endsAt - at);
    case 'paused':
      return timer.remainingMs;
  }
}

export function pauseTimer(timer: StepTimer, at: number): StepTimer {
  return timer.kind === 'running' ? { kind: 'paused', totalMs: timer.totalMs, remainingMs: remainingMs(timer, at) } : timer;
}

export function resumeTimer(timer: StepTimer, at: number): StepTimer {
  return timer.kind === 'paused' ? { kind: 'running', totalMs: timer.totalMs, endsAt: at + timer.remainingMs } : timer;
}

/** Adds time; a timer that already ran out starts again from the added time. */
export function addTime(timer: StepTimer, seconds: number, at: number): StepTimer {
  const ms = seconds * 1000;
  switch (timer.kind) {
    case 'none':
      return startTimer(seconds, at);
    case 'running':
      return { kind: 'running', totalMs: timer.totalMs + ms, endsAt: Math.max(timer.endsAt, at) + ms };
    case 'paused':
      return { kind: 'paused', totalMs: timer.totalMs + ms, remainingMs: timer.remainingMs + ms };
  }
}
