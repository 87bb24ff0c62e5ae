/**
 * The team poll: players answer statements on a 5-point scale, one after another on the shared screen.
 * Privacy by design: while a player answers, only their own answers exist (`current`); when they finish, the
 * answers are added to the per-statement counts and the individual answers are gone. Results are only ever
 * distributions, and a statement answered by fewer than `MIN_ANSWERS` people shows none.
 * Pure and JSON-safe: no DOM, no storage.
 */
import type { Theme } from '../../core/types.ts';

/** Below this many answers nothing per statement is shown (a team of two could read each other's answers). */
export const MIN_ANSWERS = 3;
export const SCALE = [1, 2, 3, 4, 5] as const;
export type Answer = (typeof SCALE)[number];
/** What a player may give for one statement: an answer, or 0 for "I'd rather not say". */
export type Given = Answer | 0;
export const MAX_RESPONDENTS = 30;
export const MAX_STATEMENTS = 40;

export type Polarity = 'positive' | 'negative';

export interface PollStatement {
  readonly id: string;
  readonly theme: Theme;
  readonly polarity: Polarity;
}

export interface PollState {
  /** The statements in the order every player meets them. */
  readonly statementIds: readonly string[];
  /** How many players are planned to answer. */
  readonly respondents: number;
  /** Players who have finished; their answers are in `counts` and `skips`. */
  readonly finished: number;
  /** Per statement, how many answered 1, 2, 3, 4 and 5 (index 0 holds the 1s). */
  readonly counts: Readonly<Record<string, readonly number[]>>;
  /** Per statement, how many chose not to answer. */
  readonly skips: Readonly<Record<string, number>>;
  /** The answers of the player answering now, and nobody else's. */
  readonly current: Readonly<Record<string, Given>>;
  /** Index in `statementIds` of the statement the current player sees. */
  readonly position: number;
  readonly startedAt: number;
  readonly closedAt: number | null;
  /**
   * Present when everyone answers on their own phone (see `pollSeats.ts`); then `current` and `position` stay
   * empty and each seat's answers live here until that seat is done.
   */
  readonly phones?: PhonePoll;
}

/** A poll answered on everyone's own phone at the same time. */
export interface PhonePoll {
  /** Per seat still answering: that seat's own answers so far, by statement. Gone when the seat is done. */
  readonly answering: Readonly<Record<string, Readonly<Record<string, Given>>>>;
  /** Seats that are done: their answers are in `counts` and `skips`. Seat ids only, never names or answers. */
  readonly done: readonly string[];
}

export function startPoll(statementIds: readonly string[], respondents: number, at: number): PollState | null {
  const unique = new Set(statementIds);
  if (statementIds.length === 0 || statementIds.length > MAX_STATEMENTS || unique.size !== statementIds.length) return null;
  if (!Number.isInteger(respondents) || respondents < 1 || respondents > MAX_RESPONDENTS) return null;
  return {
    statementIds: [...statementIds],
    respondents,
    finished: 0,
    counts: Object.fromEntries(statementIds.map((id) => [id, [0, 0, 0, 0, 0]])),
    skips: Object.fromEntries(statementIds.map((id) => [id, 0])),
    current: {},
    position: 0,
    startedAt: at,
    closedAt: null,
  };
}

export const isOpen = (poll: PollState): boolean => poll.closedAt === null && poll.finished < poll.respondents;
export const currentStatementId = (poll: PollState): string | null => (isOpen(poll) ? (poll.statementIds[poll.position] ?? null) : null);

/**
 * Adds one player's answers to the counts (a statement without an answer counts as skipped) and counts the
 * player as finished. The caller forgets the answers themselves.
 */
export function foldAnswers(poll: PollState, given: Readonly<Record<string, Given>>): PollState {
  const counts: Record<string, number[]> = {};
  const skips: Record<string, number> = {};
  for (const id of poll.statementIds) {
    const value = given[id] ?? 0;
    const row = [...(poll.counts[id] ?? [0, 0, 0, 0, 0])];
    if (value >= 1 && value <= 5) row[value - 1] = (row[value - 1] ?? 0) + 1;
    counts[id] = row;
    skips[id] = (poll.skips[id] ?? 0) + (value === 0 ? 1 : 0);
  }
  return { ...poll, counts, skips, finished: poll.finished + 1 };
}

/** Adds the current player's answers to the counts and forgets them. */
function finishRespondent(poll: PollState): PollState {
  return { ...foldAnswers(poll, poll.current), current: {}, position: 0 };
}

/** The current player gives `value` for the statement in front of them; after the last one their turn ends. */
export function answer(poll: PollState, value: number): PollState | null {
  const id = currentStatementId(poll);
  if (id === null || !Number.isInteger(value) || value < 0 || value > 5) return null;
  const next: PollState = { ...poll, current: { ...poll.current, [id]: value as Given }, position: poll.position + 1 };
  return next.position >= poll.statementIds.length ? finishRespondent(next) : next;
}

/** One statement back, within the current player's own turn only (a mis-tap); never into someone else's. */
export function stepBack(poll: PollState): PollState | null {
  if (!isOpen(poll) || poll.position === 0) return null;
  const position = poll.position - 1;
  const current = { ...poll.current };
  delete current[poll.statementIds[position] ?? ''];
  return { ...poll, position, current };
}

/** Someone joins late: one more planned player (the poll reopens if it had filled up). */
export function addRespondent(poll: PollState): PollState | null {
  if (poll.respondents >= MAX_RESPONDENTS) return null;
  return { ...poll, respondents: poll.respondents + 1, closedAt: null };
}

/**
 * Ends the poll. A player who is halfway is left out (their partial answers are dropped), so every count
 * stands for players who saw every statement.
 */
export function closePoll(poll: PollState, at: number): PollState {
  const closed: PollState = { ...poll, current: {}, position: 0, closedAt: poll.closedAt ?? at };
  // On phones likewise: whoever has not pressed "done" is left out, and their answers are dropped.
  return poll.phones ? { ...closed, phones: { ...poll.phones, answering: {} } } : closed;
}

export const isComplete = (poll: PollState): boolean => poll.closedAt !== null || poll.finished >= poll.respondents;

// ── Statistics ──────────────────────────────────────────────────────────────

export interface Distribution {
  /** Answers given (skips not counted). */
  readonly n: number;
  readonly counts: readonly number[];
  /** Whole percentages per answer that add up to exactly 100 (0 for all when nobody answered). */
  readonly percents: readonly number[];
  /** Mean answer, 1–5; null without answers. */
  readonly mean: number | null;
}

/**
 * Rounds shares to whole percentages that add up to 100 (largest remainder; ties go to the lower index), so
 * a bar never reads 99% or 101%.
 */
export function wholePercents(counts: readonly number[]): number[] {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n <= 0) return counts.map(() => 0);
  const exact = counts.map((c) => (c * 100) / n);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  return floors;
}

export function distribution(counts: readonly number[]): Distribution {
  const clean = SCALE.map((_, i) => Math.max(0, Math.floor(counts[i] ?? 0)));
  const n = clean.reduce((a, b) => a + b, 0);
  const mean = n === 0 ? null : clean.reduce((sum, c, i) => sum + c * (i + 1), 0) / n;
  return { n, counts: clean, percents: wholePercents(clean), mean };
}

/** How much an answer signals concern, 0 (none) to 1 (most), given what agreeing means. */
export const concernOf = (value: Answer, polarity: Polarity): number => (polarity === 'negative' ? value - 1 : 5 - value) / 4;
/** Is this answer on the concerned side of the scale? */
export const isConcerned = (value: Answer, polarity: Polarity): boolean => (polarity === 'negative' ? value >= 4 : value <= 2);
export const isReassured = (value: Answer, polarity: Polarity): boolean => (polarity === 'negative' ? value <= 2 : value >= 4);

export interface StatementResult {
  readonly id: string;
  readonly theme: Theme;
  readonly polarity: Polarity;
  readonly distribution: Distribution;
  readonly skipped: number;
  /** False when fewer than `MIN_ANSWERS` answered: then nothing of this statement is shown. */
  readonly shown: boolean;
  /** Mean concern 0–1 (null when not shown). */
  readonly concern: number | null;
  /** Whole percentages: concerned, in between, reassured (add up to 100; zeros when not shown). */
  readonly split: { readonly concerned: number; readonly neutral: number; readonly reassured: number };
}

export function statementResult(statement: PollStatement, counts: readonly number[], skipped = 0): StatementResult {
  const d = distribution(counts);
  const shown = d.n >= MIN_ANSWERS;
  let concernSum = 0;
  let concerned = 0;
  let reassured = 0;
  SCALE.forEach((value, i) => {
    const c = d.counts[i] ?? 0;
    concernSum += c * concernOf(value, statement.polarity);
    if (isConcerned(value, statement.polarity)) concerned += c;
    else if (isReassured(value, statement.polarity)) reassured += c;
  });
  const [pc, pn, pr] = shown ? wholePercents([concerned, d.n - concerned - reassured, reassured]) : [0, 0, 0];
  return {
    id: statement.id,
    theme: statement.theme,
    polarity: statement.polarity,
    distribution: shown ? d : { ...d, counts: d.counts.map(() => 0), percents: d.percents.map(() => 0), mean: null },
    skipped,
    shown,
    concern: shown ? concernSum / d.n : null,
    split: { concerned: pc ?? 0, neutral: pn ?? 0, reassured: pr ?? 0 },
  };
}

export interface PollResults {
  /** Players who finished. */
  readonly respondents: number;
  /** False when fewer than `MIN_ANSWERS` players took part: the team sees a note, no statement results. */
  readonly enough: boolean;
  /** Per statement in poll order; every entry has `shown` false when the team as a whole is too small. */
  readonly statements: readonly StatementResult[];
}

export function pollResults(poll: PollState, statements: readonly PollStatement[]): PollResults {
  const byId = new Map(statements.map((s) => [s.id, s]));
  const enough = poll.finished >= MIN_ANSWERS;
  const out: StatementResult[] = [];
  for (const id of poll.statementIds) {
    const statement = byId.get(id);
    if (!statement) continue;
    const result = statementResult(statement, enough ? (poll.counts[id] ?? []) : [], poll.skips[id] ?? 0);
    out.push(result);
  }
  return { respondents: poll.finished, enough, statements: out };
}

/**
 * The shown statements from most to least concern: by mean concern, then by the share on the concerned
 * side, then in poll order (stable, never by chance).
 */
export function rankByConcern(results: PollResults): StatementResult[] {
  if (!results.enough) return [];
  const order = new Map(results.statements.map((s, i) => [s.id, i]));
  return results.statements
    .filter((s) => s.shown && s.concern !== null)
    .sort((a, b) => (b.concern ?? 0) - (a.concern ?? 0) || b.split.concerned - a.split.concerned || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/**
 * Themes to play, from the statements with most concern: the themes of the top `topStatements` statements whose
 * mean concern is at least `minConcern` (halfway), in that order, without repeats, at most `max`.
 */
export function suggestedThemes(results: PollResults, max = 3, topStatements = 5, minConcern = 0.5): Theme[] {
  const themes: Theme[] = [];
  for (const s of rankByConcern(results).slice(0, topStatements)) {
    if ((s.concern ?? 0) < minConcern) break;
    if (!themes.includes(s.theme)) themes.push(s.theme);
    if (themes.length >= max) break;
  }
  return themes;
}

/** The default statements for a round: the first statement of every theme, plus all of the round's own theme. */
export function defaultStatementIds(statements: readonly PollStatement[], theme: Theme | null): string[] {
  const seen = new Set<Theme>();
  const ids: string[] = [];
  for (const s of statements) {
    if (!seen.has(s.theme)) {
      seen.add(s.theme);
      ids.push(s.id);
    } else if (theme !== null && s.theme === theme) {
      ids.push(s.id);
    }
  }
  return ids;
}
