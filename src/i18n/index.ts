/**
 * i18next, set up once. We never put translated text into innerHTML (views use textContent and canvas
 * text), so escaping is off here: escaping would show `&lt;` in a player's name on the canvas.
 */
import i18next from 'i18next';
import { nl } from './nl.ts';
import { en } from './en.ts';
import type { Lang } from '../core/types.ts';
import { LANGS } from '../core/types.ts';

export const i18n = i18next.createInstance();

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export async function initI18n(lang: Lang): Promise<void> {
  await i18n.init({
    lng: lang,
    fallbackLng: 'nl',
    resources: { nl: { translation: nl }, en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export const t = (key: string, options?: Record<string, unknown>): string => i18n.t(key, options) as string;
export const currentLang = (): Lang => (isLang(i18n.language) ? i18n.language : 'nl');

/**
 * The one way a lazy module adds its texts: a namespace with a bundle per language, read with
 * `t('<namespace>:<key>')`. Idempotent; waits for i18next when it is not set up yet. Each module keeps its
 * registration in a file named `texts.ts`.
 */
export function registerBundle(namespace: string, bundles: Record<Lang, object>, extra?: (lang: Lang, bundle: object) => void): void {
  if (i18n.hasResourceBundle('nl', namespace)) return;
  const add = () => {
    for (const lang of LANGS) {
      i18n.addResourceBundle(lang, namespace, bundles[lang], true, true);
      extra?.(lang, bundles[lang]);
    }
  };
  if (i18n.isInitialized) add();
  else i18n.on('initialized', add);
}
