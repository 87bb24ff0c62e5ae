/**
 * What the game rewards: daring, not only agreement. Proposals made with a twist card on the table count
 * as daring; the daring proposal with most dots wins the "daring award"; breadth over the IGLO levels
 * shows whether the team looked beyond its own circle.
 */
import type { Level } from './types.ts';
import { LEVELS } from './types.ts';
import { type Proposal, type SessionContext, sessionDots } from './session.ts';
import { isShown } from './proposal.ts';

export interface SessionScore {
  readonly proposals: number;
  readonly daring: number;
  readonly dots: number;
  readonly levels: Readonly<Record<Level, number>>;
  readonly levelsCovered: number;
  readonly daringAward: Proposal | null;
}

export function scoreSession(ctx: SessionContext): SessionScore {
  // Merged duplicates count once, as the proposal they were merged into.
  const visible = ctx.proposals.filter(isShown);
  const dots = sessionDots(ctx);
  const levels = Object.fromEntries(LEVELS.map((l) => [l, visible.filter((p) => p.level === l).length])) as Record<Level, number>;
  const daring = visible.filter((p) => p.twistId !== null);
  const award = daring
    .filter((p) => (dots[p.id] ?? 0) > 0)
    .sort((a, b) => (dots[b.id] ?? 0) - (dots[a.id] ?? 0))[0];
  return {
    proposals: visible.length,
    daring: daring.length,
    dots: Object.values(dots).reduce((s, n) => s + n, 0),
    levels,
    levelsCovered: LEVELS.filter((l) => levels[l] > 0).length,
    daringAward: award ?? null,
  };
}
