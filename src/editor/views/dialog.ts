/**
 * The page's questions (an import whose id is taken, unsaved changes, removing a card, deleting a deck),
 * asked in a modal dialog with real buttons. The safe answer has the focus, and Escape gives it.
 */
import { t } from '../../i18n/index.ts';
import { h } from '../../ui/dom.ts';
import type { EditorActions } from '../actions.ts';
import { cardTitle, deckName } from '../labels.ts';
import type { Dialog, EditorSession } from '../session.ts';

type Choice = [testid: string, label: string, action: () => void, className: string];

interface Question {
  title: string;
  text: string;
  choices: Choice[];
  /** The safe answer, also given by Escape. */
  cancel: () => void;
}

const nothing = (): void => {};

function question(s: EditorSession, act: EditorActions, d: Dialog): Question {
  switch (d.kind) {
    case 'conflict': {
      const { plan } = d;
      const existing = plan.existing ? deckName(plan.existing.name) : plan.deck.id;
      const cancel = act.cancelImport;
      return {
        title: t('editor:conflict.title'),
        text: t(plan.kind === 'own-conflict' ? 'editor:conflict.own' : 'editor:conflict.builtin', { id: plan.deck.id, name: existing }),
        choices: [
          ...(plan.kind === 'own-conflict' ? [['import-replace', t('editor:conflict.replace'), () => act.finishImport(plan.deck), 'danger'] as Choice] : []),
          ['import-keep-both', t('editor:conflict.keepBoth'), () => act.importAsCopy(plan.deck), 'primary'],
          ['import-cancel', t('editor:conflict.cancel'), cancel, 'ghost'],
        ],
        cancel,
      };
    }
    case 'discard':
      return {
        title: t('editor:dialog.discardTitle'),
        text: t('editor:dialog.discard', { name: deckName(s.draft.name) }),
        choices: [
          ['dialog-confirm', t('editor:dialog.discardYes'), d.proceed, 'danger'],
          ['dialog-cancel', t('editor:dialog.keepEditing'), nothing, 'primary'],
        ],
        cancel: nothing,
      };
    case 'remove-card': {
      const card = s.draft.cards[d.index];
      const { index } = d;
      return {
        title: t('editor:dialog.removeCardTitle'),
        text: t('editor:dialog.removeCard', { n: index + 1, title: card ? cardTitle(card) : '' }),
        choices: [
          ['dialog-confirm', t('editor:dialog.removeCardYes'), () => act.removeCard(index), 'danger'],
          ['dialog-cancel', t('editor:dialog.cancel'), nothing, 'primary'],
        ],
        cancel: nothing,
      };
    }
    case 'delete-deck': {
      const { id, name } = d;
      return {
        title: t('editor:dialog.deleteDeckTitle'),
        text: name === null ? t('editor:dialog.deleteDamaged', { id }) : t('editor:dialog.deleteDeck', { name, count: d.count }),
        choices: [
          ['dialog-confirm', t('editor:dialog.deleteYes'), () => act.deleteDeck(id, name ?? id), 'danger'],
          ['dialog-cancel', t('editor:dialog.cancel'), nothing, 'primary'],
        ],
        cancel: nothing,
      };
    }
  }
}

export function dialog(s: EditorSession, act: EditorActions): HTMLElement | null {
  const d = s.dialog;
  if (!d) return null;
  const { title, text, choices, cancel } = question(s, act, d);
  return h(
    'dialog',
    {
      class: 'editor-dialog',
      'data-testid': 'editor-dialog',
      'aria-labelledby': 'dialog-title',
      'aria-describedby': 'dialog-text',
      // Escape is the same as the safe answer.
      oncancel: (e: Event) => {
        e.preventDefault();
        if (s.dialog === d) act.closeDialog(cancel);
      },
      // Closed by the browser itself (a repeated Escape): still the safe answer, never left half-open.
      onclose: (e: Event) => {
        if (s.dialog === d && (e.target as HTMLElement).isConnected) act.closeDialog(cancel);
      },
    },
    h('h2', { id: 'dialog-title' }, title),
    h('p', { id: 'dialog-text' }, text),
    h(
      'div',
      { class: 'editor-dialog__buttons' },
      // The safe answer has the focus when the question opens.
      choices.map(([testid, label, action, className]) => h('button', { type: 'button', class: className, 'data-testid': testid, 'data-key': testid, autofocus: className === 'primary', onclick: () => act.closeDialog(action) }, label)),
    ),
  );
}
