/**
 * Importing a deck file: the raw text goes through the one schema; a deck that fits is stored as an own deck
 * (`sector: "custom"`), and an id that is already taken is never overwritten without the coach's answer.
 * Pure: the view reads the file and asks the question.
 */
import { parseDeck, type Problem } from '../core/content/parse.ts';
import { LIMITS } from '../core/content/schema.ts';
import type { Result } from '../core/result.ts';
import { err } from '../core/result.ts';
import type { ScenarioDeck, Text } from '../core/types.ts';
import { markName, reprefix, uniqueId } from './draft.ts';

export type ImportPlan =
  /** The id is free: store it. */
  | { readonly kind: 'new'; readonly deck: ScenarioDeck }
  /** An own deck has this id: ask whether to replace it or keep both. */
  | { readonly kind: 'own-conflict'; readonly deck: ScenarioDeck; readonly existing: ScenarioDeck | null }
  /** A built-in deck has this id: it cannot be replaced; ask whether to keep the import under a new id. */
  | { readonly kind: 'builtin-conflict'; readonly deck: ScenarioDeck; readonly existing: ScenarioDeck | null };

/** A file bigger than the limit is refused by its size, before it is read. */
export function checkFileSize(bytes: number): Problem[] {
  return bytes > LIMITS.fileBytes ? [{ code: 'file-too-big', path: '', card: null, field: '' }] : [];
}

/**
 * The file's text through the schema; an accepted deck becomes an own deck (`sector: "custom"`). A file that
 * is no deck at all (another kind of Ruimte file, another version of the format) gets that one answer, not a
 * list of every field a deck would have had.
 */
export function parseImport(raw: string): Result<ScenarioDeck, Problem[]> {
  // A byte order mark (some editors write one) is not part of the JSON.
  const text = raw.replace(/^\uFEFF/, '');
  const tooBig = checkFileSize(text.length);
  if (tooBig.length) return err(tooBig);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return err([{ code: 'not-json', path: '', card: null, field: '' }]);
  }
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const { kind, format } = data as { kind?: unknown; format?: unknown };
    if (kind !== undefined && kind !== 'scenario-deck') return err([{ code: 'wrong-kind', path: 'kind', card: null, field: 'kind' }]);
    if (kind === 'scenario-deck' && format !== undefined && format !== 1) return err([{ code: 'wrong-format', path: 'format', card: null, field: 'format' }]);
  }
  const parsed = parseDeck(data);
  if (!parsed.ok) return err(parsed.error);
  return { ok: true, value: { ...parsed.value, sector: 'custom' } };
}

/**
 * What to do with an accepted deck. `builtIn` and `own` hold the decks there are (or only their ids, for a
 * deck that could not be read: it is still on the device and is not overwritten without asking).
 */
export function planImport(deck: ScenarioDeck, builtIn: readonly (ScenarioDeck | string)[], own: readonly (ScenarioDeck | string)[]): ImportPlan {
  const find = (list: readonly (ScenarioDeck | string)[]) => {
    const hit = list.find((d) => (typeof d === 'string' ? d : d.id) === deck.id);
    return hit === undefined ? undefined : typeof hit === 'string' ? null : hit;
  };
  const inBuiltIn = find(builtIn);
  if (inBuiltIn !== undefined) return { kind: 'builtin-conflict', deck, existing: inBuiltIn };
  const inOwn = find(own);
  if (inOwn !== undefined) return { kind: 'own-conflict', deck, existing: inOwn };
  return { kind: 'new', deck };
}

/**
 * "Keep both": the import under a new id (`team-noord` → `team-noord-2`), its card ids moved along, and its
 * name marked in both languages so the two are told apart in the deck list.
 */
export function keepBoth(deck: ScenarioDeck, taken: Iterable<string>, suffix: Text): ScenarioDeck {
  const id = uniqueId(deck.id, taken);
  const cards = deck.cards.map((c) => ({ ...c, id: reprefix(c.id, deck.id, id) || c.id }));
  return { ...deck, id, sector: 'custom', name: markName(deck.name, suffix), cards };
}
