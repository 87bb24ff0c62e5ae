/**
 * 25/10 crowd sourcing, only possible with devices: every player wrote one bold idea; in each round every
 * player gets someone else's idea in hand (never their own, never the author's name) and scores it 1–5.
 * After the last round the ideas with the highest sums win (at most 5 rounds, so at most 25 points).
 *
 * Hands are dealt from the session's seed, so the host can rebuild them after a reload and every screen
 * agrees. Functions return `null` for a move that is not allowed, never throw.
 */
import { seededRandom, shuffled } from './random.ts';

export const CROWD_MAX_ROUNDS = 5;
export const CROWD_MIN_SCORE = 1;
export const CROWD_MAX_SCORE = 5;

export interface CrowdIdea {
  readonly id: string;
  /** The author's player id, or null for an idea typed on the shared screen. */
  readonly by: string | null;
  /** The authors of duplicates merged into it: they do not get it in hand either. Absent when none. */
  readonly alsoBy?: readonly string[];
}

/** Whether a player wrote the idea (or a duplicate merged into it): nobody scores their own idea. */
export const wroteIdea = (idea: CrowdIdea, playerId: string): boolean => idea.by === playerId || (idea.alsoBy?.includes(playerId) ?? false);

export interface CrowdScoring {
  readonly ideas: readonly CrowdIdea[];
  readonly rounds: number;
  /** 0-based; equals `rounds` once every round is done. */
  readonly round: number;
  readonly seed: number;
  /** The current round's hands: player id → idea id. */
  readonly hands: Readonly<Record<string, string>>;
  /** The current round's scores: player id → score. */
  readonly scored: Readonly<Record<string, number>>;
  /** Every finished round's scores per idea. */
  readonly points: Readonly<Record<string, readonly number[]>>;
  /** Which ideas each player has held, so nobody gets the same idea twice while others are left. */
  readonly seen: Readonly<Record<string, readonly string[]>>;
  readonly revealed: boolean;
}

/** Fewer rounds in a small team: nobody should have to score the same idea twice. */
export function crowdRounds(ideaCount: number, playerCount: number): number {
  if (ideaCount === 0 || playerCount === 0) return 0;
  return Math.max(1, Math.min(CROWD_MAX_ROUNDS, ideaCount - 1, playerCount - 1 || 1));
}

/** Deals one idea per player for a round: a seeded rotation, skipping own and already seen ideas. */
export function dealHands(
  ideas: readonly CrowdIdea[],
  playerIds: readonly string[],
  seen: Readonly<Record<string, readonly string[]>>,
  seed: number,
  round: number,
): Record<string, string> {
  const random = seededRandom(seed);
  const order = shuffled(playerIds, random);
  const deck = shuffled(ideas, random);
  const hands: Record<string, string> = {};
  const load: Record<string, number> = {};
  order.forEach((playerId, k) => {
    const pick = (allowSeen: boolean): CrowdIdea | undefined => {
      const candidates: CrowdIdea[] = [];
      for (let step = 0; step < deck.length; step++) {
        const idea = deck[(k + round + 1 + step) % deck.length] as CrowdIdea;
        if (wroteIdea(idea, playerId)) continue;
        if (!allowSeen && (seen[playerId] ?? []).includes(idea.id)) continue;
        candidates.push(idea);
      }
      // Spread the ideas: prefer the one held by the fewest players this round.
      return candidates.sort((a, b) => (load[a.id] ?? 0) - (load[b.id] ?? 0))[0];
    };
    const idea = pick(false) ?? pick(true);
    if (idea) {
      hands[playerId] = idea.id;
      load[idea.id] = (load[idea.id] ?? 0) + 1;
    }
  });
  return hands;
}

export function openCrowd(ideas: readonly CrowdIdea[], playerIds: readonly string[], seed: number): CrowdScoring {
  const rounds = crowdRounds(ideas.length, playerIds.length);
  const points: Record<string, number[]> = {};
  for (const idea of ideas) points[idea.id] = [];
  return { ideas, rounds, round: 0, seed, hands: dealHands(ideas, playerIds, {}, seed, 0), scored: {}, points, seen: {}, revealed: false };
}

export const crowdDone = (c: CrowdScoring): boolean => c.round >= c.rounds;

/** Players who still have to score this round: those holding an idea who have not scored it. */
export const waitingScorers = (c: CrowdScoring, playerIds: readonly string[]): string[] =>
  playerIds.filter((id) => id in c.hands && !(id in c.scored));

export function scoreIdea(c: CrowdScoring, playerId: string, ideaId: string, score: number): CrowdScoring | null {
  if (c.revealed || crowdDone(c) || c.hands[playerId] !== ideaId) return null;
  if (!Number.isInteger(score) || score < CROWD_MIN_SCORE || score > CROWD_MAX_SCORE) return null;
  // Changing one's mind before the round closes is allowed: the last score counts.
  return { ...c, scored: { ...c.scored, [playerId]: score } };
}

/** Closes the round once every seated player holding an idea has scored, and deals the next. */
export function closeRoundIfDone(c: CrowdScoring, playerIds: readonly string[]): CrowdScoring {
  if (c.revealed || crowdDone(c) || waitingScorers(c, playerIds).length > 0) return c;
  return nextRound(c, playerIds);
}

/** The facilitator may close a round early: unscored hands simply give no points. */
export function nextRound(c: CrowdScoring, playerIds: readonly string[]): CrowdScoring {
  if (crowdDone(c)) return c;
  const points: Record<string, number[]> = {};
  for (const [id, list] of Object.entries(c.points)) points[id] = [...list];
  const seen: Record<string, string[]> = {};
  for (const [id, list] of Object.entries(c.seen)) seen[id] = [...list];
  for (const [playerId, ideaId] of Object.entries(c.hands)) {
    seen[playerId] = [...(seen[playerId] ?? []), ideaId];
    const score = c.scored[playerId];
    if (score !== undefined) points[ideaId] = [...(points[ideaId] ?? []), score];
  }
  const round = c.round + 1;
  const hands = round < c.rounds ? dealHands(c.ideas, playerIds, seen, c.seed + round * 7717, round) : {};
  return { ...c, round, hands, scored: {}, points, seen };
}

/** A player who joins mid-scoring gets an idea for the current round; one who leaves drops theirs. */
export function reseat(c: CrowdScoring, playerIds: readonly string[]): CrowdScoring {
  if (c.revealed || crowdDone(c)) return c;
  const hands: Record<string, string> = {};
  const scored: Record<string, number> = {};
  for (const id of playerIds) {
    if (c.hands[id] !== undefined) hands[id] = c.hands[id];
    if (c.scored[id] !== undefined) scored[id] = c.scored[id];
  }
  const newcomers = playerIds.filter((id) => !(id in hands));
  if (newcomers.length > 0) {
    const dealt = dealHands(c.ideas, newcomers, c.seen, c.seed + c.round * 7717 + 13, c.round);
    Object.assign(hands, dealt);
  }
  return { ...c, hands, scored };
}

export function revealCrowd(c: CrowdScoring): CrowdScoring {
  return { ...c, hands: {}, scored: {}, revealed: true };
}

/** Points per idea (the sum of its scores), only once revealed. */
export function crowdTotals(c: CrowdScoring): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const idea of c.ideas) totals[idea.id] = c.revealed ? (c.points[idea.id] ?? []).reduce((a, b) => a + b, 0) : 0;
  return totals;
}
