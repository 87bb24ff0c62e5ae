/**
 * Merging duplicates before the vote ("stop the double report", "no more reporting twice"): the facilitator
 * puts one proposal into another so the dots do not split. The merged proposal keeps the target's id and
 * shows every text; nothing is deleted, and a merge is undone (until the vote starts) by taking the merged
 * proposal out again. Merges nest: a proposal with others merged into it may itself be merged, and taking it
 * out brings its own merged ones along. Functions return `null` for a move that is not allowed, never throw.
 */
import type { SessionContext } from './session.ts';
import { type Proposal, isShown, mergedGroups, standsAlone } from './proposal.ts';

const onCurrentCard = (ctx: SessionContext, p: Proposal | undefined): p is Proposal => p !== undefined && p.cardIndex === ctx.cardIndex;

/**
 * Merges `sourceId` into `targetId`: both shown on the current card (not hidden, not merged away), and not
 * the same proposal. Whatever was merged into the source goes along with it.
 */
export function mergeProposal(ctx: SessionContext, sourceId: string, targetId: string): SessionContext | null {
  if (sourceId === targetId) return null;
  const source = ctx.proposals.find((p) => p.id === sourceId);
  const target = ctx.proposals.find((p) => p.id === targetId);
  if (!onCurrentCard(ctx, source) || !onCurrentCard(ctx, target) || !isShown(source) || !isShown(target)) return null;
  return { ...ctx, proposals: ctx.proposals.map((p) => (p.id === sourceId ? { ...p, mergedInto: targetId } : p)) };
}

/** Takes a merged proposal out of the one it was merged into; it stands alone again, with its own merged ones. */
export function unmergeProposal(ctx: SessionContext, proposalId: string): SessionContext | null {
  const p = ctx.proposals.find((q) => q.id === proposalId);
  if (!onCurrentCard(ctx, p) || standsAlone(p)) return null;
  return {
    ...ctx,
    proposals: ctx.proposals.map((q) => {
      if (q.id !== proposalId) return q;
      const { mergedInto: _target, ...alone } = q;
      return alone;
    }),
  };
}

/** Every text of a proposal, its own first and then those merged into it: what the summary and the top three show. */
export function proposalTexts(ctx: SessionContext, id: string): readonly string[] {
  return mergedGroups(ctx.proposals).get(id)?.texts ?? ctx.proposals.filter((p) => p.id === id).map((p) => p.text);
}
