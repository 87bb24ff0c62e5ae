/**
 * The team poll on the shared screen: prepared by the team leader, answered in turn (each player sees only
 * the statement in front of them), and shown as distributions, never one person's answer.
 */
import { h, announce } from '../../ui/dom.ts';
import { currentLang, t } from '../../i18n/index.ts';
import { THEMES } from '../../core/types.ts';
import type { App, Screen, View } from '../app.ts';
import { type Programme, type Round, updateRound } from '../core/history.ts';
import {
  MAX_RESPONDENTS,
  MAX_STATEMENTS,
  MIN_ANSWERS,
  type PollState,
  SCALE,
  addRespondent,
  answer,
  closePoll,
  currentStatementId,
  defaultStatementIds,
  isComplete,
  rankByConcern,
  startPoll,
  stepBack,
  suggestedThemes,
} from '../core/poll.ts';
import { isPhonePoll, reopenPhonePoll, startPhonePoll } from '../core/pollSeats.ts';
import { STATEMENTS, statementById } from '../content.ts';
import { themeLabel } from '../texts.ts';
import { button, field, roundOf, teamAndRound } from './kit.ts';
import { startGame } from './play.ts';
import { legend, readingQuestions, resultsOf, statementBar, themeSelect } from './pollView.ts';
import { phonesScreen } from './pollPhones.ts';

interface SetupDraft {
  respondents: string;
  selected: Set<string>;
  /** Everyone answers on their own phone (then the number of participants is whoever joins). */
  phones: boolean;
  error: string | null;
}

const lang = () => currentLang();


function draftFor(app: App, programme: Programme, round: Round): SetupDraft {
  const key = `poll-setup/${programme.id}/${round.no}`;
  let draft = app.scratch.get(key) as SetupDraft | undefined;
  if (!draft) {
    // The same statements as the previous round's poll, so rounds compare side by side; else the defaults.
    const previous = [...programme.rounds].reverse().find((r) => r.no < round.no && r.poll)?.poll?.statementIds;
    const ids = previous ? [...previous] : defaultStatementIds(STATEMENTS, round.theme);
    if (round.theme) for (const s of STATEMENTS) if (s.theme === round.theme && !ids.includes(s.id)) ids.push(s.id);
    draft = { respondents: String(previous ? (programme.rounds.find((r) => r.poll)?.poll?.respondents ?? 6) : 6), selected: new Set(ids), phones: false, error: null };
    app.scratch.set(key, draft);
  }
  return draft;
}

function setupScreen(app: App, programme: Programme, round: Round): (Node | null)[] {
  const draft = draftFor(app, programme, round);
  const count = h('input', { type: 'number', 'data-testid': 'poll-respondents', 'data-key': 'poll-respondents', min: 1, max: MAX_RESPONDENTS, step: 1, value: draft.respondents, inputmode: 'numeric' });
  count.addEventListener('input', () => (draft.respondents = count.value));
  const selectedCount = h('span', {}, String(draft.selected.size));

  const groups = THEMES.map((theme) =>
    h(
      'fieldset',
      { class: 'poll-theme' },
      h('legend', {}, themeLabel(theme)),
      ...STATEMENTS.filter((s) => s.theme === theme).map((s) => {
        const box = h('input', { type: 'checkbox', 'data-testid': 'poll-statement', 'data-statement-id': s.id, 'data-key': `st-${s.id}`, checked: draft.selected.has(s.id) });
        box.addEventListener('change', () => {
          if (box.checked) draft.selected.add(s.id);
          else draft.selected.delete(s.id);
          legend.textContent = t('programme:poll.statements', { count: draft.selected.size });
          selectedCount.textContent = String(draft.selected.size);
        });
        return h('label', { class: 'check check--wrap' }, box, h('span', {}, s.text[lang()]));
      }),
    ),
  );
  const legend = h('legend', {}, t('programme:poll.statements', { count: draft.selected.size }));

  const phones = h('input', { type: 'checkbox', 'data-testid': 'poll-on-phones', 'data-key': 'poll-on-phones', checked: draft.phones, 'aria-describedby': 'poll-on-phones-hint' });
  // On phones whoever joins takes part: there is no number to plan.
  const countField = draft.phones ? null : field(t('programme:poll.respondents'), count, t('programme:poll.respondentsHint', { min: MIN_ANSWERS }), 'field field--num');
  phones.addEventListener('change', () => {
    draft.phones = phones.checked;
    app.render();
  });

  const begin = () => {
    const n = Number(draft.respondents);
    const ids = STATEMENTS.map((s) => s.id).filter((id) => draft.selected.has(id));
    if (!draft.phones && (!Number.isInteger(n) || n < 1 || n > MAX_RESPONDENTS)) draft.error = t('programme:poll.errorRespondents', { max: MAX_RESPONDENTS });
    else if (ids.length < 1 || ids.length > MAX_STATEMENTS) draft.error = t('programme:poll.errorStatements', { max: MAX_STATEMENTS });
    else draft.error = null;
    const poll = draft.error ? null : draft.phones ? startPhonePoll(ids, Date.now()) : startPoll(ids, n, Date.now());
    if (!poll) {
      app.render();
      return;
    }
    app.scratch.delete(`poll-setup/${programme.id}/${round.no}`);
    app.commit(updateRound(programme, round.no, (r) => ({ ...r, poll })));
    // The poll starts at the top of the screen (the start button sat at the bottom of a long list).
    app.host.panel.closest('.layout')?.scrollTo?.({ top: 0 });
  };

  return [
    h('h1', { id: 'panel-title' }, t('programme:poll.setupTitle')),
    h('p', { class: 'eyebrow' }, teamAndRound(programme, round.no)),
    h('p', {}, t('programme:poll.setupIntro')),
    h(
      'div',
      { class: 'setup' },
      h('fieldset', { class: 'poll-statements' }, legend, h('p', { class: 'muted small' }, t('programme:poll.statementsHint')), h('div', { class: 'grid2' }, ...groups)),
      // Next to the start button: the last things to set before the tablet goes round (or the phones come out).
      h('div', { class: 'field' }, h('label', { class: 'check' }, phones, h('span', {}, t('programme:poll.onPhones'))), h('small', { id: 'poll-on-phones-hint', class: 'muted' }, t('programme:poll.onPhonesHint'))),
      countField,
      draft.error ? h('p', { class: 'error', role: 'alert', 'data-testid': 'poll-error' }, draft.error) : null,
      h(
        'div',
        { class: 'row' },
        button('back-to-programme', t('programme:common.toProgramme'), () => app.go({ name: 'programme', id: programme.id }), { class: 'secondary' }),
        button('poll-begin', t('programme:poll.begin'), begin, { class: 'primary big' }),
      ),
    ),
  ];
}

function runScreen(app: App, programme: Programme, round: Round, poll: PollState): (Node | null)[] {
  const id = currentStatementId(poll) as string;
  const statement = statementById(id);
  const save = (next: PollState | null, handedOver = false) => {
    if (!next) return;
    if (handedOver) app.scratch.set('poll-handover', true);
    app.commit(updateRound(programme, round.no, (r) => ({ ...r, poll: next })));
    if (handedOver && !isComplete(next)) announce(t('programme:poll.handOver'));
  };
  const give = (value: number) => {
    const next = answer(poll, value);
    save(next, next !== null && next.finished > poll.finished);
    // Focus moves to the new statement (read out by screen readers), never to an answer: no button may look
    // chosen to the next player.
    (app.host.panel.querySelector('#poll-statement') as HTMLElement | null)?.focus({ preventScroll: true });
  };
  const handedOver = app.scratch.get('poll-handover') === true && poll.position === 0;
  if (poll.position > 0) app.scratch.delete('poll-handover');

  return [
    h('h1', { id: 'panel-title', class: 'sr-only' }, t('programme:phase.poll')),
    h(
      'div',
      { class: 'poll-run' },
      handedOver ? h('p', { class: 'notice', role: 'status', 'data-testid': 'poll-handover' }, t('programme:poll.handOver')) : null,
      h('p', { class: 'poll-run__who', 'data-testid': 'poll-participant', 'data-participant': poll.finished + 1 }, t('programme:poll.turn', { n: poll.finished + 1, total: poll.respondents })),
      h('p', { class: 'eyebrow' }, t('programme:poll.statementOf', { n: poll.position + 1, total: poll.statementIds.length })),
      h('p', { class: 'poll-run__statement', id: 'poll-statement', tabindex: -1, 'data-testid': 'poll-current-statement', 'data-statement-id': id }, statement?.text[lang()] ?? id),
      h(
        'div',
        { class: 'poll-scale', role: 'group', 'aria-labelledby': 'poll-statement' },
        ...SCALE.map((value) =>
          h(
            'button',
            {
              type: 'button',
              class: 'poll-scale__answer',
              'data-testid': 'poll-answer',
              'data-value': value,
              'data-key': `poll-answer-${value}`,
              'aria-label': t('programme:poll.answerLabel', { value, label: t(`programme:poll.scale${value}`) }),
              onclick: () => give(value),
            },
            h('span', { class: 'poll-scale__value', 'aria-hidden': 'true' }, String(value)),
            h('span', { class: 'poll-scale__label', 'aria-hidden': 'true' }, t(`programme:poll.scale${value}`)),
          ),
        ),
      ),
      h(
        'div',
        { class: 'row' },
        button('poll-back', t('programme:poll.stepBack'), () => save(stepBack(poll)), { class: 'secondary', disabled: poll.position === 0 }),
        button('poll-skip', t('programme:poll.skip'), () => give(0), { class: 'ghost' }),
      ),
      h('p', { class: 'muted small' }, t('programme:poll.privacy')),
      h(
        'div',
        { class: 'row row--end no-print' },
        button('poll-finish', t('programme:poll.finish'), () => {
          if (window.confirm(t('programme:poll.finishConfirm'))) save(closePoll(poll, Date.now()));
        }, { class: 'ghost' }),
      ),
    ),
  ];
}

function resultsScreen(app: App, programme: Programme, round: Round, poll: PollState): (Node | null)[] {
  const results = resultsOf(poll);
  const ranked = rankByConcern(results);
  const themes = suggestedThemes(results);
  return [
    h('h1', { id: 'panel-title' }, t('programme:poll.resultsTitle')),
    h('p', { class: 'eyebrow' }, teamAndRound(programme, round.no)),
    h('p', { 'data-testid': 'poll-respondent-count', 'data-count': results.respondents }, t('programme:poll.resultsIntro', { count: results.respondents })),
    results.enough
      ? h(
          'div',
          {},
          h('h2', {}, t('programme:poll.mostConcern')),
          legend(),
          h('ol', { class: 'poll-results poll-results--top' }, ...ranked.slice(0, 3).map((s) => statementBar(s, true))),
          h('h2', {}, t('programme:poll.suggested')),
          themes.length === 0
            ? h('p', { class: 'muted' }, t('programme:poll.suggestedNone'))
            : h(
                'div',
                { class: 'row' },
                ...themes.map((theme) =>
                  button('poll-suggested-theme', t('programme:poll.chooseThisTheme', { theme: themeLabel(theme) }), () => app.commit(updateRound(programme, round.no, (r) => ({ ...r, theme }))), {
                    'data-theme': theme,
                    'data-key': `suggest-${theme}`,
                    'aria-pressed': String(round.theme === theme),
                    class: round.theme === theme ? 'primary' : '',
                  }),
                ),
              ),
        )
      : h('p', { class: 'notice notice--warn', role: 'note', 'data-testid': 'poll-too-few' }, t('programme:poll.tooFew', { min: MIN_ANSWERS })),
    results.enough ? readingQuestions() : null,
    h('div', { class: 'setup' }, themeSelect(app, programme, round)),
    results.enough ? h('section', {}, h('h2', {}, t('programme:poll.allStatements')), h('ul', { class: 'poll-results' }, ...results.statements.map((s) => statementBar(s)))) : null,
    h(
      'div',
      { class: 'row' },
      button('back-to-programme', t('programme:common.toProgramme'), () => app.go({ name: 'programme', id: programme.id }), { class: 'secondary' }),
      isPhonePoll(poll)
        ? button('poll-reopen', t('programme:poll.phones.reopen'), () => {
            const next = reopenPhonePoll(poll);
            if (next) app.commit(updateRound(programme, round.no, (r) => ({ ...r, poll: next })));
          }, { class: 'ghost' })
        : button('poll-add-respondent', t('programme:poll.addRespondent'), () => {
            const next = addRespondent(poll);
            if (next) app.commit(updateRound(programme, round.no, (r) => ({ ...r, poll: next })));
          }, { class: 'ghost' }),
      round.sessionId === null ? button('play-session', t('programme:programme.play'), () => startGame(app, programme, round), { class: 'primary big' }) : null,
    ),
  ];
}

export function renderPoll(app: App, view: View): Screen | null {
  if (view.name !== 'poll') return null;
  const programme = app.programme(view.id);
  const round = programme?.rounds.find((r) => r.no === view.round);
  if (!programme || !round) return null;
  const poll = round.poll;
  const where = roundOf(programme, round.no);
  if (!poll) return { phase: 'poll', progress: where, nodes: setupScreen(app, programme, round) };
  if (isPhonePoll(poll) && !isComplete(poll)) return { phase: 'poll', progress: where, nodes: phonesScreen(app, programme, round, poll) };
  if (!isComplete(poll)) return { phase: 'poll', progress: t('programme:poll.turn', { n: poll.finished + 1, total: poll.respondents }), nodes: runScreen(app, programme, round, poll) };
  return { phase: 'poll-results', progress: where, nodes: resultsScreen(app, programme, round, poll) };
}
