/**
 * The working draft kept on the device while it has unsaved changes, so a reload or leaving the editor loses
 * nothing. Stored as it was by earlier versions (`ruimte.editor.draft`, the draft without its local card
 * keys) and read back keeping every text it can. A convenience: a device that refuses it loses only that.
 */
import { jsonObject } from '../core/json.ts';
import { LEVELS, THEMES, type Source, type Theme } from '../core/types.ts';
import { deviceStore, type KeyValueStore } from '../storage/index.ts';
import { type CardDraft, type DeckDraft, type TextDraft, ID_PATTERN, MAX_QUESTIONS, MIN_QUESTIONS, emptyText, newCard, newKey } from './draft.ts';

export const WORKING_DRAFT = 'ruimte.editor.draft';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const textOf = (v: unknown): TextDraft => {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  return { nl: str(o.nl), en: str(o.en) };
};

/** Reads a stored working draft back, keeping every text it can; null when there is nothing usable. */
export function parseWorkingDraft(raw: string | null): DeckDraft | null {
  const d = jsonObject(raw);
  if (!d) return null;
  if (!Array.isArray(d.cards) || typeof d.id !== 'string') return null;
  const cards: CardDraft[] = d.cards.map((raw: unknown) => {
    const c = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const questions = Array.isArray(c.questions) ? c.questions.slice(0, MAX_QUESTIONS).map(textOf) : [];
    while (questions.length < MIN_QUESTIONS) questions.push(emptyText());
    const source = c.source && typeof c.source === 'object' ? (c.source as Source) : null;
    return {
      key: newKey(),
      id: str(c.id),
      theme: (THEMES as readonly string[]).includes(str(c.theme)) ? (c.theme as Theme) : '',
      title: textOf(c.title),
      situation: textOf(c.situation),
      questions,
      levels: Array.isArray(c.levels) ? LEVELS.filter((l) => (c.levels as unknown[]).includes(l)) : [],
      source,
    };
  });
  if (cards.length === 0) cards.push(newCard());
  return {
    id: ID_PATTERN.test(d.id) ? d.id : 'own-deck',
    savedId: typeof d.savedId === 'string' && ID_PATTERN.test(d.savedId) ? d.savedId : null,
    name: textOf(d.name),
    description: textOf(d.description),
    cards,
    dirty: d.dirty === true,
  };
}

export function serializeWorkingDraft(draft: DeckDraft): string {
  return JSON.stringify({ ...draft, cards: draft.cards.map(({ key: _key, ...rest }) => rest) });
}

/** Keeps the draft while it has unsaved changes, and forgets it once it is saved (or was never changed). */
export function storeWorkingDraft(draft: DeckDraft, store: KeyValueStore = deviceStore()): void {
  // A refused write is not reported: saving the deck reports its own failure.
  if (draft.dirty) store.writeRaw(WORKING_DRAFT, serializeWorkingDraft(draft));
  else store.remove(WORKING_DRAFT);
}

/** The draft left open last time, or null. A damaged one is passed over: the coach starts afresh. */
export function loadWorkingDraft(store: KeyValueStore = deviceStore()): DeckDraft | null {
  return parseWorkingDraft(store.readRaw(WORKING_DRAFT));
}
