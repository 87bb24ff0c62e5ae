/**
 * The warm-up wall's pure logic (jubel- and klaagmuur, then dot voting on the klaag wall), as in the Flemish
 * co-creation workshops (seed 003, "Format"). Voting reuses the game's secret dot vote (`core/vote.ts`).
 * Functions return `null` for a move that is not allowed, never throw.
 */
import { jsonObject } from '../../core/json.ts';
import { THEMES, type Theme } from '../../core/types.ts';
import { type DotVote, finishBallot, isVoteComplete, openVote, placeDot, removeDot, revealVote, voteTotals } from '../../core/vote.ts';

export const WALLS = ['jubel', 'klaag'] as const;
export type WallKind = (typeof WALLS)[number];

export const MAX_NOTE = 140;
export const MAX_NOTES = 60;
export const MAX_TEAM = 60;
export const MIN_VOTERS = 1;
export const MAX_VOTERS = 20;
export const DOTS_PER_VOTER = 3;
export const MAX_PER_NOTE = 2;
/** How many of the most-voted notes give their themes to the game (more when notes tie at the cut). */
export const TOP_NOTES = 3;

export interface WallNote {
  readonly id: string;
  readonly wall: WallKind;
  readonly text: string;
  /** Only klaag notes carry a theme. */
  readonly theme: Theme | null;
}

export interface WallState {
  readonly version: 1;
  readonly teamName: string;
  readonly notes: readonly WallNote[];
  readonly nextId: number;
  readonly voters: number;
  /** Null while the walls are being written; the klaag notes are fixed once the vote opens. */
  readonly vote: DotVote | null;
}

export const emptyWall = (): WallState => ({ version: 1, teamName: '', notes: [], nextId: 1, voters: 3, vote: null });

export type WallStage = 'notes' | 'vote' | 'result';

export function stageOf(state: WallState): WallStage {
  if (!state.vote) return 'notes';
  return state.vote.revealed ? 'result' : 'vote';
}

const isTheme = (value: unknown): value is Theme => typeof value === 'string' && (THEMES as readonly string[]).includes(value);

export const klaagNotes = (state: WallState): WallNote[] => state.notes.filter((n) => n.wall === 'klaag');
export const jubelNotes = (state: WallState): WallNote[] => state.notes.filter((n) => n.wall === 'jubel');

/** Adds a note: short, not empty; a klaag note needs a theme from the fixed list. Only before the vote. */
export function addNote(state: WallState, wall: WallKind, text: string, theme?: string | null): WallState | null {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (state.vote || clean.length === 0 || clean.length > MAX_NOTE || state.notes.length >= MAX_NOTES) return null;
  if (wall === 'klaag' && !isTheme(theme)) return null;
  const note: WallNote = { id: `n${state.nextId}`, wall, text: clean, theme: wall === 'klaag' ? (theme as Theme) : null };
  return { ...state, notes: [...state.notes, note], nextId: state.nextId + 1 };
}

export function removeNote(state: WallState, id: string): WallState | null {
  if (state.vote || !state.notes.some((n) => n.id === id)) return null;
  return { ...state, notes: state.notes.filter((n) => n.id !== id) };
}

export function setTeamName(state: WallState, name: string): WallState {
  return { ...state, teamName: name.slice(0, MAX_TEAM) };
}

export function setVoters(state: WallState, voters: number): WallState | null {
  if (state.vote || !Number.isInteger(voters) || voters < MIN_VOTERS || voters > MAX_VOTERS) return null;
  return { ...state, voters };
}

/** Opens the dot vote on the klaag wall: 3 dots per player, at most 2 on one note. */
export function startVote(state: WallState): WallState | null {
  const candidates = klaagNotes(state).map((n) => n.id);
  if (state.vote || candidates.length === 0) return null;
  return { ...state, vote: openVote(candidates, DOTS_PER_VOTER, MAX_PER_NOTE) };
}

export function addDot(state: WallState, noteId: string): WallState | null {
  const vote = state.vote && placeDot(state.vote, noteId, state.voters);
  return vote ? { ...state, vote } : null;
}

export function takeDot(state: WallState, noteId: string): WallState | null {
  const vote = state.vote && removeDot(state.vote, noteId);
  return vote ? { ...state, vote } : null;
}

/** The current player is done; after the last player the result is revealed. */
export function finishTurn(state: WallState): WallState | null {
  const vote = state.vote && finishBallot(state.vote, state.voters);
  if (!vote) return null;
  return { ...state, vote: isVoteComplete(vote, state.voters) ? revealVote(vote) : vote };
}

/** Ends the vote early (a player left): finished ballots count. Needs at least one. */
export function endVoteEarly(state: WallState): WallState | null {
  if (!state.vote || state.vote.revealed || state.vote.ballots.length === 0) return null;
  return { ...state, vote: revealVote(state.vote) };
}

/** Back to writing: the vote is dropped, the notes stay. */
export function reopenWalls(state: WallState): WallState {
  return { ...state, vote: null };
}

export interface RankedNote {
  readonly note: WallNote;
  readonly dots: number;
  /** 1-based; notes with the same dots share a rank. */
  readonly rank: number;
}

/** Klaag notes by dots (most first; ties keep the wall's order), empty until the vote is revealed. */
export function rankedNotes(state: WallState): RankedNote[] {
  if (!state.vote?.revealed) return [];
  const totals = voteTotals(state.vote);
  const notes = klaagNotes(state).filter((n) => state.vote!.candidates.includes(n.id));
  const sorted = notes.map((note, i) => ({ note, dots: totals[note.id] ?? 0, i })).sort((a, b) => b.dots - a.dots || a.i - b.i);
  return sorted.map(({ note, dots }) => ({ note, dots, rank: 1 + sorted.filter((o) => o.dots > dots).length }));
}

/**
 * The most-voted notes: the top three with dots, plus every note that ties with the third (ties are listed
 * together, never cut at random).
 */
export function topNotes(state: WallState, top = TOP_NOTES): RankedNote[] {
  const withDots = rankedNotes(state).filter((r) => r.dots > 0);
  if (withDots.length === 0) return [];
  const cut = withDots[Math.min(top, withDots.length) - 1]!.dots;
  return withDots.filter((r) => r.dots >= cut);
}

/** The themes the most-voted notes point to, in order of their dots, each once. */
export function chosenThemes(state: WallState, top = TOP_NOTES): Theme[] {
  const themes: Theme[] = [];
  for (const { note } of topNotes(state, top)) if (note.theme && !themes.includes(note.theme)) themes.push(note.theme);
  return themes;
}

// ---- saving ----------------------------------------------------------------------------------------------

export const STORAGE_KEY = 'ruimte.wall';

export function serializeWall(state: WallState): string {
  return JSON.stringify(state);
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1000;

function readBallot(raw: unknown, candidates: readonly string[]): Record<string, number> | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const out: Record<string, number> = {};
  for (const [id, n] of Object.entries(raw)) {
    if (!candidates.includes(id) || !isCount(n) || n > MAX_PER_NOTE) return null;
    if (n > 0) out[id] = n;
  }
  return out;
}

/** Reads a saved wall; anything damaged or foreign gives null (the caller starts empty). */
export function parseWall(raw: string | null): WallState | null {
  const d = jsonObject(raw);
  if (!d) return null;
  if (d.version !== 1 || !Array.isArray(d.notes) || !isCount(d.nextId) || !isCount(d.voters)) return null;
  if (d.voters < MIN_VOTERS || d.voters > MAX_VOTERS) return null;
  const notes: WallNote[] = [];
  for (const n of d.notes as unknown[]) {
    if (typeof n !== 'object' || n === null) return null;
    const note = n as Record<string, unknown>;
    if (typeof note.id !== 'string' || typeof note.text !== 'string' || note.text.length > MAX_NOTE) return null;
    if (note.wall !== 'jubel' && note.wall !== 'klaag') return null;
    if (note.wall === 'klaag' && !isTheme(note.theme)) return null;
    if (notes.some((o) => o.id === note.id)) return null;
    notes.push({ id: note.id, wall: note.wall, text: note.text, theme: note.wall === 'klaag' ? (note.theme as Theme) : null });
  }
  let vote: DotVote | null = null;
  if (d.vote !== null && d.vote !== undefined) {
    const v = d.vote as Record<string, unknown>;
    if (typeof v !== 'object' || !Array.isArray(v.candidates) || !Array.isArray(v.ballots) || typeof v.revealed !== 'boolean' || !isCount(v.voterIndex)) return null;
    const candidates = v.candidates as unknown[];
    if (!candidates.every((c) => typeof c === 'string' && notes.some((n) => n.id === c && n.wall === 'klaag'))) return null;
    const ids = candidates as string[];
    const current = readBallot(v.current, ids);
    const ballots = (v.ballots as unknown[]).map((b) => readBallot(b, ids));
    if (!current || ballots.some((b) => b === null) || ballots.length > d.voters) return null;
    vote = {
      ...openVote(ids, DOTS_PER_VOTER, MAX_PER_NOTE),
      voterIndex: v.voterIndex,
      current,
      ballots: ballots as Record<string, number>[],
      revealed: v.revealed,
    };
  }
  return { version: 1, teamName: typeof d.teamName === 'string' ? d.teamName.slice(0, MAX_TEAM) : '', notes, nextId: d.nextId, voters: d.voters, vote };
}
