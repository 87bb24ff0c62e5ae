/** The deck being edited: its heading (name, id, saved or not), its name and description, and the save, export and play buttons. */
import { LIMITS } from '../../core/content/schema.ts';
import { t } from '../../i18n/index.ts';
import { h } from '../../ui/dom.ts';
import type { EditorActions } from '../actions.ts';
import { deckName } from '../labels.ts';
import type { EditorSession } from '../session.ts';
import { inLang, langPair, textField } from './fields.ts';

export function deckHeading(s: EditorSession): HTMLElement {
  const d = s.draft;
  const saved = d.dirty ? t('editor:deck.unsaved') : d.savedId ? t('editor:deck.saved') : t('editor:deck.notSaved');
  return h(
    'div',
    { class: 'deck-heading', 'data-live': 'deck-heading' },
    h('h2', { id: 'deck-heading' }, t('editor:deck.heading', { name: deckName(d.name) })),
    h('p', { class: 'muted small' }, `${t('editor:deck.id', { id: d.savedId ?? d.id })} · `, h('span', { class: d.dirty ? 'deck-heading__unsaved' : '' }, saved)),
  );
}

export function deckFields(s: EditorSession, act: EditorActions): HTMLElement {
  const d = s.draft;
  const changed = act.changed;
  return h(
    'fieldset',
    { class: 'editor-fieldset deck-fields' },
    h('legend', {}, t('editor:deck.about')),
    langPair((lang) =>
      textField({ path: `name.${lang}`, key: `deck-name-${lang}`, testid: 'deck-name', lang, label: inLang(t('editor:deck.name'), lang), value: d.name[lang], max: LIMITS.name, set: (v) => (d.name[lang] = v), changed }),
    ),
    langPair((lang) =>
      textField({ path: `description.${lang}`, key: `deck-description-${lang}`, testid: 'deck-description', lang, label: inLang(t('editor:deck.description'), lang), value: d.description[lang], max: LIMITS.description, rows: 2, set: (v) => (d.description[lang] = v), changed }),
    ),
  );
}

export function deckActions(s: EditorSession, act: EditorActions): HTMLElement {
  return h(
    'div',
    { class: 'editor-actions', role: 'group', 'aria-label': t('editor:actions.label') },
    h('p', { class: `editor-status${s.status?.error ? ' editor-status--error' : ''}`, 'data-testid': 'editor-status' }, s.status?.text ?? ''),
    h(
      'div',
      { class: 'editor-actions__buttons' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'save-deck', 'data-key': 'save-deck', onclick: () => act.save() }, t('editor:actions.save')),
      h('button', { type: 'button', 'data-testid': 'deck-export', 'data-key': 'deck-export', onclick: () => act.exportDeck() }, t('editor:actions.export')),
      h('button', { type: 'button', class: 'secondary', 'data-testid': 'play-deck', 'data-key': 'play-deck', onclick: () => act.play() }, `▶ ${t('editor:actions.play')}`),
    ),
  );
}
