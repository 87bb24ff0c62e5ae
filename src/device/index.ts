/**
 * The player's device page (`?join=CODE`): join a room from a phone, then the controls of each step.
 * Loaded lazily by `main.ts`, so the start screen does not carry it. The page takes over `#app`.
 */
import './device.css';
import { currentLang, t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { DeviceApp } from './app.ts';
import { codeFromSearch } from './codes.ts';
import { secretFromHash } from '../net/roomCrypto.ts';
import { usableStore } from './store.ts';
import { deviceStore, tabStore } from '../storage/index.ts';
import { registerDeviceTexts } from './texts.ts';

export { DeviceApp } from './app.ts';
export { renderDevice, type DeviceState, type DeviceActions } from './render.ts';
export { renderJoin, type JoinState, type JoinActions } from './join.ts';
export { registerDeviceTexts } from './texts.ts';

export interface OpenDeviceOptions {
  /** The page's `location.search` (`?join=ABC123`, or a bare `?join`). */
  readonly search: string;
  /** Where to go for "to the start screen" (default: this page without `?join`). */
  readonly home?: () => void;
  /** The socket address (default: this origin's `/room/play`). */
  readonly url?: string;
}

/** Takes over `app` (normally `#app`) with the device page and starts it. */
export function openDevice(app: HTMLElement, opts: OpenDeviceOptions): DeviceApp {
  registerDeviceTexts();
  const announcer = document.getElementById('announcer') ?? h('div', { id: 'announcer', class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const root = h('div', { class: 'device', id: 'device' });
  app.classList.add('device-app');
  document.body.classList.add('device-body');
  app.replaceChildren(root, announcer);
  document.title = t('device:title');
  // The room secret in the join link's fragment: taken, then out of the address bar and the history.
  const secret = secretFromHash(window.location.hash);
  if (window.location.hash) window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  return new DeviceApp({
    secret,
    root,
    code: codeFromSearch(opts.search) ?? '',
    lang: currentLang(),
    local: usableStore(deviceStore()),
    session: usableStore(tabStore()),
    url: opts.url,
    home:
      opts.home ??
      (() => {
        const url = new URL(window.location.href);
        url.searchParams.delete('join');
        window.location.assign(url);
      }),
  });
}
