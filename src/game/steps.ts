/** The steps of one scenario card: the top bar counts cards in them, the table's progress line marks them. */
import type { Phase } from '../core/phase.ts';

export const CARD_STEPS: readonly Phase[] = ['reveal', 'discuss', 'propose', 'vote', 'results'];

export const isCardStep = (phase: Phase): boolean => CARD_STEPS.includes(phase);
