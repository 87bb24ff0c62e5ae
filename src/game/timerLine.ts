/** The top bar's timer line (`#timer-display`): time left, paused, or over. */
import type { StepTimer } from '../core/timer.ts';
import { remainingMs } from '../core/timer.ts';
import { t } from '../i18n/index.ts';
import { clock } from '../ui/names.ts';

export function timerText(timer: StepTimer, now: number): string {
  if (timer.kind === 'none') return '';
  const left = remainingMs(timer, now);
  if (left === 0) return t('timer.over');
  return timer.kind === 'paused' ? t('timer.paused', { time: clock(left) }) : t('timer.remaining', { time: clock(left) });
}

/**
 * Called four times a second: the line is touched only when what it says changes. Set again with the same
 * text, the browser would lay out and paint the top bar four times a second for nothing (on a tablet a frame
 * lost each time).
 */
export function showTimerLine(el: HTMLElement | null, timer: StepTimer, now: number): void {
  if (!el) return;
  const text = timerText(timer, now);
  if (el.textContent !== text) el.textContent = text;
  const over = timer.kind !== 'none' && remainingMs(timer, now) === 0;
  if (el.classList.contains('timer-line--over') !== over) el.classList.toggle('timer-line--over', over);
}
