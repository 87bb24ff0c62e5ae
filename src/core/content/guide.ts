/**
 * The team leader's guide (`levels/guide.json`): for each step of a session, short notes for the facilitator
 * (what to say, what to ask, what to watch for). Shown on the facilitator's side only, never on the stage.
 */
import type { Phase } from '../phase.ts';
import type { Source, Text } from '../types.ts';
import { parseGuide } from './parse.ts';
import type { GUIDE_NOTE_KINDS, GUIDE_STEPS } from './schema.ts';

export type GuideStepId = (typeof GUIDE_STEPS)[number];
export type GuideNoteKind = (typeof GUIDE_NOTE_KINDS)[number];

export interface GuideNote {
  readonly kind: GuideNoteKind;
  readonly text: Text;
  readonly source: Source;
}

export interface GuideStep {
  readonly id: string;
  readonly step: GuideStepId;
  readonly title: Text;
  readonly notes: readonly GuideNote[];
}

export interface Guide {
  readonly format: 1;
  readonly kind: 'guide';
  readonly steps: readonly GuideStep[];
}

// The guide's steps are the session's phases, one for one: this stops compiling when either list changes alone.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const stepsArePhases: Same<GuideStepId, Phase> = true;
void stepsArePhases;

/** The notes for one step of the session, or null when the guide has none. */
export function guideStep(guide: Guide, step: Phase): GuideStep | null {
  return guide.steps.find((s) => s.step === step) ?? null;
}

/** Loads `levels/guide.json` (its own small chunk) and checks it with the content schema; null when it is broken. */
export async function loadGuide(): Promise<Guide | null> {
  const parsed = parseGuide((await import('../../../levels/guide.json')).default);
  return parsed.ok ? parsed.value : null;
}
