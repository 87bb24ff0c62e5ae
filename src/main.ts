/**
 * Boot: language, the start and setup screens (plain DOM, so they are usable before Phaser has loaded),
 * and the hand-over to a game. Phaser, Howler and the decks load behind the first screen.
 */
import './styles.css';
import './ui/game.css';
import { initI18n, i18n, isLang, t, currentLang } from './i18n/index.ts';
import type { Lang } from './core/types.ts';
import { renderTopbar, type TopbarState } from './ui/topbar.ts';
import { renderStart } from './ui/startScreen.ts';
import { loadPrefs, storePrefs, loadSession } from './ui/storage.ts';
import { h } from './ui/dom.ts';
import { FacilitatorDrawer } from './ui/drawer.ts';
import type { GameController } from './game/controller.ts';
import type { SetupDraft } from './ui/setupScreen.ts';
import type { ScreenHost } from './extensions.ts';

type Screen =
  | { kind: 'start' }
  | { kind: 'setup'; draft: SetupDraft }
  | { kind: 'game'; game: GameController }
  | { kind: 'extra'; name: string; rerender: (() => void) | null };

const topbar = document.getElementById('topbar') as HTMLElement;
const panel = document.getElementById('panel') as HTMLElement;
const stage = document.getElementById('stage') as HTMLElement;
const layout = document.getElementById('layout') as HTMLElement;
const drawer = new FacilitatorDrawer(
  () => drawTopbar(),
  () => topbar.querySelector<HTMLElement>('[data-testid="drawer-toggle"]'),
);
panel.after(drawer.element);

let screen: Screen = { kind: 'start' };
let prefs = loadPrefs();
let topState: Omit<TopbarState, 'drawer'> = { phase: 'start', progress: '', canAdvance: false, canUndo: false, canEndEarly: false, timer: 'none', muted: prefs.muted, inGame: false };
let saveWarningShown = false;

const noop = () => {};

/** What the top bar shows now, and for which game: every step of a game asks again, mostly for the same bar. */
let topbarShown: { key: string; game: GameController | null } | null = null;

function drawTopbar(): void {
  const game = screen.kind === 'game' ? screen.game : null;
  // The summary is a page of its own: no stage, so no drawer beside it.
  const withDrawer = topState.inGame && topState.phase !== 'summary';
  const state: TopbarState = { ...topState, drawer: withDrawer ? drawer.open : null };
  // Built and compared anew, the same bar cost a new proposal ~10 ms on a 4x slower tablet (and garbage).
  const key = JSON.stringify([state, currentLang()]);
  if (topbarShown?.key === key && topbarShown.game === game && topbar.isConnected) return;
  topbarShown = { key, game };
  renderTopbar(topbar, state, {
    advance: game?.advance ?? noop,
    undo: game?.undo ?? noop,
    pause: game?.pause ?? noop,
    resume: game?.resume ?? noop,
    addTime: game?.addTime ?? noop,
    endEarly: game?.endEarly ?? noop,
    home: () => showStart(),
    setLanguage: (lang) => void setLanguage(lang),
    toggleMute: () => void toggleMute(),
    toggleDrawer: drawer.flip,
  });
}

/**
 * The sound module, imported once: each dynamic import() runs Vite's preload helper again (it looks up the
 * page's preload links), and the reveal asks for a sound at every dot that lands.
 */
let audioModule: Promise<typeof import('./audio.ts')> | null = null;
const audio = (): Promise<typeof import('./audio.ts')> =>
  (audioModule ??= import('./audio.ts').catch((error: unknown) => {
    audioModule = null; // a failed fetch (bad wifi) is tried again at the next sound
    throw error;
  }));

async function toggleMute(): Promise<void> {
  prefs = { ...prefs, muted: !prefs.muted };
  storePrefs(prefs);
  topState = { ...topState, muted: prefs.muted };
  (await audio()).setMuted(prefs.muted);
  drawTopbar();
}

async function setLanguage(lang: string): Promise<void> {
  if (!isLang(lang)) return;
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
  prefs = { ...prefs, lang };
  storePrefs(prefs);
  const url = new URL(window.location.href);
  url.searchParams.set('lang', lang);
  window.history.replaceState(null, '', url);
  // Everything re-renders from state: a language switch mid-session keeps the session as it is.
  if (screen.kind === 'game') screen.game.render();
  else if (screen.kind === 'setup') await showSetup(screen.draft);
  else if (screen.kind === 'extra') screen.rerender?.();
  else showStart();
  drawTopbar();
  (topbar.querySelector('[data-testid="language"]') as HTMLElement | null)?.focus();
}

function setMode(mode: 'page' | 'game'): void {
  layout.classList.toggle('layout--page', mode === 'page');
  layout.classList.toggle('layout--game', mode === 'game');
}

function leaveGame(): void {
  if (screen.kind === 'game') screen.game.destroy();
}

function showStart(): void {
  leaveGame();
  screen = { kind: 'start' };
  setMode('page');
  topState = { ...topState, phase: 'start', progress: '', canAdvance: false, canUndo: false, canEndEarly: false, timer: 'none', inGame: false };
  drawTopbar();
  renderStart(panel, {
    newSession: () => void showSetup(),
    resume: (id) => void resumeGame(id),
    openEditor: () => void import('./editor/index.ts').then((m) => m.openEditor(screenHost('editor'))),
    openProgramme: () => void import('./programme/index.ts').then((m) => m.openProgramme(screenHost('programme'))),
    openJoin: () => window.location.assign('?join'),
  });
  (panel.querySelector('[data-testid="new-session"]') as HTMLElement | null)?.focus({ preventScroll: true });
}

/** A host for the screens beside the game (editor, programme, visit). */
function screenHost(name: string): ScreenHost {
  leaveGame();
  const state: Screen = { kind: 'extra', name, rerender: null };
  screen = state;
  setMode('page');
  topState = { ...topState, phase: 'start', progress: '', canAdvance: false, canUndo: false, canEndEarly: false, timer: 'none', inGame: false };
  drawTopbar();
  return {
    panel,
    setPhase(phase, progress = '') {
      topState = { ...topState, phase: phase as TopbarState['phase'], progress };
      drawTopbar();
    },
    home: () => showStart(),
    newSession: (deckId, preset) =>
      void import('./ui/setupScreen.ts').then(({ newSetupDraft }) => {
        const draft = newSetupDraft();
        showSetup({
          ...draft,
          deckId: deckId ?? draft.deckId,
          teamName: preset?.teamName ?? draft.teamName,
          themes: preset?.themes ? [...preset.themes] : draft.themes,
        });
      }),
    onLanguageChange(render) {
      state.rerender = render;
    },
  };
}

async function showSetup(draft?: SetupDraft): Promise<void> {
  leaveGame();
  const [{ renderSetup, newSetupDraft }, { loadAllDecks }] = await Promise.all([import('./ui/setupScreen.ts'), import('./content.ts')]);
  const current = draft ?? newSetupDraft();
  screen = { kind: 'setup', draft: current };
  setMode('page');
  topState = { ...topState, phase: 'setup', progress: '', canAdvance: false, canUndo: false, canEndEarly: false, timer: 'none', inGame: false };
  drawTopbar();
  const decks = await loadAllDecks();
  renderSetup(panel, decks, current, {
    back: () => showStart(),
    start: (d, deck) => void startSessionFromSetup(d, deck),
  });
  if (!draft) (panel.querySelector('[data-testid="team-name"]') as HTMLElement | null)?.focus();
}

const gameHost = {
  panel,
  stage,
  drawer,
  onChange(state: Omit<TopbarState, 'muted' | 'inGame' | 'drawer'>) {
    // The summary is a document to read and print: it takes the whole width.
    setMode(state.phase === 'summary' ? 'page' : 'game');
    topState = { ...topState, ...state, inGame: true };
    drawTopbar();
  },
  onSaveFailed() {
    if (saveWarningShown) return;
    saveWarningShown = true;
    window.alert(t('save.failed'));
  },
  newSession: () => void showSetup(),
  startVisit: (sessionId: string) => void import('./programme/index.ts').then((m) => m.openVisit(screenHost('visit'), { sessionId })),
};

async function mountGame(make: (Controller: typeof GameController) => GameController): Promise<void> {
  leaveGame();
  const { GameController: Controller } = await import('./game/controller.ts');
  setMode('game');
  const game = make(Controller);
  screen = { kind: 'game', game };
  drawTopbar();
  (panel.querySelector('h1') as HTMLElement | null)?.setAttribute('tabindex', '-1');
  import('./scenes/createTable.ts')
    .then(({ createTable }) => createTable(stage, { sound: (name) => void audio().then((a) => a.play(name), noop) }))
    .then((table) => {
      if (screen.kind === 'game' && screen.game === game) game.attachTable(table);
      else table.destroy();
    })
    .catch(() => {
      // The DOM panel carries the whole game; without a canvas the team can still play.
      stage.replaceChildren();
    });
}

/** Creates a new session from the setup's choices and opens it on this screen. */
async function startSessionFromSetup(draft: SetupDraft, deck: import('./core/types.ts').ScenarioDeck): Promise<void> {
  const [{ settingsFrom, cardsFor }, { loadTwists, loadCheckIns }, { createSession }] = await Promise.all([import('./ui/setupScreen.ts'), import('./content.ts'), import('./core/session.ts')]);
  const [twists, checkIns] = await Promise.all([loadTwists(), loadCheckIns()]);
  const id = `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
  const input = createSession({
    id,
    createdAt: Date.now(),
    seed: Math.floor(Math.random() * 2 ** 31),
    settings: settingsFrom(draft, deck),
    deckCards: cardsFor(deck, draft.themes),
    twists,
    checkInCards: checkIns,
  });
  await mountGame((Controller) => new Controller(gameHost, { input }));
  const url = new URL(window.location.href);
  url.searchParams.set('session', id);
  window.history.replaceState(null, '', url);
}

async function resumeGame(id: string): Promise<void> {
  const entry = loadSession(id);
  if (!entry || !entry.parsed.ok) {
    showStart();
    return;
  }
  const saved = entry.parsed.value;
  await mountGame((Controller) => new Controller(gameHost, { saved }));
  const url = new URL(window.location.href);
  url.searchParams.set('session', id);
  window.history.replaceState(null, '', url);
}

/** `?host=CODE#m=<moveKey>.<typed>`: this screen takes over a session on devices from another screen, once. */
async function takeOverRoom(code: string, hash: string): Promise<void> {
  // The key must not stay in the address bar or the history.
  const url = new URL(window.location.href);
  url.searchParams.delete('host');
  url.hash = '';
  window.history.replaceState(null, '', url);
  panel.replaceChildren(h('p', { role: 'status' }, t('room.takingOver')));
  const [{ fetchTakeover, moveRoomSecret }, { parseMoveFragment, MOVE_KEY_MINUTES }, { parseSave }, { storeSession }] = await Promise.all([
    import('./game/roomLink.ts'),
    import('./game/roomMove.ts'),
    import('./core/save.ts'),
    import('./ui/storage.ts'),
  ]);
  // The fragment carries the one-time move key and the typed part of the room code (the room key comes from it).
  const fragment = parseMoveFragment(hash);
  const room = fragment ? await moveRoomSecret(code, fragment.rest ?? undefined) : null;
  const result = fragment && room ? await fetchTakeover(code.toUpperCase(), fragment.moveKey, room) : ({ ok: false, reason: 'used' } as const);
  const parsed = result.ok ? parseSave(JSON.stringify(result.snapshot)) : null;
  if (!result.ok || !parsed?.ok) {
    showStart();
    const reason = result.ok ? 'gone' : result.reason;
    const text = t(`room.takeoverFailed.${reason}`, { minutes: MOVE_KEY_MINUTES });
    panel.prepend(h('p', { class: 'takeover-failed', role: 'alert', 'data-testid': 'room-takeover-failed', 'data-reason': reason }, text));
    return;
  }
  const saved = parsed.value;
  storeSession(saved.snapshot.context.id, saved);
  await mountGame((Controller) => new Controller(gameHost, { saved }, result.key));
  url.searchParams.set('session', saved.snapshot.context.id);
  window.history.replaceState(null, '', url);
}

// On a tablet the on-screen keyboard takes half the screen: keep the field being typed in visible.
panel.addEventListener('focusin', (event) => {
  const target = event.target as HTMLElement;
  if (target.matches('input, textarea, select') && window.matchMedia('(pointer: coarse)').matches) {
    window.setTimeout(() => target.scrollIntoView({ block: 'center', behavior: 'smooth' }), 300);
  }
});

async function boot(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('lang');
  const lang: Lang = isLang(fromUrl) ? fromUrl : isLang(prefs.lang) ? prefs.lang : 'nl';
  await initI18n(lang);
  document.documentElement.lang = lang;
  document.title = `${t('common.appName')}: ${t('common.tagline')}`;
  // A player's phone (`?join=CODE`, or a bare `?join`): the device page, loaded only here.
  if (params.has('join')) {
    const { openDevice } = await import('./device/index.ts');
    openDevice(document.getElementById('app') as HTMLElement, { search: window.location.search });
    showPage();
    return;
  }
  // The stage window (presenter view, `?stage=<session id>`): only the stage, following the facilitator's window.
  const stageId = params.get('stage');
  if (stageId !== null) {
    const { openStageWindow } = await import('./stage/stageWindow.ts');
    openStageWindow(document.getElementById('app') as HTMLElement, { sessionId: stageId });
    return;
  }
  // The facilitator's remote on a phone (`?remote=CODE#r=…`): its own page, loaded only here.
  if (params.has('remote')) {
    const { openRemote } = await import('./remote/index.ts');
    openRemote(document.getElementById('app') as HTMLElement, { search: window.location.search, hash: window.location.hash });
    return;
  }
  const sessionId = params.get('session');
  const entry = sessionId ? loadSession(sessionId) : null;
  const hostCode = params.get('host');
  if (hostCode) await takeOverRoom(hostCode, window.location.hash);
  else if (entry?.parsed.ok) await resumeGame(entry.id);
  else showStart();
  showPage();
  // Warm the caches behind the first screen with the game modules. Sound only listens for the first tap or
  // key press: Howler itself is fetched then (src/audio.ts).
  audio().then((a) => a.initSound(prefs.muted)).catch(noop);
  const idle = (fn: () => void): void => void (typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(fn) : setTimeout(fn, 500));
  idle(() => {
    void import('./game/controller.ts');
    void import('./scenes/createTable.ts');
  });
  void currentLang;
}

/** The page stays hidden until its first screen is drawn, so nothing shifts as it fills in (styles.css). */
function showPage(): void {
  document.getElementById('app')?.setAttribute('data-ready', '');
}

boot().catch((error: unknown) => {
  panel.replaceChildren(h('p', { role: 'alert' }, String(error)));
  showPage();
});
