/**
 * What the coach can do in the editor: start, open and delete decks, change the cards, save, export and
 * play, and answer the page's questions. Each action changes the session and asks the view to draw it; the
 * view is handed in, so the actions never import a view.
 */
import type { ScreenHost } from '../extensions.ts';
import type { Problem } from '../core/content/parse.ts';
import type { Lang, ScenarioDeck } from '../core/types.ts';
import { t } from '../i18n/index.ts';
import { download } from '../ui/dom.ts';
import { deckJson, readOwnDeck, removeOwnDeck, storeOwnDeck } from '../ui/ownDecks.ts';
import { type CardDraft, addCard, copyDraft, deckToDraft, draftToDeck, moveCard, newDraft, removeCard, saveIdFor } from './draft.ts';
import { type ImportFlow, createImportFlow } from './importFlow.ts';
import { both, cardTitle, deckDefaults, deckName } from './labels.ts';
import { type Dialog, type EditorSession, markDirty, refreshProblems, replaceDraft, setStatus, takenIds } from './session.ts';
import { storeWorkingDraft } from './workingDraft.ts';

/** What the actions ask of the view. */
export interface EditorView {
  /** Draws the whole editor again. */
  render(): void;
  /** Draws again only what depends on the texts being typed: the caret stays where it is. */
  refreshLive(): void;
  /** Focuses the field the schema's `path` points at, or the nearest one that holds it. */
  focusField(path: string): void;
}

/**
 * The actions the views call. Those that answer a question or follow `leaveDraft` (`startEmpty`, `startCopy`,
 * `openOwn`, `deleteDeck`, `removeCard`, `finishImport`, `importAsCopy`, `cancelImport`) leave the drawing to
 * `closeDialog` or `leaveDraft`; every other action draws what it changed.
 */
export interface EditorActions extends ImportFlow {
  /** A field of the draft was changed by the view: kept, and what depends on it drawn again. */
  changed(): void;
  /** Asks a question in the page; the control that had the focus gets it back after the answer. */
  openDialog(d: Dialog): void;
  /** Closes the question, runs the answer and draws the editor again. */
  closeDialog(then?: () => void): void;
  /** Shows the preview in another language. */
  previewIn(lang: Lang): void;
  /** Runs `proceed` at once when nothing is unsaved, else asks first. */
  leaveDraft(returnKey: string, proceed: () => void): void;
  startEmpty(): void;
  startCopy(): void;
  openOwn(id: string): void;
  deleteDeck(id: string, name: string): void;
  selectCard(index: number): void;
  addCard(): void;
  moveCard(index: number, by: -1 | 1): void;
  removeCard(index: number): void;
  addQuestion(): void;
  removeQuestion(index: number): void;
  goToProblem(p: Problem): void;
  save(): void;
  exportDeck(): void;
  play(): void;
  /** Setup with an own deck chosen. */
  playOwn(id: string): void;
}

export function createActions(s: EditorSession, view: EditorView): EditorActions {
  const { render } = view;

  const openDialog = (d: Dialog): void => {
    s.dialog = { ...d, returnKey: d.returnKey ?? (document.activeElement as HTMLElement | null)?.dataset.key ?? null };
    render();
  };

  const currentCard = (): CardDraft => s.draft.cards[s.current] as CardDraft;

  /** Saves the draft as an own deck; on refusal lists the problems and keeps every text as typed. */
  const trySave = (): ScenarioDeck | null => {
    const id = saveIdFor(s.draft, takenIds(s));
    const checked = draftToDeck(s.draft, id);
    if (!checked.ok) {
      s.problems = checked.error;
      s.focusAfter = 'save-errors';
      setStatus(s, t('editor:problems.heading', { count: checked.error.length }), true);
      render();
      return null;
    }
    if (!storeOwnDeck(checked.value)) {
      setStatus(s, t('editor:storageFailed'), true);
      render();
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
  };

  return {
    ...createImportFlow(s, { render, openDialog }),
    changed() {
      markDirty(s);
      view.refreshLive();
    },
    previewIn(lang) {
      s.previewLang = lang;
      view.refreshLive();
    },
    openDialog,
    closeDialog(then) {
      const back = s.dialog?.returnKey ?? null;
      s.dialog = null;
      s.focusAfter = back;
      then?.();
      render();
    },
    leaveDraft(returnKey, proceed) {
      if (!s.draft.dirty) {
        proceed();
        render();
        return;
      }
      openDialog({ kind: 'discard', proceed, returnKey });
    },
    startEmpty() {
      replaceDraft(s, newDraft(takenIds(s), deckDefaults()));
      setStatus(s, t('editor:start.started'));
    },
    startCopy() {
      const deck = s.builtIns.find((d) => d.id === s.copySource);
      if (!deck) return;
      replaceDraft(s, copyDraft(deck, takenIds(s), both('editor:defaults.copySuffix')));
      setStatus(s, t('editor:start.copied', { name: deckName(deck.name) }));
    },
    openOwn(id) {
      const entry = readOwnDeck(id);
      if (!entry?.parsed.ok) return;
      replaceDraft(s, deckToDraft(entry.parsed.value));
      s.status = null;
    },
    deleteDeck(id, name) {
      removeOwnDeck(id);
      if (s.draft.savedId === id) replaceDraft(s, newDraft(takenIds(s), deckDefaults()));
      s.focusAfter = 'new-deck';
      setStatus(s, t('editor:own.removed', { name }));
    },
    selectCard(index) {
      s.current = index;
      const card = s.draft.cards[index];
      s.focusAfter = card ? `heading-${card.key}` : null;
      render();
    },
    addCard() {
      s.current = addCard(s.draft);
      markDirty(s);
      s.focusAfter = `f-${currentCard().key}-title-nl`;
      setStatus(s, t('editor:cards.added', { n: s.current + 1 }));
      render();
    },
    moveCard(index, by) {
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
      render();
    },
    removeCard(index) {
      s.current = removeCard(s.draft, index);
      markDirty(s);
      const card = s.draft.cards[s.current];
      s.focusAfter = card ? `select-${card.key}` : 'add-card';
      setStatus(s, t('editor:cards.removed', { count: s.draft.cards.length }));
      if (s.problems) refreshProblems(s);
    },
    addQuestion() {
      const card = currentCard();
      card.questions.push({ nl: '', en: '' });
      markDirty(s);
      s.focusAfter = `f-${card.key}-q${card.questions.length - 1}-nl`;
      render();
    },
    removeQuestion(index) {
      currentCard().questions.splice(index, 1);
      markDirty(s);
      s.focusAfter = 'add-question';
      render();
    },
    goToProblem(p) {
      if (p.card !== null && p.card - 1 < s.draft.cards.length) s.current = p.card - 1;
      render();
      view.focusField(p.path);
    },
    save() {
      const deck = trySave();
      if (!deck) return;
      setStatus(s, t('editor:saved', { name: deckName(deck.name) }));
      render();
    },
    exportDeck() {
      const deck = trySave();
      if (!deck) return;
      const file = `ruimte-deck-${deck.id}.json`;
      download(file, deckJson(deck), 'application/json');
      setStatus(s, t('editor:exported', { name: deckName(deck.name), file }));
      render();
    },
    play() {
      const deck = trySave();
      if (!deck) return;
      s.closed = true;
      s.host.onLanguageChange(null);
      playDeck(s.host, deck.id);
    },
    playOwn: (id) => playDeck(s.host, id),
  };
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
