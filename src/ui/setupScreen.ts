/**
 * Setup: team, players (named or anonymous seats), deck, number of cards, time per step, dots.
 * The form keeps what was typed when something is refused, and says what to fix in the team's language.
 */
import { h, replaceKeepingFocus } from './dom.ts';
import { t, currentLang } from '../i18n/index.ts';
import type { ScenarioCard, ScenarioDeck, Player, Theme } from '../core/types.ts';
import type { Loaded } from '../content.ts';
import { THEMES } from '../core/types.ts';
import { type PlayMode, type Settings, type VoteMode, PLAY_MODES, VOTE_MODES, DEFAULT_DOTS, DEFAULT_TIMING, MAX_CARDS, MAX_NAME_LENGTH, MAX_PLAYERS, MAX_TEAM_NAME_LENGTH, MIN_CARDS, MIN_PLAYERS } from '../core/session.ts';

export interface SetupDraft {
  teamName: string;
  /** One shared screen, or the screen as stage and every player on their own phone or tablet. */
  playMode: PlayMode;
  /** Dot voting, or 25/10 crowd sourcing (devices only). */
  voteMode: VoteMode;
  names: string[];
  deckId: string;
  cardCount: number;
  discussMin: number;
  proposeMin: number;
  voteMin: number;
  dotsPerPlayer: number;
  maxPerProposal: number;
  checkIn: boolean;
  /** Themes to play; empty means every theme of the deck. */
  themes: Theme[];
}

export const newSetupDraft = (): SetupDraft => ({
  teamName: '',
  playMode: 'one-screen',
  voteMode: 'dots',
  names: ['', ''],
  deckId: 'general',
  cardCount: 3,
  discussMin: DEFAULT_TIMING.discussSec / 60,
  proposeMin: DEFAULT_TIMING.proposeSec / 60,
  voteMin: DEFAULT_TIMING.voteSec / 60,
  dotsPerPlayer: DEFAULT_DOTS.dotsPerPlayer,
  maxPerProposal: DEFAULT_DOTS.maxPerProposal,
  checkIn: true,
  themes: [],
});

/** The deck's cards within the chosen themes (all of them when no theme is chosen). */
export function cardsFor(deck: ScenarioDeck, themes: readonly Theme[]): ScenarioCard[] {
  return themes.length === 0 ? [...deck.cards] : deck.cards.filter((c) => themes.includes(c.theme));
}

export type SetupProblem = 'teamName' | 'players' | 'playerName' | 'cardCount' | 'timing' | 'dots' | 'deck';

export function checkSetup(d: SetupDraft, deck: ScenarioDeck | undefined): SetupProblem[] {
  const problems: SetupProblem[] = [];
  if (d.teamName.trim().length === 0 || d.teamName.length > MAX_TEAM_NAME_LENGTH) problems.push('teamName');
  // On devices the players join from their phones in the lobby; their names come with them.
  if (d.playMode === 'one-screen') {
    if (d.names.length < MIN_PLAYERS || d.names.length > MAX_PLAYERS) problems.push('players');
    if (d.names.some((n) => n.length > MAX_NAME_LENGTH)) problems.push('playerName');
  }
  if (!deck) problems.push('deck');
  const available = deck ? cardsFor(deck, d.themes).length : MAX_CARDS;
  if (!Number.isInteger(d.cardCount) || d.cardCount < MIN_CARDS || d.cardCount > Math.min(MAX_CARDS, available)) problems.push('cardCount');
  if ([d.discussMin, d.proposeMin, d.voteMin].some((m) => !Number.isFinite(m) || m < 0 || m > 60)) problems.push('timing');
  if (!Number.isInteger(d.dotsPerPlayer) || d.dotsPerPlayer < 1 || d.dotsPerPlayer > 10 || !Number.isInteger(d.maxPerProposal) || d.maxPerProposal < 1 || d.maxPerProposal > d.dotsPerPlayer) problems.push('dots');
  return problems;
}

export function settingsFrom(d: SetupDraft, deck: ScenarioDeck): Settings {
  const devices = d.playMode === 'devices';
  const players: Player[] = devices ? [] : d.names.map((name, i) => ({ id: `s${i + 1}`, name: name.trim() === '' ? null : name.trim() }));
  return {
    teamName: d.teamName.trim(),
    playMode: d.playMode,
    voteMode: devices ? d.voteMode : 'dots',
    players,
    deckId: deck.id,
    deckName: deck.name,
    cardCount: d.cardCount,
    timing: { discussSec: Math.round(d.discussMin * 60), proposeSec: Math.round(d.proposeMin * 60), voteSec: Math.round(d.voteMin * 60) },
    dotsPerPlayer: d.dotsPerPlayer,
    maxPerProposal: d.maxPerProposal,
    checkIn: d.checkIn,
    lang: currentLang(),
  };
}

/** Optional: play only some themes of the deck (the warm-up wall can choose them too). */
function themePicker(deck: ScenarioDeck, draft: SetupDraft, changed: () => void): HTMLElement {
  const inDeck = THEMES.filter((theme) => deck.cards.some((c) => c.theme === theme));
  return h(
    'fieldset',
    { class: 'themes' },
    h('legend', {}, t('setup.themes')),
    h('p', { class: 'muted small' }, t('setup.themesHint')),
    h(
      'div',
      { class: 'theme-list' },
      inDeck.map((theme) =>
        h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            'data-testid': 'theme-choice',
            'data-theme': theme,
            'data-key': `theme-${theme}`,
            checked: draft.themes.includes(theme),
            onchange: (e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              draft.themes = on ? [...draft.themes, theme] : draft.themes.filter((x) => x !== theme);
              changed();
            },
          }),
          h('span', {}, `${t(`theme.${theme}`)} (${deck.cards.filter((c) => c.theme === theme).length})`),
        ),
      ),
    ),
  );
}

export interface SetupActions {
  start(draft: SetupDraft, deck: ScenarioDeck): void;
  back(): void;
}

export function renderSetup(panel: HTMLElement, decks: Loaded<ScenarioDeck>[], draft: SetupDraft, actions: SetupActions, shownProblems: SetupProblem[] = []): void {
  const lang = currentLang();
  const goodDecks = decks.flatMap((d) => (d.ok ? [d.value] : []));
  if (!goodDecks.some((d) => d.id === draft.deckId) && goodDecks[0]) draft.deckId = goodDecks[0].id;
  const deck = goodDecks.find((d) => d.id === draft.deckId);
  // A small own deck, or few cards in the chosen themes: offer no more cards than there are.
  const available = deck ? cardsFor(deck, draft.themes).length : MAX_CARDS;
  if (deck && available > 0 && draft.cardCount > available) draft.cardCount = available;
  const rerender = (problems: SetupProblem[] = shownProblems) => renderSetup(panel, decks, draft, actions, problems);

  const num = (testid: string, label: string, value: number, min: number, max: number, set: (n: number) => void, step = 1) =>
    h(
      'label',
      { class: 'field field--num' },
      h('span', {}, label),
      h('input', { type: 'number', inputmode: 'numeric', 'data-testid': testid, 'data-key': testid, min, max, step, value, oninput: (e: Event) => set(Number((e.target as HTMLInputElement).value)) }),
    );

  const playerRows = draft.names.map((name, i) =>
    h(
      'li',
      { class: 'player-row' },
      h('label', { class: 'sr-only', for: `player-${i}` }, t('setup.playerName', { n: i + 1 })),
      h('input', {
        id: `player-${i}`,
        type: 'text',
        'data-testid': 'player-name',
        'data-key': `player-${i}`,
        value: name,
        placeholder: t('player.anonymous', { n: i + 1 }),
        autocomplete: 'off',
        oninput: (e: Event) => (draft.names[i] = (e.target as HTMLInputElement).value),
      }),
      h('button', {
        type: 'button',
        class: 'icon ghost',
        'data-testid': 'remove-player',
        'aria-label': t('setup.removePlayer', { n: i + 1 }),
        disabled: draft.names.length <= MIN_PLAYERS,
        onclick: () => {
          draft.names.splice(i, 1);
          rerender();
        },
      }, '✕'),
    ),
  );

  const devices = draft.playMode === 'devices';
  const modes = h(
    'div',
    { class: 'grid2' },
    h(
      'label',
      { class: 'field' },
      h('span', {}, t('setup.playMode')),
      h(
        'select',
        { 'data-testid': 'play-mode', 'data-key': 'play-mode', onchange: (e: Event) => { draft.playMode = (e.target as HTMLSelectElement).value as PlayMode; rerender(); } },
        PLAY_MODES.map((m) => h('option', { value: m, selected: m === draft.playMode }, t(`setup.playModes.${m}`))),
      ),
    ),
    devices
      ? h(
          'label',
          { class: 'field' },
          h('span', {}, t('setup.voteMode')),
          h(
            'select',
            { 'data-testid': 'vote-mode', 'data-key': 'vote-mode', onchange: (e: Event) => { draft.voteMode = (e.target as HTMLSelectElement).value as VoteMode; rerender(); } },
            VOTE_MODES.map((m) => h('option', { value: m, selected: m === draft.voteMode }, t(`setup.voteModes.${m}`))),
          ),
        )
      : null,
  );
  const modeHint = h('p', { class: 'muted small' }, devices ? t(`setup.voteModeHint.${draft.voteMode}`) : t('setup.playModeHint'));

  const problemList = shownProblems.length
    ? h(
        'ul',
        { class: 'problems', role: 'alert', 'data-testid': 'setup-errors' },
        shownProblems.map((p) =>
          h('li', {}, t(`setup.error.${p}`, { max: p === 'teamName' ? MAX_TEAM_NAME_LENGTH : MAX_NAME_LENGTH, available })),
        ),
      )
    : null;

  const brokenDecks = decks.flatMap((d) => (d.ok ? [] : [h('li', {}, t('setup.deckProblem', { deck: d.file, problems: d.problems.map((p) => `${p.path}: ${t(`content.problem.${p.code}`)}`).join('; ') }))]));

  const form = h(
    'form',
    {
      class: 'setup',
      novalidate: true,
      onsubmit: (e: Event) => {
        e.preventDefault();
        const problems = checkSetup(draft, deck);
        if (problems.length > 0 || !deck) {
          rerender(problems);
          (panel.querySelector('[data-testid="setup-errors"]') as HTMLElement | null)?.focus();
          return;
        }
        actions.start(draft, deck);
      },
    },
    h('h1', { id: 'panel-title' }, t('setup.title')),
    problemList,
    brokenDecks.length ? h('ul', { class: 'problems' }, brokenDecks) : null,
    h(
      'label',
      { class: 'field' },
      h('span', {}, t('setup.teamName')),
      h('input', { type: 'text', 'data-testid': 'team-name', 'data-key': 'team-name', value: draft.teamName, placeholder: t('setup.teamNamePlaceholder'), autocomplete: 'off', oninput: (e: Event) => (draft.teamName = (e.target as HTMLInputElement).value) }),
    ),
    modes,
    modeHint,
    devices
      ? null
      : h(
      'fieldset',
      { class: 'players' },
      h('legend', {}, t('setup.players', { count: draft.names.length })),
      h('p', { class: 'muted small' }, t('setup.playerHint', { n: 1 })),
      h('ol', { class: 'player-list' }, playerRows),
      h('button', {
        type: 'button',
        'data-testid': 'add-player',
        disabled: draft.names.length >= MAX_PLAYERS,
        onclick: () => {
          draft.names.push('');
          rerender();
          (panel.querySelectorAll<HTMLInputElement>('[data-testid="player-name"]')[draft.names.length - 1])?.focus();
        },
      }, t('setup.addPlayer')),
    ),
    h(
      'div',
      { class: 'grid2' },
      h(
        'label',
        { class: 'field' },
        h('span', {}, t('setup.deck')),
        h(
          'select',
          { 'data-testid': 'deck-select', 'data-key': 'deck-select', onchange: (e: Event) => { draft.deckId = (e.target as HTMLSelectElement).value; rerender(); } },
          goodDecks.map((d) => h('option', { value: d.id, selected: d.id === draft.deckId }, `${d.name[lang]} (${d.cards.length})`)),
        ),
      ),
      num('card-count', t('setup.cardCount'), draft.cardCount, MIN_CARDS, MAX_CARDS, (n) => (draft.cardCount = n)),
    ),
    deck ? h('p', { class: 'muted small deck-description' }, deck.description[lang]) : null,
    deck ? themePicker(deck, draft, () => rerender()) : null,
    h(
      'fieldset',
      { class: 'grid3' },
      h('legend', {}, t('setup.timing')),
      num('time-discuss', t('setup.discussMin'), draft.discussMin, 0, 60, (n) => (draft.discussMin = n)),
      num('time-propose', t('setup.proposeMin'), draft.proposeMin, 0, 60, (n) => (draft.proposeMin = n)),
      num('time-vote', t('setup.voteMin'), draft.voteMin, 0, 60, (n) => (draft.voteMin = n)),
    ),
    h(
      'fieldset',
      { class: 'grid2' },
      h('legend', {}, t('setup.dots')),
      num('dots-per-player', t('setup.dotsPerPlayer'), draft.dotsPerPlayer, 1, 10, (n) => (draft.dotsPerPlayer = n)),
      num('max-per-proposal', t('setup.maxPerProposal'), draft.maxPerProposal, 1, 10, (n) => (draft.maxPerProposal = n)),
    ),
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', 'data-testid': 'check-in-toggle', checked: draft.checkIn, onchange: (e: Event) => (draft.checkIn = (e.target as HTMLInputElement).checked) }),
      h('span', {}, t('setup.checkIn')),
    ),
    h(
      'div',
      { class: 'row row--end' },
      h('button', { type: 'button', class: 'ghost', 'data-testid': 'setup-back', onclick: actions.back }, t('setup.back')),
      h('button', { type: 'submit', class: 'primary big', 'data-testid': 'start-game' }, t('setup.start')),
    ),
  );
  replaceKeepingFocus(panel, form);
  const errors = panel.querySelector<HTMLElement>('[data-testid="setup-errors"]');
  if (errors) errors.tabIndex = -1;
}
