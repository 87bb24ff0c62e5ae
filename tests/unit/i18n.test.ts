/**
 * The two languages say the same things: the same keys, no empty text, the same placeholders, and plural
 * forms in pairs. A key or variable missing in one language shows up as a raw key or a literal `{{name}}`.
 */
import { describe, expect, it } from 'vitest';
import { type Tree, leaves, variables } from './i18nTree.ts';
import { nl } from '../../src/i18n/nl.ts';
import { en } from '../../src/i18n/en.ts';


const languages = { nl: leaves(nl), en: leaves(en as Tree) };

describe('translations', () => {
  it('has texts to compare', () => {
    expect(languages.nl.size).toBeGreaterThan(100);
  });

  it.each([
    ['nl', 'en'],
    ['en', 'nl'],
  ] as const)('has every key of %s in %s', (from, to) => {
    const missing = [...languages[from].keys()].filter((k) => !languages[to].has(k));
    expect(missing).toEqual([]);
  });

  it.each(['nl', 'en'] as const)('has only non-empty strings in %s', (lang) => {
    const bad = [...languages[lang]].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('uses the same {{variables}} in both languages', () => {
    const differ: string[] = [];
    for (const [key, value] of languages.nl) {
      const other = languages.en.get(key);
      if (typeof value !== 'string' || typeof other !== 'string') continue;
      const a = variables(value);
      const b = variables(other);
      if (a.join() !== b.join()) differ.push(`${key}: nl {{${a.join(', ')}}} / en {{${b.join(', ')}}}`);
    }
    expect(differ).toEqual([]);
  });

  it('writes placeholders well-formed: every {{ closes with }}', () => {
    const bad: string[] = [];
    for (const lang of ['nl', 'en'] as const) {
      for (const [key, value] of languages[lang]) {
        if (typeof value !== 'string') continue;
        const stripped = value.replace(/\{\{\s*[^{}\s]+\s*\}\}/g, '');
        if (/\{\{|\}\}/.test(stripped)) bad.push(`${lang} ${key}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.each(['nl', 'en'] as const)('has plural forms in pairs in %s, each using {{count}}', (lang) => {
    const keys = [...languages[lang].keys()];
    const problems: string[] = [];
    for (const key of keys) {
      const plural = key.match(/^(.*)_(one|other)$/);
      if (!plural) continue;
      const partner = `${plural[1]}_${plural[2] === 'one' ? 'other' : 'one'}`;
      if (!languages[lang].has(partner)) problems.push(`${key} without ${partner}`);
      if (languages[lang].has(plural[1]!)) problems.push(`${key} next to a plain ${plural[1]}`);
      const value = languages[lang].get(key);
      if (typeof value === 'string' && !variables(value).includes('count')) problems.push(`${key} does not say {{count}}`);
    }
    expect(problems).toEqual([]);
    expect(keys.some((k) => k.endsWith('_one'))).toBe(true);
  });
});
