/**
 * A WebSocket that keeps trying: JSON messages, exponential backoff with jitter, an immediate retry when the
 * network comes back or a phone wakes up, and a ping every 20 s (two missed pongs and the line counts as dead).
 * Used by the shared screen and by the players' devices. It never queues: `send` says whether the message left,
 * and callers that must not lose anything keep their own outbox.
 */

export type SocketStatus = 'connecting' | 'open' | 'offline';

export interface ReconnectingSocketOptions<In> {
  readonly url: string;
  /** Called after every (re)connect, before any message of the new connection. */
  readonly onOpen: () => void;
  readonly onMessage: (msg: In) => void;
  readonly onStatus?: (s: SocketStatus) => void;
  /** First retry delay (default 500 ms). */
  readonly minDelayMs?: number;
  /** Longest retry delay (default 10 s). */
  readonly maxDelayMs?: number;
}

/** `WebSocket.OPEN`, spelled out so the class works with any WebSocket-like global. */
const OPEN = 1;
const PING_EVERY_MS = 20_000;
const MAX_MISSED_PONGS = 2;
/** How long a phone that wakes up waits for a pong before it stops trusting an open-looking line. */
const WAKE_CHECK_MS = 5_000;
/** A connection that lived this long was a good one: the next failure starts the backoff afresh. */
const STABLE_MS = 5_000;

/** The socket address on this page's own origin: `wss:` under https, `ws:` otherwise. */
export function socketUrl(path: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path.startsWith('/') ? path : `/${path}`}`;
}

/** The delay before retry number `attempt` (0-based): doubling from min up to max, then 50–100 % of it. */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  return Math.round(base / 2 + (base / 2) * random());
}

export interface RequestOnceOptions<Out, In, R> {
  readonly url: string;
  /** Sent as soon as the line is open. */
  readonly first: Out;
  /**
   * Each answer: `undefined` waits for the next one; a value is the result; a promise is the result once it
   * settles (a close meanwhile no longer counts). `send` still reaches the server before the line closes.
   */
  readonly answer: (msg: In, send: (m: Out) => void) => R | Promise<R> | undefined;
  /** The result when the line cannot open, closes, or gives no result within `timeoutMs`. */
  readonly fallback: R;
  readonly timeoutMs: number;
  /** How long the line stays open after the result (a last `send` goes out before the close); default 0. */
  readonly closeDelayMs?: number;
}

/**
 * One question on a socket of its own, for one result (not a line that keeps trying): JSON messages, answers
 * that are no JSON are passed over, and the socket is closed once there is a result.
 */
export function requestOnce<Out, In, R>(o: RequestOnceOptions<Out, In, R>): Promise<R> {
  return new Promise((resolve) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(o.url);
    } catch {
      resolve(o.fallback);
      return;
    }
    let done = false;
    const finish = (result: R) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      ws.onclose = null;
      if (o.closeDelayMs) setTimeout(() => ws.close(), o.closeDelayMs);
      else ws.close();
      resolve(result);
    };
    const timer = setTimeout(() => finish(o.fallback), o.timeoutMs);
    const send = (m: Out) => ws.send(JSON.stringify(m));
    ws.onopen = () => send(o.first);
    ws.onmessage = (event) => {
      if (done) return;
      let msg: In;
      try {
        msg = JSON.parse(String(event.data)) as In;
      } catch {
        return;
      }
      const result = o.answer(msg, send);
      if (result instanceof Promise) {
        ws.onclose = null;
        void result.then(finish);
      } else if (result !== undefined) finish(result);
    };
    ws.onclose = () => finish(o.fallback);
  });
}

export class ReconnectingSocket<Out, In> {
  private readonly opts: ReconnectingSocketOptions<In>;
  private readonly minDelay: number;
  private readonly maxDelay: number;
  private ws: WebSocket | null = null;
  private status: SocketStatus | null = null;
  private stopped = false;
  private attempt = 0;
  private openedAt = 0;
  private missed = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private wakeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly onOnline = (): void => this.reconnectNow();
  private readonly onVisibility = (): void => {
    if (typeof document === 'undefined' || document.visibilityState !== 'visible') return;
    if (this.ws?.readyState === OPEN) this.checkAlive();
    else this.reconnectNow();
  };

  constructor(opts: { url: string; onOpen: () => void; onMessage: (msg: In) => void; onStatus?: (s: SocketStatus) => void; minDelayMs?: number; maxDelayMs?: number }) {
    this.opts = opts;
    this.minDelay = Math.max(1, opts.minDelayMs ?? 500);
    this.maxDelay = Math.max(this.minDelay, opts.maxDelayMs ?? 10_000);
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.onVisibility);
    this.connect();
  }

  /** Sends one message as JSON; false when the line is not open (nothing is queued). */
  send(msg: Out): boolean {
    const ws = this.ws;
    if (this.stopped || !ws || ws.readyState !== OPEN) return false;
    try {
      ws.send(JSON.stringify(msg));
      return true;
    } catch {
      return false;
    }
  }

  /** Stops for good: no more retries, timers or listeners. */
  close(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.clearTimers();
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.onVisibility);
    this.drop();
    this.setStatus('offline');
  }

  /** Drops the current line (if any) and connects again at once. */
  reconnectNow(): void {
    if (this.stopped) return;
    this.clearTimers();
    this.drop();
    this.connect();
  }

  private connect(): void {
    if (this.stopped) return;
    this.setStatus('connecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.opts.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.openedAt = Date.now();
      this.missed = 0;
      this.setStatus('open');
      this.pingTimer = setInterval(() => this.heartbeat(), PING_EVERY_MS);
      this.opts.onOpen();
    };
    ws.onmessage = (event: MessageEvent) => {
      if (this.ws !== ws) return;
      // Anything heard proves the line is alive.
      this.missed = 0;
      if (this.wakeTimer !== null) {
        clearTimeout(this.wakeTimer);
        this.wakeTimer = null;
      }
      if (typeof event.data !== 'string') return;
      let msg: unknown;
      try {
        msg = JSON.parse(event.data);
      } catch {
        return;
      }
      if (typeof msg !== 'object' || msg === null) return;
      if ((msg as { t?: unknown }).t === 'pong') return;
      this.opts.onMessage(msg as In);
    };
    ws.onerror = () => {
      /* a close follows */
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.lost();
    };
  }

  private heartbeat(): void {
    if (this.missed >= MAX_MISSED_PONGS) {
      this.lost();
      return;
    }
    this.missed += 1;
    this.sendRaw({ t: 'ping' });
  }

  /** A phone that wakes may hold a line that looks open but is dead: ask, and reconnect without an answer. */
  private checkAlive(): void {
    if (this.wakeTimer !== null) return;
    this.sendRaw({ t: 'ping' });
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      this.reconnectNow();
    }, WAKE_CHECK_MS);
  }

  private sendRaw(msg: { t: 'ping' }): void {
    try {
      this.ws?.send(JSON.stringify(msg));
    } catch {
      /* the close handler takes over */
    }
  }

  private lost(): void {
    if (this.openedAt && Date.now() - this.openedAt >= STABLE_MS) this.attempt = 0;
    this.openedAt = 0;
    this.clearTimers();
    this.drop();
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.setStatus('offline');
    const delay = backoffDelay(this.attempt, this.minDelay, this.maxDelay);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private drop(): void {
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
    try {
      ws.close();
    } catch {
      /* already closed */
    }
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    if (this.wakeTimer !== null) clearTimeout(this.wakeTimer);
    this.retryTimer = this.pingTimer = this.wakeTimer = null;
  }

  private setStatus(s: SocketStatus): void {
    if (this.status === s) return;
    this.status = s;
    this.opts.onStatus?.(s);
  }
}
