/**
 * A coach's own decks on this device: localStorage, one key per deck (`ruimte.deck.<id>`), each holding the
 * deck as JSON in the content format with `sector: "custom"`. Read back through the one schema (`parseDeck`),
 * so a deck damaged on the device is reported, never played. Nothing leaves the device.
 */
import { parseDeck, type Problem } from '../core/content/parse.ts';
import type { Result } from '../core/result.ts';
import type { ScenarioDeck } from '../core/types.ts';

export const DECK_PREFIX = 'ruimte.deck.';

/** The part of `Storage` used here; tests hand in a small fake. */
export type DeckStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/** The same shape as `Loaded<ScenarioDeck>` in `content.ts`, so the setup screen lists own decks as it lists built-in ones. */
export type OwnDeckLoaded = { ok: true; value: ScenarioDeck } | { ok: false; file: string; problems: Problem[] };

export interface OwnDeckEntry {
  readonly id: string;
  readonly raw: string;
  readonly parsed: Result<ScenarioDeck, Problem[]>;
}

function defaultStore(): DeckStore | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage can be blocked (private mode, policies): then there are simply no own decks.
    return null;
  }
}

function read(id: string, raw: string): OwnDeckEntry {
  const parsed = parseDeck(raw);
  // The key names the deck: a deck whose inner id was changed by hand is still found under its key.
  return { id, raw, parsed: parsed.ok && parsed.value.id !== id ? { ok: true, value: { ...parsed.value, id } } : parsed };
}

export function ownDeckIds(store: DeckStore | null = defaultStore()): string[] {
  if (!store) return [];
  const ids: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(DECK_PREFIX)) ids.push(key.slice(DECK_PREFIX.length));
  }
  return ids.sort();
}

/** Every own deck, readable or not, by name (then id). */
export function listOwnDecks(store: DeckStore | null = defaultStore()): OwnDeckEntry[] {
  if (!store) return [];
  const entries = ownDeckIds(store).map((id) => read(id, store.getItem(DECK_PREFIX + id) ?? ''));
  const name = (e: OwnDeckEntry) => (e.parsed.ok ? e.parsed.value.name.nl : e.id);
  return entries.sort((a, b) => name(a).localeCompare(name(b), 'nl') || a.id.localeCompare(b.id));
}

export function readOwnDeck(id: string, store: DeckStore | null = defaultStore()): OwnDeckEntry | null {
  const raw = store?.getItem(DECK_PREFIX + id) ?? null;
  return raw === null ? null : read(id, raw);
}

const toLoaded = (e: OwnDeckEntry): OwnDeckLoaded => (e.parsed.ok ? { ok: true, value: e.parsed.value } : { ok: false, file: e.id, problems: e.parsed.error });

/** Own decks as the content loader returns decks. */
export function loadOwnDecks(store: DeckStore | null = defaultStore()): OwnDeckLoaded[] {
  return listOwnDecks(store).map(toLoaded);
}

export function loadOwnDeck(id: string, store: DeckStore | null = defaultStore()): OwnDeckLoaded | null {
  const entry = readOwnDeck(id, store);
  return entry ? toLoaded(entry) : null;
}

/** The deck in the content format, as stored and as exported. */
export function deckJson(deck: ScenarioDeck): string {
  return `${JSON.stringify({ ...deck, sector: 'custom' }, null, 2)}\n`;
}

/** Stores (or replaces) an own deck. False when the device refused (storage full or blocked): the caller says so. */
export function storeOwnDeck(deck: ScenarioDeck, store: DeckStore | null = defaultStore()): boolean {
  if (!store) return false;
  try {
    store.setItem(DECK_PREFIX + deck.id, deckJson(deck));
    return true;
  } catch {
    return false;
  }
}

export function removeOwnDeck(id: string, store: DeckStore | null = defaultStore()): void {
  store?.removeItem(DECK_PREFIX + id);
}
