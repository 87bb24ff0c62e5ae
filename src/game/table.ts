import type { ScreenView } from '../core/view.ts';
import type { SessionCue } from '../core/events.ts';
import type { Lang } from '../core/types.ts';

/** What the game view (Phaser) offers the controller: draw a view, play a one-off cue. No rules. */
export interface TableView {
  render(view: ScreenView, lang: Lang, labels: TableLabels): void;
  cue(cue: SessionCue['type']): void;
  destroy(): void;
}

/** Translated strings the canvas needs; the scene never calls i18next itself. */
export interface TableLabels {
  readonly progress: readonly { readonly label: string; readonly state: 'done' | 'now' | 'next' }[];
  readonly heading: string;
  readonly sub: string;
  readonly timer: string;
  readonly timerFraction: number;
  readonly levelNames: Readonly<Record<string, string>>;
  readonly playerNames: readonly string[];
  readonly dotsWord: (count: number) => string;
  readonly rankWord: (rank: number) => string;
}
