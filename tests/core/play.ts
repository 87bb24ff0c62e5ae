/** Drives the round machine purely with `transition`, as a test script of a team's session. */
import { expect } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { sessionMachine, phaseOf, type Phase } from '../../src/core/machine.ts';
import type { SessionEvent } from '../../src/core/events.ts';
import type { SessionContext } from '../../src/core/session.ts';

export type Snap = ReturnType<typeof initialTransition<typeof sessionMachine>>[0];

export function start(ctx: SessionContext): Snap {
  return initialTransition(sessionMachine, ctx)[0];
}

export function send(snap: Snap, ...events: SessionEvent[]): Snap {
  return events.reduce((s, e) => transition(sessionMachine, s, e)[0], snap);
}

export const phase = (snap: Snap): Phase => phaseOf(snap.value);
export const advance = (at = 1000): SessionEvent => ({ type: 'facilitator.advance', at });
export const undo = (at = 1000): SessionEvent => ({ type: 'facilitator.undo', at });

/** Every player fills their ballot from the first candidate on (the same ballot for all) and finishes. */
export function everyoneVotes(snap: Snap): Snap {
  let s = snap;
  for (let guard = 0; guard < 200 && (phase(s) === 'vote' || phase(s) === 'run-off'); guard++) {
    const before = s;
    const vote = phase(s) === 'vote' ? s.context.rounds[s.context.cardIndex]?.vote : s.context.runOffs.at(-1);
    if (!vote) break;
    for (const id of vote.candidates) {
      for (let i = 0; i < vote.maxPerCandidate; i++) s = send(s, { type: 'player.dot', proposalId: id });
    }
    s = send(s, { type: 'player.voteDone' });
    if (s === before) break;
  }
  return s;
}

/**
 * Sends `events` one by one from `snap`; `each` sees every step with the event that entered the current state
 * (`enteredBy`, from `entered` until the state changes). Returns the last snapshot.
 */
export function playEvents(
  snap: Snap,
  events: readonly SessionEvent[],
  each: (prev: Snap, next: Snap, enteredBy: SessionEvent | null) => void,
  entered: SessionEvent | null = null,
): Snap {
  let s = snap;
  let enteredBy = entered;
  for (const e of events) {
    const next = send(s, e);
    if (JSON.stringify(next.value) !== JSON.stringify(s.value)) enteredBy = e;
    each(s, next, enteredBy);
    s = next;
  }
  return s;
}

export const withoutTimer = (snap: Snap) => ({ value: snap.value, context: { ...snap.context, timer: null } });

/** Undo from `next`, then redo: the same state again (apart from the clock), or nothing changed where undo is not allowed. */
export function expectUndoThenRedo(next: Snap, enteredBy: SessionEvent | null): void {
  // A step reached by stepping back has no single "forward" event to redo it with.
  if (enteredBy?.type === 'facilitator.undo') return;
  const back = send(next, { type: 'facilitator.undo', at: 1 });
  // Redo is the step forward that led here: "end early" for an early end, else "next".
  const redo: SessionEvent = enteredBy?.type === 'facilitator.endEarly' ? enteredBy : { type: 'facilitator.advance', at: 1 };
  // Where undo is not allowed (check-in, results, the first card), nothing changes.
  if (JSON.stringify(back.value) === JSON.stringify(next.value)) {
    expect(back.context).toEqual(next.context);
    return;
  }
  expect(withoutTimer(send(back, redo))).toEqual(withoutTimer(next));
}
