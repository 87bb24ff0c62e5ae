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

/**
 * Texts already looked up, by key and options: the panels are drawn after every tap and ask for the same
 * labels each time, and an i18next look-up is not free. Emptied when the language or the texts change.
 */
const looked = new Map<string, string>();
const forget = () => looked.clear();
i18n.on('languageChanged', forget);
i18n.on('initialized', forget);
/** The store of texts comes with `init`: its changes (a lazy module's texts) empty the cache too. */
let watched: unknown = null;

export const t = (key: string, options?: Record<string, unknown>): string => {
  if (watched !== i18n.store && i18n.store) {
    watched = i18n.store;
    forget();
    i18n.store.on('added', forget);
    i18n.store.on('removed', forget);
  }
  const id = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
  const known = looked.get(id);
  if (known !== undefined) return known;
  const text = i18n.t(key, options) as string;
  // Bounded: texts with a changing value in them (a clock) would otherwise pile up.
  if (looked.size > 1000) looked.clear();
  looked.set(id, text);
  return text;
};
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
