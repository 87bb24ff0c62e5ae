/**
 * The deck editor's two bundles (namespace `editor`) say the same things: the same keys, no empty text, the
 * same placeholders, plural forms in pairs; and once registered, every key resolves in both languages.
 */
import { describe, expect, it } from 'vitest';
import { type Tree, leaves, variables } from './i18nTree.ts';
import { editorNl } from '../../src/i18n/editor-nl.ts';
import { editorEn } from '../../src/i18n/editor-en.ts';
import { i18n, initI18n } from '../../src/i18n/index.ts';
import { registerEditorStrings } from '../../src/editor/strings.ts';

const languages = { nl: leaves(editorNl), en: leaves(editorEn as Tree) };

describe('the editor translations', () => {
  it('has texts to compare', () => {
    expect(languages.nl.size).toBeGreaterThan(80);
  });

  it.each([
    ['nl', 'en'],
    ['en', 'nl'],
  ] as const)('has every key of %s in %s', (from, to) => {
    expect([...languages[from].keys()].filter((k) => !languages[to].has(k))).toEqual([]);
  });

  it.each(['nl', 'en'] as const)('has only non-empty strings in %s', (lang) => {
    expect([...languages[lang]].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('uses the same {{variables}} in both languages', () => {
    const differ: string[] = [];
    for (const [key, value] of languages.nl) {
      const other = languages.en.get(key);
      if (typeof value !== 'string' || typeof other !== 'string') continue;
      if (variables(value).join() !== variables(other).join()) differ.push(key);
    }
    expect(differ).toEqual([]);
  });

  it('writes placeholders well-formed', () => {
    const bad: string[] = [];
    for (const lang of ['nl', 'en'] as const) {
      for (const [key, value] of languages[lang]) {
        if (typeof value === 'string' && /\{\{|\}\}/.test(value.replace(/\{\{\s*[^{}\s]+\s*\}\}/g, ''))) bad.push(`${lang} ${key}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.each(['nl', 'en'] as const)('has plural forms in pairs in %s, each using {{count}}', (lang) => {
    const problems: string[] = [];
    for (const key of languages[lang].keys()) {
      const plural = key.match(/^(.*)_(one|other)$/);
      if (!plural) continue;
      if (!languages[lang].has(`${plural[1]}_${plural[2] === 'one' ? 'other' : 'one'}`)) problems.push(`${key} alone`);
      if (languages[lang].has(plural[1]!)) problems.push(`${key} next to a plain ${plural[1]}`);
      const value = languages[lang].get(key);
      if (typeof value === 'string' && !variables(value).includes('count')) problems.push(`${key} does not say {{count}}`);
    }
    expect(problems).toEqual([]);
  });

  it('resolves every key through i18next in both languages once registered, and names the top bar step', async () => {
    await initI18n('nl');
    registerEditorStrings();
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
