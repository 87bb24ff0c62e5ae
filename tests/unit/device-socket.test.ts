/** The reconnecting socket, with a fake WebSocket and fake timers: backoff, wake-ups, pings, no queueing. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReconnectingSocket, backoffDelay, requestOnce, socketUrl } from '../../src/net/socket.ts';

class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(msg: unknown) {
    this.onmessage?.({ data: typeof msg === 'string' ? msg : JSON.stringify(msg) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

const last = () => FakeSocket.all[FakeSocket.all.length - 1]!;
let win: EventTarget;
let doc: EventTarget & { visibilityState: string };

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  win = new EventTarget();
  doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('window', win);
  vi.stubGlobal('document', doc);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function make() {
  const events: string[] = [];
  const messages: unknown[] = [];
  const socket = new ReconnectingSocket<{ t: string }, { t: string }>({
    url: 'ws://x/room/play',
    onOpen: () => events.push('onOpen'),
    onMessage: (m) => messages.push(m),
    onStatus: (s) => events.push(s),
    minDelayMs: 500,
    maxDelayMs: 10_000,
  });
  return { socket, events, messages };
}

describe('socketUrl', () => {
  it('follows the page: wss under https, ws under http', () => {
    vi.stubGlobal('location', { protocol: 'https:', host: 'ruimte.example:8443' });
    expect(socketUrl('/room/play')).toBe('wss://ruimte.example:8443/room/play');
    vi.stubGlobal('location', { protocol: 'http:', host: '192.168.1.5:4173' });
    expect(socketUrl('/room/host')).toBe('ws://192.168.1.5:4173/room/host');
  });
});

describe('backoff', () => {
  it('doubles from the minimum up to the maximum, with jitter between half and all of it', () => {
    expect(backoffDelay(0, 500, 10_000, () => 1)).toBe(500);
    expect(backoffDelay(0, 500, 10_000, () => 0)).toBe(250);
    expect(backoffDelay(3, 500, 10_000, () => 1)).toBe(4000);
    expect(backoffDelay(10, 500, 10_000, () => 1)).toBe(10_000);
    expect(backoffDelay(1000, 500, 10_000, () => 0.5)).toBe(7500);
  });
});

describe('ReconnectingSocket', () => {
  it('connects, reports status, sends JSON only while open, and hides pongs', () => {
    const { socket, events, messages } = make();
    expect(events).toEqual(['connecting']);
    expect(socket.send({ t: 'a' })).toBe(false);
    last().open();
    expect(events).toEqual(['connecting', 'open', 'onOpen']);
    expect(socket.send({ t: 'a' })).toBe(true);
    expect(last().sent).toEqual(['{"t":"a"}']);
    last().receive({ t: 'pong' });
    last().receive('not json');
    last().receive({ t: 'view' });
    expect(messages).toEqual([{ t: 'view' }]);
  });

  it('reconnects with growing delays after drops, and calls onOpen each time', () => {
    const { events } = make();
    last().drop();
    expect(events.at(-1)).toBe('offline');
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
    last().drop();
    vi.advanceTimersByTime(499);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(501);
    expect(FakeSocket.all).toHaveLength(3);
    last().open();
    expect(events.filter((e) => e === 'onOpen')).toHaveLength(1);
  });

  it('reconnects at once when the network comes back or the phone wakes', () => {
    make();
    last().drop();
    win.dispatchEvent(new Event('online'));
    expect(FakeSocket.all).toHaveLength(2);
    last().drop();
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(FakeSocket.all).toHaveLength(2);
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(FakeSocket.all).toHaveLength(3);
  });

  it('checks an open-looking line on wake-up and replaces it when it does not answer', () => {
    make();
    last().open();
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(last().sent).toEqual(['{"t":"ping"}']);
    vi.advanceTimersByTime(5_000);
    expect(FakeSocket.all).toHaveLength(2);
    // a line that answers stays
    last().open();
    doc.dispatchEvent(new Event('visibilitychange'));
    last().receive({ t: 'pong' });
    vi.advanceTimersByTime(5_000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('pings every 20 s and drops the line after two missed pongs', () => {
    make();
    const first = last();
    first.open();
    vi.advanceTimersByTime(20_000);
    expect(first.sent).toEqual(['{"t":"ping"}']);
    first.receive({ t: 'pong' });
    vi.advanceTimersByTime(40_000);
    expect(first.sent).toHaveLength(3);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(20_000);
    expect(first.closed).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('close() stops for good; reconnectNow() replaces the line', () => {
    const { socket } = make();
    last().open();
    socket.reconnectNow();
    expect(FakeSocket.all).toHaveLength(2);
    expect(FakeSocket.all[0]!.closed).toBe(true);
    socket.close();
    expect(last().closed).toBe(true);
    vi.advanceTimersByTime(60_000);
    win.dispatchEvent(new Event('online'));
    socket.reconnectNow();
    expect(FakeSocket.all).toHaveLength(2);
    expect(socket.send({ t: 'a' })).toBe(false);
  });
});

describe('requestOnce', () => {
  type Msg = { t: string; n?: number };
  const ask = (o: { closeDelayMs?: number } = {}) =>
    requestOnce<Msg, Msg, number | null>({
      url: 'ws://x/room/host',
      first: { t: 'open' },
      answer: (msg, send) => {
        if (msg.t === 'opened') {
          send({ t: 'lock' });
          return msg.n ?? 0;
        }
        if (msg.t === 'later') return Promise.resolve(msg.n ?? 0);
        return msg.t === 'refused' ? null : undefined;
      },
      fallback: -1,
      timeoutMs: 8000,
      ...o,
    });

  it('sends its question once open, passes over other answers, and closes after the result (and after its last send)', async () => {
    const result = ask({ closeDelayMs: 100 });
    last().open();
    expect(last().sent).toEqual(['{"t":"open"}']);
    last().receive('not json');
    last().receive({ t: 'welcome' });
    last().receive({ t: 'opened', n: 7 });
    await expect(result).resolves.toBe(7);
    expect(last().sent).toEqual(['{"t":"open"}', '{"t":"lock"}']);
    expect(last().closed).toBe(false);
    vi.advanceTimersByTime(100);
    expect(last().closed).toBe(true);
  });

  it('a refusal is a result of its own; a close, silence or no socket at all is the fallback', async () => {
    const refused = ask();
    last().open();
    last().receive({ t: 'refused' });
    await expect(refused).resolves.toBeNull();
    expect(last().closed).toBe(true);

    const dropped = ask();
    last().drop();
    await expect(dropped).resolves.toBe(-1);

    const silent = ask();
    last().open();
    vi.advanceTimersByTime(8000);
    await expect(silent).resolves.toBe(-1);
    expect(last().closed).toBe(true);

    vi.stubGlobal('WebSocket', function NoSocket() {
      throw new Error('blocked');
    });
    await expect(ask()).resolves.toBe(-1);
  });

  it('an answer that takes a while is waited for: a close meanwhile does not count', async () => {
    const result = ask();
    last().open();
    last().receive({ t: 'later', n: 3 });
    last().drop();
    await expect(result).resolves.toBe(3);
  });
});
