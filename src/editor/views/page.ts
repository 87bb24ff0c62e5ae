/**
 * The editor's page: the deck list beside the deck being edited, drawn whole after each action (focus and
 * caret kept by `data-key`), or only in part while the coach types.
 */
import { t } from '../../i18n/index.ts';
import { h, replaceKeepingFocus } from '../../ui/dom.ts';
import type { EditorActions, EditorView } from '../actions.ts';
import { type EditorSession, isShown, refreshProblems } from '../session.ts';
import { cardForm } from './cardForm.ts';
import { cardList, cardListItems } from './cardList.ts';
import { deckActions, deckFields, deckHeading } from './deckForm.ts';
import { dialog } from './dialog.ts';
import { library } from './library.ts';
import { preview, previewFrame } from './preview.ts';
import { importProblems, saveProblems } from './problemList.ts';

/** The view of one session; `actions` is asked for when drawing, as the actions are made with this view. */
export function editorView(s: EditorSession, actions: () => EditorActions): EditorView {
  return {
    render: () => render(s, actions()),
    refreshLive: () => refreshLive(s, actions()),
    focusField: (path) => focusField(s.host.panel, path),
  };
}

function render(s: EditorSession, act: EditorActions): void {
  if (!isShown(s)) return;
  s.current = Math.max(0, Math.min(s.current, s.draft.cards.length - 1));
  const root = h(
    'div',
    {
      class: `editor${s.dragging ? ' editor--dragging' : ''}`,
      ondragenter: (e: Event) => act.drag(e as DragEvent, true),
      ondragover: (e: Event) => act.drag(e as DragEvent, true),
      ondragleave: (e: Event) => {
        // Only leaving the editor as a whole ends the highlight, not moving between its children.
        const to = (e as DragEvent).relatedTarget as Node | null;
        if (!to || !(e.currentTarget as HTMLElement).contains(to)) act.drag(e as DragEvent, false);
      },
      ondrop: (e: Event) => act.drop(e as DragEvent),
    },
    h(
      'header',
      { class: 'editor__head' },
      h('h1', { id: 'panel-title', tabindex: -1, 'data-key': 'editor-title' }, t('editor:title')),
      h('p', { class: 'editor__intro' }, t('editor:intro')),
    ),
    h('div', { class: 'editor__body' }, library(s, act), importProblems(s), workspace(s, act)),
    dialog(s, act),
  );
  replaceKeepingFocus(s.host.panel, root);
  s.root = root;
  markInvalid(s);
  const open = s.host.panel.querySelector('dialog');
  if (open && !open.open) open.showModal();
  if (s.focusAfter) {
    const target = s.host.panel.querySelector<HTMLElement>(`[data-key="${CSS.escape(s.focusAfter)}"]`);
    s.focusAfter = null;
    if (target) {
      target.focus();
      if (!open) target.scrollIntoView({ block: 'nearest' });
    }
  }
}

function workspace(s: EditorSession, act: EditorActions): HTMLElement {
  return h(
    'section',
    { class: 'editor__work', 'aria-labelledby': 'deck-heading' },
    deckHeading(s),
    saveProblems(s, act),
    deckFields(s, act),
    h('div', { class: 'editor-cards' }, cardList(s, act), cardForm(s, act), preview(s, act)),
    deckActions(s, act),
  );
}

/** Draws again only what depends on the texts being typed: the caret stays where it is. */
function refreshLive(s: EditorSession, act: EditorActions): void {
  const root = s.host.panel;
  if (s.problems) refreshProblems(s);
  const swap = (name: string, make: () => HTMLElement) => root.querySelector(`[data-live="${name}"]`)?.replaceWith(make());
  swap('deck-heading', () => deckHeading(s));
  swap('card-list', () => cardListItems(s, act));
  swap('preview', () => previewFrame(s));
  swap('problems', () => saveProblems(s, act));
  markInvalid(s);
}

/** Puts `aria-invalid` on the fields a refused save pointed at, as long as they are still wrong. */
function markInvalid(s: EditorSession): void {
  const paths = (s.problems ?? []).map((p) => p.path);
  for (const el of s.host.panel.querySelectorAll<HTMLElement>('[data-path]')) {
    const path = el.dataset.path ?? '';
    const bad = paths.some((p) => p === path || p.startsWith(`${path}.`));
    if (el instanceof HTMLFieldSetElement) el.classList.toggle('invalid', bad);
    else if (bad) el.setAttribute('aria-invalid', 'true');
    else el.removeAttribute('aria-invalid');
  }
}

/** The field a problem points at, or the nearest one that holds it (a question list, the levels). */
function focusField(panel: HTMLElement, path: string): void {
  const fields = [...panel.querySelectorAll<HTMLElement>('[data-path]')];
  const target =
    fields.find((el) => el.dataset.path === path) ??
    fields.find((el) => path.startsWith(`${el.dataset.path}.`)) ??
    fields.find((el) => (el.dataset.path ?? '').startsWith(`${path}.`));
  const focusable = target instanceof HTMLFieldSetElement ? target.querySelector<HTMLElement>('input, textarea, select, button:not([disabled])') : target;
  focusable?.focus();
  focusable?.scrollIntoView({ block: 'center' });
}
