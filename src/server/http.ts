/**
 * The HTTP side's guards, shared by plain requests and the two socket paths:
 *
 * - which host names the server answers to (`HostAllowList`): its own addresses, `localhost`, the machine's
 *   name and configured names (RUIMTE_HOSTS). A page on `evil.example` that resolves to this server (DNS
 *   rebinding) sends `Host: evil.example` and is refused, on every request and both socket paths;
 * - the security headers, on every answer (errors too);
 * - the client's address, from `X-Forwarded-For` only when the request comes from a trusted proxy.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import type { Duplex } from 'node:stream';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self' data: blob:; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/** On every answer, whatever its status. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/** A small plain-text answer with the security headers (never a path or an error's text). */
export function answer(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  setSecurityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(`${text}\n`);
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 421: 'Misdirected Request', 429: 'Too Many Requests' };

/** Refuses a WebSocket upgrade on the raw socket, with the security headers. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  const headers = Object.entries(SECURITY_HEADERS)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n${headers}\r\n`);
}

/** The host name of a `Host` header, lower case, without port or IPv6 brackets; null when there is none. */
export function hostNameOf(header: string | undefined): string | null {
  if (!header) return null;
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(1, end) : null;
  }
  const colon = h.indexOf(':');
  const name = colon >= 0 ? h.slice(0, colon) : h;
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/**
 * The names this server answers to: `localhost`, every address of the machine's interfaces (so phones can use
 * the LAN address), the machine's name (and `<name>.local`), the address it listens on, and `extra`
 * (RUIMTE_HOSTS: the names a reverse proxy passes through, e.g. `ruimte.example.org`).
 */
export class HostAllowList {
  private readonly names = new Set<string>();

  constructor(listenHost: string, extra: readonly string[] = []) {
    const add = (n: string | null): void => {
      if (n) this.names.add(n.toLowerCase());
    };
    add('localhost');
    add(hostname());
    add(`${hostname()}.local`);
    if (listenHost && listenHost !== '0.0.0.0' && listenHost !== '::') add(listenHost);
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) add(a.address.split('%')[0]!);
    for (const n of extra) add(hostNameOf(n));
  }

  allows(hostHeader: string | undefined): boolean {
    const name = hostNameOf(hostHeader);
    if (name === null) return false;
    if (this.names.has(name)) return true;
    // Any loopback address reaches only this machine.
    return isIP(name) === 4 ? name.startsWith('127.') : name === '::1';
  }
}

const plainAddress = (a: string): string => (a.startsWith('::ffff:') ? a.slice(7) : a);

/**
 * Which proxies may tell the client's address in `X-Forwarded-For` (RUIMTE_TRUST_PROXY): addresses, or
 * `loopback` for a proxy on this machine. Anyone else's `X-Forwarded-For` is ignored.
 */
export class TrustedProxies {
  private readonly addresses: Set<string>;
  private readonly loopback: boolean;

  constructor(list: readonly string[] = []) {
    this.loopback = list.includes('loopback');
    this.addresses = new Set(list.filter((a) => a !== 'loopback').map(plainAddress));
  }

  private trusts(address: string): boolean {
    if (this.addresses.has(address)) return true;
    return this.loopback && (address.startsWith('127.') || address === '::1');
  }

  /** The client's address: the socket's, or when that is a trusted proxy, the last untrusted hop it names. */
  clientAddress(req: IncomingMessage): string {
    const direct = plainAddress(req.socket.remoteAddress ?? 'unknown');
    const forwarded = req.headers['x-forwarded-for'];
    if (!this.trusts(direct) || forwarded === undefined) return direct;
    const hops = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)
      .split(',')
      .map((h) => plainAddress(h.trim()))
      .filter((h) => isIP(h) !== 0);
    for (let i = hops.length - 1; i >= 0; i--) if (!this.trusts(hops[i]!)) return hops[i]!;
    return hops[0] ?? direct;
  }
}
