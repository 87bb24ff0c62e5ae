/**
 * The warm-up wall screen: jubel and klaag walls, secret dot voting on the klaag wall, then the themes of the
 * most-voted notes go to the game's setup. State lives in memory and in the device's store (`ruimte.wall`), so a
 * reload keeps notes and votes. Opened from the programme's start page (`open-wall`).
 */
import type { ScreenHost } from '../../extensions.ts';
import { t } from '../../i18n/index.ts';
import { THEMES } from '../../core/types.ts';
import { dotsLeft } from '../../core/vote.ts';
import { announce, h, replaceKeepingFocus } from '../../ui/dom.ts';
import { deviceStore } from '../../storage/index.ts';
import { themeLabel } from '../texts.ts';
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
  return parseWall(deviceStore().readRaw(STORAGE_KEY)) ?? emptyWall();
}

function store(state: WallState): boolean {
  return deviceStore().writeRaw(STORAGE_KEY, serializeWall(state)).ok;
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
    const progress = stage === 'vote' && vote ? t('programme:wall.voter', { n: vote.ballots.length + 1, total: this.state.voters }) : '';
    this.host.setPhase('wall', progress);
    const failed = this.saveFailed ? h('p', { class: 'problems', role: 'alert', 'data-testid': 'wall-save-failed' }, t('programme:wall.saveFailed')) : null;
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
    if (this.state.notes.length >= MAX_NOTES) d.error = t('programme:wall.full', { max: MAX_NOTES });
    else if (text.length === 0 || text.length > MAX_NOTE) d.error = t('programme:wall.textMissing', { max: MAX_NOTE });
    else if (wall === 'klaag' && !d.theme) d.error = t('programme:wall.themeMissing');
    else d.error = null;
    const next = d.error ? null : addNote(this.state, wall, text, wall === 'klaag' ? d.theme : null);
    if (next) {
      d.text = '';
      d.theme = '';
      this.apply(next);
      announce(`${t(wall === 'jubel' ? 'programme:wall.jubel' : 'programme:wall.klaag')}: ${text}`);
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
            { type: 'button', class: 'ghost icon', 'data-testid': 'wall-note-remove', 'data-key': `remove-${note.id}`, 'aria-label': t('programme:wall.remove', { text: note.text }), onclick: () => this.apply(removeNote(this.state, note.id)) },
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
      h('h2', { id: titleId }, t(wall === 'jubel' ? 'programme:wall.jubel' : 'programme:wall.klaag')),
      notes.length === 0 ? h('p', { class: 'muted' }, t('programme:wall.empty')) : h('ul', { class: 'wall-notes' }, ...notes.map((n) => this.noteItem(n, removable))),
    );
  }

  private notesStage(): Node[] {
    const d = this.draft;
    const team = h('input', { type: 'text', 'data-testid': 'wall-team', 'data-key': 'wall-team', maxlength: MAX_TEAM, value: this.state.teamName, autocomplete: 'off' });
    team.addEventListener('input', () => this.apply(setTeamName(this.state, team.value), false));
    const text = h('input', { type: 'text', 'data-testid': 'wall-note-text', 'data-key': 'wall-note-text', maxlength: MAX_NOTE, value: d.text, placeholder: t('programme:wall.notePlaceholder'), autocomplete: 'off' });
    text.addEventListener('input', () => (d.text = text.value));
    const theme = select(
      'wall-note-theme',
      'wall-note-theme',
      [{ value: '', label: t('programme:wall.chooseTheme') }, ...THEMES.map((t) => ({ value: t, label: themeLabel(t) }))],
      d.theme,
      (value) => (d.theme = value),
    );
    const voters = h('input', { type: 'number', 'data-testid': 'wall-voter-count', 'data-key': 'wall-voter-count', min: MIN_VOTERS, max: MAX_VOTERS, step: 1, value: d.voters, inputmode: 'numeric' });
    voters.addEventListener('input', () => (d.voters = voters.value));
    const hasKlaag = klaagNotes(this.state).length > 0;
    const begin = () => {
      const withVoters = setVoters(this.state, Number(d.voters));
      if (!withVoters) {
        d.error = t('programme:wall.votersInvalid', { max: MAX_VOTERS });
        this.render();
        return;
      }
      d.error = null;
      this.apply(startVote(withVoters));
    };
    return this.header(
      t('programme:wall.title'),
      h('p', { class: 'start__intro' }, t('programme:wall.intro')),
      h(
        'div',
        { class: 'setup wall-form' },
        field(t('programme:wall.team'), team),
        field(t('programme:wall.noteText'), text),
        field(t('programme:wall.noteTheme'), theme),
        d.error ? h('p', { class: 'error', role: 'alert', 'data-testid': 'wall-error' }, d.error) : null,
        h(
          'div',
          { class: 'row' },
          button('wall-add-jubel', t('programme:wall.addJubel'), () => this.add('jubel'), { class: 'secondary' }),
          button('wall-add-klaag', t('programme:wall.addKlaag'), () => this.add('klaag'), { class: 'secondary' }),
        ),
      ),
      h('div', { class: 'wall-boards' }, this.wallList('jubel', jubelNotes(this.state), true), this.wallList('klaag', klaagNotes(this.state), true)),
      h(
        'div',
        { class: 'setup wall-form' },
        field(t('programme:wall.voters'), voters, t('programme:wall.votersHint'), 'field field--num'),
        hasKlaag ? null : h('p', { class: 'muted', 'data-testid': 'wall-need-klaag' }, t('programme:wall.needKlaag')),
        h('div', { class: 'row' }, button('wall-start-vote', t('programme:wall.startVote'), begin, { class: 'primary', disabled: !hasKlaag })),
      ),
      h('div', { class: 'row' }, button('wall-back', t('programme:wall.back'), () => this.back(), { class: 'ghost' })),
    );
  }

  private voteStage(): Node[] {
    const vote = this.state.vote!;
    const left = dotsLeft(vote);
    const n = vote.ballots.length + 1;
    const last = n >= this.state.voters;
    const notes = klaagNotes(this.state).filter((note) => vote.candidates.includes(note.id));
    return this.header(
      t('programme:wall.voteTitle'),
      h('p', { class: 'wall-voter', 'data-testid': 'wall-voter', 'data-voter': n, role: 'status' }, t('programme:wall.voter', { n, total: this.state.voters })),
      h('p', {}, t('programme:wall.voteHelp')),
      h('p', { class: 'wall-dots-left', 'data-testid': 'wall-dots-left', 'data-left': left }, t('programme:wall.dotsLeft', { count: left })),
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
            h('span', { class: 'sr-only wall-vote__mine' }, t('programme:wall.yourDots', { n: mine })),
            h(
              'span',
              { class: 'wall-vote__buttons' },
              h(
                'button',
                { type: 'button', class: 'icon', 'data-testid': 'wall-vote-against', 'data-note-id': note.id, 'data-key': `minus-${note.id}`, 'aria-label': t('programme:wall.removeDot', { text: note.text }), disabled: mine === 0, onclick: () => this.apply(takeDot(this.state, note.id)) },
                '−',
              ),
              h(
                'button',
                { type: 'button', class: 'icon primary', 'data-testid': 'wall-vote-for', 'data-note-id': note.id, 'data-key': `plus-${note.id}`, 'aria-label': t('programme:wall.addDot', { text: note.text }), disabled: left === 0 || mine >= vote.maxPerCandidate, onclick: () => this.apply(addDot(this.state, note.id)) },
                '+',
              ),
            ),
          );
        }),
      ),
      h(
        'div',
        { class: 'row' },
        button('wall-vote-done', t(last ? 'programme:wall.voteDoneLast' : 'programme:wall.voteDone'), () => this.apply(finishTurn(this.state)), { class: 'primary', disabled: left !== 0 }),
      ),
      h(
        'div',
        { class: 'row' },
        vote.ballots.length > 0
          ? button('wall-vote-stop', t('programme:wall.endEarly'), () => {
              if (window.confirm(t('programme:wall.confirmEndEarly'))) this.apply(endVoteEarly(this.state));
            }, { class: 'ghost' })
          : null,
        button('wall-back-to-walls', t('programme:wall.backToWalls'), () => {
          if (window.confirm(t('programme:wall.confirmBackToWalls'))) this.apply(reopenWalls(this.state));
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
      t('programme:wall.resultTitle'),
      h(
        'section',
        { class: 'wall-result', 'data-testid': 'wall-result', 'aria-labelledby': 'wall-ranking-title' },
        h('h2', { id: 'wall-ranking-title' }, t('programme:wall.ranking')),
        h(
          'ol',
          { class: 'wall-notes wall-ranking' },
          ...ranked.map((r) =>
            h(
              'li',
              { class: `wall-note wall-note--klaag${top.has(r.note.id) ? ' wall-note--top' : ''}`, 'data-testid': 'wall-result-note', 'data-note-id': r.note.id, 'data-dots': r.dots, 'data-rank': r.rank, 'data-top': top.has(r.note.id) },
              h('span', { class: 'wall-rank' }, t('programme:wall.rank', { rank: r.rank })),
              h('span', { class: 'wall-note__text' }, r.note.text),
              r.note.theme ? h('span', { class: 'wall-note__theme' }, themeLabel(r.note.theme)) : null,
              h('span', { class: 'wall-result__dots' }, t('programme:wall.dots', { count: r.dots })),
            ),
          ),
        ),
        h('h2', {}, t('programme:wall.themesTitle')),
        themes.length === 0
          ? h('p', { class: 'muted', 'data-testid': 'wall-no-themes' }, t('programme:wall.noThemes'))
          : h('p', { class: 'muted' }, t('programme:wall.themesHelp')),
        themes.length === 0 ? null : h('ul', { class: 'wall-themes' }, ...themes.map((t) => h('li', { class: 'wall-note__theme', 'data-testid': 'wall-result-theme', 'data-theme': t }, themeLabel(t)))),
        h('div', { class: 'row' }, button('wall-play-themes', t('programme:wall.play'), play, { class: 'primary big', disabled: themes.length === 0 })),
      ),
      jubel.length > 0
        ? h('section', { class: 'wall-board wall-board--jubel', 'aria-labelledby': 'wall-jubel-recap' }, h('h2', { id: 'wall-jubel-recap' }, t('programme:wall.jubelRecap')), h('ul', { class: 'wall-notes' }, ...jubel.map((n) => this.noteItem(n, false))))
        : null,
      h(
        'div',
        { class: 'row' },
        button('wall-reset', t('programme:wall.again'), () => {
          if (!window.confirm(t('programme:wall.confirmAgain'))) return;
          this.draft = { text: '', theme: '', voters: String(this.state.voters), error: null };
          this.apply({ ...emptyWall(), voters: this.state.voters, teamName: this.state.teamName });
        }, { class: 'danger' }),
        button('wall-back', t('programme:wall.back'), () => this.back(), { class: 'ghost' }),
      ),
    );
  }
}

/** Opens the wall in the host's panel; `back` returns to the screen that opened it. */
export function openWall(host: ScreenHost, back: () => void = () => host.home()): void {
  new WallScreen(host, back).render();
}
