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
