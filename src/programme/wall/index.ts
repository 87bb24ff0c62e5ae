/**
 * The warm-up wall screen: jubel and klaag walls, secret dot voting on the klaag wall, then the themes of the
 * most-voted notes go to the game's setup. State lives in memory and in localStorage (`ruimte.wall`), so a
 * reload keeps notes and votes. Opened from the programme's start page (`open-wall`).
 */
import type { ScreenHost } from '../../extensions.ts';
import { THEMES } from '../../core/types.ts';
import { dotsLeft } from '../../core/vote.ts';
import { announce, h, replaceKeepingFocus } from '../../ui/dom.ts';
import { pt, themeLabel } from '../i18n.ts';
import { button, field, select } from '../ui/kit.ts';
import {
  MAX_NOTE,
  MAX_NOTES,
  MAX_TEAM,
  MAX_VOTERS,
  MIN_VOTERS,
  STORAGE_KEY,
  type WallKind,
  type WallNote,
  type WallState,
  addDot,
  addNote,
  chosenThemes,
  emptyWall,
  endVoteEarly,
  finishTurn,
  jubelNotes,
  klaagNotes,
  parseWall,
  rankedNotes,
  removeNote,
  reopenWalls,
  serializeWall,
  setTeamName,
  setVoters,
  stageOf,
  startVote,
  takeDot,
  topNotes,
} from './wall.ts';

function load(): WallState {
  try {
    return parseWall(localStorage.getItem(STORAGE_KEY)) ?? emptyWall();
  } catch {
    return emptyWall();
  }
}

function store(state: WallState): boolean {
  try {
    localStorage.setItem(STORAGE_KEY, serializeWall(state));
    return true;
  } catch {
    return false;
  }
}

/** Typed but not yet placed: kept across re-renders, not saved. */
interface Draft {
  text: string;
  theme: string;
  voters: string;
  error: string | null;
}

class WallScreen {
  state: WallState = load();
  draft: Draft = { text: '', theme: '', voters: String(this.state.voters), error: null };
  saveFailed = false;
  private lastKey = '';

  constructor(
    readonly host: ScreenHost,
    readonly back: () => void,
  ) {
    host.onLanguageChange(() => this.render());
  }

  /** Applies a move; a refused move (null) changes nothing. */
  apply(next: WallState | null, rerender = true): boolean {
    if (!next) return false;
    this.state = next;
    this.saveFailed = !store(next);
    if (rerender) this.render();
    return true;
  }

  render(): void {
    const stage = stageOf(this.state);
    const nodes = stage === 'notes' ? this.notesStage() : stage === 'vote' ? this.voteStage() : this.resultStage();
    const vote = this.state.vote;
    const progress = stage === 'vote' && vote ? pt('wall.voter', { n: vote.ballots.length + 1, total: this.state.voters }) : '';
    this.host.setPhase('wall', progress);
    const failed = this.saveFailed ? h('p', { class: 'problems', role: 'alert', 'data-testid': 'wall-save-failed' }, pt('wall.saveFailed')) : null;
    replaceKeepingFocus(this.host.panel, h('div', { class: 'programme wall', 'data-testid': 'wall', 'data-stage': stage }, failed, ...nodes));
    // A new step (or a new voter's turn): start at the top and tell screen readers where they are.
    const key = `${stage}:${vote?.ballots.length ?? ''}`;
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.host.panel.closest('.layout')?.scrollTo?.({ top: 0 });
      const title = this.host.panel.querySelector<HTMLElement>('h1');
      if (title) {
        title.setAttribute('tabindex', '-1');
        title.focus({ preventScroll: true });
        announce([title.textContent, progress].filter(Boolean).join(': '));
      }
    }
  }

  private header(title: string, ...rest: (Node | null)[]): Node[] {
    return [h('h1', { id: 'panel-title', class: 'programme__title' }, title), ...rest.filter((n): n is Node => n !== null)];
  }

  private add(wall: WallKind): void {
    const d = this.draft;
    const text = d.text.replace(/\s+/g, ' ').trim();
    if (this.state.notes.length >= MAX_NOTES) d.error = pt('wall.full', { max: MAX_NOTES });
    else if (text.length === 0 || text.length > MAX_NOTE) d.error = pt('wall.textMissing', { max: MAX_NOTE });
    else if (wall === 'klaag' && !d.theme) d.error = pt('wall.themeMissing');
    else d.error = null;
    const next = d.error ? null : addNote(this.state, wall, text, wall === 'klaag' ? d.theme : null);
    if (next) {
      d.text = '';
      d.theme = '';
      this.apply(next);
      announce(`${pt(wall === 'jubel' ? 'wall.jubel' : 'wall.klaag')}: ${text}`);
      this.host.panel.querySelector<HTMLElement>('[data-testid="wall-note-text"]')?.focus();
    } else this.render();
  }

  private noteItem(note: WallNote, removable: boolean): HTMLElement {
    return h(
      'li',
      { class: `wall-note wall-note--${note.wall}`, 'data-testid': 'wall-note', 'data-wall': note.wall, 'data-note-id': note.id },
      h('span', { class: 'wall-note__text' }, note.text),
      note.theme ? h('span', { class: 'wall-note__theme', 'data-theme': note.theme }, themeLabel(note.theme)) : null,
      removable
        ? h(
            'button',
            { type: 'button', class: 'ghost icon', 'data-testid': 'wall-note-remove', 'data-key': `remove-${note.id}`, 'aria-label': pt('wall.remove', { text: note.text }), onclick: () => this.apply(removeNote(this.state, note.id)) },
            '✕',
          )
        : null,
    );
  }

  private wallList(wall: WallKind, notes: WallNote[], removable: boolean): HTMLElement {
    const titleId = `wall-title-${wall}`;
    return h(
      'section',
      { class: `wall-board wall-board--${wall}`, 'aria-labelledby': titleId, 'data-testid': `wall-${wall}` },
      h('h2', { id: titleId }, pt(wall === 'jubel' ? 'wall.jubel' : 'wall.klaag')),
      notes.length === 0 ? h('p', { class: 'muted' }, pt('wall.empty')) : h('ul', { class: 'wall-notes' }, ...notes.map((n) => this.noteItem(n, removable))),
    );
  }

  private notesStage(): Node[] {
    const d = this.draft;
    const team = h('input', { type: 'text', 'data-testid': 'wall-team', 'data-key': 'wall-team', maxlength: MAX_TEAM, value: this.state.teamName, autocomplete: 'off' });
    team.addEventListener('input', () => this.apply(setTeamName(this.state, team.value), false));
    const text = h('input', { type: 'text', 'data-testid': 'wall-note-text', 'data-key': 'wall-note-text', maxlength: MAX_NOTE, value: d.text, placeholder: pt('wall.notePlaceholder'), autocomplete: 'off' });
    text.addEventListener('input', () => (d.text = text.value));
    const theme = select(
      'wall-note-theme',
      'wall-note-theme',
      [{ value: '', label: pt('wall.chooseTheme') }, ...THEMES.map((t) => ({ value: t, label: themeLabel(t) }))],
      d.theme,
      (value) => (d.theme = value),
    );
    const voters = h('input', { type: 'number', 'data-testid': 'wall-voter-count', 'data-key': 'wall-voter-count', min: MIN_VOTERS, max: MAX_VOTERS, step: 1, value: d.voters, inputmode: 'numeric' });
    voters.addEventListener('input', () => (d.voters = voters.value));
    const hasKlaag = klaagNotes(this.state).length > 0;
    const begin = () => {
      const withVoters = setVoters(this.state, Number(d.voters));
      if (!withVoters) {
        d.error = pt('wall.votersInvalid', { max: MAX_VOTERS });
        this.render();
        return;
      }
      d.error = null;
      this.apply(startVote(withVoters));
    };
    return this.header(
      pt('wall.title'),
      h('p', { class: 'start__intro' }, pt('wall.intro')),
      h(
        'div',
        { class: 'setup wall-form' },
        field(pt('wall.team'), team),
        field(pt('wall.noteText'), text),
        field(pt('wall.noteTheme'), theme),
        d.error ? h('p', { class: 'error', role: 'alert', 'data-testid': 'wall-error' }, d.error) : null,
        h(
          'div',
          { class: 'row' },
          button('wall-add-jubel', pt('wall.addJubel'), () => this.add('jubel'), { class: 'secondary' }),
          button('wall-add-klaag', pt('wall.addKlaag'), () => this.add('klaag'), { class: 'secondary' }),
        ),
      ),
      h('div', { class: 'wall-boards' }, this.wallList('jubel', jubelNotes(this.state), true), this.wallList('klaag', klaagNotes(this.state), true)),
      h(
        'div',
        { class: 'setup wall-form' },
        field(pt('wall.voters'), voters, pt('wall.votersHint'), 'field field--num'),
        hasKlaag ? null : h('p', { class: 'muted', 'data-testid': 'wall-need-klaag' }, pt('wall.needKlaag')),
        h('div', { class: 'row' }, button('wall-start-vote', pt('wall.startVote'), begin, { class: 'primary', disabled: !hasKlaag })),
      ),
      h('div', { class: 'row' }, button('wall-back', pt('wall.back'), () => this.back(), { class: 'ghost' })),
    );
  }

  private voteStage(): Node[] {
    const vote = this.state.vote!;
    const left = dotsLeft(vote);
    const n = vote.ballots.length + 1;
    const last = n >= this.state.voters;
    const notes = klaagNotes(this.state).filter((note) => vote.candidates.includes(note.id));
    return this.header(
      pt('wall.voteTitle'),
      h('p', { class: 'wall-voter', 'data-testid': 'wall-voter', 'data-voter': n, role: 'status' }, pt('wall.voter', { n, total: this.state.voters })),
      h('p', {}, pt('wall.voteHelp')),
      h('p', { class: 'wall-dots-left', 'data-testid': 'wall-dots-left', 'data-left': left }, pt('wall.dotsLeft', { count: left })),
      h(
        'ul',
        { class: 'wall-notes wall-notes--vote' },
        ...notes.map((note) => {
          const mine = vote.current[note.id] ?? 0;
          return h(
            'li',
            { class: 'wall-note wall-note--klaag wall-vote', 'data-testid': 'wall-note', 'data-wall': 'klaag', 'data-note-id': note.id, 'data-mine': mine },
            h('span', { class: 'wall-note__text' }, note.text),
            note.theme ? h('span', { class: 'wall-note__theme' }, themeLabel(note.theme)) : null,
            h('span', { class: 'wall-vote__dots', 'aria-hidden': 'true' }, '●'.repeat(mine)),
            h('span', { class: 'sr-only wall-vote__mine' }, pt('wall.yourDots', { n: mine })),
            h(
              'span',
              { class: 'wall-vote__buttons' },
              h(
                'button',
                { type: 'button', class: 'icon', 'data-testid': 'wall-vote-against', 'data-note-id': note.id, 'data-key': `minus-${note.id}`, 'aria-label': pt('wall.removeDot', { text: note.text }), disabled: mine === 0, onclick: () => this.apply(takeDot(this.state, note.id)) },
                '−',
              ),
              h(
                'button',
                { type: 'button', class: 'icon primary', 'data-testid': 'wall-vote-for', 'data-note-id': note.id, 'data-key': `plus-${note.id}`, 'aria-label': pt('wall.addDot', { text: note.text }), disabled: left === 0 || mine >= vote.maxPerCandidate, onclick: () => this.apply(addDot(this.state, note.id)) },
                '+',
              ),
            ),
          );
        }),
      ),
      h(
        'div',
        { class: 'row' },
        button('wall-vote-done', pt(last ? 'wall.voteDoneLast' : 'wall.voteDone'), () => this.apply(finishTurn(this.state)), { class: 'primary', disabled: left !== 0 }),
      ),
      h(
        'div',
        { class: 'row' },
        vote.ballots.length > 0
          ? button('wall-vote-stop', pt('wall.endEarly'), () => {
              if (window.confirm(pt('wall.confirmEndEarly'))) this.apply(endVoteEarly(this.state));
            }, { class: 'ghost' })
          : null,
        button('wall-back-to-walls', pt('wall.backToWalls'), () => {
          if (window.confirm(pt('wall.confirmBackToWalls'))) this.apply(reopenWalls(this.state));
        }, { class: 'ghost' }),
      ),
    );
  }

  private resultStage(): Node[] {
    const ranked = rankedNotes(this.state);
    const top = new Set(topNotes(this.state).map((r) => r.note.id));
    const themes = chosenThemes(this.state);
    const jubel = jubelNotes(this.state);
    const play = () => this.host.newSession(undefined, { themes, teamName: this.state.teamName.trim() || undefined });
    return this.header(
      pt('wall.resultTitle'),
      h(
        'section',
        { class: 'wall-result', 'data-testid': 'wall-result', 'aria-labelledby': 'wall-ranking-title' },
        h('h2', { id: 'wall-ranking-title' }, pt('wall.ranking')),
        h(
          'ol',
          { class: 'wall-notes wall-ranking' },
          ...ranked.map((r) =>
            h(
              'li',
              { class: `wall-note wall-note--klaag${top.has(r.note.id) ? ' wall-note--top' : ''}`, 'data-testid': 'wall-result-note', 'data-note-id': r.note.id, 'data-dots': r.dots, 'data-rank': r.rank, 'data-top': top.has(r.note.id) },
              h('span', { class: 'wall-rank' }, pt('wall.rank', { rank: r.rank })),
              h('span', { class: 'wall-note__text' }, r.note.text),
              r.note.theme ? h('span', { class: 'wall-note__theme' }, themeLabel(r.note.theme)) : null,
              h('span', { class: 'wall-result__dots' }, pt('wall.dots', { count: r.dots })),
            ),
          ),
        ),
        h('h2', {}, pt('wall.themesTitle')),
        themes.length === 0
          ? h('p', { class: 'muted', 'data-testid': 'wall-no-themes' }, pt('wall.noThemes'))
          : h('p', { class: 'muted' }, pt('wall.themesHelp')),
        themes.length === 0 ? null : h('ul', { class: 'wall-themes' }, ...themes.map((t) => h('li', { class: 'wall-note__theme', 'data-testid': 'wall-result-theme', 'data-theme': t }, themeLabel(t)))),
        h('div', { class: 'row' }, button('wall-play-themes', pt('wall.play'), play, { class: 'primary big', disabled: themes.length === 0 })),
      ),
      jubel.length > 0
        ? h('section', { class: 'wall-board wall-board--jubel', 'aria-labelledby': 'wall-jubel-recap' }, h('h2', { id: 'wall-jubel-recap' }, pt('wall.jubelRecap')), h('ul', { class: 'wall-notes' }, ...jubel.map((n) => this.noteItem(n, false))))
        : null,
      h(
        'div',
        { class: 'row' },
        button('wall-reset', pt('wall.again'), () => {
          if (!window.confirm(pt('wall.confirmAgain'))) return;
          this.draft = { text: '', theme: '', voters: String(this.state.voters), error: null };
          this.apply({ ...emptyWall(), voters: this.state.voters, teamName: this.state.teamName });
        }, { class: 'danger' }),
        button('wall-back', pt('wall.back'), () => this.back(), { class: 'ghost' }),
      ),
    );
  }
}

/** Opens the wall in the host's panel; `back` returns to the screen that opened it. */
export function openWall(host: ScreenHost, back: () => void = () => host.home()): void {
  new WallScreen(host, back).render();
}
