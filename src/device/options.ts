/** What the device page is started with: where it draws, the room asked for, its stores and its socket. */
import type { Lang } from '../core/types.ts';
import type { KeyValueStore } from '../storage/index.ts';

export interface DeviceAppOptions {
  readonly root: HTMLElement;
  /** The room code from the address (`?join=CODE`); empty for a bare `?join`. */
  readonly code: string;
  /** The room secret from the join link's fragment (`#k=…`), when the page was opened with it. */
  readonly secret?: string | null;
  /** The language the page booted in; the device's own choice, once made, wins. */
  readonly lang: Lang;
  readonly local: KeyValueStore;
  /** This tab's own store: which room the tab is playing in. */
  readonly session: KeyValueStore;
  /** Where the player socket lives (default: this origin's `/room/play`). */
  readonly url?: string;
  /** Back to the start screen. */
  readonly home: () => void;
}
