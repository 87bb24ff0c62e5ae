import type { ScreenHost, VisitRequest } from '../extensions.ts';
import { h } from '../ui/dom.ts';

/** The team programme (issue 4): poll, rounds, follow-up. Not built yet. */
export function openProgramme(host: ScreenHost): void {
  host.setPhase('follow-up');
  host.panel.replaceChildren(h('p', {}, '…'));
}

/** The executive's visit for a played session (issue 4). Not built yet. */
export function openVisit(host: ScreenHost, request: VisitRequest): void {
  host.setPhase('visit');
  host.panel.replaceChildren(h('p', {}, request.sessionId));
}
