/**
 * The coach's own decks: a draft becomes a deck only through the one schema, ids are made and kept sensibly,
 * imports are refused with a message per problem (by card and field, in the coach's language), an id that is
 * taken is never overwritten without asking, and own decks on the device are read back through the schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/core/content/parse.ts';
import { LIMITS } from '../../src/core/content/schema.ts';
import type { ScenarioDeck } from '../../src/core/types.ts';
import {
  type DeckDraft,
  addCard,
  cardIdsFor,
  copyDraft,
  deckToDraft,
  draftToData,
  draftToDeck,
  moveCard,
  newDraft,
  removeCard,
  reprefix,
  saveIdFor,
  slug,
  uniqueId,
} from '../../src/editor/draft.ts';
import { checkFileSize, keepBoth, parseImport, planImport } from '../../src/editor/importDeck.ts';
import { problemMessage } from '../../src/editor/problems.ts';
import { registerEditorTexts } from '../../src/editor/texts.ts';
import { parseWorkingDraft, serializeWorkingDraft } from '../../src/editor/workingDraft.ts';
import { i18n, initI18n } from '../../src/i18n/index.ts';
import { localStore, memoryStore } from '../../src/storage/index.ts';
import { DECK_PREFIX, deckJson, listOwnDecks, loadOwnDeck, loadOwnDecks, ownDeckIds, readOwnDeck, removeOwnDeck, storeOwnDeck } from '../../src/ui/ownDecks.ts';

const root = join(import.meta.dirname, '..', '..');
const rawDeck = (id: string) => readFileSync(join(root, 'levels', 'decks', `${id}.json`), 'utf8');
const deckOf = (id: string): ScenarioDeck => {
  const parsed = parseDeck(rawDeck(id));
  if (!parsed.ok) throw new Error(`deck ${id} does not parse`);
  return parsed.value;
};
/** A fresh, mutable copy of the real GGZ deck, to break on purpose. */
const ggz = () => JSON.parse(rawDeck('ggz')) as Record<string, any>;

const DEFAULTS = { name: { nl: 'Eigen kaartspel', en: 'Own deck' }, description: { nl: 'Onze kaarten.', en: 'Our cards.' } };
const SITUATION = { nl: 'Op maandag begint de dienst met te weinig mensen, en niemand zegt er iets van want zo gaat het altijd al.', en: 'On Monday the shift starts short-handed, and nobody says anything because that is how it has always been.' };

/** A new draft with its one card filled in. */
function filledDraft(taken: string[] = []): DeckDraft {
  const draft = newDraft(taken, DEFAULTS);
  const card = draft.cards[0]!;
  card.title = { nl: 'Te weinig handen', en: 'Too few hands' };
  card.situation = { ...SITUATION };
  card.questions = [
    { nl: 'Wat zie je?', en: 'What do you see?' },
    { nl: 'Wat helpt?', en: 'What helps?' },
  ];
  card.theme = 'roster';
  card.levels = ['team', 'individual'];
  return draft;
}

/** The browser's storage when it refuses: full (every write throws) or blocked (every call throws). */
function refusingStorage(blocked: boolean): Storage {
  const fail = (name: string) => () => {
    throw new DOMException(name, name);
  };
  const denied = fail(blocked ? 'SecurityError' : 'QuotaExceededError');
  return {
    get length() {
      return blocked ? denied() : 0;
    },
    key: blocked ? denied : () => null,
    getItem: blocked ? denied : () => null,
    setItem: denied,
    removeItem: blocked ? denied : () => {},
    clear: blocked ? denied : () => {},
  };
}

beforeAll(async () => {
  await initI18n('nl');
  registerEditorTexts();
});

describe('ids', () => {
  it('makes ids of lowercase letters, digits and dashes from any name', () => {
    expect(slug('Afdeling Noord!')).toBe('afdeling-noord');
    expect(slug('Zorg & Welzijn — één')).toBe('zorg-welzijn-een');
    expect(slug('!!!')).toBe('own-deck');
    expect(slug('x'.repeat(100)).length).toBeLessThanOrEqual(48);
  });

  it('makes an id unique against what is taken', () => {
    expect(uniqueId('team', [])).toBe('team');
    expect(uniqueId('team', ['team'])).toBe('team-2');
    expect(uniqueId('team', ['team', 'team-2'])).toBe('team-3');
    expect(uniqueId('team-2', ['team', 'team-2'])).toBe('team-3');
  });

  it('keeps a card id that is valid and unique, and numbers the rest after the deck', () => {
    expect(cardIdsFor('noord', [{ id: '' }, { id: 'noord-02' }, { id: 'Bad Id' }, { id: 'noord-02' }])).toEqual(['noord-01', 'noord-02', 'noord-03', 'noord-04']);
  });

  it('moves card ids along with their deck, or leaves them for renumbering when they would not fit', () => {
    expect(reprefix('ggz-admin-01', 'ggz', 'ggz-own')).toBe('ggz-own-admin-01');
    expect(reprefix('other-01', 'ggz', 'ggz-own')).toBe('other-01');
    expect(reprefix('ggz-admin-01', 'ggz', 'x'.repeat(60))).toBe('');
  });
});

describe('a draft becomes a deck through the one schema', () => {
  it('starts empty with one blank card and the default names, not yet worth asking about', () => {
    const draft = newDraft(['own-deck'], DEFAULTS);
    expect(draft.id).toBe('own-deck-2');
    expect(draft.cards).toHaveLength(1);
    expect(draft.dirty).toBe(false);
    expect(draft.name).toEqual(DEFAULTS.name);
  });

  it('refuses a blank card with every problem by card and field; an unchosen theme is missing', () => {
    const result = draftToDeck(newDraft([], DEFAULTS));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((p) => `${p.card}:${p.field}:${p.code}`)).toEqual([
      '1:theme:missing',
      '1:title.nl:empty',
      '1:title.en:empty',
      '1:situation.nl:empty',
      '1:situation.en:empty',
      '1:questions.0.nl:empty',
      '1:questions.0.en:empty',
      '1:questions.1.nl:empty',
      '1:questions.1.en:empty',
      '1:levels:empty',
    ]);
  });

  it('makes a custom deck of a filled draft, with card ids after the deck and levels in IGLO order', () => {
    const result = draftToDeck(filledDraft());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ format: 1, kind: 'scenario-deck', id: 'own-deck', sector: 'custom' });
    expect(result.value.cards[0]).toMatchObject({ id: 'own-deck-01', levels: ['individual', 'team'], source: { seed: 'none' } });
  });

  it('keeps what was typed, markup and all, and lets the schema say what is wrong', () => {
    const draft = filledDraft();
    draft.cards[0]!.title.en = '<b>Too</b> few hands';
    draft.name.nl = ' ';
    const data = draftToData(draft) as { cards: { title: { en: string } }[] };
    expect(data.cards[0]!.title.en).toBe('<b>Too</b> few hands');
    const result = draftToDeck(draft);
    expect(result.ok ? [] : result.error.map((p) => `${p.path}:${p.code}`)).toEqual(['name.nl:empty', 'cards.0.title.en:markup']);
  });

  it('copies a built-in deck under a new id, names marked as a copy, cards re-prefixed, valid as it is', () => {
    const source = deckOf('ggz');
    const copy = copyDraft(source, ['ggz', 'ggz-own'], { nl: 'eigen versie', en: 'own version' });
    expect(copy.id).toBe('ggz-own-2');
    expect(copy.savedId).toBeNull();
    expect(copy.dirty).toBe(true);
    expect(copy.name).toEqual({ nl: `${source.name.nl} (eigen versie)`, en: `${source.name.en} (own version)` });
    const deck = draftToDeck(copy);
    expect(deck.ok).toBe(true);
    if (!deck.ok) return;
    expect(deck.value.sector).toBe('custom');
    expect(deck.value.cards.map((c) => c.id)).toEqual(source.cards.map((c) => c.id.replace(/^ggz-/, 'ggz-own-2-')));
    expect(deck.value.cards.map((c) => c.source)).toEqual(source.cards.map((c) => c.source));
  });

  it('keeps a copied name within the limit', () => {
    const source = { ...deckOf('ggz'), name: { nl: 'n'.repeat(80), en: 'e'.repeat(80) } };
    const copy = copyDraft(source, [], { nl: 'eigen versie', en: 'own version' });
    expect(copy.name.nl.length).toBeLessThanOrEqual(LIMITS.name);
    expect(copy.name.nl.endsWith('(eigen versie)')).toBe(true);
  });

  it('saves a new deck under a free id and an opened deck under its own id', () => {
    const draft = filledDraft();
    expect(saveIdFor(draft, ['own-deck'])).toBe('own-deck-2');
    const opened = deckToDraft({ ...deckOf('ggz'), id: 'mine', sector: 'custom' });
    expect(saveIdFor(opened, ['mine'])).toBe('mine');
  });

  it('adds, moves and removes cards, never the last one', () => {
    const draft = filledDraft();
    const first = draft.cards[0]!.key;
    expect(addCard(draft)).toBe(1);
    expect(draft.dirty).toBe(true);
    expect(moveCard(draft, 1, -1)).toBe(0);
    expect(draft.cards[1]!.key).toBe(first);
    expect(moveCard(draft, 0, -1)).toBe(0);
    expect(moveCard(draft, 1, 1)).toBe(1);
    expect(removeCard(draft, 0)).toBe(0);
    expect(draft.cards.map((c) => c.key)).toEqual([first]);
    expect(removeCard(draft, 0)).toBe(0);
    expect(draft.cards).toHaveLength(1);
  });

  it('keeps a working draft across a reload, and ignores one it cannot read', () => {
    const draft = filledDraft();
    draft.dirty = true;
    draft.cards[0]!.title.nl = 'Half <getypt';
    draft.cards[0]!.levels = ['individual', 'team'];
    const back = parseWorkingDraft(serializeWorkingDraft(draft));
    expect(back).not.toBeNull();
    expect(back!.cards[0]!.title.nl).toBe('Half <getypt');
    expect({ ...back!, cards: back!.cards.map(({ key: _k, ...c }) => c) }).toEqual({ ...draft, cards: draft.cards.map(({ key: _k, ...c }) => c) });
    expect(parseWorkingDraft('{"cards": 3}')).toBeNull();
    expect(parseWorkingDraft('not json')).toBeNull();
    expect(parseWorkingDraft(null)).toBeNull();
    // A damaged card keeps what it can and gets the questions it needs.
    const partial = parseWorkingDraft(JSON.stringify({ id: 'x-y', cards: [{ title: { nl: 'a' }, theme: 'nope', levels: ['team', 'boss'] }] }));
    expect(partial!.cards[0]).toMatchObject({ title: { nl: 'a', en: '' }, theme: '', levels: ['team'] });
    expect(partial!.cards[0]!.questions).toHaveLength(2);
  });
});

/** The broken files of the issue: each refused with a specific message naming card and field. */
const BROKEN: [name: string, raw: () => string, nl: string[], en: string[]][] = [
  ['not JSON', () => 'Kaarten voor de GGZ:\n1. Drie keer hetzelfde', ['Dit is geen geldig JSON-bestand.'], ['This is not a valid JSON file.']],
  ['an empty file', () => '', ['Dit is geen geldig JSON-bestand.'], ['This is not a valid JSON file.']],
  [
    'wrong types',
    () => {
      const d = ggz();
      d.cards[4].title.nl = 42;
      d.cards[2].levels = 'team';
      d.name = 'GGZ';
      return JSON.stringify(d);
    },
    ['naam: Heeft de verkeerde vorm.', 'Kaart 3, IGLO-niveaus: Heeft de verkeerde vorm.', 'Kaart 5, titel (Nederlands): Heeft de verkeerde vorm.'],
    ['name: Has the wrong shape.', 'Card 3, IGLO levels: Has the wrong shape.', 'Card 5, title (Dutch): Has the wrong shape.'],
  ],
  [
    'a missing language',
    () => {
      const d = ggz();
      delete d.cards[2].title.en;
      delete d.cards[6].questions[1].nl;
      return JSON.stringify(d);
    },
    ['Kaart 3, titel (Engels): Ontbreekt.', 'Kaart 7, vraag 2 (Nederlands): Ontbreekt.'],
    ['Card 3, title (English): Is missing.', 'Card 7, question 2 (Dutch): Is missing.'],
  ],
  [
    'duplicate ids',
    () => {
      const d = ggz();
      d.cards[5].id = d.cards[1].id;
      return JSON.stringify(d);
    },
    ['Kaart 6, id: Deze id komt twee keer voor.'],
    ['Card 6, id: This id occurs twice.'],
  ],
  [
    'a text of a megabyte',
    () => {
      const d = ggz();
      d.cards[3].situation.en = 'The night shift is short-staffed again. '.repeat(26_000);
      return JSON.stringify(d);
    },
    ['Kaart 4, situatie (Engels): Is te lang. (maximaal 600 tekens)'],
    ['Card 4, situation (English): Is too long. (at most 600 characters)'],
  ],
  [
    'HTML and script in titles',
    () => {
      const d = ggz();
      d.cards[0].title.nl = '<script>alert(1)</script>';
      d.cards[9].title.en = 'Rooster <img src=x onerror=alert(1)>';
      return JSON.stringify(d);
    },
    ['Kaart 1, titel (Nederlands): Bevat HTML of de tekens < en >; gebruik gewone tekst.', 'Kaart 10, titel (Engels): Bevat HTML of de tekens < en >; gebruik gewone tekst.'],
    ['Card 1, title (Dutch): Contains HTML or the characters < and >; use plain text.', 'Card 10, title (English): Contains HTML or the characters < and >; use plain text.'],
  ],
  [
    'another kind of file',
    () => readFileSync(join(root, 'levels', 'twists.json'), 'utf8'),
    ['soort bestand: Dit is geen bestand met kaarten van Ruimte.'],
    ['kind of file: This is not a Ruimte card file.'],
  ],
  [
    'a deck from a newer version of Ruimte',
    () => {
      const d = ggz();
      d.format = 2;
      d.cards[0].title = 'changed in a newer version';
      return JSON.stringify(d);
    },
    ['formaat: Dit bestand komt uit een andere versie van Ruimte.'],
    ['format: This file comes from another version of Ruimte.'],
  ],
  [
    'a situation that is too short and a fourth question',
    () => {
      const d = ggz();
      d.cards[1].situation.nl = 'Te kort.';
      d.cards[1].questions.push(d.cards[1].questions[0], d.cards[1].questions[0]);
      return JSON.stringify(d);
    },
    ['Kaart 2, situatie (Nederlands): Is te kort. (minstens 80 tekens)', 'Kaart 2, vragen: Een kaart heeft 2 of 3 vragen.'],
    ['Card 2, situation (Dutch): Is too short. (at least 80 characters)', 'Card 2, questions: A card has 2 or 3 questions.'],
  ],
];

describe('importing a file', () => {
  it.each(BROKEN)('refuses %s with a specific message in Dutch and in English', async (_name, raw, nl, en) => {
    const result = parseImport(raw());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    await i18n.changeLanguage('nl');
    expect(result.error.map(problemMessage)).toEqual(nl);
    await i18n.changeLanguage('en');
    expect(result.error.map(problemMessage)).toEqual(en);
    await i18n.changeLanguage('nl');
  });

  it('refuses a file over the size limit by its size, before reading it', async () => {
    expect(checkFileSize(LIMITS.fileBytes)).toEqual([]);
    const problems = checkFileSize(LIMITS.fileBytes + 1);
    expect(problems.map(problemMessage)).toEqual(['Het bestand is te groot.']);
  });

  it('accepts a good file (also with a byte order mark) as an own deck', () => {
    const result = parseImport(`\uFEFF${rawDeck('ggz')}`);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.sector).toBe('custom');
  });

  it('asks before anything on the device is overwritten', () => {
    const deck = { ...deckOf('ggz'), id: 'noord', sector: 'custom' as const };
    const builtIn = [deckOf('ggz'), 'general'];
    expect(planImport(deck, builtIn, []).kind).toBe('new');
    const own = planImport(deck, builtIn, [{ ...deck, name: { nl: 'Oud', en: 'Old' } }]);
    expect(own).toMatchObject({ kind: 'own-conflict', existing: { name: { nl: 'Oud' } } });
    // A deck on the device that cannot be read is still there: still a question.
    expect(planImport(deck, builtIn, ['noord'])).toMatchObject({ kind: 'own-conflict', existing: null });
    expect(planImport({ ...deck, id: 'ggz' }, builtIn, [])).toMatchObject({ kind: 'builtin-conflict', existing: { id: 'ggz' } });
    expect(planImport({ ...deck, id: 'general' }, builtIn, [])).toMatchObject({ kind: 'builtin-conflict', existing: null });
  });

  it('keeps both under a new id, with the cards and the name marked, valid as it is', () => {
    const deck = deckOf('ggz');
    const kept = keepBoth(deck, ['ggz', 'ggz-2'], { nl: 'kopie', en: 'copy' });
    expect(kept.id).toBe('ggz-3');
    expect(kept.sector).toBe('custom');
    expect(kept.name).toEqual({ nl: `${deck.name.nl} (kopie)`, en: `${deck.name.en} (copy)` });
    expect(kept.cards.every((c) => c.id.startsWith('ggz-3-'))).toBe(true);
    expect(parseDeck(kept).ok).toBe(true);
  });
});

describe('own decks on the device', () => {
  const mine = (id: string, name = id): ScenarioDeck => ({ ...deckOf('general'), id, name: { nl: name, en: name }, sector: 'custom' });

  it('stores a deck in the content format, as JSON under ruimte.deck.<id>, and reads it back through the schema', () => {
    const store = memoryStore();
    expect(storeOwnDeck({ ...mine('noord'), sector: 'ggz' }, store)).toBe(true);
    const raw = store.readRaw(`${DECK_PREFIX}noord`)!;
    expect(JSON.parse(raw)).toMatchObject({ format: 1, kind: 'scenario-deck', id: 'noord', sector: 'custom' });
    expect(raw).toBe(deckJson(mine('noord')));
    expect(loadOwnDeck('noord', store)).toMatchObject({ ok: true, value: { id: 'noord', sector: 'custom' } });
    expect(loadOwnDeck('zuid', store)).toBeNull();
  });

  it('lists own decks by name, reports a damaged one and leaves other keys alone', () => {
    const store = memoryStore();
    store.writeRaw('ruimte.session.abc', '{}');
    storeOwnDeck(mine('b-deck', 'Zorgteam'), store);
    storeOwnDeck(mine('a-deck', 'Avonddienst'), store);
    store.writeRaw(`${DECK_PREFIX}kapot`, '{"format":1,"kind":"scenario-deck"');
    expect(ownDeckIds(store)).toEqual(['a-deck', 'b-deck', 'kapot']);
    expect(listOwnDecks(store).map((e) => e.id)).toEqual(['a-deck', 'kapot', 'b-deck']);
    const loaded = loadOwnDecks(store);
    expect(loaded.filter((d) => d.ok)).toHaveLength(2);
    expect(loaded.find((d) => !d.ok)).toEqual({ ok: false, file: 'kapot', problems: [{ code: 'not-json', path: '', card: null, field: '' }] });
    removeOwnDeck('kapot', store);
    expect(ownDeckIds(store)).toEqual(['a-deck', 'b-deck']);
    expect(store.readRaw('ruimte.session.abc')).toBe('{}');
  });

  it('finds a deck under its key even when its inner id was changed by hand', () => {
    const store = memoryStore();
    store.writeRaw(`${DECK_PREFIX}noord`, deckJson(mine('zuid')));
    expect(readOwnDeck('noord', store)?.parsed).toMatchObject({ ok: true, value: { id: 'noord' } });
  });

  it('says so when the device refuses to store, and has no decks without storage', () => {
    const store = memoryStore();
    expect(storeOwnDeck(mine('noord'), localStore(refusingStorage(false)))).toBe(false);
    const none = localStore(refusingStorage(true));
    expect(storeOwnDeck(mine('noord'), none)).toBe(false);
    expect(listOwnDecks(none)).toEqual([]);
  });
});
