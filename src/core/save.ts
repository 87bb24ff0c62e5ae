/**
 * The saved-session format: a persisted XState snapshot wrapped with a format number. Parsed at the edge
 * into a `Result`, so a corrupt or foreign save becomes a message, never a blank screen.
 */
import * as v from 'valibot';
import { type Result, err, ok } from './result.ts';
import { PLAY_MODES, SESSION_FORMAT, VOTE_MODES, type CardRound, type Proposal, type SessionContext } from './session.ts';
import { LANGS, LEVELS } from './types.ts';
import { mergedRoot } from './proposal.ts';
import type { DotVote } from './vote.ts';

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
  // Added with devices; saves from before have neither.
  drafts: v.optional(v.record(v.string(), v.record(v.string(), v.number()))),
  voted: v.optional(v.array(v.string())),
  revealed: v.boolean(),
});
const crowd = v.object({
  ideas: v.array(v.object({ id: v.string(), by: v.nullable(v.string()), alsoBy: v.optional(v.array(v.string())) })),
  rounds: v.number(),
  round: v.number(),
  seed: v.number(),
  hands: v.record(v.string(), v.string()),
  scored: v.record(v.string(), v.number()),
  points: v.record(v.string(), v.array(v.number())),
  seen: v.record(v.string(), v.array(v.string())),
  revealed: v.boolean(),
});
const contextSchema = v.object({
  format: v.literal(SESSION_FORMAT),
  id: v.string(),
  createdAt: v.number(),
  seed: v.number(),
  settings: v.object({
    teamName: v.string(),
    playMode: v.optional(v.picklist(PLAY_MODES)),
    voteMode: v.optional(v.picklist(VOTE_MODES)),
    players: v.array(player),
    deckId: v.string(),
    deckName: text,
    cardCount: v.number(),
    timing: v.object({ discussSec: v.number(), proposeSec: v.number(), voteSec: v.number() }),
    dotsPerPlayer: v.number(),
    maxPerProposal: v.number(),
    checkIn: v.boolean(),
    lang: v.picklist(LANGS),
  }),
  cards: v.pipe(v.array(v.object({ id: v.string(), title: text, situation: text, questions: v.array(text) })), v.minLength(1)),
  twists: v.array(v.object({ id: v.string(), title: text, prompt: text })),
  checkInCards: v.array(v.object({ id: v.string(), image: v.string(), prompt: text, alt: text })),
  checkInPicks: v.array(v.string()),
  checkInBy: v.optional(v.array(v.string())),
  cardIndex: v.pipe(v.number(), v.integer()),
  rounds: v.array(
    v.object({ cardId: v.string(), twistIds: v.array(v.string()), activeTwistId: v.nullable(v.string()), vote: v.nullable(vote), crowd: v.optional(v.nullable(crowd)) }),
  ),
  proposals: v.array(
    v.object({
      id: v.string(),
      cardIndex: v.number(),
      text: v.string(),
      level: v.picklist(LEVELS),
      twistId: v.nullable(v.string()),
      hidden: v.boolean(),
      by: v.optional(v.string()),
      // Added with merging duplicates; saves from before have none.
      mergedInto: v.optional(v.string()),
    }),
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

const KNOWN_STATES = ['lobby', 'checkIn', 'runOff', 'topThree', 'summary'];
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
  const ctx = upgrade(context as OlderContext);
  if (ctx.cardIndex < 0 || ctx.cardIndex >= ctx.cards.length || ctx.rounds.length !== ctx.cards.length) return err('damaged');
  if (!mergesHold(ctx.proposals)) return err('damaged');
  // A lobby may be empty while players join from their devices; a session on one screen never is.
  if (ctx.settings.players.length === 0 && (ctx.settings.playMode !== 'devices' || value !== 'lobby')) return err('damaged');
  if (value === 'lobby' && ctx.settings.playMode !== 'devices') return err('damaged');
  return ok({ ...(data as SavedSession), snapshot: { ...(snapshot as SavedSession['snapshot']), context: ctx } });
}

/** Every merge points to a proposal of the same card, and following merges always ends at one that stands alone. */
function mergesHold(proposals: readonly Proposal[]): boolean {
  const byId = new Map(proposals.map((p) => [p.id, p]));
  return proposals.every((p) => {
    if (p.mergedInto === undefined) return true;
    const target = byId.get(p.mergedInto);
    if (!target || target.cardIndex !== p.cardIndex) return false;
    return byId.get(mergedRoot(proposals, p.id))?.mergedInto === undefined;
  });
}

/** A save from before devices play lacks a few fields; they all have one sensible value there. */
type OlderContext = Omit<SessionContext, 'settings' | 'checkInBy' | 'rounds' | 'runOffs'> & {
  readonly settings: Omit<SessionContext['settings'], 'playMode' | 'voteMode'> & Partial<Pick<SessionContext['settings'], 'playMode' | 'voteMode'>>;
  readonly checkInBy?: readonly string[];
  readonly rounds: readonly (Omit<CardRound, 'vote' | 'crowd'> & { readonly vote: OlderVote | null; readonly crowd?: CardRound['crowd'] })[];
  readonly runOffs: readonly OlderVote[];
};
type OlderVote = Omit<DotVote, 'drafts' | 'voted'> & Partial<Pick<DotVote, 'drafts' | 'voted'>>;

const upgradeVote = (vote: OlderVote): DotVote => ({ ...vote, drafts: vote.drafts ?? {}, voted: vote.voted ?? [] });

function upgrade(ctx: OlderContext): SessionContext {
  const settings = { ...ctx.settings, playMode: ctx.settings.playMode ?? 'one-screen', voteMode: ctx.settings.voteMode ?? 'dots' };
  return {
    ...ctx,
    settings,
    checkInBy: ctx.checkInBy ?? ctx.checkInPicks.map((_, i) => settings.players[i]?.id ?? `s${i + 1}`),
    rounds: ctx.rounds.map((r) => ({ ...r, vote: r.vote ? upgradeVote(r.vote) : null, crowd: r.crowd ?? null })),
    runOffs: ctx.runOffs.map(upgradeVote),
  };
}
