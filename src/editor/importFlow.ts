/**
 * Importing a deck file in the editor: from the file picker or dropped anywhere on the editor. The file goes
 * through the one schema (`parseImport`); a refusal lists every problem, an id that is taken is a question
 * (replace, keep both, or cancel), and an accepted deck never puts unsaved changes aside.
 */
import type { Problem } from '../core/content/parse.ts';
import type { ScenarioDeck } from '../core/types.ts';
import { deckIds } from '../content.ts';
import { t } from '../i18n/index.ts';
import { listOwnDecks, storeOwnDeck } from '../ui/ownDecks.ts';
import { deckToDraft } from './draft.ts';
import { checkFileSize, keepBoth, parseImport, planImport } from './importDeck.ts';
import { both, deckName } from './labels.ts';
import { type Dialog, type EditorSession, isShown, replaceDraft, setStatus, takenIds } from './session.ts';

export interface ImportFlow {
  /** A file is dragged over the editor (`over`) or out of it: the drop zone lights up. */
  drag(e: DragEvent, over: boolean): void;
  drop(e: DragEvent): void;
  /** Reads the first file (one at a time) and imports it, or asks when its id is taken. */
  importFiles(files: File[]): Promise<void>;
  /** Stores an accepted deck; opens it in the editor unless that would put unsaved changes aside. */
  finishImport(deck: ScenarioDeck): void;
  /** "Keep both": the import under a new id, its name marked. */
  importAsCopy(deck: ScenarioDeck): void;
  cancelImport(): void;
}

export function createImportFlow(s: EditorSession, ui: { render(): void; openDialog(d: Dialog): void }): ImportFlow {
  const highlight = (on: boolean): void => {
    s.host.panel.querySelector('.editor')?.classList.toggle('editor--dragging', on);
    s.host.panel.querySelector('.drop-zone')?.classList.toggle('drop-zone--active', on);
  };

  const refuse = (file: string, problems: Problem[]): void => {
    s.importErrors = { file, problems };
    s.focusAfter = 'import-problems';
    setStatus(s, t('editor:import.refused', { file, count: problems.length }), true);
    ui.render();
  };

  const finishImport = (deck: ScenarioDeck): void => {
    if (!storeOwnDeck(deck)) {
      setStatus(s, t('editor:storageFailed'), true);
      return;
    }
    s.importErrors = null;
    const name = deckName(deck.name);
    if (s.draft.dirty) {
      setStatus(s, t('editor:import.importedAside', { name }));
      return;
    }
    replaceDraft(s, deckToDraft(deck));
    s.focusAfter = 'deck-import';
    setStatus(s, t('editor:import.imported', { name }));
  };

  const importFiles = async (files: File[]): Promise<void> => {
    const file = files[0];
    if (!file) return;
    const tooBig = checkFileSize(file.size);
    if (tooBig.length) return refuse(file.name, tooBig);
    let text: string;
    try {
      text = await file.text();
    } catch {
      setStatus(s, t('editor:import.unreadable'), true);
      ui.render();
      return;
    }
    if (!isShown(s)) return;
    const parsed = parseImport(text);
    if (!parsed.ok) return refuse(file.name, parsed.error);
    s.importErrors = null;
    const own = listOwnDecks().map((e) => (e.parsed.ok ? e.parsed.value : e.id));
    const plan = planImport(parsed.value, [...s.builtIns, ...deckIds()], own);
    if (files.length > 1) setStatus(s, t('editor:import.oneFile', { file: file.name }));
    if (plan.kind === 'new') {
      finishImport(plan.deck);
      ui.render();
    } else ui.openDialog({ kind: 'conflict', plan, file: file.name, returnKey: 'deck-import' });
  };

  return {
    drag(e, over) {
      if (!e.dataTransfer || !Array.from(e.dataTransfer.types).includes('Files')) return;
      // Without this the browser would open the dropped file in place of the game.
      e.preventDefault();
      if (over) e.dataTransfer.dropEffect = 'copy';
      if (s.dragging === over) return;
      s.dragging = over;
      highlight(over);
    },
    drop(e) {
      e.preventDefault();
      s.dragging = false;
      highlight(false);
      if (s.dialog) return;
      void importFiles(e.dataTransfer ? Array.from(e.dataTransfer.files) : []);
    },
    importFiles,
    finishImport,
    importAsCopy: (deck) => finishImport(keepBoth(deck, takenIds(s), both('editor:defaults.importSuffix'))),
    cancelImport: () => setStatus(s, t('editor:import.cancelled')),
  };
}
