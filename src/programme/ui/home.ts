/** The programme's start: programmes on this device, a new one, and the history exported or imported. */
import { h, download } from '../../ui/dom.ts';
import { t } from '../../i18n/index.ts';
import { type App, type Screen } from '../app.ts';
import { DEFAULT_ROUNDS, MAX_ROUNDS, MAX_SHORT, currentRoundOf, emptyHistory, importHistory, newProgramme, removeProgramme, serializeHistory } from '../core/history.ts';
import { removeStoredHistory, storeHistory } from '../store.ts';
import { themeLabel } from '../texts.ts';
import { button, field, roundOf, slug } from './kit.ts';
import { openWall } from '../wall/index.ts';

/** A history file larger than this is refused before reading (a real one is a few hundred KB at most). */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

interface HomeDraft {
  team: string;
  rounds: string;
  error: string | null;
}

function draftOf(app: App): HomeDraft {
  let draft = app.scratch.get('home') as HomeDraft | undefined;
  if (!draft) {
    draft = { team: '', rounds: String(DEFAULT_ROUNDS), error: null };
    app.scratch.set('home', draft);
  }
  return draft;
}

function newId(): string {
  return `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
}

async function importFile(app: App, file: File): Promise<void> {
  const refuse = (code: string) => {
    app.notice = { kind: 'error', text: t(`programme:home.importError.${code}`), testid: 'import-error' };
    app.render();
  };
  if (file.size > MAX_IMPORT_BYTES) return refuse('too-big');
  let raw: string;
  try {
    raw = await file.text();
  } catch {
    return refuse('unreadable');
  }
  const local = app.history ?? emptyHistory(Date.now());
  const imported = importHistory(local, raw, Date.now());
  if (!imported.ok) return refuse(imported.error);
  const report = imported.value;
  if (!app.replaceHistory(report.history)) return refuse('save-failed');
  app.notice = { kind: 'status', text: t('programme:home.imported', { added: report.added, replaced: report.replaced, kept: report.kept }), testid: 'import-status' };
  app.render();
}

function damagedScreen(app: App, raw: string): Node[] {
  return [
    h('h1', { id: 'panel-title' }, t('programme:home.title')),
    h(
      'div',
      { class: 'session-item--damaged', 'data-testid': 'history-damaged', role: 'alert' },
      h('strong', {}, t('programme:home.damaged')),
      h('p', {}, t('programme:home.damagedHelp')),
      h(
        'div',
        { class: 'row' },
        button('download-raw-history', t('programme:home.downloadRaw'), () => download('ruimte-programme-damaged.json', raw, 'application/json')),
        button(
          'history-start-fresh',
          t('programme:home.startFresh'),
          () => {
            if (!window.confirm(t('programme:home.confirmFresh'))) return;
            removeStoredHistory();
            const fresh = emptyHistory(Date.now());
            if (storeHistory(fresh)) app.loaded = { kind: 'ok', history: fresh };
            app.render();
          },
          { class: 'danger' },
        ),
      ),
    ),
  ];
}

export function renderHome(app: App): Screen {
  if (app.loaded.kind === 'damaged') return { phase: 'follow-up', nodes: damagedScreen(app, app.loaded.raw) };
  const history = app.loaded.history;
  const draft = draftOf(app);
  const notice = app.takeNotice();

  const list =
    history.programmes.length === 0
      ? h('p', { class: 'muted', 'data-testid': 'programme-none' }, t('programme:home.none'))
      : h(
          'ul',
          { class: 'session-list' },
          ...history.programmes.map((p) => {
            const round = currentRoundOf(p);
            const label = roundOf(p, round.no);
            return h(
              'li',
              { class: 'session-item' },
              h(
                'button',
                { type: 'button', class: 'session-item__resume', 'data-testid': 'open-programme-item', 'data-programme-id': p.id, 'data-key': `open-${p.id}`, onclick: () => app.go({ name: 'programme', id: p.id }) },
                h('span', {}, p.teamName),
                h('span', { class: 'session-item__meta' }, round.theme ? `${label} · ${themeLabel(round.theme)}` : label),
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'danger ghost',
                  'data-testid': 'delete-programme',
                  'data-key': `delete-${p.id}`,
                  'aria-label': t('programme:home.remove', { team: p.teamName }),
                  onclick: () => {
                    if (!window.confirm(t('programme:home.confirmRemove', { team: p.teamName }))) return;
                    app.replaceHistory(removeProgramme(history, p.id, Date.now()));
                    app.render();
                  },
                },
                '✕',
              ),
            );
          }),
        );

  const team = h('input', { type: 'text', 'data-testid': 'programme-team', 'data-key': 'programme-team', maxlength: MAX_SHORT, value: draft.team, placeholder: t('programme:home.teamPlaceholder'), autocomplete: 'off' });
  team.addEventListener('input', () => (draft.team = team.value));
  const rounds = h('input', { type: 'number', 'data-testid': 'programme-rounds', 'data-key': 'programme-rounds', min: 1, max: MAX_ROUNDS, step: 1, value: draft.rounds, inputmode: 'numeric' });
  rounds.addEventListener('input', () => (draft.rounds = rounds.value));

  const create = (event: Event) => {
    event.preventDefault();
    const count = Number(draft.rounds);
    if (draft.team.trim().length === 0 || draft.team.trim().length > MAX_SHORT) draft.error = t('programme:home.teamMissing', { max: MAX_SHORT });
    else if (!Number.isInteger(count) || count < 1 || count > MAX_ROUNDS) draft.error = t('programme:home.roundsInvalid', { max: MAX_ROUNDS });
    else draft.error = null;
    if (draft.error) {
      app.render();
      return;
    }
    const programme = newProgramme(newId(), draft.team, count, Date.now());
    if (!programme) return;
    app.scratch.delete('home');
    app.commit(programme, false);
    app.go({ name: 'programme', id: programme.id });
  };

  const fileInput = h('input', { type: 'file', accept: '.json,application/json', 'data-testid': 'import-history', 'data-key': 'import-history', class: 'file-input' });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (file) void importFile(app, file);
  });

  return {
    phase: 'follow-up',
    nodes: [
      h(
        'div',
        { class: 'programme' },
        h('h1', { id: 'panel-title', class: 'programme__title' }, t('programme:home.title')),
        h('p', { class: 'start__intro' }, t('programme:home.intro')),
        h('p', { class: 'programme__steps' }, t('programme:home.steps')),
        notice ? h('p', { class: notice.kind === 'error' ? 'problems' : 'notice', role: notice.kind === 'error' ? 'alert' : 'status', 'data-testid': notice.testid }, notice.text) : null,
        h(
          'section',
          { class: 'programme__wall', 'aria-labelledby': 'wall-open-title' },
          h('h2', { id: 'wall-open-title' }, t('programme:home.wallTitle')),
          h('p', { class: 'muted' }, t('programme:home.wallHelp')),
          h(
            'div',
            { class: 'row' },
            button('open-wall', t('programme:home.openWall'), () =>
              openWall(app.host, () => {
                app.host.onLanguageChange(() => app.render());
                app.go({ name: 'home' });
              }),
            ),
          ),
        ),
        h('h2', {}, t('programme:home.list')),
        list,
        h(
          'form',
          { class: 'setup programme__new', onsubmit: create, novalidate: true },
          h(
            'fieldset',
            {},
            h('legend', {}, t('programme:home.newTitle')),
            field(t('programme:home.team'), team),
            field(t('programme:home.rounds'), rounds, t('programme:home.roundsHint'), 'field field--num'),
            draft.error ? h('p', { class: 'error', role: 'alert', 'data-testid': 'programme-error' }, draft.error) : null,
            h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'programme-create', 'data-key': 'programme-create' }, t('programme:home.create'))),
          ),
        ),
        h(
          'section',
          { class: 'programme__data', 'aria-labelledby': 'data-title' },
          h('h2', { id: 'data-title' }, t('programme:home.dataTitle')),
          h('p', { class: 'muted' }, t('programme:home.dataHelp')),
          h(
            'div',
            { class: 'row' },
            button('export-history', t('programme:home.export'), () => {
              const stamp = new Date().toISOString().slice(0, 10);
              const name = history.programmes.length === 1 ? `ruimte-programma-${slug(history.programmes[0]!.teamName)}-${stamp}.json` : `ruimte-programma-${stamp}.json`;
              download(name, serializeHistory(history), 'application/json');
            }),
            h('label', { class: 'file-button' }, h('span', {}, t('programme:home.import')), fileInput),
          ),
        ),
      ),
    ],
  };
}
