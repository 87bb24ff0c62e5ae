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

const words = (text: string) => new Set(normalise(text).split(' ').filter(Boolean));

/** The same text after `normalise`, or nearly: at least 5 words, and 85% of all words in both (a word added or dropped). */
export function sameText(a: string, b: string): boolean {
  if (normalise(a) === normalise(b)) return true;
  const wa = words(a);
  const wb = words(b);
  if (wa.size < 5 || wb.size < 5) return false;
  const shared = [...wa].filter((w) => wb.has(w)).length;
  return shared / (wa.size + wb.size - shared) >= 0.85;
}

/** Pairs of scenario cards, within or across decks, with the same title or the same question (in either language). */
export function twinProblems(decks: readonly ScenarioDeck[]): ContentProblem[] {
  const cards = decks.flatMap((d) => d.cards);
  const problems: ContentProblem[] = [];
  cards.forEach((a, i) => {
    for (const b of cards.slice(i + 1)) {
      for (const lang of ['nl', 'en'] as const) {
        if (sameText(a.title[lang], b.title[lang])) {
          problems.push({ code: 'shared-title', where: `${a.id} + ${b.id}`, detail: b.title[lang] });
        }
        const q = b.questions.find((qb) => a.questions.some((qa) => sameText(qa[lang], qb[lang])));
        if (q) problems.push({ code: 'shared-question', where: `${a.id} + ${b.id}`, detail: q[lang] });
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
