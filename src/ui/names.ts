import type { Player } from '../core/types.ts';
import { t } from '../i18n/index.ts';

/** A seat's name as shown: the typed name, or "Player 3" for an anonymous seat. */
export function playerName(player: Player | null | undefined, players: readonly Player[]): string {
  if (!player) return '';
  return player.name ?? t('player.anonymous', { n: players.findIndex((p) => p.id === player.id) + 1 });
}

/** m:ss for the clock. */
export function clock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
