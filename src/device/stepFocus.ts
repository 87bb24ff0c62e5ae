/**
 * Where the player's attention goes when the step changes: the step is announced and focus moves to its
 * heading; in the team poll, focus follows the statement the player is on.
 */
import { announce } from '../ui/dom.ts';
import { type AnyDeviceView, isPollDeviceView } from './optimistic.ts';
import { pollPosition } from './pollPanel.ts';
import { phaseName } from './widgets.ts';

/** The step a view shows, as a key: a new key is a new step. */
export function stepKey(view: AnyDeviceView | null): string {
  if (!view) return '';
  return isPollDeviceView(view) ? `${view.phase}:${view.done || view.closed ? 'over' : 'open'}` : `${view.phase}:${view.cardIndex}`;
}

export class StepFocus {
  private shownStep = '';
  private shownPollIndex = -1;

  isNew(step: string): boolean {
    return step !== this.shownStep;
  }

  /** Forgets the step on screen (the seat is gone). */
  reset(): void {
    this.shownStep = '';
  }

  /** After a draw: announces a new step and moves focus to its heading, or to the poll's next statement. */
  follow(root: HTMLElement, view: AnyDeviceView | null, step: string, pollIndex: number | null): void {
    const pollAt = view && isPollDeviceView(view) && !view.done && !view.closed ? pollPosition(view, pollIndex) : -1;
    if (view && step !== this.shownStep) {
      const first = this.shownStep === '';
      this.shownStep = step;
      this.shownPollIndex = pollAt;
      announce(phaseName(view.phase));
      // A new step starts at the top, with focus on its heading (not on the very first draw after a reload
      // while someone may be typing).
      if (!first || document.activeElement === document.body) root.querySelector<HTMLElement>('#device-title')?.focus();
    } else if (pollAt !== this.shownPollIndex) {
      // The next statement: focus goes to it (read out by screen readers), never to an answer, so no answer
      // looks chosen before the player chose it.
      this.shownPollIndex = pollAt;
      root.querySelector<HTMLElement>('#device-title')?.focus({ preventScroll: true });
      window.scrollTo?.({ top: 0 });
    }
  }
}
