/**
 * The deck editor's two bundles (namespace `editor`) say the same things: the same keys, no empty text, the
 * same placeholders, plural forms in pairs; and once registered, every key resolves in both languages.
 */
import { describe, expect, it } from 'vitest';
import { type Tree, bundlesAgree, leaves } from './i18nTree.ts';
import { editorNl } from '../../src/i18n/editor-nl.ts';
import { editorEn } from '../../src/i18n/editor-en.ts';
import { i18n, initI18n } from '../../src/i18n/index.ts';
import { registerEditorTexts } from '../../src/editor/texts.ts';

const languages = { nl: leaves(editorNl), en: leaves(editorEn as Tree) };

describe('the editor translations', () => {
  bundlesAgree(languages, 80);

  it('resolves every key through i18next in both languages once registered, and names the top bar step', async () => {
    await initI18n('nl');
    registerEditorTexts();
    for (const lang of ['nl', 'en'] as const) {
      const t = i18n.getFixedT(lang);
      for (const key of languages[lang].keys()) {
        const base = key.replace(/_(one|other)$/, '');
        const text = t(`editor:${base}`, { count: key.endsWith('_one') ? 1 : 2 }) as string;
        expect(text, `${lang} editor:${key}`).not.toBe(base);
      }
      expect(t('phase.editor')).toBe(lang === 'nl' ? editorNl.phase : editorEn.phase);
      expect(t('editor:own.cards', { count: 1 })).toBe(lang === 'nl' ? '1 kaart' : '1 card');
    }
  });
});
