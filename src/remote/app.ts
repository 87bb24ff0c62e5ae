/**
 * The remote page's line to the shared screen: comes in on the remote path with the room code and the remote
 * key, opens the screen's sealed views, and seals each command. The seal secret comes from the address's
 * fragment (never sent to a server) and is kept in this tab only, so a reload keeps working while the address
 * bar no longer shows it.
 */
import { ReconnectingSocket, socketUrl } from '../net/socket.ts';
import { deriveKey, newSecret, open, seal } from '../net/crypto.ts';
import { REMOTE_SOCKET_PATH, parseRemoteFragment, parseRemoteView, type RemoteAction, type RemoteServerMessage, type RemoteSocketMessage } from '../net/remoteProtocol.ts';
import { CODE_ALPHABET, CODE_LENGTH } from '../net/protocol.ts';
import { i18n, isLang, t } from '../i18n/index.ts';
import { tabStore } from '../storage/index.ts';
import { jsonObject } from '../core/json.ts';
import { renderRemote, timerText, type RemotePageState } from './render.ts';

const LINK_KEY = 'ruimte.remote.link';
const CODE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

interface Link {
  readonly code: string;
  readonly key: string;
  readonly secret: string;
}

/** The link from the address (and then out of it), or the one this tab kept for the same room. */
export function readLink(search: string, hash: string): Link | null {
  const code = (new URLSearchParams(search).get('remote') ?? '').toUpperCase();
  if (!CODE.test(code)) return null;
  const fragment = parseRemoteFragment(hash);
  if (fragment) {
    const link = { code, ...fragment };
    tabStore().write(LINK_KEY, link);
    const url = new URL(window.location.href);
    url.hash = '';
    window.history.replaceState(null, '', url);
    return link;
  }
  const kept = jsonObject(tabStore().readRaw(LINK_KEY));
  if (kept && kept.code === code && typeof kept.key === 'string' && typeof kept.secret === 'string') return { code, key: kept.key, secret: kept.secret };
  return null;
}

export class RemoteApp {
  private state: RemotePageState;
  private socket: ReconnectingSocket<RemoteSocketMessage, RemoteServerMessage> | null = null;
  private readonly key: Promise<CryptoKey> | null;
  private ticker = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly link: Link | null,
  ) {
    this.state = { status: link ? 'connecting' : 'no-link', screenPresent: null, view: null, receivedAt: 0, merging: null };
    this.key = link ? deriveKey(link.secret, 'remote').catch(() => null as unknown as CryptoKey) : null;
    if (link) {
      this.socket = new ReconnectingSocket<RemoteSocketMessage, RemoteServerMessage>({
        url: socketUrl(REMOTE_SOCKET_PATH),
        onOpen: () => this.socket?.send({ t: 'remote', code: link.code, key: link.key }),
        onMessage: (m) => void this.receive(m),
        onStatus: (s) => {
          if (this.state.status === 'bad-link') return;
          this.set({ status: s === 'open' ? 'connecting' : s });
        },
      });
    }
    this.ticker = window.setInterval(() => this.tick(), 500);
    this.render();
  }

  private set(patch: Partial<RemotePageState>): void {
    this.state = { ...this.state, ...patch };
    this.render();
  }

  private async receive(m: RemoteServerMessage): Promise<void> {
    switch (m.t) {
      case 'welcome':
        return this.set({ status: 'open' });
      case 'screen':
        return this.set({ screenPresent: m.present });
      case 'view': {
        const key = await this.key;
        const view = key ? parseRemoteView(await open(key, m.sealed)) : null;
        if (!view) return this.set({ status: 'unreadable' });
        // A merge in progress ends when the proposal is gone or can no longer be merged.
        const merging = this.state.merging !== null && view.proposals?.some((p) => p.id === this.state.merging && p.canMerge) ? this.state.merging : null;
        return this.set({ view, receivedAt: Date.now(), merging, status: 'open', screenPresent: true });
      }
      case 'refused':
        if (m.fatal && (m.reason === 'bad-token' || m.reason === 'no-room')) {
          this.socket?.close();
          this.set({ status: 'bad-link', view: null });
        }
        return;
      default:
        return;
    }
  }

  private async send(action: RemoteAction): Promise<void> {
    const view = this.state.view;
    const key = await this.key;
    if (!view || !key) return;
    if (this.state.merging !== null) this.set({ merging: null });
    const sealed = await seal(key, { id: newSecret(12), rev: view.rev, step: view.step, action });
    this.socket?.send({ t: 'cmd', sealed });
  }

  private render(): void {
    const focused = (document.activeElement as HTMLElement | null)?.dataset.key;
    renderRemote(this.root, this.state, {
      send: (action) => void this.send(action),
      endEarly: () => {
        if (window.confirm(t('remote:page.confirmEndEarly'))) void this.send({ type: 'endEarly' });
      },
      startMerge: (id) => this.set({ merging: id }),
      setLang: (lang) => {
        if (!isLang(lang)) return;
        document.documentElement.lang = lang;
        void i18n.changeLanguage(lang).then(() => {
          document.title = t('remote:title');
          this.render();
        });
      },
    });
    if (focused) this.root.querySelector<HTMLElement>(`[data-key="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
  }

  private tick(): void {
    const el = this.root.querySelector('#remote-timer');
    if (el && this.state.view?.timer.kind === 'running') el.textContent = timerText(this.state, Date.now());
  }

  close(): void {
    window.clearInterval(this.ticker);
    this.socket?.close();
  }
}
