/**
 * The top bar's part of a snapshot: the step, the progress text, and what the facilitator may do now. What
 * is allowed comes from the machine (`snapshot.can`), never from a list kept here.
 */
import type { SnapshotFrom } from 'xstate';
import type { sessionMachine } from '../core/machine.ts';
import type { Phase } from '../core/phase.ts';
import type { ScreenView } from '../core/view.ts';
import { t } from '../i18n/index.ts';
import { isCardStep } from './steps.ts';

export interface TopbarPresentation {
  readonly phase: Phase;
  readonly progress: string;
  readonly canAdvance: boolean;
  readonly canUndo: boolean;
  readonly canEndEarly: boolean;
  readonly timer: 'none' | 'running' | 'paused';
}

export function progressText(view: ScreenView): string {
  if (isCardStep(view.phase)) return t('card.count', { n: view.cardIndex + 1, total: view.cardCount });
  return view.teamName;
}

export function presentTopbar(snapshot: SnapshotFrom<typeof sessionMachine>, view: ScreenView, at: number): TopbarPresentation {
  return {
    phase: view.phase,
    progress: progressText(view),
    canAdvance: snapshot.can({ type: 'facilitator.advance', at }),
    canUndo: snapshot.can({ type: 'facilitator.undo', at }),
    canEndEarly: snapshot.can({ type: 'facilitator.endEarly', at }),
    timer: snapshot.context.timer.kind,
  };
}
