/**
 * The facilitator's way to the remote (issue 12 item 4): one block in the facilitator's panel, never on the
 * stage. `remote-show` shows, on request, the remote's address (`remote-url`) and its QR code (`remote-qr`);
 * whoever has that address can steer this screen, so it stays hidden until asked for.
 */
import './remoteControl.css';
import { h } from './dom.ts';
import { t } from '../i18n/index.ts';
import { registerRemoteTexts } from '../remote/texts.ts';

export interface RemotePanelInfo {
  readonly shown: boolean;
  readonly status: 'off' | 'connecting' | 'open' | 'offline' | 'no-server' | 'replaced';
  readonly url: string | null;
  readonly qrSvg: string | null;
  /** Phones on the remote right now. */
  readonly remotes: number;
  toggle(): void;
  newKey(): void;
}

const qrSource = (svg: string): string => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

function statusText(info: RemotePanelInfo): string | null {
  if (info.status === 'no-server') return t('remote:screen.noServer');
  if (info.status === 'offline') return t('remote:screen.offline');
  if (info.status === 'replaced') return t('remote:screen.replaced');
  if (info.status === 'connecting' || !info.url) return t('remote:screen.connecting');
  return null;
}

/** One element (a `section`), so a drawer can take it as it is. */
export function remoteControl(info: RemotePanelInfo): HTMLElement {
  registerRemoteTexts();
  const status = info.shown ? statusText(info) : null;
  return h(
    'section',
    { class: 'remote-control', 'data-testid': 'remote-control', 'aria-label': t('remote:screen.title') },
    h(
      'button',
      {
        type: 'button',
        class: 'ghost remote-control__toggle',
        'data-testid': 'remote-show',
        'data-key': 'remote-show',
        'aria-expanded': String(info.shown),
        onclick: () => info.toggle(),
      },
      info.shown ? t('remote:screen.hide') : t('remote:screen.show'),
    ),
    info.shown
      ? h(
          'div',
          { class: 'remote-control__body' },
          status ? h('p', { class: 'muted small', role: 'status', 'data-testid': 'remote-status', 'data-status': info.status }, status) : null,
          info.qrSvg ? h('img', { class: 'room-qr', 'data-testid': 'remote-qr', src: qrSource(info.qrSvg), alt: t('remote:screen.qrAlt') }) : null,
          info.url ? h('p', { class: 'remote-control__url', 'data-testid': 'remote-url' }, info.url) : null,
          h('p', { class: 'muted small' }, t('remote:screen.hint')),
          info.url ? h('p', { class: 'small', 'data-testid': 'remote-count', 'data-count': info.remotes }, t('remote:screen.count', { count: info.remotes })) : null,
          info.url
            ? h('button', { type: 'button', class: 'ghost small', 'data-testid': 'remote-new-key', 'data-key': 'remote-new-key', onclick: () => info.newKey() }, t('remote:screen.newKey'))
            : null,
        )
      : null,
  );
}
