/**
 * What the room server refuses: malformed, oversized, binary and flooding messages, wrong tokens, guessed
 * codes, actions before joining. None of them crashes the server or reaches another socket, and each is logged
 * in one line without the message's content.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Client, openRoom, removeDir, startTestServer, type TestServer } from './client.ts';

let ts: TestServer;
const clients: Client[] = [];

beforeEach(async () => {
  ts = await startTestServer();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await ts.close();
  removeDir(ts.dir);
});

async function connect(kind: 'host' | 'play', localAddress = '127.0.0.1'): Promise<Client> {
  const c = await Client.connect(kind === 'host' ? ts.hostUrl() : ts.playUrl(), localAddress);
  clients.push(c);
  return c;
}

async function room(names: string[]) {
  const r = await openRoom(ts, names);
  clients.push(r.host, ...r.players.map((p) => p.client));
  return r;
}

/** The socket still works: a ping gets a pong. */
async function stillServed(c: Client): Promise<void> {
  c.send({ t: 'ping' });
  expect(await c.next('pong')).toEqual({ t: 'pong' });
}

/** Looks sealed to the server (it cannot tell more). */
const SEALED = `v1.${'A'.repeat(16)}.${'B'.repeat(40)}`;

describe('refusals', () => {
  it('refuses messages that do not fit the schema, without closing the socket or telling anyone else', async () => {
    const { host, players } = await room(['Ann']);
    const p = players[0]!.client;
    const bad = [
      { t: 'act', seq: 0, action: { type: 'voteDone' } },
      { t: 'act', seq: 1.5, action: { type: 'voteDone' } },
      { t: 'act', seq: 1, action: { type: 'propose', text: 'x', level: 'ceo' } },
      { t: 'act', seq: 1, action: { type: 'score', proposalId: 'p', score: 6 } },
      { t: 'join', code: 'abc', name: 'Ann' },
      { t: 'join', code: 'ABCDEF', name: '   ' },
      { t: 'join', code: 'ABCDEF', name: 'x'.repeat(41) },
      // Names and actions only travel sealed: plain ones, and what only looks sealed, are refused.
      { t: 'join', code: 'ABCDEF', name: 'Ann' },
      { t: 'join', code: 'ABCDEF', sealed: 'Ann' },
      { t: 'join', code: 'ABCDEF', sealed: `v1.${'A'.repeat(16)}.${'B'.repeat(2000)}` },
      { t: 'act', seq: 1, action: { type: 'voteDone' } },
      { t: 'act', seq: 1, sealed: 'voteDone' },
      { t: 'act', seq: 1, sealed: 'v1.short.x' },
      { t: 'publish', snapshot: {}, views: {}, lobbyView: null, applied: {} },
      { t: 'nonsense' },
      [1, 2, 3],
      'just a string',
      null,
    ];
    for (const m of bad) {
      // As written: nothing sealed on the way.
      p.send(JSON.stringify(m));
      expect(await p.next('refused')).toEqual({ t: 'refused', reason: 'bad-message', fatal: false });
    }
    await stillServed(p);
    for (const m of [
      { t: 'publish', snapshot: {}, views: { notASeat: 1 }, lobbyView: null, applied: {} },
      { t: 'publish', snapshot: { plain: 'session' }, views: {}, lobbyView: null, applied: {} },
      { t: 'publish', snapshot: null, views: { [players[0]!.seatId]: { plain: 'view' } }, lobbyView: null, applied: {} },
      { t: 'lock' },
      { t: 'remove', seatId: '../x' },
      { t: 'act', seq: 1 },
    ]) {
      host.send(JSON.stringify(m));
      expect(await host.next('refused')).toEqual({ t: 'refused', reason: 'bad-message', fatal: false });
    }
    await stillServed(host);
    expect(await host.quiet(100, 'act')).toEqual([]);
    expect(p.received.filter((m) => m.t === 'view')).toEqual([]);
    const refusals = ts.logs.filter((l) => l.startsWith('refused bad-message'));
    // Issue 13: repeated bad frames are counted, not logged one by one: one line per socket and kind.
    expect(refusals.length).toBe(2);
    // Naming the reason, never the content.
    expect(ts.logs.join('\n')).not.toContain('nonsense');
    expect(ts.logs.join('\n')).not.toContain('just a string');
  });

  it('refuses what is not JSON and binary frames', async () => {
    const p = await connect('play');
    p.send('{"t":"join",');
    expect(await p.next('refused')).toEqual({ t: 'refused', reason: 'bad-message', fatal: false });
    p.send('');
    expect(await p.next('refused')).toEqual({ t: 'refused', reason: 'bad-message', fatal: false });
    p.ws.send(Buffer.from(JSON.stringify({ t: 'ping' })), { binary: true });
    expect(await p.next('refused')).toEqual({ t: 'refused', reason: 'bad-message', fatal: false });
    const h = await connect('host');
    h.ws.send(Buffer.from(JSON.stringify({ t: 'open' })), { binary: true });
    expect(await h.next('refused')).toEqual({ t: 'refused', reason: 'bad-message', fatal: false });
    expect(h.received.some((m) => m.t === 'opened')).toBe(false);
    await stillServed(p);
    await stillServed(h);
    expect(ts.logs.filter((l) => l.includes('binary frame'))).toHaveLength(2);
  });

  it('refuses an oversized message with too-big, and closes a socket that sends a 1 MB frame unread', async () => {
    const { host, code, players } = await room(['Ann']);
    const p = players[0]!.client;
    // Over the player limit (64 KiB) but under the frame limit: refused, socket kept.
    p.send({ t: 'act', seq: 1, action: { type: 'propose', text: 'x'.repeat(70 * 1024), level: 'team' } });
    expect(await p.next('refused')).toEqual({ t: 'refused', reason: 'too-big', fatal: false });
    await stillServed(p);

    const attacker = await connect('play');
    attacker.send('x'.repeat(1024 * 1024));
    const closed = await attacker.closed;
    expect(closed.code).toBe(1009);
    const bigHost = await connect('host');
    bigHost.send({ t: 'publish', snapshot: 'y'.repeat(1024 * 1024), views: {}, lobbyView: null, applied: {} });
    expect((await bigHost.closed).code).toBe(1009);
    expect(ts.logs.filter((l) => l.startsWith('refused too-big (fatal)'))).toHaveLength(2);

    // Everyone else is still served.
    await stillServed(host);
    await stillServed(p);
    const fresh = await connect('play');
    fresh.send({ t: 'join', code, name: 'Bert' });
    expect((await fresh.next('joined')).seatId).toMatch(/^s[A-Za-z0-9]+$/);
    p.send({ t: 'act', seq: 1, action: { type: 'voteDone' } });
    expect(await host.next('act')).toMatchObject({ seatId: players[0]!.seatId, seq: 1 });
  });

  it('rate-limits a flood and closes a socket that keeps flooding; others are still served', async () => {
    const { host, players } = await room(['Ann', 'Bert']);
    const [a, b] = players;
    for (let i = 0; i < 300; i++) a!.client.ws.send('{"t":"ping"}');
    const closed = await a!.client.closed;
    expect(closed.code).toBe(4000);
    const pongs = a!.client.received.filter((m) => m.t === 'pong').length;
    expect(pongs).toBeGreaterThanOrEqual(35); // a burst of 40, less the join
    expect(pongs).toBeLessThan(60);
    const refused = a!.client.received.filter((m) => m.t === 'refused');
    expect(refused.at(-1)).toEqual({ t: 'refused', reason: 'rate-limited', fatal: true });
    expect(refused.filter((m) => !m.fatal).length).toBeGreaterThan(0);
    expect(refused.every((m) => m.reason === 'rate-limited')).toBe(true);
    await stillServed(b!.client);
    await stillServed(host);
  });

  it('allows a normal pace of messages', async () => {
    const { host, players } = await room(['Ann']);
    const p = players[0]!.client;
    for (let seq = 1; seq <= 30; seq++) {
      p.send({ t: 'act', seq, action: { type: 'dot', proposalId: 'p1' } });
      await p.next((m) => m.t === 'ack' && m.seq === seq);
      if (seq % 10 === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(p.received.some((m) => m.t === 'refused')).toBe(false);
    expect(host.received.filter((m) => m.t === 'act')).toHaveLength(30);
  });

  it('refuses wrong tokens', async () => {
    const { host, code, hostToken, players } = await room(['Ann']);
    const wrong = 'A'.repeat(32);
    const h = await connect('host');
    h.send({ t: 'hello', code, hostToken: wrong });
    expect(await h.next('refused')).toEqual({ t: 'refused', reason: 'bad-token', fatal: true });
    await h.closed;
    // A seat token is not a host token, and the other way round.
    const h2 = await connect('host');
    h2.send({ t: 'hello', code, hostToken: players[0]!.seatToken });
    expect(await h2.next('refused')).toEqual({ t: 'refused', reason: 'bad-token', fatal: true });
    const p = await connect('play');
    p.send({ t: 'rejoin', code, seatToken: hostToken });
    expect(await p.next('refused')).toEqual({ t: 'refused', reason: 'bad-token', fatal: true });
    await p.closed;
    // A seat token of another room does not open this one.
    const other = await room(['Zed']);
    const p2 = await connect('play');
    p2.send({ t: 'rejoin', code, seatToken: other.players[0]!.seatToken });
    expect(await p2.next('refused')).toEqual({ t: 'refused', reason: 'bad-token', fatal: true });
    // The real host is untouched.
    await stillServed(host);
    expect(host.received.some((m) => m.t === 'refused')).toBe(false);
  });

  it('rate-limits an address that guesses codes, even for the right code; other addresses still join', async () => {
    const { code } = await room([]);
    const guesses = new Set<string>();
    while (guesses.size < 10) {
      const g = Array.from({ length: 6 }, () => 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'[Math.floor(Math.random() * 31)]).join('');
      if (g !== code) guesses.add(g);
    }
    for (const g of guesses) {
      const c = await connect('play', '127.0.0.2');
      c.send({ t: 'join', code: g, name: 'Guess' });
      expect(await c.next('refused')).toEqual({ t: 'refused', reason: 'no-room', fatal: true });
    }
    const right = await connect('play', '127.0.0.2');
    right.send({ t: 'join', code, name: 'Guess' });
    expect(await right.next('refused')).toEqual({ t: 'refused', reason: 'rate-limited', fatal: false });
    right.send({ t: 'rejoin', code, seatToken: 'B'.repeat(32) });
    expect(await right.next('refused')).toEqual({ t: 'refused', reason: 'rate-limited', fatal: false });
    const asHost = await connect('host', '127.0.0.2');
    asHost.send({ t: 'hello', code, hostToken: 'C'.repeat(32) });
    expect(await asHost.next('refused')).toEqual({ t: 'refused', reason: 'rate-limited', fatal: false });

    const honest = await connect('play', '127.0.0.3');
    honest.send({ t: 'join', code, name: 'Honest' });
    expect((await honest.next('joined')).seatId).toMatch(/^s[A-Za-z0-9]+$/);
  });

  it('counts wrong host tokens against the address too', async () => {
    const { code, hostToken } = await room([]);
    for (let i = 0; i < 10; i++) {
      const h = await connect('host', '127.0.0.4');
      h.send({ t: 'hello', code, hostToken: `${'D'.repeat(31)}${i}` });
      expect(await h.next('refused')).toEqual({ t: 'refused', reason: 'bad-token', fatal: true });
    }
    const h = await connect('host', '127.0.0.4');
    h.send({ t: 'hello', code, hostToken });
    expect(await h.next('refused')).toEqual({ t: 'refused', reason: 'rate-limited', fatal: false });
  });

  it('limits how many rooms one address opens', async () => {
    const h = await connect('host', '127.0.0.5');
    for (let i = 0; i < 10; i++) {
      h.send({ t: 'open' });
      await h.next('opened');
    }
    h.send({ t: 'open' });
    expect(await h.next('refused')).toEqual({ t: 'refused', reason: 'rate-limited', fatal: false });
  });

  it('refuses actions before join, and host messages before open or hello', async () => {
    const p = await connect('play');
    p.send({ t: 'act', seq: 1, sealed: SEALED });
    expect(await p.next('refused')).toEqual({ t: 'refused', reason: 'not-joined', fatal: false });
    const h = await connect('host');
    for (const m of [
      { t: 'publish', snapshot: SEALED, views: {}, lobbyView: null, applied: {} },
      { t: 'lock', locked: true },
      { t: 'remove', seatId: 'sabc' },
      { t: 'close' },
    ]) {
      h.send(m);
      expect(await h.next('refused')).toEqual({ t: 'refused', reason: 'not-joined', fatal: false });
    }
    await stillServed(p);
  });

  it('refuses a room socket opened by a page from another origin, and accepts one from the game itself', async () => {
    const attempt = (origin: string) =>
      new Promise<string>((res) => {
        const ws = new WebSocket(ts.playUrl(), { origin });
        ws.once('open', () => {
          ws.close();
          res('open');
        });
        ws.once('unexpected-response', (_req, response) => res(String(response.statusCode)));
        ws.once('error', () => res('error'));
      });
    expect(await attempt('http://evil.example')).toBe('403');
    expect(await attempt(`http://127.0.0.1:${ts.port}`)).toBe('open');
  });

  it('refuses player messages on the host path and unknown paths', async () => {
    const h = await connect('host');
    h.send({ t: 'join', code: 'ABCDEF', name: 'Ann' });
    expect(await h.next('refused')).toEqual({ t: 'refused', reason: 'bad-message', fatal: false });
    await expect(Client.connect(`ws://127.0.0.1:${ts.port}/room/other`)).rejects.toThrow();
  });
});
