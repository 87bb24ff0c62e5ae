/** What a step's panel is drawn from: the screen view, the hooks back to the controller, and the room. */
import type { SessionEvent } from '../core/events.ts';
import type { ScreenView } from '../core/view.ts';
import type { Proposal } from '../core/session.ts';
import type { Seat } from '../net/protocol.ts';

export interface RoomMoveInfo {
  readonly state: 'hidden' | 'asking' | 'shown' | 'expired';
  /** While shown: `?host=CODE#m=<moveKey>`, a key that works once (never the host token). */
  readonly url: string | null;
  readonly minutes: number;
  show(): void;
  hide(): void;
}

export interface RoomPanelInfo {
  readonly status: 'connecting' | 'open' | 'offline' | 'replaced';
  readonly problem: 'no-server' | null;
  readonly code: string | null;
  readonly joinUrl: string | null;
  readonly qrSvg: string | null;
  readonly seats: readonly Seat[];
  readonly locked: boolean;
  /** Moving the session to another screen: nothing until the facilitator asks, then a one-time address. */
  readonly move: RoomMoveInfo;
  lock(locked: boolean): void;
  remove(seatId: string): void;
}

export interface PanelContext {
  readonly view: ScreenView;
  send(event: SessionEvent): void;
  /** Whether the machine takes this event now (`snapshot.can`): controls are offered only where it does. */
  can(event: SessionEvent): boolean;
  readonly drafts: Record<string, string>;
  setDraft(key: string, value: string): void;
  readonly scoreLine: string;
  readonly daringAward: Proposal | null;
  exportMarkdown(): void;
  newSession(): void;
  startVisit(): void;
  /** Shows why an action was refused, next to its control, until the next accepted action. */
  showError(key: string, text: string): void;
  readonly flash: { readonly key: string; readonly text: string } | null;
  /** The room, when the team plays on devices. */
  readonly room: RoomPanelInfo | null;
}
