/** The remote's two bundles (namespace `remote`) say the same things, and every key the code asks for exists. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Tree, bundlesAgree, leaves } from './i18nTree.ts';
import { remoteNl } from '../../src/i18n/remote-nl.ts';
import { remoteEn } from '../../src/i18n/remote-en.ts';
import { i18n, initI18n } from '../../src/i18n/index.ts';
import { registerRemoteTexts } from '../../src/remote/texts.ts';

const languages = { nl: leaves(remoteNl), en: leaves(remoteEn as Tree) };

describe('the remote translations', () => {
  bundlesAgree(languages, 30);

  it('resolves every key the remote page and the facilitator’s block ask for, in both languages', async () => {
    await initI18n('nl');
    registerRemoteTexts();
    const files = ['src/ui/remoteControl.ts', ...readdirSync('src/remote').filter((f) => f.endsWith('.ts')).map((f) => join('src/remote', f))];
    const used = new Set<string>();
    for (const file of files) for (const m of readFileSync(file, 'utf8').matchAll(/'remote:([a-zA-Z.]+)'/g)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(20);
    for (const lang of ['nl', 'en'] as const) {
      const t = i18n.getFixedT(lang);
      for (const key of used) expect(t(`remote:${key}`, { count: 2, time: '1:00', n: 1, total: 2, text: 'x' }) as string, `${lang} remote:${key}`).not.toBe(key);
    }
    expect(i18n.getFixedT('en')('remote:screen.count', { count: 1 })).toBe('1 phone connected');
  });
});
