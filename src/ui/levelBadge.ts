/** An IGLO level as a badge: its shape (so the level never rests on colour alone) and its name. */
import { h } from './dom.ts';
import { t } from '../i18n/index.ts';
import type { Level } from '../core/types.ts';

// TODO(core helper, on merge): use LEVEL_SYMBOLS and levelBadge() from core/levels.ts (their commit 0b0b09c).
export const LEVEL_SHAPES: Readonly<Record<Level, string>> = { individual: '●', team: '▲', manager: '■', organisation: '◆' };

export function levelBadge(level: Level): HTMLElement {
  return h('span', { class: `badge level level--${level}` }, h('span', { 'aria-hidden': 'true' }, `${LEVEL_SHAPES[level]} `), t(`level.${level}`));
}
