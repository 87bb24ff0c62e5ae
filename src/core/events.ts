/** Everything that can happen to a session, dotted by who sends it. `at` is the sender's clock (ms). */
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
  | { readonly type: 'facilitator.setDots'; readonly dotsPerPlayer: number; readonly maxPerProposal: number }
  | { readonly type: 'player.checkIn'; readonly cardId: string }
  | { readonly type: 'player.propose'; readonly text: string; readonly level: Level }
  | { readonly type: 'player.drawTwist' }
  | { readonly type: 'player.dismissTwist' }
  | { readonly type: 'player.dot'; readonly proposalId: string }
  | { readonly type: 'player.undot'; readonly proposalId: string }
  | { readonly type: 'player.voteDone' }
  | { readonly type: 'team.sharpen'; readonly proposalId: string; readonly field: keyof Sharpened; readonly text: string };

/** One-off cues for sound and animation (`actor.on(type, …)` in the view). */
export type SessionCue =
  | { readonly type: 'cue.flip' }
  | { readonly type: 'cue.drop' }
  | { readonly type: 'cue.voteDone' }
  | { readonly type: 'cue.reveal' }
  | { readonly type: 'cue.twist' }
  | { readonly type: 'cue.topThree' };
