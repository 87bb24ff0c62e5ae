/** "Play the game" from a round: leaves a pending link for the session, then opens the game's setup. */
import type { App } from '../app.ts';
import type { Programme, Round } from '../core/history.ts';
import { setPending } from '../store.ts';

export function startGame(app: App, programme: Programme, round: Round): void {
  setPending({ programmeId: programme.id, round: round.no, at: Date.now() });
  app.host.newSession();
}
