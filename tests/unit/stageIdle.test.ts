/** Jobs run in the browser's idle time (src/scenes/idle.ts): in order, only while a frame has time to spare. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inIdleTime } from '../../src/scenes/idle.ts';

/** A stand-in requestIdleCallback: each call waits for `idle(ms)`, which hands the callbacks that much spare time. */
function fakeIdle() {
  let waiting: ((deadline: { timeRemaining(): number }) => void)[] = [];
  vi.stubGlobal('requestIdleCallback', (fn: (deadline: { timeRemaining(): number }) => void) => waiting.push(fn));
  vi.stubGlobal('cancelIdleCallback', () => (waiting = []));
  return {
    idle(ms: number, perJobMs = 0) {
      const now = waiting;
      waiting = [];
      let left = ms;
      for (const fn of now) fn({ timeRemaining: () => ((left -= perJobMs), left + perJobMs) });
    },
    pending: () => waiting.length,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('jobs in idle time', () => {
  it('runs them in order as spare time comes, none in a frame without it', () => {
    const idle = fakeIdle();
    const ran: number[] = [];
    inIdleTime([1, 2, 3, 4].map((n) => () => ran.push(n)));
    expect(ran).toEqual([]);
    idle.idle(1); // a busy frame: too little time for a job
    expect(ran).toEqual([]);
    idle.idle(10, 4); // room for two jobs of about 4 ms
    expect(ran).toEqual([1, 2]);
    idle.idle(50);
    expect(ran).toEqual([1, 2, 3, 4]);
    expect(idle.pending()).toBe(0);
  });

  it('drops the jobs not yet run when stopped', () => {
    const idle = fakeIdle();
    const ran: number[] = [];
    const stop = inIdleTime([1, 2, 3].map((n) => () => ran.push(n)));
    idle.idle(6, 4);
    stop();
    idle.idle(50);
    expect(ran).toEqual([1]);
  });

  it('runs one job per task where the browser has no idle callbacks (Safari)', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    const ran: number[] = [];
    inIdleTime([1, 2].map((n) => () => ran.push(n)));
    vi.advanceTimersByTime(20);
    expect(ran).toEqual([1]);
    vi.advanceTimersByTime(20);
    expect(ran).toEqual([1, 2]);
  });
});
