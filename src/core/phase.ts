/** The step names of the automation contract (`data-phase`), apart from the machine so screens can name a step without loading XState. */
export type Phase = 'lobby' | 'check-in' | 'reveal' | 'discuss' | 'propose' | 'vote' | 'results' | 'run-off' | 'top-three' | 'summary';

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
