import type { ScreenView } from '../core/view.ts';
import type { SessionCue } from '../core/events.ts';
import type { Lang } from '../core/types.ts';

/** What the game view (Phaser) offers the controller: draw a view, play a one-off cue. No rules. */
export interface TableView {
  render(view: ScreenView, lang: Lang, labels: TableLabels): void;
  cue(cue: SessionCue['type']): void;
  destroy(): void;
}

/** Sounds the stage asks for while it animates (the reveal's count-up); the host plays them (src/audio.ts). */
export type StageSound = 'drop' | 'reveal' | 'vote-done';

/** What the host gives the table when it is created. */
export interface TableHooks {
  /** Plays a cue sound; absent means the stage stays silent (the controller's own cues still play). */
  readonly sound?: (name: StageSound) => void;
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
  /** Optional: a line under shortened notes pointing to the full texts in the panel ("read all"). */
  readonly readAll?: string;
}
