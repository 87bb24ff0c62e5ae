/**
 * A team's programme on this device: rounds (default three), each with its poll, the session played, the
 * top three with the executive's answers, nudges, and the status of earlier actions. One JSON document holds
 * every programme; it is what is saved, exported and imported, parsed at the edge with valibot into a
 * `Result` so that a broken or newer file becomes a message and never overwrites what is on the device.
 */
import * as v from 'valibot';
import { type Result, err, ok } from '../../core/result.ts';
import { LEVELS, THEMES, type Level, type Text, type Theme } from '../../core/types.ts';
import { MAX_RESPONDENTS, MAX_STATEMENTS, type PollState } from './poll.ts';

export const HISTORY_APP = 'ruimte-programme';
export const HISTORY_FORMAT = 1;
export const DEFAULT_ROUNDS = 3;
export const MAX_ROUNDS = 6;
export const MAX_TEXT = 10_000;
export const MAX_SHORT = 200;
export const MAX_PROGRAMMES = 200;

export const DECISIONS = ['now', 'later', 'not-now'] as const;
export type Decision = (typeof DECISIONS)[number];
export const STATUSES = ['done', 'under-way', 'stuck'] as const;
export type ActionStatus = (typeof STATUSES)[number];

/** What the executive said about one item of the top three, as the team leader wrote it down. */
export interface VisitAnswer {
  readonly decision: Decision | null;
  readonly note: string;
  readonly owner: string;
  /** `YYYY-MM-DD`, or empty. */
  readonly date: string;
  /** "How will we know it worked?": what the team will look at (003 l.145-147). Empty in older histories. */
  readonly indicator?: string;
  /** When the team checks the indicator: `YYYY-MM-DD`, or empty. Absent in older histories. */
  readonly checkDate?: string;
}

export interface ItemCard {
  readonly id: string;
  readonly theme: Theme | null;
  readonly title: Text;
  readonly situation: Text;
}

/** One item of a round's top three: copied from the session so the history outlives a deleted session. */
export interface ActionItem {
  /** The proposal's id within its session. */
  readonly id: string;
  readonly rank: number;
  readonly dots: number;
  readonly text: string;
  readonly level: Level;
  readonly ask: string;
  readonly ourselves: string;
  readonly why: string;
  readonly card: ItemCard | null;
  readonly visit: VisitAnswer;
  /** Chosen nudge ids from `levels/nudges.json`. */
  readonly nudges: readonly string[];
  /** A nudge the team wrote itself. */
  readonly ownNudge: string;
}

export interface Review {
  readonly status: ActionStatus | null;
  readonly note: string;
}

export interface Round {
  /** 1-based, equal to its place in `rounds`. */
  readonly no: number;
  readonly openedAt: number;
  readonly theme: Theme | null;
  readonly poll: PollState | null;
  readonly sessionId: string | null;
  readonly items: readonly ActionItem[];
  readonly visitedAt: number | null;
  /** The planned date of the next round (`YYYY-MM-DD`), or empty. */
  readonly nextDate: string;
  /**
   * The status of earlier rounds' actions as the team found it when this round opened, keyed
   * `<round>/<item id>`.
   */
  readonly reviews: Readonly<Record<string, Review>>;
}

export interface Programme {
  readonly id: string;
  readonly teamName: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly roundCount: number;
  readonly rounds: readonly Round[];
}

export interface History {
  readonly app: typeof HISTORY_APP;
  readonly format: typeof HISTORY_FORMAT;
  readonly savedAt: number;
  readonly programmes: readonly Programme[];
}

export type HistoryProblem = 'not-json' | 'not-a-history' | 'newer-format' | 'damaged';

// ── Schema ──────────────────────────────────────────────────────────────────

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const time = v.pipe(v.number(), v.integer(), v.minValue(0));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const short = v.pipe(v.string(), v.maxLength(MAX_SHORT));
const long = v.pipe(v.string(), v.maxLength(MAX_TEXT));
const date = v.union([v.literal(''), v.pipe(v.string(), v.check(isDate))]);
const text = v.object({ nl: long, en: long });
const theme = v.picklist(THEMES);

const pollSchema = v.object({
  statementIds: v.pipe(v.array(id), v.minLength(1), v.maxLength(MAX_STATEMENTS)),
  respondents: v.pipe(count, v.minValue(1), v.maxValue(MAX_RESPONDENTS)),
  finished: count,
  counts: v.record(id, v.pipe(v.array(count), v.length(5))),
  skips: v.record(id, count),
  current: v.record(id, v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(5))),
  position: count,
  startedAt: time,
  closedAt: v.nullable(time),
  phones: v.optional(
    v.object({
      answering: v.record(id, v.record(id, v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(5)))),
      done: v.pipe(v.array(id), v.maxLength(MAX_RESPONDENTS)),
    }),
  ),
});

const itemSchema = v.object({
  id,
  rank: v.pipe(count, v.minValue(1)),
  dots: count,
  text: long,
  level: v.picklist(LEVELS),
  ask: long,
  ourselves: long,
  why: long,
  card: v.nullable(v.object({ id, theme: v.nullable(theme), title: text, situation: text })),
  // Indicator and check date came later: a history written before them still loads (and reads as empty).
  visit: v.object({ decision: v.nullable(v.picklist(DECISIONS)), note: long, owner: short, date, indicator: v.optional(long), checkDate: v.optional(date) }),
  nudges: v.pipe(v.array(id), v.maxLength(50)),
  ownNudge: long,
});

const roundSchema = v.object({
  no: v.pipe(count, v.minValue(1)),
  openedAt: time,
  theme: v.nullable(theme),
  poll: v.nullable(pollSchema),
  sessionId: v.nullable(id),
  items: v.pipe(v.array(itemSchema), v.maxLength(3)),
  visitedAt: v.nullable(time),
  nextDate: date,
  reviews: v.record(v.pipe(v.string(), v.regex(/^\d+\/.+$/)), v.object({ status: v.nullable(v.picklist(STATUSES)), note: long })),
});

const programmeSchema = v.object({
  id,
  teamName: short,
  createdAt: time,
  updatedAt: time,
  roundCount: v.pipe(count, v.minValue(1), v.maxValue(MAX_ROUNDS)),
  rounds: v.pipe(v.array(roundSchema), v.minLength(1), v.maxLength(MAX_ROUNDS)),
});

const historySchema = v.object({
  app: v.literal(HISTORY_APP),
  format: v.literal(HISTORY_FORMAT),
  savedAt: time,
  programmes: v.pipe(v.array(programmeSchema), v.maxLength(MAX_PROGRAMMES)),
});

/** What the schema cannot say: numbers that must agree with each other. */
function consistent(history: History): boolean {
  const programmeIds = new Set<string>();
  for (const p of history.programmes) {
    if (programmeIds.has(p.id)) return false;
    programmeIds.add(p.id);
    if (p.rounds.length > p.roundCount) return false;
    const itemKeys = new Set<string>();
    for (const [i, round] of p.rounds.entries()) {
      if (round.no !== i + 1) return false;
      for (const key of Object.keys(round.reviews)) {
        // A review looks back: at an item of an earlier round.
        const [no] = key.split('/');
        if (Number(no) >= round.no || !itemKeys.has(key)) return false;
      }
      const ids = new Set(round.items.map((item) => item.id));
      if (ids.size !== round.items.length) return false;
      for (const item of round.items) itemKeys.add(`${round.no}/${item.id}`);
      if (round.poll && !consistentPoll(round.poll)) return false;
    }
  }
  return true;
}

function consistentPoll(poll: PollState): boolean {
  const ids = poll.statementIds;
  if (new Set(ids).size !== ids.length) return false;
  if (poll.finished > poll.respondents && poll.closedAt === null) return false;
  if (poll.position >= ids.length) return false;
  const keys = (record: object) => Object.keys(record).sort().join('\n');
  const sorted = [...ids].sort().join('\n');
  if (keys(poll.counts) !== sorted || keys(poll.skips) !== sorted) return false;
  // Every finished player counted once per statement: an answer or a skip.
  for (const id of ids) {
    const answered = (poll.counts[id] ?? []).reduce((a, b) => a + b, 0);
    if (answered + (poll.skips[id] ?? 0) !== poll.finished) return false;
  }
  if (poll.phones) {
    // On phones: nobody answers on the shared screen; every seat that is done is counted once, and a seat
    // that is done has no answers left anywhere.
    const done = poll.phones.done;
    if (poll.position !== 0 || Object.keys(poll.current).length > 0) return false;
    if (new Set(done).size !== done.length || done.length !== poll.finished) return false;
    const known = new Set(ids);
    for (const [seat, answers] of Object.entries(poll.phones.answering)) {
      if (done.includes(seat) || !Object.keys(answers).every((id) => known.has(id))) return false;
    }
    if (poll.closedAt !== null && Object.keys(poll.phones.answering).length > 0) return false;
  }
  // The current player has answered exactly the statements before `position`.
  const before = new Set(ids.slice(0, poll.position));
  const current = Object.keys(poll.current);
  return current.length === before.size && current.every((id) => before.has(id));
}

export function parseHistoryData(data: unknown): Result<History, HistoryProblem> {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as { app?: unknown }).app !== HISTORY_APP) return err('not-a-history');
  const format = (data as { format?: unknown }).format;
  if (typeof format === 'number' && format > HISTORY_FORMAT) return err('newer-format');
  const parsed = v.safeParse(historySchema, data);
  if (!parsed.success) return err('damaged');
  const history = parsed.output as History;
  if (!consistent(history)) return err('damaged');
  return ok(history);
}

export function parseHistory(raw: string): Result<History, HistoryProblem> {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return err('not-json');
  }
  return parseHistoryData(data);
}

export const emptyHistory = (at: number): History => ({ app: HISTORY_APP, format: HISTORY_FORMAT, savedAt: at, programmes: [] });

export const serializeHistory = (history: History): string => JSON.stringify(history, null, 1);

// ── Changes ─────────────────────────────────────────────────────────────────

export function newRound(no: number, at: number, theme: Theme | null = null): Round {
  return { no, openedAt: at, theme, poll: null, sessionId: null, items: [], visitedAt: null, nextDate: '', reviews: {} };
}

export function newProgramme(id: string, teamName: string, roundCount: number, at: number): Programme | null {
  const name = teamName.trim();
  if (name.length === 0 || name.length > MAX_SHORT) return null;
  if (!Number.isInteger(roundCount) || roundCount < 1 || roundCount > MAX_ROUNDS) return null;
  return { id, teamName: name, createdAt: at, updatedAt: at, roundCount, rounds: [newRound(1, at)] };
}

export const findProgramme = (history: History, programmeId: string): Programme | undefined => history.programmes.find((p) => p.id === programmeId);

export function putProgramme(history: History, programme: Programme, at: number): History {
  const exists = history.programmes.some((p) => p.id === programme.id);
  const next = { ...programme, updatedAt: at };
  return { ...history, savedAt: at, programmes: exists ? history.programmes.map((p) => (p.id === programme.id ? next : p)) : [next, ...history.programmes] };
}

export function removeProgramme(history: History, programmeId: string, at: number): History {
  return { ...history, savedAt: at, programmes: history.programmes.filter((p) => p.id !== programmeId) };
}

export function updateRound(programme: Programme, no: number, update: (round: Round) => Round): Programme {
  return { ...programme, rounds: programme.rounds.map((r) => (r.no === no ? update(r) : r)) };
}

export function updateItem(round: Round, itemId: string, update: (item: ActionItem) => ActionItem): Round {
  return { ...round, items: round.items.map((item) => (item.id === itemId ? update(item) : item)) };
}

export const currentRoundOf = (programme: Programme): Round => programme.rounds[programme.rounds.length - 1] as Round;
export const canOpenNextRound = (programme: Programme): boolean => programme.rounds.length < programme.roundCount;

/** Opens the next round, carrying nothing but its number: earlier actions are reviewed in it. */
export function openNextRound(programme: Programme, at: number): Programme | null {
  if (!canOpenNextRound(programme)) return null;
  return { ...programme, rounds: [...programme.rounds, newRound(programme.rounds.length + 1, at)] };
}

export interface EarlierAction {
  readonly key: string;
  readonly round: number;
  readonly item: ActionItem;
  /** The latest status recorded for it before `beforeRound`, if any. */
  readonly lastReview: Review | null;
}

/** Every action of rounds before `beforeRound`, with its latest review before that round. */
export function earlierActions(programme: Programme, beforeRound: number): EarlierAction[] {
  const out: EarlierAction[] = [];
  for (const round of programme.rounds) {
    if (round.no >= beforeRound) break;
    for (const item of round.items) {
      const key = `${round.no}/${item.id}`;
      let lastReview: Review | null = null;
      for (const later of programme.rounds) {
        if (later.no <= round.no || later.no >= beforeRound) continue;
        const review = later.reviews[key];
        if (review) lastReview = review;
      }
      out.push({ key, round: round.no, item, lastReview });
    }
  }
  return out;
}

/** The most recent review of an action over all rounds, if any. */
export function latestReview(programme: Programme, key: string): { round: number; review: Review } | null {
  let found: { round: number; review: Review } | null = null;
  for (const round of programme.rounds) {
    const review = round.reviews[key];
    if (review) found = { round: round.no, review };
  }
  return found;
}

export interface MergeReport {
  readonly history: History;
  readonly added: number;
  readonly replaced: number;
  readonly kept: number;
}

/**
 * Brings an imported history in beside what is on the device: new programmes are added; for a programme on
 * both, the one changed last wins (the device's copy on a tie is replaced by the file, which is what the
 * person importing asked for). Nothing else on the device is touched.
 */
export function mergeHistories(local: History, incoming: History, at: number): MergeReport {
  let added = 0;
  let replaced = 0;
  let kept = 0;
  const programmes = [...local.programmes];
  for (const p of incoming.programmes) {
    const i = programmes.findIndex((q) => q.id === p.id);
    if (i < 0) {
      programmes.push(p);
      added++;
    } else if (p.updatedAt >= (programmes[i] as Programme).updatedAt) {
      programmes[i] = p;
      replaced++;
    } else {
      kept++;
    }
  }
  return { history: { ...local, savedAt: at, programmes }, added, replaced, kept };
}

/**
 * An imported file brought in beside the history on the device: a file that does not parse is refused with
 * its problem and the device's history comes back untouched; a good one is merged (see `mergeHistories`).
 */
export function importHistory(local: History, raw: string, at: number): Result<MergeReport, HistoryProblem> {
  const parsed = parseHistory(raw);
  if (!parsed.ok) return parsed;
  return ok(mergeHistories(local, parsed.value, at));
}
