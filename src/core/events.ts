/**
 * Everything that can happen to a session, dotted by who sends it. `at` is the sender's clock (ms).
 * `by` is a player id stamped by the shared screen from the room server's seat, only when playing on
 * devices; on one screen the seat in turn acts and `by` is absent.
 */
import type { Level } from './types.ts';
import type { Sharpened } from './session.ts';

export type SessionEvent =
  | { readonly type: 'facilitator.advance'; readonly at: number }
  | { readonly type: 'facilitator.undo'; readonly at: number }
  | { readonly type: 'facilitator.endEarly'; readonly at: number }
  | { readonly type: 'facilitator.pause'; readonly at: number }
  | { readonly type: 'facilitator.resume'; readonly at: number }
  | { readonly type: 'facilitator.addTime'; readonly at: number; readonly seconds: number }
  | { readonly type: 'facilitator.hide'; readonly proposalId: string }
  | { readonly type: 'facilitator.restore'; readonly proposalId: string }
  /** Before the vote: put a duplicate (`sourceId`) into another proposal (`targetId`), which keeps its id. */
  | { readonly type: 'facilitator.merge'; readonly sourceId: string; readonly targetId: string }
  /** Before the vote: take a merged proposal (one of the target's `merged` ids) out again. */
  | { readonly type: 'facilitator.unmerge'; readonly proposalId: string }
  | { readonly type: 'facilitator.setDots'; readonly dotsPerPlayer: number; readonly maxPerProposal: number }
  | { readonly type: 'facilitator.removePlayer'; readonly playerId: string }
  | { readonly type: 'facilitator.nextRound' }
  | { readonly type: 'player.join'; readonly playerId: string; readonly name: string }
  | { readonly type: 'player.checkIn'; readonly cardId: string; readonly by?: string }
  | { readonly type: 'player.propose'; readonly text: string; readonly level: Level; readonly by?: string }
  | { readonly type: 'player.drawTwist' }
  | { readonly type: 'player.dismissTwist' }
  | { readonly type: 'player.dot'; readonly proposalId: string; readonly by?: string }
  | { readonly type: 'player.undot'; readonly proposalId: string; readonly by?: string }
  | { readonly type: 'player.voteDone'; readonly by?: string }
  | { readonly type: 'player.score'; readonly proposalId: string; readonly score: number; readonly by: string }
  | { readonly type: 'team.sharpen'; readonly proposalId: string; readonly field: keyof Sharpened; readonly text: string };

/** One-off cues for sound and animation (`actor.on(type, …)` in the view). */
export type SessionCue =
  | { readonly type: 'cue.flip' }
  | { readonly type: 'cue.drop' }
  | { readonly type: 'cue.voteDone' }
  | { readonly type: 'cue.reveal' }
  | { readonly type: 'cue.twist' }
  | { readonly type: 'cue.topThree' };
