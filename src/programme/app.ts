/**
 * The team programme's screens around one in-memory history: every change is saved to the device at once
 * (synchronously, as the game does), then the screen re-renders from the history. Navigation is a small
 * view state; the top bar's `data-phase` follows the screen.
 */
import type { ExtraPhase, ScreenHost } from '../extensions.ts';
import { announce, replaceKeepingFocus } from '../ui/dom.ts';
import { type History, type Programme, putProgramme } from './core/history.ts';
import { type LoadedHistory, loadHistory, storeHistory } from './store.ts';
import { t } from '../i18n/index.ts';

export type View =
  | { readonly name: 'home' }
  | { readonly name: 'programme'; readonly id: string }
  | { readonly name: 'poll'; readonly id: string; readonly round: number }
  | { readonly name: 'visit'; readonly id: string; readonly round: number; readonly index: number }
  | { readonly name: 'visit-missing'; readonly sessionId: string }
  | { readonly name: 'review'; readonly id: string; readonly round: number }
  | { readonly name: 'infographic'; readonly id: string; readonly round: number }
  | { readonly name: 'nudges'; readonly id: string; readonly round: number };

export interface Screen {
  readonly phase: ExtraPhase;
  readonly progress?: string;
  readonly nodes: (Node | null)[];
}

/** A screen for the view, or null when what it shows is gone (then the start of the programme shows). */
export type ScreenRenderer = (app: App, view: View) => Screen | null;

export class App {
  loaded: LoadedHistory;
  view: View = { name: 'home' };
  /** A message for the next render (import result, save problem), shown once. */
  notice: { kind: 'status' | 'error'; text: string; testid: string } | null = null;
  /** Per-screen scratch state that is not saved (a poll being prepared). */
  readonly scratch = new Map<string, unknown>();
  private renderers: Partial<Record<View['name'], ScreenRenderer>> = {};
  private lastViewKey = '';

  constructor(readonly host: ScreenHost) {
    this.loaded = loadHistory();
    host.onLanguageChange(() => this.render());
  }

  register(name: View['name'], renderer: ScreenRenderer): void {
    this.renderers[name] = renderer;
  }

  get history(): History | null {
    return this.loaded.kind === 'ok' ? this.loaded.history : null;
  }

  programme(id: string): Programme | undefined {
    return this.history?.programmes.find((p) => p.id === id);
  }

  /** Replaces the whole history (after an import or a fresh start) and saves it. */
  replaceHistory(history: History): boolean {
    if (!storeHistory(history)) return false;
    this.loaded = { kind: 'ok', history };
    return true;
  }

  /** Saves a changed programme; re-renders unless the change came from typing in a field. */
  commit(programme: Programme, rerender = true): boolean {
    const history = this.history;
    if (!history) return false;
    const next = putProgramme(history, programme, Date.now());
    this.loaded = { kind: 'ok', history: next };
    const stored = storeHistory(next);
    if (!stored) this.notice = { kind: 'error', text: t('programme:common.saveFailed'), testid: 'save-failed' };
    if (rerender || !stored) this.render();
    return stored;
  }

  go(view: View): void {
    this.view = view;
    this.render();
  }

  render(): void {
    let screen = (this.renderers[this.view.name] ?? this.renderers.home)?.(this, this.view) ?? null;
    if (!screen && this.view.name !== 'home') {
      this.view = { name: 'home' };
      screen = this.renderers.home?.(this, this.view) ?? null;
    }
    if (!screen) return;
    const view = this.view;
    this.host.setPhase(screen.phase, screen.progress ?? '');
    replaceKeepingFocus(this.host.panel, ...screen.nodes.filter((n): n is Node => n !== null));
    const key = JSON.stringify(view);
    if (key !== this.lastViewKey) {
      // A new screen: start at its top and tell screen readers where they are.
      this.lastViewKey = key;
      this.host.panel.closest('.layout')?.scrollTo?.({ top: 0 });
      const title = this.host.panel.querySelector<HTMLElement>('h1');
      if (title) {
        title.setAttribute('tabindex', '-1');
        title.focus({ preventScroll: true });
        announce(title.textContent ?? '');
      }
    }
  }

  /** Takes the one-off notice for this render. */
  takeNotice(): App['notice'] {
    const notice = this.notice;
    this.notice = null;
    return notice;
  }
}
