/**
 * A coach's own decks on this device: the device's store, one key per deck (`ruimte.deck.<id>`), each holding the
 * deck as JSON in the content format with `sector: "custom"`. Read back through the one schema (`parseDeck`),
 * so a deck damaged on the device is reported, never played. Nothing leaves the device.
 */
import { parseDeck, type Problem } from '../core/content/parse.ts';
import type { Result } from '../core/result.ts';
import type { ScenarioDeck } from '../core/types.ts';
import { deviceStore, type KeyValueStore } from '../storage/index.ts';

export const DECK_PREFIX = 'ruimte.deck.';

/** The same shape as `Loaded<ScenarioDeck>` in `content.ts`, so the setup screen lists own decks as it lists built-in ones. */
export type OwnDeckLoaded = { ok: true; value: ScenarioDeck } | { ok: false; file: string; problems: Problem[] };

export interface OwnDeckEntry {
  readonly id: string;
  readonly raw: string;
  readonly parsed: Result<ScenarioDeck, Problem[]>;
}

function read(id: string, raw: string): OwnDeckEntry {
  const parsed = parseDeck(raw);
  // The key names the deck: a deck whose inner id was changed by hand is still found under its key.
  return { id, raw, parsed: parsed.ok && parsed.value.id !== id ? { ok: true, value: { ...parsed.value, id } } : parsed };
}

export function ownDeckIds(store: KeyValueStore = deviceStore()): string[] {
  return store
    .list(DECK_PREFIX)
    .map((key) => key.slice(DECK_PREFIX.length))
    .sort();
}

/** Every own deck, readable or not, by name (then id). */
export function listOwnDecks(store: KeyValueStore = deviceStore()): OwnDeckEntry[] {
  const entries = ownDeckIds(store).map((id) => read(id, store.readRaw(DECK_PREFIX + id) ?? ''));
  const name = (e: OwnDeckEntry) => (e.parsed.ok ? e.parsed.value.name.nl : e.id);
  return entries.sort((a, b) => name(a).localeCompare(name(b), 'nl') || a.id.localeCompare(b.id));
}

/** The stored text is read as it is: the schema names what is wrong with it, and a damaged deck can still be downloaded. */
export function readOwnDeck(id: string, store: KeyValueStore = deviceStore()): OwnDeckEntry | null {
  const raw = store.readRaw(DECK_PREFIX + id);
  return raw === null ? null : read(id, raw);
}

const toLoaded = (e: OwnDeckEntry): OwnDeckLoaded => (e.parsed.ok ? { ok: true, value: e.parsed.value } : { ok: false, file: e.id, problems: e.parsed.error });

/** Own decks as the content loader returns decks. */
export function loadOwnDecks(store: KeyValueStore = deviceStore()): OwnDeckLoaded[] {
  return listOwnDecks(store).map(toLoaded);
}

export function loadOwnDeck(id: string, store: KeyValueStore = deviceStore()): OwnDeckLoaded | null {
  const entry = readOwnDeck(id, store);
  return entry ? toLoaded(entry) : null;
}

/** The deck in the content format, as stored and as exported. */
export function deckJson(deck: ScenarioDeck): string {
  return `${JSON.stringify({ ...deck, sector: 'custom' }, null, 2)}\n`;
}

/** Stores (or replaces) an own deck. False when the device refused (storage full or blocked): the caller says so. */
export function storeOwnDeck(deck: ScenarioDeck, store: KeyValueStore = deviceStore()): boolean {
  return store.writeRaw(DECK_PREFIX + deck.id, deckJson(deck)).ok;
}

export function removeOwnDeck(id: string, store: KeyValueStore = deviceStore()): void {
  store.remove(DECK_PREFIX + id);
}
