/**
 * One open editor: the deck being edited and what the screen shows around it. Made anew each time the
 * editor opens (nothing lives in the module), and changed only through the editor's actions.
 */
import type { ScreenHost } from '../extensions.ts';
import type { Problem } from '../core/content/parse.ts';
import type { Lang, ScenarioDeck } from '../core/types.ts';
import { deckIds } from '../content.ts';
import { currentLang, t } from '../i18n/index.ts';
import { announce } from '../ui/dom.ts';
import { ownDeckIds } from '../ui/ownDecks.ts';
import { type DeckDraft, draftToDeck, newDraft, saveIdFor } from './draft.ts';
import type { ImportPlan } from './importDeck.ts';
import { deckDefaults } from './labels.ts';
import { storeWorkingDraft } from './workingDraft.ts';

/** The question the page is asking, if any; `returnKey` is the control to focus once it is answered. */
export type Dialog = { returnKey: string | null } & (
  | { kind: 'conflict'; plan: Exclude<ImportPlan, { kind: 'new' }>; file: string }
  | { kind: 'discard'; proceed: () => void }
  | { kind: 'remove-card'; index: number }
  | { kind: 'delete-deck'; id: string; name: string | null; count: number }
);

export interface EditorSession {
  readonly host: ScreenHost;
  readonly builtIns: readonly ScenarioDeck[];
  draft: DeckDraft;
  /** Index of the card being edited. */
  current: number;
  previewLang: Lang;
  copySource: string;
  /** Problems of the last refused save, kept up to date while the coach fixes them. */
  problems: Problem[] | null;
  importErrors: { file: string; problems: Problem[] } | null;
  status: { text: string; error: boolean } | null;
  dialog: Dialog | null;
  /** The `data-key` of the control to focus after the next render. */
  focusAfter: string | null;
  dragging: boolean;
  /** What the last render put in the panel: once another screen replaced it, this editor draws no more. */
  root: HTMLElement | null;
  /** Set when the coach went on to play: the editor is gone even before the next screen is drawn. */
  closed: boolean;
}

/** Every deck id in use: built-in, listed for the content loader, and own decks on the device now. */
export function takenIds(s: Pick<EditorSession, 'builtIns'>): string[] {
  return [...new Set([...deckIds(), ...s.builtIns.map((d) => d.id), ...ownDeckIds()])];
}

/** The editor as it opens: the draft left open last time (said so when it has unsaved changes), else a new empty deck. */
export function createSession(host: ScreenHost, builtIns: readonly ScenarioDeck[], restored: DeckDraft | null): EditorSession {
  return {
    host,
    builtIns,
    draft: restored ?? newDraft(takenIds({ builtIns }), deckDefaults()),
    current: 0,
    previewLang: currentLang(),
    copySource: builtIns[0]?.id ?? '',
    problems: null,
    importErrors: null,
    status: restored?.dirty ? { text: t('editor:restored'), error: false } : null,
    dialog: null,
    focusAfter: 'editor-title',
    dragging: false,
    root: null,
    closed: false,
  };
}

/** False once the coach left this editor (to play, or to another screen). */
export const isShown = (s: EditorSession): boolean => !s.closed && (s.root === null || s.root.isConnected);

/** The line under the editor's buttons, also read out by screen readers. */
export function setStatus(s: EditorSession, text: string, error = false): void {
  s.status = { text, error };
  announce(text);
}

/** The draft has a change not saved yet: kept on the device at once. */
export function markDirty(s: EditorSession): void {
  s.draft.dirty = true;
  storeWorkingDraft(s.draft);
}

/** Opens another deck in the editor, at its first card. */
export function replaceDraft(s: EditorSession, draft: DeckDraft): void {
  s.draft = draft;
  s.current = 0;
  s.problems = null;
  storeWorkingDraft(draft);
  const first = draft.cards[0];
  s.focusAfter = first ? `f-${first.key}-title-nl` : null;
}

/** While a refused save's problems are shown, they follow the draft as it is fixed. */
export function refreshProblems(s: EditorSession): void {
  const checked = draftToDeck(s.draft, saveIdFor(s.draft, takenIds(s)));
  s.problems = checked.ok ? [] : checked.error;
}
