/**
 * The coach's deck while it is being edited: plain strings that may still be wrong, kept as typed.
 * It becomes a deck only through the one content schema (`parseDeck`), so the editor, the import and the
 * game agree on what a deck is. Pure: no DOM, no storage, no i18n (texts that end up in a deck come in as
 * arguments, in both languages).
 */
import { parseDeck, type Problem } from '../core/content/parse.ts';
import { LIMITS } from '../core/content/schema.ts';
import type { Result } from '../core/result.ts';
import { LEVELS, type Lang, type Level, type ScenarioDeck, type Source, type Text, type Theme } from '../core/types.ts';

export interface TextDraft {
  nl: string;
  en: string;
}

export interface CardDraft {
  /** A local key, stable while editing (focus, list items); never saved. */
  key: string;
  /** The card's id when it came from a deck; empty for a new card (one is made on save). */
  id: string;
  theme: Theme | '';
  title: TextDraft;
  situation: TextDraft;
  questions: TextDraft[];
  levels: Level[];
  /** What inspired the card; a copied card keeps its source, a new one is the coach's own. */
  source: Source | null;
}

export interface DeckDraft {
  /** The deck's id; fixed when the draft is made, made unique again on the first save if taken by then. */
  id: string;
  /** The own deck on the device this draft edits, or null when it was never saved. */
  savedId: string | null;
  name: TextDraft;
  description: TextDraft;
  cards: CardDraft[];
  /** Changes not saved yet. */
  dirty: boolean;
}

export const MIN_QUESTIONS = 2;
export const MAX_QUESTIONS = 3;
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;
/** Room left in an id for a suffix (`-12`, `-own`), so a card id made from a deck id stays within 64. */
const ID_BASE_MAX = 48;
export const OWN_SOURCE: Source = { seed: 'none', section: 'written by the coach', lines: '' };

/** A key for a card while it is edited: random, so no counter has to live between editors. */
export function newKey(): string {
  const [a = 0, b = 0] = crypto.getRandomValues(new Uint32Array(2));
  return `k${a.toString(36)}${b.toString(36)}`;
}

export const emptyText = (): TextDraft => ({ nl: '', en: '' });
const copyText = (t: Text): TextDraft => ({ nl: t.nl, en: t.en });

/** Lowercase letters, digits and dashes from any name ("Afdeling Noord!" → `afdeling-noord`). */
export function slug(text: string, fallback = 'own-deck'): string {
  const s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, ID_BASE_MAX)
    .replace(/-+$/, '');
  return ID_PATTERN.test(s) ? s : fallback;
}

/** `base` when it is free, else `base-2`, `base-3`… */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const root = slug(base);
  if (!used.has(root)) return root;
  const stem = root.replace(/-\d+$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

export function newCard(): CardDraft {
  return { key: newKey(), id: '', theme: '', title: emptyText(), situation: emptyText(), questions: [emptyText(), emptyText()], levels: [], source: null };
}

/** A card with its texts copied, ready to edit; its id stays for `cardIdsFor` to reuse or replace. */
export function cardToDraft(card: ScenarioDeck['cards'][number]): CardDraft {
  return {
    key: newKey(),
    id: card.id,
    theme: card.theme,
    title: copyText(card.title),
    situation: copyText(card.situation),
    questions: card.questions.map(copyText),
    levels: [...card.levels],
    source: { ...card.source },
  };
}

/** An empty deck with one blank card; `name` and `description` are the defaults in both languages. */
export function newDraft(taken: Iterable<string>, defaults: { name: Text; description: Text }): DeckDraft {
  return { id: uniqueId('own-deck', taken), savedId: null, name: copyText(defaults.name), description: copyText(defaults.description), cards: [newCard()], dirty: false };
}

/** Opens an own deck from the device for editing. */
export function deckToDraft(deck: ScenarioDeck): DeckDraft {
  return { id: deck.id, savedId: deck.id, name: copyText(deck.name), description: copyText(deck.description), cards: deck.cards.map(cardToDraft), dirty: false };
}

/** A deck's name with a mark after it in each language (`Team (kopie)`), cut so it stays within the name limit. */
export function markName(name: Text, suffix: Text): Text {
  const mark = (text: string, s: string) => {
    const tail = ` (${s})`;
    return text.slice(0, Math.max(0, LIMITS.name - tail.length)).trimEnd() + tail;
  };
  return { nl: mark(name.nl, suffix.nl), en: mark(name.en, suffix.en) };
}

/** A card id re-prefixed from one deck to another (`ggz-admin-01` → `ggz-own-admin-01`), or '' when it would not fit. */
export function reprefix(cardId: string, from: string, to: string): string {
  if (!cardId.startsWith(`${from}-`)) return ID_PATTERN.test(cardId) ? cardId : '';
  const moved = `${to}-${cardId.slice(from.length + 1)}`;
  return ID_PATTERN.test(moved) ? moved : '';
}

/** A copy of a built-in (or own) deck as a new, unsaved draft: new id, names marked as a copy. */
export function copyDraft(deck: ScenarioDeck, taken: Iterable<string>, suffix: Text): DeckDraft {
  const id = uniqueId(`${deck.id}-own`, taken);
  return {
    id,
    savedId: null,
    name: markName(deck.name, suffix),
    description: copyText(deck.description),
    cards: deck.cards.map((c) => ({ ...cardToDraft(c), id: reprefix(c.id, deck.id, id) })),
    // A copy is worth keeping once made: it counts as a change until it is saved.
    dirty: true,
  };
}

/** Card ids for saving: a card keeps a valid id of its own, the rest get `<deck>-01`, `<deck>-02`… */
export function cardIdsFor(deckId: string, cards: readonly Pick<CardDraft, 'id'>[]): string[] {
  const base = deckId.slice(0, ID_BASE_MAX).replace(/-+$/, '');
  const kept = new Set<string>();
  const ids: (string | null)[] = cards.map((c) => {
    if (c.id && ID_PATTERN.test(c.id) && !kept.has(c.id)) {
      kept.add(c.id);
      return c.id;
    }
    return null;
  });
  let n = 0;
  return ids.map((id) => {
    if (id) return id;
    let candidate: string;
    do candidate = `${base}-${String(++n).padStart(2, '0')}`;
    while (kept.has(candidate));
    kept.add(candidate);
    return candidate;
  });
}

/**
 * The draft as deck JSON in the content format (`sector: "custom"`). Nothing is trimmed or cut: what the
 * coach typed goes to the schema as it is, so a refusal points at exactly what is on the screen. An unchosen
 * theme is left out, so the schema reports it as missing rather than as an unknown value.
 */
export function draftToData(draft: DeckDraft, deckId = draft.id): Record<string, unknown> {
  const ids = cardIdsFor(deckId, draft.cards);
  return {
    format: 1,
    kind: 'scenario-deck',
    id: deckId,
    sector: 'custom',
    name: { ...draft.name },
    description: { ...draft.description },
    cards: draft.cards.map((c, i) => ({
      id: ids[i],
      ...(c.theme ? { theme: c.theme } : {}),
      title: { ...c.title },
      situation: { ...c.situation },
      questions: c.questions.map((q) => ({ ...q })),
      levels: LEVELS.filter((l) => c.levels.includes(l)),
      source: c.source ? { ...c.source } : { ...OWN_SOURCE },
    })),
  };
}

/** The draft checked by the one schema: a deck ready to store, or every problem by card and field. */
export function draftToDeck(draft: DeckDraft, deckId = draft.id): Result<ScenarioDeck, Problem[]> {
  return parseDeck(draftToData(draft, deckId));
}

/** The id to save under: the deck it edits, or its own id made unique against what is on the device now. */
export function saveIdFor(draft: DeckDraft, taken: Iterable<string>): string {
  return draft.savedId ?? uniqueId(draft.id, taken);
}

/** Moves the card at `from` by `by` places; returns the new index (unchanged at either end). */
export function moveCard(draft: DeckDraft, from: number, by: -1 | 1): number {
  const to = from + by;
  if (from < 0 || from >= draft.cards.length || to < 0 || to >= draft.cards.length) return from;
  const [card] = draft.cards.splice(from, 1);
  draft.cards.splice(to, 0, card as CardDraft);
  draft.dirty = true;
  return to;
}

/** Removes the card at `index` (never the last one: a deck has at least one card); returns the index to edit next. */
export function removeCard(draft: DeckDraft, index: number): number {
  if (draft.cards.length <= 1 || index < 0 || index >= draft.cards.length) return Math.max(0, Math.min(index, draft.cards.length - 1));
  draft.cards.splice(index, 1);
  draft.dirty = true;
  return Math.min(index, draft.cards.length - 1);
}

/** Adds a blank card after the last one; returns its index. */
export function addCard(draft: DeckDraft): number {
  draft.cards.push(newCard());
  draft.dirty = true;
  return draft.cards.length - 1;
}

/** The title to show for a card in a list: the language asked for, else the other one, else null. */
export function cardLabel(card: CardDraft, lang: Lang): string | null {
  const other: Lang = lang === 'nl' ? 'en' : 'nl';
  const title = card.title[lang].trim() || card.title[other].trim();
  return title === '' ? null : title;
}
