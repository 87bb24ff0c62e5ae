/** The device's two bundles (namespace `device`) say the same things, and resolve once registered. */
import { describe, expect, it } from 'vitest';
import { type Tree, bundlesAgree, leaves } from './i18nTree.ts';
import { deviceNl } from '../../src/i18n/device-nl.ts';
import { deviceEn } from '../../src/i18n/device-en.ts';
import { i18n, initI18n } from '../../src/i18n/index.ts';
import { registerDeviceTexts } from '../../src/device/texts.ts';

const languages = { nl: leaves(deviceNl), en: leaves(deviceEn as Tree) };

describe('the device translations', () => {
  bundlesAgree(languages, 60);

  it('resolves every key in both languages once registered', async () => {
    await initI18n('nl');
    registerDeviceTexts();
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
