/** The device's two bundles (namespace `device`) say the same things, and resolve once registered. */
import { describe, expect, it } from 'vitest';
import { type Tree, leaves, variables } from './i18nTree.ts';
import { deviceNl } from '../../src/i18n/device-nl.ts';
import { deviceEn } from '../../src/i18n/device-en.ts';
import { i18n, initI18n } from '../../src/i18n/index.ts';
import { registerDeviceStrings } from '../../src/device/strings.ts';

const languages = { nl: leaves(deviceNl), en: leaves(deviceEn as Tree) };

describe('the device translations', () => {
  it('has texts to compare', () => {
    expect(languages.nl.size).toBeGreaterThan(60);
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
    const differ = [...languages.nl].filter(([k, v]) => variables(String(v)).join() !== variables(String(languages.en.get(k))).join()).map(([k]) => k);
    expect(differ).toEqual([]);
  });

  it('has plural forms in pairs, each using {{count}}', () => {
    const problems: string[] = [];
    for (const lang of ['nl', 'en'] as const) {
      for (const key of languages[lang].keys()) {
        const plural = key.match(/^(.*)_(one|other)$/);
        if (!plural) continue;
        if (!languages[lang].has(`${plural[1]}_${plural[2] === 'one' ? 'other' : 'one'}`)) problems.push(`${lang} ${key} alone`);
        if (!variables(String(languages[lang].get(key))).includes('count')) problems.push(`${lang} ${key} without {{count}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('resolves every key in both languages once registered', async () => {
    await initI18n('nl');
    registerDeviceStrings();
    for (const lang of ['nl', 'en'] as const) {
      const t = i18n.getFixedT(lang);
      for (const key of languages[lang].keys()) {
        const base = key.replace(/_(one|other)$/, '');
        expect(t(`device:${base}`, { count: key.endsWith('_one') ? 1 : 2 }) as string, `${lang} device:${key}`).not.toBe(base);
      }
    }
    expect(i18n.getFixedT('nl')('device:vote.dotsLeft', { count: 1 })).toBe('Nog 1 stip te verdelen');
    expect(i18n.getFixedT('en')('device:vote.add', { text: '<b>' })).toBe('Dot on: <b>');
    expect(i18n.getFixedT('en')('start.join')).toBe('Join from your phone');
  });
});
