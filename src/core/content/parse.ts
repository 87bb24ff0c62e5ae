/** Parsing content at the edge: raw text in, typed content or a list of located problems out. */
import * as v from 'valibot';
import { type Result, err, ok } from '../result.ts';
import type { CheckInCard, ScenarioDeck, TwistCard } from '../types.ts';
import type { Guide } from './guideTypes.ts';
import { type ProblemCode, LIMITS, PROBLEM_CODES, checkInFileSchema, deckSchema, guideFileSchema, nudgeFileSchema, pollFileSchema, twistFileSchema } from './schema.ts';

export interface Problem {
  readonly code: ProblemCode;
  /** Dotted path into the file, e.g. `cards.3.title.nl`; empty for the file as a whole. */
  readonly path: string;
  /** The card's position (1-based) when the problem is inside a card, for messages like "card 4, title (nl)". */
  readonly card: number | null;
  readonly field: string;
}

type AnySchema = v.GenericSchema<unknown, unknown>;

function toProblems(issues: readonly v.BaseIssue<unknown>[]): Problem[] {
  return issues.map((issue) => {
    const keys = (issue.path ?? []).map((p) => String(p.key));
    // Inside a card only when the path goes on past the list to a card's index; a problem with the list
    // itself (`cards` missing, not a list, empty) is about the file, and names `cards` as its field.
    const listAt = keys.findIndex((k) => k === 'cards' || k === 'statements' || k === 'steps');
    const cardAt = listAt >= 0 && /^\d+$/.test(keys[listAt + 1] ?? '') ? listAt : -1;
    const cardIndex = cardAt >= 0 ? Number(keys[cardAt + 1]) : NaN;
    const code = (PROBLEM_CODES as readonly string[]).includes(issue.message)
      ? (issue.message as ProblemCode)
      : issue.input === undefined
        ? 'missing'
        : 'wrong-type';
    const fieldKeys = cardAt >= 0 ? keys.slice(cardAt + 2) : keys;
    return {
      code: issue.input === undefined && code === 'wrong-type' ? 'missing' : code,
      path: keys.join('.'),
      card: Number.isFinite(cardIndex) ? cardIndex + 1 : null,
      field: fieldKeys.join('.'),
    };
  });
}

export function parseWith<T>(schema: AnySchema, raw: string | unknown): Result<T, Problem[]> {
  let data: unknown = raw;
  if (typeof raw === 'string') {
    if (raw.length > LIMITS.fileBytes) return err([{ code: 'file-too-big', path: '', card: null, field: '' }]);
    try {
      data = JSON.parse(raw);
    } catch {
      return err([{ code: 'not-json', path: '', card: null, field: '' }]);
    }
  }
  const result = v.safeParse(schema, data, { abortPipeEarly: true });
  return result.success ? ok(result.output as T) : err(toProblems(result.issues));
}

export const parseDeck = (raw: string | unknown) => parseWith<ScenarioDeck>(deckSchema, raw);
export const parseTwists = (raw: string | unknown) => parseWith<{ cards: TwistCard[] }>(twistFileSchema, raw);
export const parseCheckIns = (raw: string | unknown) => parseWith<{ cards: CheckInCard[] }>(checkInFileSchema, raw);
export const parsePoll = (raw: string | unknown) => parseWith<{ statements: unknown[] }>(pollFileSchema, raw);
export const parseNudges = (raw: string | unknown) => parseWith<{ cards: unknown[] }>(nudgeFileSchema, raw);
export const parseGuide = (raw: string | unknown) => parseWith<Guide>(guideFileSchema, raw);

/** Picks the parser for a file of `levels/` by its `kind`. */
export function parseContentFile(raw: string): Result<unknown, Problem[]> {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return err([{ code: 'not-json', path: '', card: null, field: '' }]);
  }
  const kind = typeof data === 'object' && data !== null && 'kind' in data ? (data as { kind: unknown }).kind : undefined;
  switch (kind) {
    case 'scenario-deck':
      return parseDeck(data);
    case 'twists':
      return parseTwists(data);
    case 'check-ins':
      return parseCheckIns(data);
    case 'poll':
      return parsePoll(data);
    case 'nudges':
      return parseNudges(data);
    case 'guide':
      return parseGuide(data);
    default:
      return err([{ code: 'wrong-kind', path: 'kind', card: null, field: 'kind' }]);
  }
}
