/**
 * The step names of the automation contract (`data-phase`), in the order of a session, apart from the machine so
 * screens can name a step without loading XState. Lists that name every step (the remote's view, the guide) use this one.
 */
export const PHASES = ['lobby', 'check-in', 'reveal', 'discuss', 'propose', 'vote', 'results', 'run-off', 'top-three', 'summary'] as const;
export type Phase = (typeof PHASES)[number];

export function phaseOf(value: unknown): Phase {
  if (value === 'lobby') return 'lobby';
  if (value === 'checkIn') return 'check-in';
  if (value === 'runOff') return 'run-off';
  if (value === 'topThree') return 'top-three';
  if (value === 'summary') return 'summary';
  if (typeof value === 'object' && value !== null && 'card' in value) {
    const step = (value as { card: string }).card;
    if (step === 'reveal' || step === 'discuss' || step === 'propose' || step === 'vote' || step === 'results') return step;
  }
  throw new Error(`Unknown state value ${JSON.stringify(value)}`);
}
