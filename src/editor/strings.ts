/**
 * The editor's texts: the `editor` namespace (`src/i18n/editor-*.ts`), registered when the editor loads.
 * Also fills in the top bar's step name for the editor (`phase.editor`) when the main bundle has none.
 */
import { i18n } from '../i18n/index.ts';
import { editorNl } from '../i18n/editor-nl.ts';
import { editorEn } from '../i18n/editor-en.ts';
import type { Lang } from '../core/types.ts';

const bundles: Record<Lang, typeof editorEn> = { nl: editorNl, en: editorEn };

function add(): void {
  for (const [lang, bundle] of Object.entries(bundles)) {
    i18n.addResourceBundle(lang, 'editor', bundle, true, true);
    // Deep, without overwriting: a `phase.editor` in the main bundle wins.
    i18n.addResourceBundle(lang, 'translation', { phase: { editor: bundle.phase } }, true, false);
  }
}

let registered = false;

/** Idempotent; waits for i18next when it is not set up yet. */
export function registerEditorStrings(): void {
  if (registered) return;
  registered = true;
  if (i18n.isInitialized) add();
  else i18n.on('initialized', add);
}
