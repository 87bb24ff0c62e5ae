/**
 * Secret dot voting: one voter at a time on a shared screen, or everyone at once on their own devices.
 *
 * A vote keeps the finished ballots apart from the ballot being filled in; nothing of it may reach a view
 * before `revealed` (see `view.ts`). Functions return `null` for a move that is not allowed, never throw.
 */
export interface DotVote {
  /** Proposal ids that may receive dots, fixed when the vote opens. */
  readonly candidates: readonly string[];
  readonly dotsPerVoter: number;
  readonly maxPerCandidate: number;
  /** Seat index of the player whose turn it is. */
  readonly voterIndex: number;
  /** The ballot being filled in by the current voter. */
  readonly current: Readonly<Record<string, number>>;
  /** Finished ballots in voting order. */
  readonly ballots: readonly Readonly<Record<string, number>>[];
  /**
   * Devices only: ballots being filled in at the same time, per player id, and who has finished (the n-th
   * id cast the n-th ballot, so a device can show its own vote again after a reconnect).
   */
  readonly drafts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly voted: readonly string[];
  readonly revealed: boolean;
}

export function openVote(candidates: readonly string[], dotsPerVoter: number, maxPerCandidate: number): DotVote {
  return { candidates: [...candidates], dotsPerVoter, maxPerCandidate, voterIndex: 0, current: {}, ballots: [], drafts: {}, voted: [], revealed: false };
}

/** Dots a voter must place: fewer than the allowance when there are too few candidates to hold them. */
export function dotsToPlace(vote: DotVote): number {
  return Math.min(vote.dotsPerVoter, vote.candidates.length * vote.maxPerCandidate);
}

export const ballotTotal = (ballot: Readonly<Record<string, number>>): number =>
  Object.values(ballot).reduce((sum, n) => sum + n, 0);

export const dotsLeft = (vote: DotVote): number => dotsToPlace(vote) - ballotTotal(vote.current);

/**
 * The dot limits on one ballot, in one place: at most `maxPerCandidate` on a candidate and `toPlace` in all.
 * The phone's optimistic view asks the same question before the shared screen answers.
 */
export function hasRoomForDot(ballot: Readonly<Record<string, number>>, candidate: string, maxPerCandidate: number, toPlace: number): boolean {
  return (ballot[candidate] ?? 0) < maxPerCandidate && ballotTotal(ballot) < toPlace;
}

/** A ballot may be cast once every dot it must hold is placed. */
export const isBallotFilled = (ballot: Readonly<Record<string, number>>, toPlace: number): boolean => ballotTotal(ballot) === toPlace;

export function isVoteComplete(vote: DotVote, voterCount: number): boolean {
  return vote.ballots.length >= voterCount;
}

export function placeDot(vote: DotVote, candidate: string, voterCount: number): DotVote | null {
  if (vote.revealed || isVoteComplete(vote, voterCount)) return null;
  if (!vote.candidates.includes(candidate)) return null;
  if (!hasRoomForDot(vote.current, candidate, vote.maxPerCandidate, dotsToPlace(vote))) return null;
  return { ...vote, current: { ...vote.current, [candidate]: (vote.current[candidate] ?? 0) + 1 } };
}

export function removeDot(vote: DotVote, candidate: string): DotVote | null {
  if (vote.revealed) return null;
  const onIt = vote.current[candidate] ?? 0;
  if (onIt <= 0) return null;
  const current = { ...vote.current };
  if (onIt === 1) delete current[candidate];
  else current[candidate] = onIt - 1;
  return { ...vote, current };
}

/** The current voter is done once every dot is placed; the turn passes to the next seat. */
export function finishBallot(vote: DotVote, voterCount: number): DotVote | null {
  if (vote.revealed || isVoteComplete(vote, voterCount) || !isBallotFilled(vote.current, dotsToPlace(vote))) return null;
  return { ...vote, ballots: [...vote.ballots, vote.current], current: {}, voterIndex: vote.voterIndex + 1 };
}

/** A player's own ballot on a device: the one being filled in, or the one cast. */
export function ballotOf(vote: DotVote, voterId: string): Readonly<Record<string, number>> {
  const cast = vote.voted.indexOf(voterId);
  return cast >= 0 ? (vote.ballots[cast] ?? {}) : (vote.drafts[voterId] ?? {});
}

export const hasVoted = (vote: DotVote, voterId: string): boolean => vote.voted.includes(voterId);

/** Complete on devices once every player still seated has cast a ballot. */
export const everyoneVoted = (vote: DotVote, voterIds: readonly string[]): boolean =>
  voterIds.length > 0 && voterIds.every((id) => vote.voted.includes(id));

export function dotsLeftOf(vote: DotVote, voterId: string): number {
  return dotsToPlace(vote) - ballotTotal(ballotOf(vote, voterId));
}

export function placeDotFor(vote: DotVote, voterId: string, candidate: string): DotVote | null {
  if (vote.revealed || hasVoted(vote, voterId) || !vote.candidates.includes(candidate)) return null;
  const draft = vote.drafts[voterId] ?? {};
  if (!hasRoomForDot(draft, candidate, vote.maxPerCandidate, dotsToPlace(vote))) return null;
  return { ...vote, drafts: { ...vote.drafts, [voterId]: { ...draft, [candidate]: (draft[candidate] ?? 0) + 1 } } };
}

export function removeDotFor(vote: DotVote, voterId: string, candidate: string): DotVote | null {
  if (vote.revealed || hasVoted(vote, voterId)) return null;
  const draft = { ...(vote.drafts[voterId] ?? {}) };
  const onIt = draft[candidate] ?? 0;
  if (onIt <= 0) return null;
  if (onIt === 1) delete draft[candidate];
  else draft[candidate] = onIt - 1;
  return { ...vote, drafts: { ...vote.drafts, [voterId]: draft } };
}

export function finishBallotFor(vote: DotVote, voterId: string): DotVote | null {
  if (vote.revealed || hasVoted(vote, voterId) || !isBallotFilled(vote.drafts[voterId] ?? {}, dotsToPlace(vote))) return null;
  const drafts = { ...vote.drafts };
  const ballot = drafts[voterId] ?? {};
  delete drafts[voterId];
  return { ...vote, ballots: [...vote.ballots, ballot], voted: [...vote.voted, voterId], drafts };
}

/** A player who left the room takes their unfinished ballot along; a cast ballot stays cast. */
export function dropDraft(vote: DotVote, voterId: string): DotVote {
  if (!(voterId in vote.drafts)) return vote;
  const drafts = { ...vote.drafts };
  delete drafts[voterId];
  return { ...vote, drafts };
}

/** Reveal: finished ballots count, an unfinished one is dropped (the facilitator skipped the rest). */
export function revealVote(vote: DotVote): DotVote {
  return { ...vote, current: {}, drafts: {}, revealed: true };
}

/** Dots per candidate, only once revealed: secrecy holds in the domain, not only in the view. */
export function voteTotals(vote: DotVote): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const id of vote.candidates) totals[id] = 0;
  if (!vote.revealed) return totals;
  for (const ballot of vote.ballots) {
    for (const [id, n] of Object.entries(ballot)) totals[id] = (totals[id] ?? 0) + n;
  }
  return totals;
}
