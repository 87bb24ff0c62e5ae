/**
 * The top three over a whole session. Proposals without dots never enter it. A tie on the boundary of the
 * top three is settled by run-off votes of the team, never by chance or by the order of entry.
 */
import { type DotVote, voteTotals } from './vote.ts';

export const TOP_SIZE = 3;

export interface Ranked {
  readonly id: string;
  readonly dots: number;
  /** 1-based; equal dots inside the top three share a rank. */
  readonly rank: number;
}

export type TopThreeDecision =
  | { readonly kind: 'decided'; readonly ranking: readonly Ranked[] }
  | { readonly kind: 'tie'; readonly candidates: readonly string[]; readonly slots: number };

/**
 * @param dots session dots per proposal (hidden proposals left out by the caller)
 * @param runOffs revealed run-off votes in the order they were held
 */
export function decideTopThree(dots: Readonly<Record<string, number>>, runOffs: readonly DotVote[]): TopThreeDecision {
  const pool = Object.entries(dots).filter(([, n]) => n > 0);
  // Sort keys: session dots, then each run-off's dots in turn. Equal keys are a tie only a run-off can break.
  const keyOf = (id: string): number[] => [dots[id] ?? 0, ...runOffs.map((r) => (r.revealed ? voteTotals(r)[id] ?? 0 : 0))];
  const compare = (a: number[], b: number[]): number => {
    for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (b[i] ?? 0) - (a[i] ?? 0);
    return 0;
  };
  const sorted = pool.map(([id]) => id).sort((a, b) => compare(keyOf(a), keyOf(b)));

  let chosen: string[];
  if (sorted.length <= TOP_SIZE) {
    chosen = sorted;
  } else {
    const boundary = keyOf(sorted[TOP_SIZE - 1] as string);
    const above = sorted.filter((id) => compare(keyOf(id), boundary) < 0);
    const tied = sorted.filter((id) => compare(keyOf(id), boundary) === 0);
    const slots = TOP_SIZE - above.length;
    if (tied.length > slots) return { kind: 'tie', candidates: tied, slots };
    chosen = [...above, ...tied];
  }
  const ranking: Ranked[] = [];
  chosen.forEach((id, i) => {
    const prev = ranking[i - 1];
    const sameAsPrev = prev !== undefined && (dots[prev.id] ?? 0) === (dots[id] ?? 0);
    ranking.push({ id, dots: dots[id] ?? 0, rank: sameAsPrev ? prev.rank : i + 1 });
  });
  return { kind: 'decided', ranking };
}

/**
 * Results in rank order, the one ordering every view shows: most dots first, equal dots in the order given
 * (the order of entry) and sharing a rank (1, 1, 3). Unlike the top three, nobody is left out.
 */
export function rankAll(ids: readonly string[], dots: Readonly<Record<string, number>>): Ranked[] {
  const sorted = ids.map((id, i) => ({ id, i, n: dots[id] ?? 0 })).sort((a, b) => b.n - a.n || a.i - b.i);
  const ranked: Ranked[] = [];
  sorted.forEach(({ id, n }, i) => {
    const prev = ranked[i - 1];
    ranked.push({ id, dots: n, rank: prev !== undefined && prev.dots === n ? prev.rank : i + 1 });
  });
  return ranked;
}
