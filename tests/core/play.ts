/** Drives the round machine purely with `transition`, as a test script of a team's session. */
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
