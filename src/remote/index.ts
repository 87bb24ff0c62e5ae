/**
 * The facilitator's remote page (`?remote=CODE#r=<key>.<secret>`): next step, step back, the clock, wrap up,
 * and during proposals hide, restore and merge, on a phone. Loaded lazily by `main.ts`; takes over `#app`.
 */
import './remote.css';
import { h } from '../ui/dom.ts';
import { t } from '../i18n/index.ts';
import { RemoteApp, readLink } from './app.ts';
import { registerRemoteTexts } from './texts.ts';

export function openRemote(app: HTMLElement, page: { readonly search: string; readonly hash: string }): RemoteApp {
  registerRemoteTexts();
  const root = h('div', { class: 'remote', id: 'remote' });
  app.classList.add('remote-app');
  document.body.classList.add('remote-body');
  app.replaceChildren(root);
  document.title = t('remote:title');
  return new RemoteApp(root, readLink(page.search, page.hash));
}
