/**
 * How an IGLO level is marked wherever it is shown: one symbol per level, so the level reads without colour
 * (the shape is the cue), and the i18n key of its name. Pure data; each view draws it its own way.
 */
import type { Level } from './types.ts';

export const LEVEL_SYMBOLS: Readonly<Record<Level, string>> = { individual: '●', team: '▲', manager: '■', organisation: '◆' };

/** What a level's badge shows: the symbol (decorative, hidden from screen readers) and the name's i18n key. */
export interface LevelBadge {
  readonly level: Level;
  readonly symbol: string;
  readonly labelKey: `level.${Level}`;
}

export function levelBadge(level: Level): LevelBadge {
  return { level, symbol: LEVEL_SYMBOLS[level], labelKey: `level.${level}` };
}
