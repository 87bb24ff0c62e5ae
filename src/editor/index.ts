/**
 * The coach's deck editor: make a deck of one's own (empty or from a copy of a built-in deck), write its cards
 * in Dutch and English, preview a card as players see it, save it on this device, export and import it as a
 * JSON file, and play it at once. Every deck goes through the one content schema (`parseDeck`); a refused save
 * or import keeps everything typed and lists every problem by card and field.
 */
import type { ScreenHost } from '../extensions.ts';
import { announce, download, h, replaceKeepingFocus } from '../ui/dom.ts';
import { currentLang, i18n, t } from '../i18n/index.ts';
import { deckIds, loadDeck } from '../content.ts';
import { deckJson, listOwnDecks, ownDeckIds, readOwnDeck, removeOwnDeck, storeOwnDeck, type OwnDeckEntry } from '../ui/ownDecks.ts';
import type { Problem } from '../core/content/parse.ts';
import { LIMITS } from '../core/content/schema.ts';
import { LANGS, LEVELS, THEMES, type Lang, type ScenarioDeck, type Text, type Theme } from '../core/types.ts';
import {
  type CardDraft,
  type DeckDraft,
  MAX_QUESTIONS,
  MIN_QUESTIONS,
  OWN_SOURCE,
  addCard,
  cardLabel,
  copyDraft,
  deckToDraft,
  draftToDeck,
  moveCard,
  newDraft,
  parseWorkingDraft,
  removeCard,
  saveIdFor,
  serializeWorkingDraft,
} from './draft.ts';
import { type ImportPlan, checkFileSize, keepBoth, parseImport, planImport } from './importDeck.ts';
import { problemMessage, problemWhere } from './problems.ts';
import { registerEditorStrings } from './strings.ts';

registerEditorStrings();

/** The deck being edited, while it has unsaved changes (a reload or leaving the editor loses nothing). */
const WORKING_DRAFT = 'ruimte.editor.draft';

type Dialog = { returnKey: string | null } & (
  | { kind: 'conflict'; plan: Exclude<ImportPlan, { kind: 'new' }>; file: string }
  | { kind: 'discard'; proceed: () => void }
  | { kind: 'remove-card'; index: number }
  | { kind: 'delete-deck'; id: string; name: string | null; count: number }
);

interface State {
  host: ScreenHost;
  builtIns: ScenarioDeck[];
  draft: DeckDraft;
  /** Index of the card being edited. */
  current: number;
  previewLang: Lang;
  copySource: string;
  /** Problems of the last refused save, kept up to date while the coach fixes them. */
  problems: Problem[] | null;
  importErrors: { file: string; problems: Problem[] } | null;
  status: { text: string; error: boolean } | null;
  dialog: Dialog | null;
  /** The `data-key` of the control to focus after the next render. */
  focusAfter: string | null;
  dragging: boolean;
}

let state: State | null = null;

// ——— Helpers ———

const fixed = (lang: Lang, key: string): string => i18n.getFixedT(lang)(key) as string;
const both = (key: string): Text => ({ nl: fixed('nl', key), en: fixed('en', key) });
const defaults = () => ({ name: both('editor:defaults.name'), description: both('editor:defaults.description') });
const deckName = (name: Text | { nl: string; en: string }): string => {
  const lang = currentLang();
  return name[lang].trim() || name[lang === 'nl' ? 'en' : 'nl'].trim() || t('editor:deck.untitled');
};
const cardTitle = (card: CardDraft): string => cardLabel(card, currentLang()) ?? t('editor:cards.untitled');

function takenIds(s: State): string[] {
  return [...new Set([...deckIds(), ...s.builtIns.map((d) => d.id), ...ownDeckIds()])];
}

function storeWorkingDraft(draft: DeckDraft): void {
  try {
    if (draft.dirty) localStorage.setItem(WORKING_DRAFT, serializeWorkingDraft(draft));
    else localStorage.removeItem(WORKING_DRAFT);
  } catch {
    /* the draft is a convenience: saving the deck reports its own failure */
  }
}

function loadWorkingDraft(): DeckDraft | null {
  try {
    return parseWorkingDraft(localStorage.getItem(WORKING_DRAFT));
  } catch {
    return null;
  }
}

function setStatus(s: State, text: string, error = false): void {
  s.status = { text, error };
  announce(text);
}

function markDirty(s: State): void {
  s.draft.dirty = true;
  storeWorkingDraft(s.draft);
}

// ——— Opening ———

export function openEditor(host: ScreenHost): void {
  registerEditorStrings();
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
  const restored = loadWorkingDraft();
  const s: State = {
    host,
    builtIns,
    draft: restored ?? newDraft([], defaults()),
    current: 0,
    previewLang: currentLang(),
    copySource: builtIns[0]?.id ?? '',
    problems: null,
    importErrors: null,
    status: null,
    dialog: null,
    focusAfter: 'editor-title',
    dragging: false,
  };
  if (!restored) s.draft = newDraft(takenIds(s), defaults());
  else if (restored.dirty) s.status = { text: t('editor:restored'), error: false };
  state = s;
  host.onLanguageChange(() => render(s));
  render(s);
}

// ——— Rendering ———

function render(s: State): void {
  if (state !== s) return;
  s.current = Math.max(0, Math.min(s.current, s.draft.cards.length - 1));
  const root = h(
    'div',
    {
      class: `editor${s.dragging ? ' editor--dragging' : ''}`,
      ondragenter: (e: Event) => onDrag(s, e as DragEvent, true),
      ondragover: (e: Event) => onDrag(s, e as DragEvent, true),
      ondragleave: (e: Event) => {
        // Only leaving the editor as a whole ends the highlight, not moving between its children.
        const to = (e as DragEvent).relatedTarget as Node | null;
        if (!to || !(e.currentTarget as HTMLElement).contains(to)) onDrag(s, e as DragEvent, false);
      },
      ondrop: (e: Event) => onDrop(s, e as DragEvent),
    },
    h(
      'header',
      { class: 'editor__head' },
      h('h1', { id: 'panel-title', tabindex: -1, 'data-key': 'editor-title' }, t('editor:title')),
      h('p', { class: 'editor__intro' }, t('editor:intro')),
    ),
    h('div', { class: 'editor__body' }, library(s), importProblems(s), workspace(s)),
    dialog(s),
  );
  replaceKeepingFocus(s.host.panel, root);
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

/** Re-renders only what depends on the texts being typed: the caret stays where it is. */
function refreshLive(s: State): void {
  const root = s.host.panel;
  if (s.problems) refreshProblems(s);
  const swap = (name: string, make: () => HTMLElement) => root.querySelector(`[data-live="${name}"]`)?.replaceWith(make());
  swap('deck-heading', () => deckHeading(s));
  swap('card-list', () => cardListItems(s));
  swap('preview', () => previewFrame(s));
  swap('problems', () => problemsBlock(s));
  markInvalid(s);
}

/** Puts `aria-invalid` on the fields a refused save pointed at, as long as they are still wrong. */
function markInvalid(s: State): void {
  const paths = (s.problems ?? []).map((p) => p.path);
  for (const el of s.host.panel.querySelectorAll<HTMLElement>('[data-path]')) {
    const path = el.dataset.path ?? '';
    const bad = paths.some((p) => p === path || p.startsWith(`${path}.`));
    if (el instanceof HTMLFieldSetElement) el.classList.toggle('invalid', bad);
    else if (bad) el.setAttribute('aria-invalid', 'true');
    else el.removeAttribute('aria-invalid');
  }
}

// ——— The library: start, own decks, import ———

function library(s: State): HTMLElement {
  const entries = listOwnDecks();
  return h(
    'div',
    { class: 'editor__library' },
    h(
      'section',
      { class: 'editor-box', 'aria-labelledby': 'start-heading' },
      h('h2', { id: 'start-heading' }, t('editor:start.heading')),
      h('button', { type: 'button', class: 'editor-wide', 'data-testid': 'new-deck', 'data-key': 'new-deck', onclick: () => leaveDraft(s, 'new-deck', () => startEmpty(s)) }, t('editor:start.empty')),
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
        h('button', { type: 'button', 'data-testid': 'copy-deck', 'data-key': 'copy-deck', disabled: s.builtIns.length === 0, onclick: () => leaveDraft(s, 'copy-deck', () => startCopy(s)) }, t('editor:start.copy')),
      ),
    ),
    h(
      'section',
      { class: 'editor-box', 'aria-labelledby': 'own-heading' },
      h('h2', { id: 'own-heading' }, t('editor:own.heading')),
      entries.length === 0 ? h('p', { class: 'muted' }, t('editor:own.none')) : h('ul', { class: 'own-decks' }, entries.map((e) => ownItem(s, e))),
    ),
    importBox(s),
  );
}

function ownItem(s: State, entry: OwnDeckEntry): HTMLElement {
  const id = entry.id;
  if (!entry.parsed.ok) {
    return h(
      'li',
      { class: 'own-deck own-deck--damaged', 'data-testid': 'own-deck', 'data-deck-id': id },
      h('p', { class: 'own-deck__text' }, t('editor:own.damaged', { id })),
      h(
        'div',
        { class: 'own-deck__actions' },
        h('button', { type: 'button', 'data-key': `own-raw-${id}`, onclick: () => download(`ruimte-deck-${id}.json`, entry.raw, 'application/json') }, t('editor:own.downloadRaw')),
        h('button', { type: 'button', class: 'danger', 'data-testid': 'own-deck-delete', 'data-key': `own-delete-${id}`, onclick: () => openDialog(s, { kind: 'delete-deck', id, name: null, count: 0, returnKey: null }) }, t('editor:own.removeDamaged', { id })),
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
      h('button', { type: 'button', 'data-testid': 'own-deck-edit', 'data-key': `own-edit-${id}`, 'aria-label': t('editor:own.editLabel', { name }), onclick: () => leaveDraft(s, `own-edit-${id}`, () => openOwn(s, id)) }, t('editor:own.edit')),
      h('button', { type: 'button', 'data-testid': 'own-deck-play', 'data-key': `own-play-${id}`, 'aria-label': t('editor:own.playLabel', { name }), onclick: () => playDeck(s.host, id) }, t('editor:own.play')),
      h(
        'button',
        {
          type: 'button',
          class: 'icon ghost danger',
          'data-testid': 'own-deck-delete',
          'data-key': `own-delete-${id}`,
          'aria-label': t('editor:own.remove', { name }),
          title: t('editor:own.remove', { name }),
          onclick: () => openDialog(s, { kind: 'delete-deck', id, name, count: deck.cards.length, returnKey: null }),
        },
        '✕',
      ),
    ),
  );
}

function importBox(s: State): HTMLElement {
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
            void importFiles(s, files);
          },
        }),
        h('label', { for: 'deck-import', class: 'file-pick__button' }, t('editor:import.choose')),
      ),
      h('p', { id: 'drop-hint', class: 'muted small' }, t('editor:import.drop')),
    ),
  );
}

function importProblems(s: State): HTMLElement | null {
  const refused = s.importErrors;
  if (!refused) return null;
  return h(
    'div',
    { class: 'problems import-problems', tabindex: -1, 'data-key': 'import-problems' },
    h('p', { class: 'problems__head' }, t('editor:import.refused', { file: refused.file, count: refused.problems.length })),
    h('ul', { 'data-testid': 'import-errors' }, refused.problems.map((p) => h('li', {}, problemMessage(p)))),
  );
}

// ——— The workspace: the deck being edited ———

function workspace(s: State): HTMLElement {
  return h(
    'section',
    { class: 'editor__work', 'aria-labelledby': 'deck-heading' },
    deckHeading(s),
    problemsBlock(s),
    deckFields(s),
    h('div', { class: 'editor-cards' }, cardList(s), cardForm(s), preview(s)),
    actions(s),
  );
}

function deckHeading(s: State): HTMLElement {
  const d = s.draft;
  const saved = d.dirty ? t('editor:deck.unsaved') : d.savedId ? t('editor:deck.saved') : t('editor:deck.notSaved');
  return h(
    'div',
    { class: 'deck-heading', 'data-live': 'deck-heading' },
    h('h2', { id: 'deck-heading' }, t('editor:deck.heading', { name: deckName(d.name) })),
    h('p', { class: 'muted small' }, `${t('editor:deck.id', { id: d.savedId ?? d.id })} · `, h('span', { class: d.dirty ? 'deck-heading__unsaved' : '' }, saved)),
  );
}

function problemsBlock(s: State): HTMLElement {
  const problems = s.problems;
  if (!problems) return h('div', { 'data-live': 'problems', hidden: true });
  if (problems.length === 0) return h('div', { class: 'editor-ok', 'data-live': 'problems', 'data-testid': 'save-errors' }, t('editor:problems.allFixed'));
  return h(
    'div',
    { class: 'problems save-problems', 'data-live': 'problems', 'data-testid': 'save-errors', 'data-key': 'save-errors', tabindex: -1 },
    h('p', { class: 'problems__head' }, t('editor:problems.heading', { count: problems.length })),
    h(
      'ul',
      {},
      problems.map((p) =>
        h('li', {}, h('button', { type: 'button', class: 'link problem-link', 'aria-label': `${problemMessage(p)} ${t('editor:problems.goTo', { where: problemWhere(p) })}`, onclick: () => goToProblem(s, p) }, problemMessage(p))),
      ),
    ),
  );
}

interface FieldOptions {
  /** Where the schema reports problems with this text (`name.nl`, `cards.2.title.en`). */
  path: string;
  /** Stable across renders for focus (`deck-name-nl`, `<card key>-title-nl`). */
  key: string;
  testid: string;
  lang: Lang;
  label: string;
  value: string;
  max: number;
  min?: number;
  rows?: number;
  extra?: Record<string, string>;
  set(value: string): void;
}

function counterText(value: string, max: number, min?: number): string {
  return min ? t('editor:count.range', { count: value.length, min, max }) : t('editor:count.max', { count: value.length, max });
}

function textField(s: State, o: FieldOptions): HTMLElement {
  const id = `f-${o.key}`;
  const countId = `${id}-count`;
  const outOfRange = (v: string) => v.length > o.max || (o.min !== undefined && v.length > 0 && v.length < o.min);
  const counter = h('div', { id: countId, class: `counter${outOfRange(o.value) ? ' counter--bad' : ''}` }, counterText(o.value, o.max, o.min));
  const attrs = {
    id,
    lang: o.lang,
    'data-testid': o.testid,
    'data-lang': o.lang,
    'data-key': id,
    'data-path': o.path,
    'aria-describedby': countId,
    spellcheck: 'true',
    autocomplete: 'off',
    value: o.value,
    ...o.extra,
    oninput: (e: Event) => {
      const v = (e.target as HTMLInputElement | HTMLTextAreaElement).value;
      o.set(v);
      counter.textContent = counterText(v, o.max, o.min);
      counter.classList.toggle('counter--bad', outOfRange(v));
      markDirty(s);
      refreshLive(s);
    },
  };
  const control = o.rows ? h('textarea', { ...attrs, rows: o.rows }) : h('input', { ...attrs, type: 'text' });
  return h('div', { class: 'field' }, h('label', { for: id }, o.label), control, counter);
}

const inLang = (field: string, lang: Lang) => t('editor:inLang', { field, lang: t(`editor:lang.${lang}`) });

function langPair(make: (lang: Lang) => HTMLElement): HTMLElement {
  return h('div', { class: 'lang-pair' }, LANGS.map(make));
}

function deckFields(s: State): HTMLElement {
  const d = s.draft;
  return h(
    'fieldset',
    { class: 'editor-fieldset deck-fields' },
    h('legend', {}, t('editor:deck.about')),
    langPair((lang) =>
      textField(s, { path: `name.${lang}`, key: `deck-name-${lang}`, testid: 'deck-name', lang, label: inLang(t('editor:deck.name'), lang), value: d.name[lang], max: LIMITS.name, set: (v) => (d.name[lang] = v) }),
    ),
    langPair((lang) =>
      textField(s, { path: `description.${lang}`, key: `deck-description-${lang}`, testid: 'deck-description', lang, label: inLang(t('editor:deck.description'), lang), value: d.description[lang], max: LIMITS.description, rows: 2, set: (v) => (d.description[lang] = v) }),
    ),
  );
}

function cardList(s: State): HTMLElement {
  return h(
    'section',
    { class: 'card-list-box', 'aria-labelledby': 'cards-heading' },
    h('h3', { id: 'cards-heading' }, t('editor:cards.heading', { count: s.draft.cards.length })),
    cardListItems(s),
    h('button', { type: 'button', class: 'editor-wide', 'data-testid': 'add-card', 'data-key': 'add-card', onclick: () => onAddCard(s) }, `+ ${t('editor:cards.add')}`),
  );
}

function cardListItems(s: State): HTMLElement {
  const cards = s.draft.cards;
  const bad = new Set((s.problems ?? []).flatMap((p) => (p.card === null ? [] : [p.card - 1])));
  return h(
    'ol',
    { class: 'card-list', 'aria-label': t('editor:cards.label'), 'data-live': 'card-list' },
    cards.map((card, i) => {
      const title = cardTitle(card);
      const current = i === s.current;
      return h(
        'li',
        { class: `card-item${current ? ' card-item--current' : ''}${bad.has(i) ? ' card-item--bad' : ''}`, 'data-testid': 'card-item', 'data-card-index': i },
        h(
          'button',
          { type: 'button', class: 'card-item__select', 'data-testid': 'card-select', 'data-key': `select-${card.key}`, 'aria-current': current ? 'true' : null, onclick: () => selectCard(s, i) },
          h('span', { class: 'card-item__n' }, `${i + 1}.`),
          h('span', { class: 'card-item__title' }, title),
          current ? h('span', { class: 'sr-only' }, ` (${t('editor:cards.current')})`) : null,
          bad.has(i) ? h('span', { class: 'card-item__bad' }, h('span', { 'aria-hidden': 'true' }, '!'), h('span', { class: 'sr-only' }, ` (${t('editor:cards.hasProblems')})`)) : null,
        ),
        h('button', { type: 'button', class: 'icon ghost', 'data-testid': 'card-up', 'data-key': `up-${card.key}`, 'aria-label': t('editor:cards.up', { n: i + 1, title }), title: t('editor:cards.up', { n: i + 1, title }), disabled: i === 0, onclick: () => onMove(s, i, -1) }, '↑'),
        h('button', { type: 'button', class: 'icon ghost', 'data-testid': 'card-down', 'data-key': `down-${card.key}`, 'aria-label': t('editor:cards.down', { n: i + 1, title }), title: t('editor:cards.down', { n: i + 1, title }), disabled: i === cards.length - 1, onclick: () => onMove(s, i, 1) }, '↓'),
      );
    }),
  );
}

function cardForm(s: State): HTMLElement {
  const i = s.current;
  const card = s.draft.cards[i] as CardDraft;
  const at = `cards.${i}`;
  const k = card.key;
  const change = () => {
    markDirty(s);
    refreshLive(s);
  };
  return h(
    'section',
    { class: 'card-form', 'aria-labelledby': 'card-heading' },
    h(
      'div',
      { class: 'card-form__head' },
      h('h3', { id: 'card-heading', tabindex: -1, 'data-key': `heading-${k}` }, t('editor:card.heading', { n: i + 1, total: s.draft.cards.length })),
      h(
        'button',
        {
          type: 'button',
          class: 'ghost danger',
          'data-testid': 'card-remove',
          'data-key': `remove-${k}`,
          'aria-label': t('editor:cards.remove', { n: i + 1, title: cardTitle(card) }),
          disabled: s.draft.cards.length <= 1,
          onclick: () => openDialog(s, { kind: 'remove-card', index: i, returnKey: null }),
        },
        `✕ ${t('editor:card.remove')}`,
      ),
    ),
    langPair((lang) => textField(s, { path: `${at}.title.${lang}`, key: `${k}-title-${lang}`, testid: 'card-title', lang, label: inLang(t('editor:card.title'), lang), value: card.title[lang], max: LIMITS.title, set: (v) => (card.title[lang] = v) })),
    langPair((lang) =>
      textField(s, {
        path: `${at}.situation.${lang}`,
        key: `${k}-situation-${lang}`,
        testid: 'card-situation',
        lang,
        label: inLang(t('editor:card.situation'), lang),
        value: card.situation[lang],
        max: LIMITS.situation,
        min: LIMITS.situationMin,
        rows: 5,
        set: (v) => (card.situation[lang] = v),
      }),
    ),
    h('p', { class: 'muted small hint' }, t('editor:card.situationHint')),
    h(
      'fieldset',
      { class: 'editor-fieldset questions-edit', 'data-path': `${at}.questions` },
      h('legend', {}, t('editor:card.questions')),
      card.questions.map((q, qi) =>
        h(
          'div',
          { class: 'question-edit' },
          langPair((lang) =>
            textField(s, {
              path: `${at}.questions.${qi}.${lang}`,
              key: `${k}-q${qi}-${lang}`,
              testid: 'card-question',
              lang,
              label: inLang(t('editor:card.question', { n: qi + 1 }), lang),
              value: q[lang],
              max: LIMITS.question,
              rows: 2,
              extra: { 'data-index': String(qi) },
              set: (v) => (q[lang] = v),
            }),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'ghost danger small-target',
              'data-testid': 'remove-question',
              'data-key': `${k}-remove-q${qi}`,
              disabled: card.questions.length <= MIN_QUESTIONS,
              onclick: () => {
                card.questions.splice(qi, 1);
                markDirty(s);
                s.focusAfter = 'add-question';
                render(s);
              },
            },
            t('editor:card.removeQuestion', { n: qi + 1 }),
          ),
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'add-question',
          'data-key': 'add-question',
          disabled: card.questions.length >= MAX_QUESTIONS,
          onclick: () => {
            card.questions.push({ nl: '', en: '' });
            markDirty(s);
            s.focusAfter = `f-${k}-q${card.questions.length - 1}-nl`;
            render(s);
          },
        },
        `+ ${t('editor:card.addQuestion')}`,
      ),
    ),
    h(
      'div',
      { class: 'theme-levels' },
      h(
        'label',
        { class: 'field' },
        h('span', {}, t('editor:card.theme')),
        h(
          'select',
          {
            'data-testid': 'card-theme',
            'data-key': `${k}-theme`,
            'data-path': `${at}.theme`,
            onchange: (e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              card.theme = (THEMES as readonly string[]).includes(v) ? (v as Theme) : '';
              change();
            },
          },
          h('option', { value: '', selected: card.theme === '' }, t('editor:card.chooseTheme')),
          THEMES.map((theme) => h('option', { value: theme, selected: card.theme === theme }, t(`theme.${theme}`))),
        ),
      ),
      h(
        'fieldset',
        { class: 'editor-fieldset levels-edit', 'data-path': `${at}.levels` },
        h('legend', {}, t('editor:card.levels')),
        h(
          'div',
          { class: 'levels-edit__options' },
          LEVELS.map((level) =>
            h(
              'label',
              { class: 'check' },
              h('input', {
                type: 'checkbox',
                'data-testid': 'card-level',
                'data-level': level,
                'data-key': `${k}-level-${level}`,
                checked: card.levels.includes(level),
                onchange: (e: Event) => {
                  const on = (e.target as HTMLInputElement).checked;
                  card.levels = LEVELS.filter((l) => (l === level ? on : card.levels.includes(l)));
                  change();
                },
              }),
              h('span', {}, t(`level.${level}`)),
            ),
          ),
        ),
      ),
    ),
    card.source && card.source.section !== OWN_SOURCE.section ? h('p', { class: 'muted small' }, t('editor:card.source', { section: card.source.section })) : null,
  );
}

function preview(s: State): HTMLElement {
  return h(
    'section',
    { class: 'card-preview', 'aria-labelledby': 'preview-heading' },
    h(
      'div',
      { class: 'card-preview__head' },
      h('h3', { id: 'preview-heading' }, t('editor:preview.heading')),
      h(
        'div',
        { class: 'segmented', role: 'radiogroup', 'aria-label': t('editor:preview.lang') },
        LANGS.map((lang) =>
          h(
            'label',
            { class: 'segmented__option' },
            h('input', {
              type: 'radio',
              name: 'preview-lang',
              value: lang,
              'data-testid': 'preview-lang',
              'data-key': `preview-${lang}`,
              checked: s.previewLang === lang,
              onchange: () => {
                s.previewLang = lang;
                refreshLive(s);
              },
            }),
            h('span', { lang }, t(`editor:lang.${lang}`)),
          ),
        ),
      ),
    ),
    previewFrame(s),
  );
}

/** The card as the scenario panel of the game shows it, in the preview's language. */
function previewFrame(s: State): HTMLElement {
  const lang = s.previewLang;
  const ft = (key: string, options?: Record<string, unknown>) => i18n.getFixedT(lang)(key, options) as string;
  const card = s.draft.cards[s.current] as CardDraft;
  const questions = card.questions.filter((q) => q[lang].trim() !== '');
  return h(
    'div',
    { class: 'card-preview__frame', lang, 'data-live': 'preview', 'data-testid': 'card-preview' },
    h(
      'article',
      { class: 'scenario' },
      h('p', { class: 'eyebrow' }, `${ft('card.count', { n: s.current + 1, total: s.draft.cards.length })}${card.theme ? ` · ${ft(`theme.${card.theme}`)}` : ''}`),
      h('h4', { class: 'scenario__title' }, card.title[lang] || '…'),
      h('p', { class: 'scenario__situation' }, card.situation[lang] || '…'),
      h('h5', { class: 'small-heading' }, ft('card.questions')),
      questions.length ? h('ol', { class: 'questions' }, questions.map((q) => h('li', {}, q[lang]))) : h('p', { class: 'muted' }, '…'),
      card.levels.length ? h('p', { class: 'muted small' }, ft('card.levels', { levels: card.levels.map((l) => ft(`level.${l}`)).join(', ') })) : null,
    ),
  );
}

function actions(s: State): HTMLElement {
  return h(
    'div',
    { class: 'editor-actions', role: 'group', 'aria-label': t('editor:actions.label') },
    h('p', { class: `editor-status${s.status?.error ? ' editor-status--error' : ''}`, 'data-testid': 'editor-status' }, s.status?.text ?? ''),
    h(
      'div',
      { class: 'editor-actions__buttons' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'save-deck', 'data-key': 'save-deck', onclick: () => onSave(s) }, t('editor:actions.save')),
      h('button', { type: 'button', 'data-testid': 'deck-export', 'data-key': 'deck-export', onclick: () => onExport(s) }, t('editor:actions.export')),
      h('button', { type: 'button', class: 'secondary', 'data-testid': 'play-deck', 'data-key': 'play-deck', onclick: () => onPlay(s) }, `▶ ${t('editor:actions.play')}`),
    ),
  );
}

// ——— Dialogs: every question asked in the page, answered with real buttons ———

function openDialog(s: State, d: Dialog): void {
  s.dialog = { ...d, returnKey: d.returnKey ?? (document.activeElement as HTMLElement | null)?.dataset.key ?? null };
  render(s);
}

function closeDialog(s: State, then?: () => void): void {
  const back = s.dialog?.returnKey ?? null;
  s.dialog = null;
  s.focusAfter = back;
  then?.();
  render(s);
}

function dialog(s: State): HTMLElement | null {
  const d = s.dialog;
  if (!d) return null;
  type Choice = [testid: string, label: string, action: () => void, className: string];
  let title: string;
  let text: string;
  let choices: Choice[];
  let cancel: () => void = () => {};
  switch (d.kind) {
    case 'conflict': {
      const existing = d.plan.existing ? deckName(d.plan.existing.name) : d.plan.deck.id;
      title = t('editor:conflict.title');
      text = t(d.plan.kind === 'own-conflict' ? 'editor:conflict.own' : 'editor:conflict.builtin', { id: d.plan.deck.id, name: existing });
      const plan = d.plan;
      cancel = () => setStatus(s, t('editor:import.cancelled'));
      choices = [
        ...(plan.kind === 'own-conflict' ? [['import-replace', t('editor:conflict.replace'), () => finishImport(s, plan.deck), 'danger'] as Choice] : []),
        ['import-keep-both', t('editor:conflict.keepBoth'), () => finishImport(s, keepBoth(plan.deck, takenIds(s), both('editor:defaults.importSuffix'))), 'primary'],
        ['import-cancel', t('editor:conflict.cancel'), cancel, 'ghost'],
      ];
      break;
    }
    case 'discard':
      title = t('editor:dialog.discardTitle');
      text = t('editor:dialog.discard', { name: deckName(s.draft.name) });
      choices = [
        ['dialog-confirm', t('editor:dialog.discardYes'), d.proceed, 'danger'],
        ['dialog-cancel', t('editor:dialog.keepEditing'), cancel, 'primary'],
      ];
      break;
    case 'remove-card': {
      const card = s.draft.cards[d.index];
      title = t('editor:dialog.removeCardTitle');
      text = t('editor:dialog.removeCard', { n: d.index + 1, title: card ? cardTitle(card) : '' });
      const index = d.index;
      choices = [
        ['dialog-confirm', t('editor:dialog.removeCardYes'), () => onRemoveCard(s, index), 'danger'],
        ['dialog-cancel', t('editor:dialog.cancel'), cancel, 'primary'],
      ];
      break;
    }
    case 'delete-deck': {
      title = t('editor:dialog.deleteDeckTitle');
      text = d.name === null ? t('editor:dialog.deleteDamaged', { id: d.id }) : t('editor:dialog.deleteDeck', { name: d.name, count: d.count });
      const { id, name } = d;
      choices = [
        ['dialog-confirm', t('editor:dialog.deleteYes'), () => onDeleteDeck(s, id, name ?? id), 'danger'],
        ['dialog-cancel', t('editor:dialog.cancel'), cancel, 'primary'],
      ];
      break;
    }
  }
  return h(
    'dialog',
    {
      class: 'editor-dialog',
      'data-testid': 'editor-dialog',
      'aria-labelledby': 'dialog-title',
      'aria-describedby': 'dialog-text',
      // Escape is the same as the safe answer.
      oncancel: (e: Event) => {
        e.preventDefault();
        if (s.dialog === d) closeDialog(s, cancel);
      },
      // Closed by the browser itself (a repeated Escape): still the safe answer, never left half-open.
      onclose: (e: Event) => {
        if (s.dialog === d && (e.target as HTMLElement).isConnected) closeDialog(s, cancel);
      },
    },
    h('h2', { id: 'dialog-title' }, title),
    h('p', { id: 'dialog-text' }, text),
    h(
      'div',
      { class: 'editor-dialog__buttons' },
      // The safe answer has the focus when the question opens.
      choices.map(([testid, label, action, className]) => h('button', { type: 'button', class: className, 'data-testid': testid, 'data-key': testid, autofocus: className === 'primary', onclick: () => closeDialog(s, action) }, label)),
    ),
  );
}

// ——— Actions ———

/** Runs `proceed` at once when nothing is unsaved, else asks first. */
function leaveDraft(s: State, returnKey: string, proceed: () => void): void {
  if (!s.draft.dirty) {
    proceed();
    render(s);
    return;
  }
  openDialog(s, { kind: 'discard', proceed, returnKey });
}

function replaceDraft(s: State, draft: DeckDraft): void {
  s.draft = draft;
  s.current = 0;
  s.problems = null;
  storeWorkingDraft(draft);
  const first = draft.cards[0];
  s.focusAfter = first ? `f-${first.key}-title-nl` : null;
}

function startEmpty(s: State): void {
  replaceDraft(s, newDraft(takenIds(s), defaults()));
  setStatus(s, t('editor:start.started'));
}

function startCopy(s: State): void {
  const deck = s.builtIns.find((d) => d.id === s.copySource);
  if (!deck) return;
  replaceDraft(s, copyDraft(deck, takenIds(s), both('editor:defaults.copySuffix')));
  setStatus(s, t('editor:start.copied', { name: deckName(deck.name) }));
}

function openOwn(s: State, id: string): void {
  const entry = readOwnDeck(id);
  if (!entry?.parsed.ok) return;
  replaceDraft(s, deckToDraft(entry.parsed.value));
  s.status = null;
}

function onDeleteDeck(s: State, id: string, name: string): void {
  removeOwnDeck(id);
  if (s.draft.savedId === id) replaceDraft(s, newDraft(takenIds(s), defaults()));
  s.focusAfter = 'new-deck';
  setStatus(s, t('editor:own.removed', { name }));
}

function selectCard(s: State, index: number): void {
  s.current = index;
  const card = s.draft.cards[index];
  s.focusAfter = card ? `heading-${card.key}` : null;
  render(s);
}

function onAddCard(s: State): void {
  s.current = addCard(s.draft);
  markDirty(s);
  const card = s.draft.cards[s.current] as CardDraft;
  s.focusAfter = `f-${card.key}-title-nl`;
  setStatus(s, t('editor:cards.added', { n: s.current + 1 }));
  render(s);
}

function onMove(s: State, index: number, by: -1 | 1): void {
  const currentKey = s.draft.cards[s.current]?.key;
  const moved = s.draft.cards[index] as CardDraft;
  const to = moveCard(s.draft, index, by);
  if (to === index) return;
  markDirty(s);
  s.current = Math.max(0, s.draft.cards.findIndex((c) => c.key === currentKey));
  // Focus stays on the same arrow while it can still move that way, else on the other arrow.
  const atEnd = by === -1 ? to === 0 : to === s.draft.cards.length - 1;
  s.focusAfter = `${(by === -1) !== atEnd ? 'up' : 'down'}-${moved.key}`;
  setStatus(s, t('editor:cards.moved', { title: cardTitle(moved), n: to + 1 }));
  render(s);
}

function onRemoveCard(s: State, index: number): void {
  s.current = removeCard(s.draft, index);
  markDirty(s);
  const card = s.draft.cards[s.current];
  s.focusAfter = card ? `select-${card.key}` : 'add-card';
  setStatus(s, t('editor:cards.removed', { count: s.draft.cards.length }));
  if (s.problems) refreshProblems(s);
}

function refreshProblems(s: State): void {
  const checked = draftToDeck(s.draft, saveIdFor(s.draft, takenIds(s)));
  s.problems = checked.ok ? [] : checked.error;
}

function goToProblem(s: State, p: Problem): void {
  if (p.card !== null && p.card - 1 < s.draft.cards.length) s.current = p.card - 1;
  render(s);
  // The field the problem points at, or the nearest one that holds it (a question list, the levels).
  const fields = [...s.host.panel.querySelectorAll<HTMLElement>('[data-path]')];
  const target =
    fields.find((el) => el.dataset.path === p.path) ??
    fields.find((el) => p.path.startsWith(`${el.dataset.path}.`)) ??
    fields.find((el) => (el.dataset.path ?? '').startsWith(`${p.path}.`));
  const focusable = target instanceof HTMLFieldSetElement ? target.querySelector<HTMLElement>('input, textarea, select, button:not([disabled])') : target;
  focusable?.focus();
  focusable?.scrollIntoView({ block: 'center' });
}

/** Saves the draft as an own deck; on refusal lists the problems and keeps every text as typed. */
function trySave(s: State): ScenarioDeck | null {
  const id = saveIdFor(s.draft, takenIds(s));
  const checked = draftToDeck(s.draft, id);
  if (!checked.ok) {
    s.problems = checked.error;
    s.focusAfter = 'save-errors';
    setStatus(s, t('editor:problems.heading', { count: checked.error.length }), true);
    render(s);
    return null;
  }
  if (!storeOwnDeck(checked.value)) {
    setStatus(s, t('editor:storageFailed'), true);
    render(s);
    return null;
  }
  const deck = checked.value;
  s.draft.id = id;
  s.draft.savedId = id;
  deck.cards.forEach((c, i) => {
    const card = s.draft.cards[i];
    if (card) card.id = c.id;
  });
  s.draft.dirty = false;
  s.problems = null;
  storeWorkingDraft(s.draft);
  return deck;
}

function onSave(s: State): void {
  const deck = trySave(s);
  if (!deck) return;
  setStatus(s, t('editor:saved', { name: deckName(deck.name) }));
  render(s);
}

function onExport(s: State): void {
  const deck = trySave(s);
  if (!deck) return;
  const file = `ruimte-deck-${deck.id}.json`;
  download(file, deckJson(deck), 'application/json');
  setStatus(s, t('editor:exported', { name: deckName(deck.name), file }));
  render(s);
}

function onPlay(s: State): void {
  const deck = trySave(s);
  if (!deck) return;
  state = null;
  s.host.onLanguageChange(null);
  playDeck(s.host, deck.id);
}

/**
 * Setup with the deck chosen. The host builds that setup from the setup module, which it loads the first
 * time setup is shown; until then `newSession(deckId)` throws, so setup is opened once first and the deck
 * chosen as soon as it can be.
 */
function playDeck(host: ScreenHost, deckId: string): void {
  try {
    host.newSession(deckId);
    return;
  } catch {
    host.newSession();
  }
  let tries = 0;
  const retry = () => {
    try {
      host.newSession(deckId);
    } catch {
      if (++tries < 100) window.setTimeout(retry, 20);
    }
  };
  window.setTimeout(retry, 0);
}

// ——— Import: file picker and drag and drop ———

function onDrag(s: State, e: DragEvent, over: boolean): void {
  if (!e.dataTransfer || !Array.from(e.dataTransfer.types).includes('Files')) return;
  // Without this the browser would open the dropped file in place of the game.
  e.preventDefault();
  if (over) e.dataTransfer.dropEffect = 'copy';
  if (s.dragging === over) return;
  s.dragging = over;
  s.host.panel.querySelector('.editor')?.classList.toggle('editor--dragging', over);
  s.host.panel.querySelector('.drop-zone')?.classList.toggle('drop-zone--active', over);
}

function onDrop(s: State, e: DragEvent): void {
  e.preventDefault();
  s.dragging = false;
  s.host.panel.querySelector('.editor')?.classList.remove('editor--dragging');
  s.host.panel.querySelector('.drop-zone')?.classList.remove('drop-zone--active');
  if (s.dialog) return;
  const files = e.dataTransfer ? Array.from(e.dataTransfer.files) : [];
  void importFiles(s, files);
}

function refuseImport(s: State, file: string, problems: Problem[]): void {
  s.importErrors = { file, problems };
  s.focusAfter = 'import-problems';
  setStatus(s, t('editor:import.refused', { file, count: problems.length }), true);
  render(s);
}

async function importFiles(s: State, files: File[]): Promise<void> {
  const file = files[0];
  if (!file) return;
  const tooBig = checkFileSize(file.size);
  if (tooBig.length) return refuseImport(s, file.name, tooBig);
  let text: string;
  try {
    text = await file.text();
  } catch {
    setStatus(s, t('editor:import.unreadable'), true);
    render(s);
    return;
  }
  if (state !== s) return;
  const parsed = parseImport(text);
  if (!parsed.ok) return refuseImport(s, file.name, parsed.error);
  s.importErrors = null;
  const own = listOwnDecks().map((e) => (e.parsed.ok ? e.parsed.value : e.id));
  const plan = planImport(parsed.value, [...s.builtIns, ...deckIds()], own);
  if (files.length > 1) setStatus(s, t('editor:import.oneFile', { file: file.name }));
  if (plan.kind === 'new') {
    finishImport(s, plan.deck);
    render(s);
  } else openDialog(s, { kind: 'conflict', plan, file: file.name, returnKey: 'deck-import' });
}

/** Stores an accepted deck; opens it in the editor unless that would put unsaved changes aside. */
function finishImport(s: State, deck: ScenarioDeck): void {
  if (!storeOwnDeck(deck)) {
    setStatus(s, t('editor:storageFailed'), true);
    return;
  }
  s.importErrors = null;
  const name = deckName(deck.name);
  if (s.draft.dirty) {
    setStatus(s, t('editor:import.importedAside', { name }));
    return;
  }
  replaceDraft(s, deckToDraft(deck));
  s.focusAfter = 'deck-import';
  setStatus(s, t('editor:import.imported', { name }));
}
