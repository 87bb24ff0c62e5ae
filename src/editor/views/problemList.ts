/** The lists of what the schema refused: a save's problems (each a link to its field) and an import's. */
import { t } from '../../i18n/index.ts';
import { h } from '../../ui/dom.ts';
import type { EditorActions } from '../actions.ts';
import { problemMessage, problemWhere } from '../problems.ts';
import type { EditorSession } from '../session.ts';

/** A refused save's problems, kept up to date while they are fixed ("all fixed" once they are). */
export function saveProblems(s: EditorSession, act: EditorActions): HTMLElement {
  const problems = s.problems;
  if (!problems) return h('div', { 'data-live': 'problems', hidden: true });
  if (problems.length === 0) return h('div', { class: 'editor-ok', 'data-live': 'problems', 'data-testid': 'save-errors' }, t('editor:problems.allFixed'));
  return h(
    'div',
    { class: 'problems save-problems', 'data-live': 'problems', 'data-testid': 'save-errors', 'data-key': 'save-errors', tabindex: -1 },
    h('p', { class: 'problems__head' }, t('editor:problems.heading', { count: problems.length })),
    h(
      'ul',
      {},
      problems.map((p) =>
        h('li', {}, h('button', { type: 'button', class: 'link problem-link', 'data-testid': 'problem-link', 'aria-label': `${problemMessage(p)} ${t('editor:problems.goTo', { where: problemWhere(p) })}`, onclick: () => act.goToProblem(p) }, problemMessage(p))),
      ),
    ),
  );
}

/** Why the last imported file was refused; nothing on the device changed. */
export function importProblems(s: EditorSession): HTMLElement | null {
  const refused = s.importErrors;
  if (!refused) return null;
  return h(
    'div',
    { class: 'problems import-problems', tabindex: -1, 'data-key': 'import-problems' },
    h('p', { class: 'problems__head' }, t('editor:import.refused', { file: refused.file, count: refused.problems.length })),
    h('ul', { 'data-testid': 'import-errors' }, refused.problems.map((p) => h('li', {}, problemMessage(p)))),
  );
}
