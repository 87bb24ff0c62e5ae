/**
 * Checks on the shipped content as a whole, beyond what one file's schema can see: enough of each kind, every
 * theme in every deck, a source on every card, and no situation twice (no two scenario cards, in any decks,
 * share a title or a question). Used by `npm run levels:check` and the content tests.
 */
import { THEMES, type ScenarioDeck } from '../types.ts';

/** The least the shipped content holds (issue 15). */
export const MINIMUMS = { poll: 48, twists: 36, checkIns: 24, cardsPerDeck: 16 } as const;

export interface ContentProblem {
  /** What is wrong, e.g. `shared-question`. */
  readonly code: 'too-few' | 'missing-theme' | 'missing-source' | 'shared-title' | 'shared-question';
  /** Where: a deck id, a file kind, or the card ids that share a text. */
  readonly where: string;
  readonly detail: string;
}

/** Lowercase, without accents, punctuation or extra spaces: "Wat doe je morgen?" and "wat doe je morgen" are one text. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

type Card = ScenarioDeck['cards'][number];

interface Prepared {
  readonly norm: string;
  readonly words: ReadonlySet<string>;
}

const prepare = (text: string): Prepared => {
  const norm = normalise(text);
  return { norm, words: new Set(norm.split(' ').filter(Boolean)) };
};

function same(a: Prepared, b: Prepared): boolean {
  if (a.norm === b.norm) return true;
  if (a.words.size < 5 || b.words.size < 5) return false;
  let shared = 0;
  for (const w of a.words) if (b.words.has(w)) shared++;
  return shared / (a.words.size + b.words.size - shared) >= 0.85;
}

/** The same text after `normalise`, or nearly: at least 5 words, and 85% of all words in both (a word added or dropped). */
export const sameText = (a: string, b: string): boolean => same(prepare(a), prepare(b));

/** Pairs of scenario cards, within or across decks, with the same title or the same question (in either language). */
export function twinProblems(decks: readonly ScenarioDeck[]): ContentProblem[] {
  const cards = decks.flatMap((d) => d.cards).map((card) => ({
    id: card.id,
    nl: { title: prepare(card.title.nl), questions: card.questions.map((q) => prepare(q.nl)) },
    en: { title: prepare(card.title.en), questions: card.questions.map((q) => prepare(q.en)) },
    card,
  }));
  const problems: ContentProblem[] = [];
  cards.forEach((a, i) => {
    for (const b of cards.slice(i + 1)) {
      for (const lang of ['nl', 'en'] as const) {
        if (same(a[lang].title, b[lang].title)) problems.push({ code: 'shared-title', where: `${a.id} + ${b.id}`, detail: b.card.title[lang] });
        const q = b[lang].questions.findIndex((qb) => a[lang].questions.some((qa) => same(qa, qb)));
        if (q >= 0) problems.push({ code: 'shared-question', where: `${a.id} + ${b.id}`, detail: b.card.questions[q]![lang] });
      }
    }
  });
  return problems;
}

/** A deck's own problems: too few cards, a theme missing, a card without a source. */
export function deckProblems(deck: ScenarioDeck): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (deck.cards.length < MINIMUMS.cardsPerDeck) {
    problems.push({ code: 'too-few', where: deck.id, detail: `${deck.cards.length} cards, at least ${MINIMUMS.cardsPerDeck}` });
  }
  const themes = new Set(deck.cards.map((c) => c.theme));
  for (const theme of THEMES) if (!themes.has(theme)) problems.push({ code: 'missing-theme', where: deck.id, detail: theme });
  for (const card of deck.cards) {
    const s = card.source as Partial<Card['source']> | undefined;
    const lines = s?.seed === 'none' || /\d/.test(s?.lines ?? '');
    if (!s || !s.section?.trim() || !lines) problems.push({ code: 'missing-source', where: card.id, detail: 'seed, section and lines' });
  }
  return problems;
}

/** Too few items of a kind of content. */
export function countProblems(counts: { poll: number; twists: number; checkIns: number }): ContentProblem[] {
  return (['poll', 'twists', 'checkIns'] as const)
    .filter((kind) => counts[kind] < MINIMUMS[kind])
    .map((kind) => ({ code: 'too-few' as const, where: kind, detail: `${counts[kind]}, at least ${MINIMUMS[kind]}` }));
}
