/** Poll statements and nudge cards from `levels/`, checked with the content schema when the programme loads. */
import { parseNudges, parsePoll } from '../core/content/parse.ts';
import type { Source, Text, Theme } from '../core/types.ts';
import type { INTERVENTION_FUNCTIONS } from '../core/content/schema.ts';
import type { Polarity } from './core/poll.ts';
import pollFile from '../../levels/poll.json';
import nudgeFile from '../../levels/nudges.json';

export interface Statement {
  readonly id: string;
  readonly theme: Theme;
  readonly polarity: Polarity;
  readonly text: Text;
  readonly source: Source;
}

export type NudgeFunction = (typeof INTERVENTION_FUNCTIONS)[number];

export interface Nudge {
  readonly id: string;
  readonly function: NudgeFunction;
  readonly title: Text;
  readonly text: Text;
  readonly source: Source;
}

const poll = parsePoll(pollFile);
const nudgeCards = parseNudges(nudgeFile);

export const STATEMENTS: readonly Statement[] = poll.ok ? (poll.value.statements as Statement[]) : [];
export const NUDGES: readonly Nudge[] = nudgeCards.ok ? (nudgeCards.value.cards as Nudge[]) : [];

export const statementById = (id: string): Statement | undefined => STATEMENTS.find((s) => s.id === id);
export const nudgeById = (id: string): Nudge | undefined => NUDGES.find((n) => n.id === id);
