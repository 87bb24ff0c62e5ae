/**
 * A proposal as plain data, and what merging duplicates means for it: a proposal merged into another is shown
 * only inside that one (see `merge.ts` for the moves). Pure; no session needed.
 */
import type { Level } from './types.ts';

export interface Proposal {
  readonly id: string;
  readonly cardIndex: number;
  readonly text: string;
  readonly level: Level;
  /** The twist card on the table when it was made: daring is what the game rewards. */
  readonly twistId: string | null;
  readonly hidden: boolean;
  /** Devices only: the seat that wrote it, so that device can list its own ideas. Never in a shared or other player's view. */
  readonly by?: string;
  /**
   * Set when the facilitator merged this proposal into another (a duplicate, before the vote): it is then shown
   * only inside that one, takes no dots of its own, and comes back as it was when the merge is undone.
   */
  readonly mergedInto?: string;
}

/** A proposal that stands on its own: not merged into another one. Hidden or not. */
export const standsAlone = (p: Proposal): boolean => p.mergedInto === undefined;

/** A proposal the team sees and votes on: not hidden, not merged into another one. */
export const isShown = (p: Proposal): boolean => !p.hidden && standsAlone(p);

/**
 * The proposal a merged one is shown in (itself when it stands alone). Follows nested merges; a chain that
 * loops or breaks (a damaged save, refused by `parseSave`) ends where it cannot go on.
 */
export function mergedRoot(proposals: readonly Proposal[], id: string): string {
  return rootIn(new Map(proposals.map((p) => [p.id, p])), id);
}

function rootIn(byId: ReadonlyMap<string, Proposal>, id: string): string {
  let at = id;
  for (let steps = 0; steps <= byId.size; steps++) {
    const next = byId.get(at)?.mergedInto;
    if (next === undefined || !byId.has(next)) return at;
    at = next;
  }
  return at;
}

/** Separates the texts of a merged proposal where they share one line (a note, the summary file, an announcement). */
export const MERGED_TEXTS_SEPARATOR = ' / ';

/**
 * A proposal's texts on one line: its own, then those merged into it, so a merged duplicate reads as both
 * wherever there is room for one line only. `texts` is what the views carry (see `ProposalView`).
 */
export function oneLine(p: { readonly text: string; readonly texts?: readonly string[] }): string {
  return p.texts && p.texts.length > 0 ? p.texts.join(MERGED_TEXTS_SEPARATOR) : p.text;
}

/** What a merged proposal holds: the ids merged into it (at any depth, in order of entry) and every text, its own first. */
export interface MergedGroup {
  readonly merged: readonly string[];
  readonly texts: readonly string[];
}

/** The merged group of every proposal that stands alone, by id; one pass for a whole view. */
export function mergedGroups(proposals: readonly Proposal[]): ReadonlyMap<string, MergedGroup> {
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const groups = new Map<string, { merged: string[]; texts: string[] }>();
  for (const p of proposals) if (standsAlone(p)) groups.set(p.id, { merged: [], texts: [p.text] });
  for (const p of proposals) {
    if (standsAlone(p)) continue;
    const group = groups.get(rootIn(byId, p.id));
    if (!group) continue;
    group.merged.push(p.id);
    group.texts.push(p.text);
  }
  return groups;
}

/**
 * Dots (or points) per proposal with those of a merged-away proposal handed on to the one it was merged into.
 * Only a vote opened before a merge has such dots: the facilitator stepped back from the vote, merged, and
 * ended early. Without merges the totals come back as they were.
 */
export function foldMerged(proposals: readonly Proposal[], totals: Readonly<Record<string, number>>): Readonly<Record<string, number>> {
  if (proposals.every(standsAlone)) return totals;
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const out: Record<string, number> = {};
  for (const [id, n] of Object.entries(totals)) {
    const root = rootIn(byId, id);
    out[root] = (out[root] ?? 0) + n;
  }
  return out;
}
