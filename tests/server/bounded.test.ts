/**
 * Issue 13 item 2, against the real server on loopback: a room's pending data is capped, sockets that never
 * enter a room are cheap and short-lived, an address holds only so many sockets, guessing codes from many
 * addresses is limited, bad frames close the socket with one log line, `seq` cannot jam a seat, and a socket
 * takes one seat.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, openRoom, removeDir, startTestServer, type TestServer } from './client.ts';

let ts: TestServer;
const clients: Client[] = [];

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

const pendingBytes = (): { n: number; bytes: number } => {
  const db = new Database(ts.dbPath, { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(length(CAST(action AS BLOB))), 0) AS bytes FROM pending').get() as { n: number; bytes: number };
  } finally {
    db.close();
  }
};

describe('bounded by design', () => {
  it('caps what a room keeps while its host is away, and tells the phone which action was refused', async () => {
    ts = await startTestServer({ playerFlood: { perSecond: 1000, burst: 1000 } });
    const names = Array.from({ length: 12 }, (_, i) => `P${i}`);
    const { host, players } = await openRoom(ts, names);
    clients.push(host, ...players.map((p) => p.client));
    host.ws.terminate();
    await players[0]!.client.next('hostGone');
    const text = 'é'.repeat(9_999); // 2 bytes each in UTF-8
    let acked = 0;
    let refused = 0;
    for (let seq = 1; seq <= 8; seq++) {
      for (const p of players) p.client.send({ t: 'act', seq, action: { type: 'propose', text, level: 'team' } });
      for (const p of players) {
        const m = await p.client.next((x) => (x.t === 'ack' && x.seq === seq) || (x.t === 'refused' && x.seq === seq));
        if (m.t === 'ack') acked++;
        else {
          expect(m).toEqual({ t: 'refused', reason: 'pending-full', fatal: false, seq });
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(acked).toBeLessThan(12 * 8);
    const stored = pendingBytes();
    expect(stored.n).toBe(acked);
    expect(stored.bytes).toBeLessThan(400 * 1024); // well under 1 MB

    // The refusal does not close the phone's socket.
    const p = players[0]!.client;
    p.send({ t: 'ping' });
    expect(await p.next('pong')).toEqual({ t: 'pong' });
  });

  it('caps one seat before the room: one phone cannot fill the room for the others', async () => {
    ts = await startTestServer({ playerFlood: { perSecond: 1000, burst: 1000 } });
    const { host, code, hostToken, players } = await openRoom(ts, ['Ann', 'Bert']);
    clients.push(host, ...players.map((p) => p.client));
    host.ws.terminate();
    const [a, b] = players.map((p) => p.client);
    let seq = 0;
    for (;;) {
      seq++;
      a!.send({ t: 'act', seq, action: { type: 'propose', text: 'x'.repeat(10_000), level: 'team' } });
      const m = await a!.next((x) => x.seq === seq);
      if (m.t === 'refused') break;
    }
    expect(seq).toBeLessThan(12);
    b!.send({ t: 'act', seq: 1, action: { type: 'propose', text: 'y'.repeat(10_000), level: 'team' } });
    expect(await b!.next('ack')).toEqual({ t: 'ack', seq: 1 });
    // A later, small action of the refused seat is held back too: the refused one must not be skipped.
    a!.send({ t: 'act', seq: seq + 1, action: { type: 'voteDone' } });
    expect(await a!.next((x) => x.seq === seq + 1)).toEqual({ t: 'refused', reason: 'pending-full', fatal: false, seq: seq + 1 });

    // The host comes back and applies what waits; the phone sends the refused actions again, in order.
    const back = await Client.connect(ts.hostUrl());
    clients.push(back);
    back.send({ t: 'hello', code, hostToken });
    await back.next('welcome');
    const applied: Record<string, number> = { [players[0]!.seatId]: seq - 1, [players[1]!.seatId]: 1 };
    back.send({ t: 'publish', snapshot: {}, views: {}, lobbyView: null, applied });
    await a!.next('view');
    a!.send({ t: 'act', seq, action: { type: 'propose', text: 'x'.repeat(10_000), level: 'team' } });
    a!.send({ t: 'act', seq: seq + 1, action: { type: 'voteDone' } });
    expect(await a!.next((x) => x.t === 'ack' && x.seq === seq + 1)).toEqual({ t: 'ack', seq: seq + 1 });
    await back.next((m) => m.t === 'act' && m.seq === seq + 1);
    const late = back.received.filter((m) => m.t === 'act' && m.seatId === players[0]!.seatId && m.seq >= seq).map((m) => m.seq);
    expect(late).toEqual([seq, seq + 1]);
  });

  it('drops a socket that does not open or join a room in time, and reads only small frames until then', async () => {
    // Long enough for the joined phone to get in on a loaded machine, short enough to wait for.
    ts = await startTestServer({ unjoinedMs: 1500 });
    const idle = await connect('play');
    const idleHost = await connect('host');
    const { host, code } = await openRoom(ts, []);
    clients.push(host);
    const joined = await connect('play');
    joined.send({ t: 'join', code, name: 'Ann' });
    await joined.next('joined');
    await Promise.all([idle.closed, idleHost.closed]);
    expect(joined.isClosed).toBe(false);
    expect(host.isClosed).toBe(false);

    const big = await connect('play');
    big.send({ t: 'join', code, name: 'Bert', pad: 'x'.repeat(8 * 1024) });
    expect((await big.closed).code).toBe(1009);
    // Once in a room, a phone's frames may be as large as the protocol allows.
    joined.send({ t: 'act', seq: 1, action: { type: 'propose', text: 'z'.repeat(9_000), level: 'team' } });
    expect(await joined.next('ack')).toEqual({ t: 'ack', seq: 1 });
  });

  it('caps the sockets one address holds; other addresses still connect', async () => {
    ts = await startTestServer({ socketsPerAddress: 5 });
    for (let i = 0; i < 5; i++) await connect('play', '127.0.0.9');
    await expect(Client.connect(ts.playUrl(), '127.0.0.9')).rejects.toThrow(/429/);
    await expect(Client.connect(ts.hostUrl(), '127.0.0.9')).rejects.toThrow(/429/);
    await connect('play', '127.0.0.10');
    // A closed socket frees its place (once the server has seen it close: asked again for up to 3 s).
    clients.shift()!.ws.terminate();
    const deadline = Date.now() + 3000;
    for (;;) {
      try {
        await connect('play', '127.0.0.9');
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });

  it('limits code guesses from many addresses together, while new addresses still join', async () => {
    ts = await startTestServer();
    const { host, code } = await openRoom(ts, []);
    clients.push(host);
    let answered = 0;
    let limited = 0;
    for (let a = 0; a < 20; a++) {
      const c = await connect('play', `127.0.3.${a + 1}`);
      for (let g = 0; g < 10; g++) {
        c.send({ t: 'join', code: `ZZZZ${'23456789'[a % 8]}${'ABCDEFGHJK'[g]}`, name: 'Guess' });
        const m = await c.next('refused');
        if (m.reason === 'no-room') break; // fatal: the socket closes, the next guess needs a new one
        limited++;
      }
      for (let g = 1; g < 10; g++) {
        const again = await connect('play', `127.0.3.${a + 1}`);
        again.send({ t: 'join', code: `YYYY${'23456789'[a % 8]}${'ABCDEFGHJK'[g]}`, name: 'Guess' });
        const m = await again.next('refused');
        if (m.reason === 'no-room') answered++;
        else limited++;
        again.ws.terminate();
      }
      answered++;
    }
    // 200 guesses asked; the server-wide budget (60 a minute) and one first try per address let fewer through.
    expect(answered).toBeLessThanOrEqual(60 + 20 + 5);
    expect(limited).toBeGreaterThan(100);
    const honest = await connect('play', '127.0.4.1');
    honest.send({ t: 'join', code, name: 'Honest' });
    expect((await honest.next('joined')).seatId).toMatch(/^s[A-Za-z0-9]+$/);
  });

  it('limits wrong tokens for one room across addresses; a phone with its right token still gets back in', async () => {
    ts = await startTestServer();
    const { host, code, players } = await openRoom(ts, ['Ann']);
    clients.push(host, ...players.map((p) => p.client));
    let bad = 0;
    for (let a = 0; a < 25; a++) {
      const c = await connect('play', `127.0.5.${a + 1}`);
      c.send({ t: 'rejoin', code, seatToken: `${'Q'.repeat(31)}${a % 10}` });
      const m = await c.next('refused');
      if (m.reason === 'bad-token') bad++;
      // Each address tries again: refused once the room's budget (20) is used up.
      if (a >= 20) {
        const again = await connect('play', `127.0.5.${a + 1}`);
        again.send({ t: 'rejoin', code, seatToken: players[0]!.seatToken });
        expect(await again.next('refused')).toEqual({ t: 'refused', reason: 'rate-limited', fatal: false });
      }
    }
    expect(bad).toBe(25);
    const back = await connect('play', '127.0.6.1');
    back.send({ t: 'rejoin', code, seatToken: players[0]!.seatToken });
    expect((await back.next('joined')).seatId).toBe(players[0]!.seatId);
  });

  it('closes a socket that keeps sending bad frames, with one log line for it and one summary', async () => {
    ts = await startTestServer();
    const { host, players } = await openRoom(ts, ['Ann']);
    clients.push(host, ...players.map((p) => p.client));
    const p = players[0]!.client;
    for (let i = 0; i < 200; i++) p.ws.send(`garbage ${i}`);
    const closed = await p.closed;
    expect(closed.code).toBe(4000);
    expect(p.received.filter((m) => m.t === 'refused').at(-1)).toEqual({ t: 'refused', reason: 'bad-message', fatal: true });
    await new Promise((r) => setTimeout(r, 50));
    const lines = ts.logs.filter((l) => l.includes('player 127.0.0.1'));
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(lines.some((l) => /closed after \d+ × bad-message/.test(l))).toBe(true);
    host.send({ t: 'ping' });
    expect(await host.next('pong')).toEqual({ t: 'pong' });
  });

  it('bounds seq: MAX_SAFE_INTEGER is refused and later actions are still relayed', async () => {
    ts = await startTestServer();
    const { host, players } = await openRoom(ts, ['Ann']);
    clients.push(host, ...players.map((p) => p.client));
    const p = players[0]!.client;
    p.send({ t: 'act', seq: Number.MAX_SAFE_INTEGER, action: { type: 'voteDone' } });
    expect(await p.next('refused')).toEqual({ t: 'refused', reason: 'bad-message', fatal: false });
    p.send({ t: 'act', seq: 1, action: { type: 'voteDone' } });
    expect(await p.next('ack')).toEqual({ t: 'ack', seq: 1 });
    expect(await host.next('act')).toMatchObject({ seatId: players[0]!.seatId, seq: 1 });
    p.send({ t: 'act', seq: 2, action: { type: 'checkIn', cardId: 'c1' } });
    expect(await host.next('act')).toMatchObject({ seq: 2 });
  });

  it('gives a socket one seat', async () => {
    ts = await startTestServer();
    const { host, code, players } = await openRoom(ts, ['Ann']);
    clients.push(host, ...players.map((p) => p.client));
    const p = players[0]!.client;
    for (let i = 0; i < 3; i++) {
      p.send({ t: 'join', code, name: `Extra${i}` });
      expect(await p.next('refused')).toEqual({ t: 'refused', reason: 'bad-message', fatal: false });
    }
    const other = await openRoom(ts, ['Zed']);
    clients.push(other.host, ...other.players.map((x) => x.client));
    p.send({ t: 'rejoin', code: other.code, seatToken: other.players[0]!.seatToken });
    expect(await p.next('refused')).toEqual({ t: 'refused', reason: 'bad-message', fatal: false });
    const seats = host.received.filter((m) => m.t === 'seats').at(-1)!;
    expect(seats.seats).toHaveLength(1);
    // Its own seat again is fine (a resend after a hiccup).
    p.send({ t: 'rejoin', code, seatToken: players[0]!.seatToken });
    expect((await p.next('joined')).seatId).toBe(players[0]!.seatId);
  });
});
