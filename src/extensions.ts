/**
 * Screens that live beside the game (the coach's deck editor, the team programme) plug in here:
 * each is a lazily loaded module with one `open(host)` entry, so the start screen does not wait for them.
 */
import type { Phase } from './core/phase.ts';
import type { Theme } from './core/types.ts';

/** Choices a screen beside the game can make for the setup (for example themes chosen on the warm-up wall). */
export interface SetupPreset {
  readonly teamName?: string;
  readonly themes?: readonly Theme[];
}

export type ExtraPhase = Phase | 'setup' | 'start' | 'poll' | 'poll-results' | 'wall' | 'visit' | 'follow-up' | 'editor';

export interface ScreenHost {
  /** The panel to render into (full width: the table canvas is hidden on these screens). */
  readonly panel: HTMLElement;
  /** Sets the top bar's step name and `data-phase`. */
  setPhase(phase: ExtraPhase, progress?: string): void;
  /** Back to the start screen. */
  home(): void;
  /** Starts the setup of a new session, optionally with a deck chosen (an own deck's id) and other choices made. */
  newSession(deckId?: string, preset?: SetupPreset): void;
  /** Re-renders on a language change: the screen registers its own render function here. */
  onLanguageChange(render: (() => void) | null): void;
}

export interface VisitRequest {
  /** The id of the saved session whose top three is presented. */
  readonly sessionId: string;
}
