/**
 * Loads the content of `levels/` in the browser, each file parsed with the one schema at load. Decks load
 * lazily (each its own small chunk), so the start screen does not wait for them.
 */
import { parseCheckIns, parseDeck, parseTwists, type Problem } from './core/content/parse.ts';
import type { CheckInCard, ScenarioDeck, TwistCard } from './core/types.ts';
import { loadOwnDeck, loadOwnDecks } from './ui/ownDecks.ts';

const deckFiles = import.meta.glob<{ default: unknown }>('../levels/decks/*.json');
const images = import.meta.glob<string>('../assets/checkin/*.svg', { query: '?url', import: 'default', eager: true });

export type Loaded<T> = { ok: true; value: T } | { ok: false; file: string; problems: Problem[] };

export const deckIds = (): string[] => Object.keys(deckFiles).map((path) => path.replace(/^.*\/(.*)\.json$/, '$1')).sort();

export async function loadDeck(id: string): Promise<Loaded<ScenarioDeck>> {
  const entry = Object.entries(deckFiles).find(([path]) => path.endsWith(`/${id}.json`));
  // Not built in: a coach's own deck on this device (`src/ui/ownDecks.ts`).
  if (!entry) return loadOwnDeck(id) ?? { ok: false, file: id, problems: [{ code: 'missing', path: '', card: null, field: id }] };
  const parsed = parseDeck((await entry[1]()).default);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, file: `${id}.json`, problems: parsed.error };
}

/** The built-in decks, then the coach's own decks on this device (an own deck never hides a built-in one). */
export async function loadAllDecks(): Promise<Loaded<ScenarioDeck>[]> {
  const builtIn = await Promise.all(deckIds().map(loadDeck));
  const ids = new Set(deckIds());
  return [...builtIn, ...loadOwnDecks().filter((d) => !d.ok || !ids.has(d.value.id))];
}

export async function loadTwists(): Promise<TwistCard[]> {
  const parsed = parseTwists((await import('../levels/twists.json')).default);
  return parsed.ok ? parsed.value.cards : [];
}

export async function loadCheckIns(): Promise<CheckInCard[]> {
  const parsed = parseCheckIns((await import('../levels/checkins.json')).default);
  return parsed.ok ? parsed.value.cards : [];
}

/** The bundled URL of a check-in picture (`checkin/sunrise.svg`). */
export function imageUrl(path: string): string | undefined {
  return images[`../assets/${path}`];
}
