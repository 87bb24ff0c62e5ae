/**
 * What the facilitator's remote shows and may do, from the machine's snapshot: the step, the clock, and per
 * control whether the machine allows it now (`snapshot.can`), never a list kept here. A remote's command
 * becomes a session event the same way (and is asked `can` again when it arrives).
 */
import type { SnapshotFrom } from 'xstate';
import type { sessionMachine } from '../core/machine.ts';
import { phaseOf } from '../core/phase.ts';
import type { SessionEvent } from '../core/events.ts';
import { screenView } from '../core/view.ts';
import { remainingMs } from '../core/timer.ts';
import { REMOTE_TEXT_LIMIT, type RemoteAction, type RemoteProposal, type RemoteView } from '../net/remoteProtocol.ts';

export type SessionSnapshot = SnapshotFrom<typeof sessionMachine>;

const short = (text: string): string => (text.length > REMOTE_TEXT_LIMIT ? `${text.slice(0, REMOTE_TEXT_LIMIT - 1)}…` : text);

/** The step a command was pressed in: next, back and wrap up count only there. */
export function stepOf(snapshot: SessionSnapshot): string {
  const ctx = snapshot.context;
  return `${phaseOf(snapshot.value)}|${ctx.cardIndex}|${ctx.runOffs.length}`;
}

/** The session event for a remote's action, stamped with this screen's clock. */
export function eventFor(action: RemoteAction, at: number): SessionEvent {
  switch (action.type) {
    case 'advance':
      return { type: 'facilitator.advance', at };
    case 'undo':
      return { type: 'facilitator.undo', at };
    case 'pause':
      return { type: 'facilitator.pause', at };
    case 'resume':
      return { type: 'facilitator.resume', at };
    case 'addTime':
      return { type: 'facilitator.addTime', at, seconds: 60 };
    case 'endEarly':
      return { type: 'facilitator.endEarly', at };
    case 'hide':
      return { type: 'facilitator.hide', proposalId: action.proposalId };
    case 'restore':
      return { type: 'facilitator.restore', proposalId: action.proposalId };
    case 'unmerge':
      return { type: 'facilitator.unmerge', proposalId: action.proposalId };
    case 'merge':
      return { type: 'facilitator.merge', sourceId: action.sourceId, targetId: action.targetId };
  }
}

export function remoteViewOf(snapshot: SessionSnapshot, rev: number, now: number): RemoteView {
  const ctx = snapshot.context;
  const phase = phaseOf(snapshot.value);
  const can = (action: RemoteAction): boolean => snapshot.can(eventFor(action, now));
  let proposals: RemoteProposal[] | null = null;
  if (phase === 'propose') {
    const shown = screenView(ctx, phase).proposals;
    proposals = shown.map((p) => ({
      id: p.id,
      texts: p.texts.map(short),
      merged: [...p.merged],
      level: p.level,
      hidden: p.hidden,
      canHide: can({ type: 'hide', proposalId: p.id }),
      canRestore: can({ type: 'restore', proposalId: p.id }),
      canMerge: shown.some((q) => q.id !== p.id && can({ type: 'merge', sourceId: p.id, targetId: q.id })),
      canUnmerge: p.merged.length > 0 && can({ type: 'unmerge', proposalId: p.merged[0]! }),
    }));
  }
  return {
    rev,
    step: stepOf(snapshot),
    phase,
    team: ctx.settings.teamName,
    cardIndex: ctx.cardIndex,
    cardCount: ctx.cards.length,
    timer: { kind: ctx.timer.kind, remainingMs: remainingMs(ctx.timer, now) },
    can: {
      advance: can({ type: 'advance' }),
      undo: can({ type: 'undo' }),
      // The machine takes these in any step; like the top bar, the remote offers them for the clock there is.
      pause: can({ type: 'pause' }) && ctx.timer.kind === 'running',
      resume: can({ type: 'resume' }) && ctx.timer.kind === 'paused',
      addTime: can({ type: 'addTime' }) && ctx.timer.kind !== 'none',
      endEarly: can({ type: 'endEarly' }),
    },
    proposals,
  };
}
