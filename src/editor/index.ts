import type { ScreenHost } from '../extensions.ts';
import { h } from '../ui/dom.ts';

/** The coach's deck editor (issue 3): not built yet. */
export function openEditor(host: ScreenHost): void {
  host.setPhase('editor');
  host.panel.replaceChildren(h('p', {}, '…'));
}
