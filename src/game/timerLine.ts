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

export function showTimerLine(el: HTMLElement | null, timer: StepTimer, now: number): void {
  if (!el) return;
  el.textContent = timerText(timer, now);
  el.classList.toggle('timer-line--over', timer.kind !== 'none' && remainingMs(timer, now) === 0);
}
