/**
 * The editor's texts: the i18next namespace `editor` (`src/i18n/editor-*.ts`), read with `t('editor:…')`.
 * Also names the editor's step in the top bar (`phase.editor`) where the main bundle has no name for it;
 * a `phase.editor` in the main bundle wins.
 */
import { i18n, registerBundle } from '../i18n/index.ts';
import { editorNl } from '../i18n/editor-nl.ts';
import { editorEn } from '../i18n/editor-en.ts';

/** Idempotent; waits for i18next when it is not set up yet. */
export function registerEditorTexts(): void {
  registerBundle('editor', { nl: editorNl, en: editorEn }, (lang, bundle) => {
    i18n.addResourceBundle(lang, 'translation', { phase: { editor: (bundle as typeof editorEn).phase } }, true, false);
  });
}
