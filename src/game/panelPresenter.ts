/**
 * The facilitator's panel from a snapshot: the step's panel with the session's score line and the hooks it
 * needs, or the note that another screen took the room over.
 */
import type { SessionContext } from '../core/session.ts';
import type { ScreenView } from '../core/view.ts';
import { scoreSession } from '../core/scoring.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { type PanelContext, renderPanel } from '../ui/panels.ts';

/** What the panel may do beyond sending events: the controller's side of the panel. */
export type PanelHooks = Omit<PanelContext, 'view' | 'scoreLine' | 'daringAward'>;

export function presentPanel(ctx: SessionContext, view: ScreenView, hooks: PanelHooks): HTMLElement {
  const score = scoreSession(ctx);
  return renderPanel({
    ...hooks,
    view,
    scoreLine: t('summary.score', { proposals: score.proposals, daring: score.daring, levels: score.levelsCovered }),
    daringAward: score.daringAward,
  });
}

/** Another screen took the room over: this one only offers a new session (and says the move address is spent). */
export function replacedPanel(newSession: () => void, moveAddressOut: boolean): HTMLElement {
  return h(
    'div',
    { class: 'step' },
    h('h1', { id: 'panel-title', 'data-testid': 'room-replaced' }, t('room.takeover')),
    moveAddressOut ? h('p', { class: 'muted', 'data-testid': 'room-move-used' }, t('room.moveUsed')) : null,
    h('button', { type: 'button', class: 'primary', 'data-testid': 'replaced-new-session', onclick: newSession }, t('summary.newSession')),
  );
}
