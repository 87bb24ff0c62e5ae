/** The deck list beside the editor: start a deck (empty or a copy), the coach's own decks, and the import box. */
import { currentLang, t } from '../../i18n/index.ts';
import { download, h } from '../../ui/dom.ts';
import { listOwnDecks, type OwnDeckEntry } from '../../ui/ownDecks.ts';
import type { EditorActions } from '../actions.ts';
import { deckName } from '../labels.ts';
import type { EditorSession } from '../session.ts';

export function library(s: EditorSession, act: EditorActions): HTMLElement {
  const entries = listOwnDecks();
  return h(
    'div',
    { class: 'editor__library' },
    h(
      'section',
      { class: 'editor-box', 'aria-labelledby': 'start-heading' },
      h('h2', { id: 'start-heading' }, t('editor:start.heading')),
      h('button', { type: 'button', class: 'editor-wide', 'data-testid': 'new-deck', 'data-key': 'new-deck', onclick: () => act.leaveDraft('new-deck', act.startEmpty) }, t('editor:start.empty')),
      h(
        'div',
        { class: 'copy-row' },
        h(
          'label',
          { class: 'field' },
          h('span', {}, t('editor:start.copyFrom')),
          h(
            'select',
            { 'data-testid': 'copy-source', 'data-key': 'copy-source', onchange: (e: Event) => (s.copySource = (e.target as HTMLSelectElement).value) },
            s.builtIns.map((d) => h('option', { value: d.id, selected: d.id === s.copySource }, `${d.name[currentLang()]} (${t('editor:own.cards', { count: d.cards.length })})`)),
          ),
        ),
        h('button', { type: 'button', 'data-testid': 'copy-deck', 'data-key': 'copy-deck', disabled: s.builtIns.length === 0, onclick: () => act.leaveDraft('copy-deck', act.startCopy) }, t('editor:start.copy')),
      ),
    ),
    h(
      'section',
      { class: 'editor-box', 'aria-labelledby': 'own-heading' },
      h('h2', { id: 'own-heading' }, t('editor:own.heading')),
      entries.length === 0 ? h('p', { class: 'muted' }, t('editor:own.none')) : h('ul', { class: 'own-decks' }, entries.map((e) => ownItem(s, act, e))),
    ),
    importBox(s, act),
  );
}

function ownItem(s: EditorSession, act: EditorActions, entry: OwnDeckEntry): HTMLElement {
  const id = entry.id;
  if (!entry.parsed.ok) {
    return h(
      'li',
      { class: 'own-deck own-deck--damaged', 'data-testid': 'own-deck', 'data-deck-id': id },
      h('p', { class: 'own-deck__text' }, t('editor:own.damaged', { id })),
      h(
        'div',
        { class: 'own-deck__actions' },
        h('button', { type: 'button', 'data-testid': 'own-deck-raw', 'data-key': `own-raw-${id}`, onclick: () => download(`ruimte-deck-${id}.json`, entry.raw, 'application/json') }, t('editor:own.downloadRaw')),
        h('button', { type: 'button', class: 'danger', 'data-testid': 'own-deck-delete', 'data-key': `own-delete-${id}`, onclick: () => act.openDialog({ kind: 'delete-deck', id, name: null, count: 0, returnKey: null }) }, t('editor:own.removeDamaged', { id })),
      ),
    );
  }
  const deck = entry.parsed.value;
  const name = deckName(deck.name);
  const isOpen = s.draft.savedId === id;
  return h(
    'li',
    { class: `own-deck${isOpen ? ' own-deck--open' : ''}`, 'data-testid': 'own-deck', 'data-deck-id': id },
    h(
      'div',
      { class: 'own-deck__text' },
      h('strong', { class: 'own-deck__name' }, name),
      h('span', { class: 'muted small' }, t('editor:own.cards', { count: deck.cards.length }) + (isOpen ? ` · ${t('editor:own.open')}` : '')),
    ),
    h(
      'div',
      { class: 'own-deck__actions' },
      h('button', { type: 'button', 'data-testid': 'own-deck-edit', 'data-key': `own-edit-${id}`, 'aria-label': t('editor:own.editLabel', { name }), onclick: () => act.leaveDraft(`own-edit-${id}`, () => act.openOwn(id)) }, t('editor:own.edit')),
      h('button', { type: 'button', 'data-testid': 'own-deck-play', 'data-key': `own-play-${id}`, 'aria-label': t('editor:own.playLabel', { name }), onclick: () => act.playOwn(id) }, t('editor:own.play')),
      h(
        'button',
        {
          type: 'button',
          class: 'icon ghost danger',
          'data-testid': 'own-deck-delete',
          'data-key': `own-delete-${id}`,
          'aria-label': t('editor:own.remove', { name }),
          title: t('editor:own.remove', { name }),
          onclick: () => act.openDialog({ kind: 'delete-deck', id, name, count: deck.cards.length, returnKey: null }),
        },
        '✕',
      ),
    ),
  );
}

function importBox(s: EditorSession, act: EditorActions): HTMLElement {
  return h(
    'section',
    { class: 'editor-box', 'aria-labelledby': 'import-heading' },
    h('h2', { id: 'import-heading' }, t('editor:import.heading')),
    h(
      'div',
      { class: `drop-zone${s.dragging ? ' drop-zone--active' : ''}`, 'data-testid': 'import-drop' },
      // The real file input lies over its label, so a tap or a click lands on it and the keyboard reaches it;
      // the label gives it a name in the coach's language (the browser's own button text may be in another).
      h(
        'div',
        { class: 'file-pick' },
        h('input', {
          id: 'deck-import',
          class: 'file-pick__input',
          type: 'file',
          accept: '.json,application/json',
          'data-testid': 'deck-import',
          'data-key': 'deck-import',
          'aria-describedby': 'drop-hint',
          onchange: (e: Event) => {
            const input = e.target as HTMLInputElement;
            const files = input.files ? Array.from(input.files) : [];
            // Cleared, so choosing the same file again is read again.
            input.value = '';
            void act.importFiles(files);
          },
        }),
        h('label', { for: 'deck-import', class: 'file-pick__button' }, t('editor:import.choose')),
      ),
      h('p', { id: 'drop-hint', class: 'muted small' }, t('editor:import.drop')),
    ),
  );
}
