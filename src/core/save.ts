/**
 * The saved-session format: a persisted XState snapshot wrapped with a format number. Parsed at the edge
 * into a `Result`, so a corrupt or foreign save becomes a message, never a blank screen.
 */
import * as v from 'valibot';
import { type Result, err, ok } from './result.ts';
import { SESSION_FORMAT, type SessionContext } from './session.ts';

export const SAVE_APP = 'ruimte-session';

export interface SavedSession {
  readonly app: typeof SAVE_APP;
  readonly format: typeof SESSION_FORMAT;
  readonly savedAt: number;
  /** `actor.getPersistedSnapshot()`; its `context` is a `SessionContext`. */
  readonly snapshot: { readonly value: unknown; readonly context: SessionContext; readonly status: string } & Record<string, unknown>;
}

export type SaveProblem = 'not-json' | 'not-a-save' | 'newer-format' | 'damaged';

const player = v.object({ id: v.string(), name: v.nullable(v.string()) });
const text = v.object({ nl: v.string(), en: v.string() });
const vote = v.object({
  candidates: v.array(v.string()),
  dotsPerVoter: v.number(),
  maxPerCandidate: v.number(),
  voterIndex: v.number(),
  current: v.record(v.string(), v.number()),
  ballots: v.array(v.record(v.string(), v.number())),
  revealed: v.boolean(),
});
const contextSchema = v.object({
  format: v.literal(SESSION_FORMAT),
  id: v.string(),
  createdAt: v.number(),
  seed: v.number(),
  settings: v.object({
    teamName: v.string(),
    players: v.pipe(v.array(player), v.minLength(1)),
    deckId: v.string(),
    deckName: text,
    cardCount: v.number(),
    timing: v.object({ discussSec: v.number(), proposeSec: v.number(), voteSec: v.number() }),
    dotsPerPlayer: v.number(),
    maxPerProposal: v.number(),
    checkIn: v.boolean(),
    lang: v.picklist(['nl', 'en']),
  }),
  cards: v.pipe(v.array(v.object({ id: v.string(), title: text, situation: text, questions: v.array(text) })), v.minLength(1)),
  twists: v.array(v.object({ id: v.string(), title: text, prompt: text })),
  checkInCards: v.array(v.object({ id: v.string(), image: v.string(), prompt: text, alt: text })),
  checkInPicks: v.array(v.string()),
  cardIndex: v.pipe(v.number(), v.integer()),
  rounds: v.array(v.object({ cardId: v.string(), twistIds: v.array(v.string()), activeTwistId: v.nullable(v.string()), vote: v.nullable(vote) })),
  proposals: v.array(
    v.object({ id: v.string(), cardIndex: v.number(), text: v.string(), level: v.picklist(['individual', 'team', 'manager', 'organisation']), twistId: v.nullable(v.string()), hidden: v.boolean() }),
  ),
  nextProposalNo: v.number(),
  runOffs: v.array(vote),
  sharpened: v.record(v.string(), v.object({ ask: v.string(), ourselves: v.string(), why: v.string() })),
  timer: v.variant('kind', [
    v.object({ kind: v.literal('none') }),
    v.object({ kind: v.literal('running'), totalMs: v.number(), endsAt: v.number() }),
    v.object({ kind: v.literal('paused'), totalMs: v.number(), remainingMs: v.number() }),
  ]),
  endedEarly: v.boolean(),
});

const KNOWN_STATES = ['checkIn', 'runOff', 'topThree', 'summary'];
const CARD_STEPS = ['reveal', 'discuss', 'propose', 'vote', 'results'];

function knownValue(value: unknown): boolean {
  if (typeof value === 'string') return KNOWN_STATES.includes(value);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    return entries.length === 1 && entries[0]?.[0] === 'card' && CARD_STEPS.includes(String(entries[0][1]));
  }
  return false;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export function wrapSave(snapshot: SavedSession['snapshot'], savedAt: number): SavedSession {
  return { app: SAVE_APP, format: SESSION_FORMAT, savedAt, snapshot };
}

export function parseSave(raw: string): Result<SavedSession, SaveProblem> {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return err('not-json');
  }
  if (typeof data !== 'object' || data === null || (data as { app?: unknown }).app !== SAVE_APP) return err('not-a-save');
  const format = (data as { format?: unknown }).format;
  if (typeof format === 'number' && format > SESSION_FORMAT) return err('newer-format');
  const snapshot = (data as { snapshot?: unknown }).snapshot;
  if (typeof snapshot !== 'object' || snapshot === null) return err('damaged');
  const { value, context, status, children, historyValue } = snapshot as {
    value?: unknown;
    context?: unknown;
    status?: unknown;
    children?: unknown;
    historyValue?: unknown;
  };
  if (status !== 'active' || !knownValue(value)) return err('damaged');
  // XState reads these two when it restores. The session invokes no actors and has no history states, so
  // both are empty records; anything else would make the restore itself fail.
  const empty = (x: unknown) => isRecord(x) && Object.keys(x).length === 0;
  if (!empty(children) || (historyValue !== undefined && !empty(historyValue))) return err('damaged');
  const parsed = v.safeParse(contextSchema, context);
  if (!parsed.success) return err('damaged');
  const ctx = context as SessionContext;
  if (ctx.cardIndex < 0 || ctx.cardIndex >= ctx.cards.length || ctx.rounds.length !== ctx.cards.length) return err('damaged');
  return ok(data as SavedSession);
}
