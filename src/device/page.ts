/** The device page's ties to the browser page: its language, its address, and why a join was refused. */
import { i18n, isLang, t } from '../i18n/index.ts';
import type { Lang } from '../core/types.ts';
import type { RefusalReason } from '../net/protocol.ts';

/** Switches i18next to the device's language; true when it changed. */
export async function applyLanguage(lang: Lang): Promise<boolean> {
  document.documentElement.lang = lang;
  if (isLang(i18n.language) && i18n.language === lang) return false;
  await i18n.changeLanguage(lang);
  document.title = t('device:title');
  return true;
}

/** Puts the room code in the address (`?join=CODE`), so a reload or a bookmark comes back to the room. */
export function showCodeInAddress(code: string): void {
  try {
    const url = new URL(window.location.href);
    if (url.searchParams.get('join') === code) return;
    url.searchParams.set('join', code);
    window.history.replaceState(null, '', url);
  } catch {
    /* not in a browser */
  }
}

const KNOWN_REFUSALS: readonly RefusalReason[] = ['no-room', 'locked', 'full', 'rate-limited', 'bad-token', 'removed', 'replaced'];

export function refusalText(reason: RefusalReason, code: string): string {
  return KNOWN_REFUSALS.includes(reason) ? t(`device:join.error.${reason}`, { code }) : t('device:join.error.generic');
}
