/**
 * The team leader's guide (`levels/guide.json`): for each step of a session, short notes for the facilitator
 * (what to say, what to ask, what to watch for). Shown on the facilitator's side only, never on the stage.
 */
import type { Phase } from '../phase.ts';
import { parseGuide } from './parse.ts';
import type { Guide, GuideStep, GuideStepId } from './guideTypes.ts';

export type { GuideStepId, GuideNoteKind, GuideNote, GuideStep, Guide } from './guideTypes.ts';

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
