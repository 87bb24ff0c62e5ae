/** An IGLO level as a badge: its shape (so the level never rests on colour alone) and its name, as the core defines them. */
import { h } from './dom.ts';
import { t } from '../i18n/index.ts';
import type { Level } from '../core/types.ts';
import { levelBadge as badgeOf } from '../core/levels.ts';

export function levelBadge(level: Level): HTMLElement {
  const badge = badgeOf(level);
  return h('span', { class: `badge level level--${badge.level}` }, h('span', { 'aria-hidden': 'true' }, `${badge.symbol} `), t(badge.labelKey));
}
