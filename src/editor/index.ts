/**
 * The coach's deck editor: make a deck of one's own (empty or from a copy of a built-in deck), write its cards
 * in Dutch and English, preview a card as players see it, save it on this device, export and import it as a
 * JSON file, and play it at once. Every deck goes through the one content schema (`parseDeck`); a refused save
 * or import keeps everything typed and lists every problem by card and field.
 *
 * Each open editor is one session (`session.ts`) with its actions (`actions.ts`, `importFlow.ts`) and its
 * view (`views/`); this module only opens it.
 */
import type { ScreenHost } from '../extensions.ts';
import { deckIds, loadDeck } from '../content.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { type EditorActions, createActions } from './actions.ts';
import { createSession } from './session.ts';
import { registerEditorTexts } from './texts.ts';
import { editorView } from './views/page.ts';
import { loadWorkingDraft } from './workingDraft.ts';

export function openEditor(host: ScreenHost): void {
  registerEditorTexts();
  host.setPhase('editor');
  const loading = h('p', { class: 'muted', role: 'status' }, t('editor:loading'));
  host.panel.replaceChildren(loading);
  void start(host, loading);
}

async function start(host: ScreenHost, loading: HTMLElement): Promise<void> {
  const loaded = await Promise.all(deckIds().map(loadDeck));
  // The coach left before the decks were there: this screen is no longer shown.
  if (!loading.isConnected) return;
  const builtIns = loaded.flatMap((d) => (d.ok ? [d.value] : []));
  const session = createSession(host, builtIns, loadWorkingDraft());
  const view = editorView(session, () => actions);
  const actions: EditorActions = createActions(session, view);
  host.onLanguageChange(view.render);
  view.render();
}
