/** What the device page draws from besides the view: its own state, and what a tap may do. */
import type { Lang, Level } from '../core/types.ts';
import type { PlayerAction } from '../net/protocol.ts';
import type { SocketStatus } from '../net/socket.ts';
import type { Draft } from './store.ts';

export interface DeviceState {
  readonly code: string;
  /** The seat's name as the room knows it. */
  readonly name: string;
  readonly lang: Lang;
  readonly status: SocketStatus;
  readonly hostGone: boolean;
  /** This seat was opened on another screen; this one stopped. */
  readonly replaced: boolean;
  readonly rateLimited: boolean;
  /** The room holds too many actions while the shared screen is away: this phone keeps them and tries again. */
  readonly pendingFull: boolean;
  /** Actions not yet acknowledged by the server. */
  readonly waiting: number;
  /** The proposal being typed for the current card. */
  readonly draft: Draft;
  readonly proposeError: string | null;
  readonly proposeSent: boolean;
  readonly now: number;
  /** In the team poll: the statement the player went to (its index; the count of statements is the overview), or null for the first one without an answer. */
  readonly pollIndex?: number | null;
}

export interface DeviceActions {
  act(action: PlayerAction): void;
  /** Checks and sends a proposal; on a problem the state comes back with `proposeError` and the text kept. */
  propose(text: string, level: Level): void;
  saveDraft(draft: Draft): void;
  setLang(lang: Lang): void;
  reconnect(): void;
  takeBack(): void;
  /** In the team poll: show the statement at this index (the count of statements: the overview with "done"). */
  pollGo?(index: number): void;
}

/** Parts of a page; empty slots (null) are left out. */
export type Out = (Node | null | false)[];
