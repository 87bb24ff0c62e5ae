/**
 * The room server with real sockets on loopback: rooms, seats, relaying actions, per-seat views (a seat never
 * gets another seat's view), reconnecting, host takeover, locking, removing, closing and expiry.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH } from '../../src/net/protocol.ts';
import { Client, openRoom, removeDir, startTestServer, type Msg, type TestServer } from './client.ts';

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

/** The test's server replaced by one started with `options`. */
async function restartWith(options: Parameters<typeof startTestServer>[0]) {
  await ts.close();
  removeDir(ts.dir);
  ts = await startTestServer(options);
}

async function room(names: string[]) {
  const r = await openRoom(ts, names);
  clients.push(r.host, ...r.players.map((p) => p.client));
  return r;
}

const secret = (seatId: string, n = 0) => `secret-of-${seatId}-${n}`;
const viewsFor = (seatIds: string[], n = 0): Record<string, unknown> =>
  Object.fromEntries(seatIds.map((id) => [id, { mine: secret(id, n), round: n }]));

describe('rooms and seats', () => {
  it('a host opens a room and three players join and get seats', async () => {
    const host = await Client.connect(ts.hostUrl());
    clients.push(host);
    host.send({ t: 'open' });
    const opened = await host.next('opened');
    expect(opened.code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`));
    expect(opened.hostToken).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const seatIds: string[] = [];
    for (const name of ['Ann', 'Bert', '<b>Chris</b>']) {
      const p = await Client.connect(ts.playUrl());
      clients.push(p);
      p.send({ t: 'join', code: opened.code, name });
      const joined = await p.next('joined');
      expect(joined).toMatchObject({ code: opened.code });
      // The name went sealed: the server has no name to answer with.
      expect(joined).not.toHaveProperty('name');
      expect(joined.seatId).toMatch(/^s[A-Za-z0-9]{10}$/);
      expect(joined.seatToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
      seatIds.push(joined.seatId);
    }
    expect(new Set(seatIds).size).toBe(3);
    const seats = await host.next((m) => m.t === 'seats' && m.seats.length === 3);
    expect(seats.seats).toEqual([
      { id: seatIds[0], name: 'Ann', connected: true },
      { id: seatIds[1], name: 'Bert', connected: true },
      { id: seatIds[2], name: '<b>Chris</b>', connected: true },
    ]);
  });

  it('relays an anonymous proposal with the seat id stamped by the server, and each seat gets only its own view', async () => {
    const { host, players } = await room(['Ann', 'Bert', 'Chris']);
    const [a, b, c] = players;
    // The device tries to claim another seat: the server ignores anything but its own socket's seat.
    a!.client.send({ t: 'act', seq: 1, seatId: b!.seatId, by: b!.seatId, action: { type: 'propose', text: 'More breaks', level: 'team' } });
    expect(await a!.client.next('ack')).toEqual({ t: 'ack', seq: 1 });
    const act = await host.next('act');
    expect(act).toEqual({ t: 'act', seatId: a!.seatId, seq: 1, action: { type: 'propose', text: 'More breaks', level: 'team' } });

    const ids = players.map((p) => p.seatId);
    host.send({ t: 'publish', snapshot: { step: 1 }, views: viewsFor([a!.seatId, b!.seatId]), lobbyView: { lobby: true }, applied: { [a!.seatId]: 1 } });
    expect((await a!.client.next('view')).view).toEqual({ mine: secret(a!.seatId), round: 0 });
    expect((await b!.client.next('view')).view).toEqual({ mine: secret(b!.seatId), round: 0 });
    // No view for Chris: the lobby view.
    expect((await c!.client.next('view')).view).toEqual({ lobby: true });
    await a!.client.quiet(100);
    for (const p of players) {
      const others = ids.filter((id) => id !== p.seatId);
      const all = p.client.raw.join('\n');
      for (const other of others) expect(all).not.toContain(secret(other));
      expect(p.client.received.filter((m) => m.t === 'view')).toHaveLength(1);
    }
  });

  it('keeps a secret vote secret through a burst of votes', async () => {
    const { host, players } = await room(['Ann', 'Bert', 'Chris']);
    const ids = players.map((p) => p.seatId);
    const applied: Record<string, number> = {};
    let round = 0;
    // The host answers every act with a publish, as the shared screen does.
    const answered = (async () => {
      for (let i = 0; i < players.length * 5; i++) {
        const act = await host.next('act');
        applied[act.seatId] = act.seq;
        round++;
        host.send({ t: 'publish', snapshot: { round }, views: viewsFor(ids, round), lobbyView: null, applied: { ...applied } });
      }
    })();
    for (let seq = 1; seq <= 5; seq++) {
      for (const p of players) p.client.send({ t: 'act', seq, action: { type: 'dot', proposalId: `p${seq}` } });
    }
    await answered;
    for (const p of players) {
      const acks = [];
      for (let seq = 1; seq <= 5; seq++) acks.push((await p.client.next((m) => m.t === 'ack' && m.seq === seq)).seq);
      expect(acks).toEqual([1, 2, 3, 4, 5]);
      await p.client.next((m) => m.t === 'view' && m.view?.round === round);
    }
    for (const p of players) {
      const all = p.client.raw.join('\n');
      for (const other of ids.filter((id) => id !== p.seatId)) expect(all).not.toContain(`secret-of-${other}`);
      expect(p.client.received.filter((m) => m.t === 'view').every((m) => String(m.view?.mine).startsWith(`secret-of-${p.seatId}-`))).toBe(true);
    }
    // Every vote reached the host exactly once, stamped with its own seat.
    const acts = host.received.filter((m) => m.t === 'act');
    expect(acts).toHaveLength(15);
    for (const id of ids) expect(acts.filter((m) => m.seatId === id).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('lets a player reconnect with the seat token: its own last view, old actions acked but not relayed twice', async () => {
    const { host, code, players } = await room(['Ann', 'Bert']);
    const [a, b] = players;
    a!.client.send({ t: 'act', seq: 1, action: { type: 'dot', proposalId: 'p1' } });
    await host.next('act');
    host.send({ t: 'publish', snapshot: {}, views: viewsFor([a!.seatId, b!.seatId], 7), lobbyView: null, applied: {} });
    await a!.client.next('view');

    await a!.client.close();
    const gone = await host.next((m) => m.t === 'seats' && m.seats.some((s: Msg) => s.id === a!.seatId && !s.connected));
    expect(gone.seats.find((s: Msg) => s.id === b!.seatId).connected).toBe(true);

    const again = await Client.connect(ts.playUrl());
    clients.push(again);
    again.send({ t: 'rejoin', code, seatToken: a!.seatToken });
    // It also learns the highest action number stored for the seat, so a device that lost its counter catches up.
    expect(await again.next('joined')).toEqual({ t: 'joined', code, seatId: a!.seatId, seatToken: a!.seatToken, lastSeq: 1 });
    expect((await again.next('view')).view).toEqual({ mine: secret(a!.seatId, 7), round: 7 });
    await host.next((m) => m.t === 'seats' && m.seats.find((s: Msg) => s.id === a!.seatId)?.connected === true);

    // The device resends its unacknowledged action: acked again, not relayed again.
    again.send({ t: 'act', seq: 1, action: { type: 'dot', proposalId: 'p1' } });
    expect(await again.next('ack')).toEqual({ t: 'ack', seq: 1 });
    expect(await host.quiet(200, 'act')).toEqual([]);
    again.send({ t: 'act', seq: 2, action: { type: 'voteDone' } });
    expect(await host.next('act')).toEqual({ t: 'act', seatId: a!.seatId, seq: 2, action: { type: 'voteDone' } });

    // A second socket for the same seat replaces the first.
    const third = await Client.connect(ts.playUrl());
    clients.push(third);
    third.send({ t: 'rejoin', code, seatToken: a!.seatToken });
    await third.next('joined');
    expect(await again.next('refused')).toEqual({ t: 'refused', reason: 'replaced', fatal: true });
    await again.closed;
  });

  it('hands the room to a second host socket with the token: last snapshot and pending actions', async () => {
    const { host, code, hostToken, players } = await room(['Ann', 'Bert']);
    const [a, b] = players;
    host.send({ t: 'publish', snapshot: { saved: 'session-1' }, views: viewsFor([a!.seatId, b!.seatId], 1), lobbyView: null, applied: {} });
    await a!.client.next('view');
    await b!.client.next('view');
    a!.client.send({ t: 'act', seq: 1, action: { type: 'dot', proposalId: 'p1' } });
    b!.client.send({ t: 'act', seq: 1, action: { type: 'dot', proposalId: 'p2' } });
    await a!.client.next('ack');
    await b!.client.next('ack');
    await host.next('act');
    await host.next('act');
    host.send({ t: 'lock', locked: true });

    const second = await Client.connect(ts.hostUrl());
    clients.push(second);
    second.send({ t: 'hello', code, hostToken });
    const welcome = await second.next('welcome');
    expect(welcome).toEqual({
      t: 'welcome',
      code,
      locked: true,
      snapshot: { saved: 'session-1' },
      seats: [
        { id: a!.seatId, name: 'Ann', connected: true },
        { id: b!.seatId, name: 'Bert', connected: true },
      ],
    });
    // Not yet applied by any publish: both votes again, in order.
    expect(await second.next('act')).toEqual({ t: 'act', seatId: a!.seatId, seq: 1, action: { type: 'dot', proposalId: 'p1' } });
    expect(await second.next('act')).toEqual({ t: 'act', seatId: b!.seatId, seq: 1, action: { type: 'dot', proposalId: 'p2' } });
    expect(await host.next('refused')).toEqual({ t: 'refused', reason: 'replaced', fatal: true });
    await host.closed;
    // The players see the (new) host: their views again, and no hostGone.
    expect((await a!.client.next('view')).view).toEqual({ mine: secret(a!.seatId, 1), round: 1 });
    expect((await b!.client.next('view')).view).toEqual({ mine: secret(b!.seatId, 1), round: 1 });
    expect(a!.client.received.some((m) => m.t === 'hostGone')).toBe(false);

    // Applied actions are not resent to the next host.
    second.send({ t: 'publish', snapshot: { saved: 'session-2' }, views: {}, lobbyView: null, applied: { [a!.seatId]: 1 } });
    await a!.client.next('view', 1000).catch(() => undefined);
    const third = await Client.connect(ts.hostUrl());
    clients.push(third);
    third.send({ t: 'hello', code, hostToken });
    expect((await third.next('welcome')).snapshot).toEqual({ saved: 'session-2' });
    expect(await third.next('act')).toMatchObject({ seatId: b!.seatId, seq: 1 });
    expect(await third.quiet(150, 'act')).toEqual([]);
  });

  it('tells players when the host goes away and gives them their views when it is back', async () => {
    const { host, code, hostToken, players } = await room(['Ann']);
    const [a] = players;
    host.send({ t: 'publish', snapshot: {}, views: viewsFor([a!.seatId], 3), lobbyView: null, applied: {} });
    await a!.client.next('view');
    await host.close();
    expect(await a!.client.next('hostGone')).toEqual({ t: 'hostGone' });
    // Actions still count while the host is away, and wait for it.
    a!.client.send({ t: 'act', seq: 1, action: { type: 'voteDone' } });
    await a!.client.next('ack');
    const back = await Client.connect(ts.hostUrl());
    clients.push(back);
    back.send({ t: 'hello', code, hostToken });
    await back.next('welcome');
    expect(await back.next('act')).toMatchObject({ seatId: a!.seatId, seq: 1 });
    expect((await a!.client.next('view')).view).toEqual({ mine: secret(a!.seatId, 3), round: 3 });
  });

  it('drops a socket that stops answering WebSocket pings', async () => {
    await ts.close();
    removeDir(ts.dir);
    // A ping every 400 ms: a loaded machine that does not run the test for a moment does not drop the live socket.
    ts = await startTestServer({ heartbeatMs: 400 });
    const { host, code } = await room([]);
    const alive = await Client.connect(ts.playUrl());
    const dead = await Client.connect(ts.playUrl(), '127.0.0.1', { autoPong: false });
    clients.push(alive, dead);
    alive.send({ t: 'join', code, name: 'Alive' });
    dead.send({ t: 'join', code, name: 'Dead' });
    const deadSeat = (await dead.next('joined')).seatId;
    await alive.next('joined');
    const closed = await Promise.race([dead.closed, new Promise((r) => setTimeout(() => r('still open'), 5000))]);
    expect(closed).toMatchObject({ code: 1006 });
    await host.next((m) => m.t === 'seats' && m.seats.some((s: Msg) => s.id === deadSeat && !s.connected));
    expect(alive.isClosed).toBe(false);
  });

  it('answers ping with pong on both sockets', async () => {
    const { host, players } = await room(['Ann']);
    host.send({ t: 'ping' });
    players[0]!.client.send({ t: 'ping' });
    expect(await host.next('pong')).toEqual({ t: 'pong' });
    expect(await players[0]!.client.next('pong')).toEqual({ t: 'pong' });
  });

  it('refuses joins to a locked room, but lets its seats reconnect', async () => {
    const { host, code, players } = await room(['Ann']);
    host.send({ t: 'lock', locked: true });
    host.send({ t: 'ping' });
    await host.next('pong');
    const late = await Client.connect(ts.playUrl());
    clients.push(late);
    late.send({ t: 'join', code, name: 'Late' });
    expect(await late.next('refused')).toEqual({ t: 'refused', reason: 'locked', fatal: true });
    await late.closed;

    await players[0]!.client.close();
    const again = await Client.connect(ts.playUrl());
    clients.push(again);
    again.send({ t: 'rejoin', code, seatToken: players[0]!.seatToken });
    expect((await again.next('joined')).seatId).toBe(players[0]!.seatId);

    host.send({ t: 'lock', locked: false });
    const later = await Client.connect(ts.playUrl());
    clients.push(later);
    later.send({ t: 'join', code, name: 'Later' });
    expect((await later.next('joined')).seatId).toMatch(/^s[A-Za-z0-9]+$/);
  });

  it('refuses the thirteenth seat', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `P${i + 1}`);
    const { code } = await room(names);
    const extra = await Client.connect(ts.playUrl());
    clients.push(extra);
    extra.send({ t: 'join', code, name: 'Thirteen' });
    expect(await extra.next('refused')).toEqual({ t: 'refused', reason: 'full', fatal: true });
  });

  it('removes a seat: its socket is refused and closed, its token no longer works', async () => {
    const { host, code, players } = await room(['Ann', 'Bert']);
    const [a, b] = players;
    host.send({ t: 'remove', seatId: a!.seatId });
    expect(await a!.client.next('refused')).toEqual({ t: 'refused', reason: 'removed', fatal: true });
    await a!.client.closed;
    const seats = await host.next((m) => m.t === 'seats' && m.seats.length === 1);
    expect(seats.seats).toEqual([{ id: b!.seatId, name: 'Bert', connected: true }]);

    const again = await Client.connect(ts.playUrl());
    clients.push(again);
    again.send({ t: 'rejoin', code, seatToken: a!.seatToken });
    expect(await again.next('refused')).toEqual({ t: 'refused', reason: 'bad-token', fatal: true });
    // The removed seat gets no views any more.
    host.send({ t: 'publish', snapshot: {}, views: viewsFor([a!.seatId, b!.seatId]), lobbyView: null, applied: {} });
    await b!.client.next('view');
    expect(a!.client.received.some((m) => m.t === 'view')).toBe(false);
  });

  it('closes a room: players are sent away and the code is gone', async () => {
    const { host, code, hostToken, players } = await room(['Ann']);
    host.send({ t: 'close' });
    expect(await players[0]!.client.next('refused')).toEqual({ t: 'refused', reason: 'no-room', fatal: true });
    const h2 = await Client.connect(ts.hostUrl());
    clients.push(h2);
    h2.send({ t: 'hello', code, hostToken });
    expect(await h2.next('refused')).toEqual({ t: 'refused', reason: 'no-room', fatal: true });
    // The old host socket may open a new room.
    host.send({ t: 'open' });
    expect((await host.next('opened')).code).not.toBe(code);
  });
});

describe('room expiry', () => {
  it('deletes rooms after their TTL and sends everyone away', async () => {
    await ts.close();
    removeDir(ts.dir);
    ts = await startTestServer({ roomTtlMs: 1000, sweepMs: 50 });
    const { host, code, players } = await room(['Ann']);
    expect(await players[0]!.client.next('refused', 4000)).toEqual({ t: 'refused', reason: 'no-room', fatal: true });
    expect(await host.next('refused', 2000)).toEqual({ t: 'refused', reason: 'no-room', fatal: true });
    const late = await Client.connect(ts.playUrl());
    clients.push(late);
    late.send({ t: 'join', code, name: 'Late' });
    expect(await late.next('refused')).toEqual({ t: 'refused', reason: 'no-room', fatal: true });
    expect(ts.logs.some((l) => l.includes('expired'))).toBe(true);
  });

  it('answers no-room for an expired room even before the sweep', async () => {
    await ts.close();
    removeDir(ts.dir);
    ts = await startTestServer({ roomTtlMs: 200, sweepMs: 3_600_000 });
    const { code, hostToken } = await room([]);
    await new Promise((r) => setTimeout(r, 300));
    const p = await Client.connect(ts.playUrl());
    const h = await Client.connect(ts.hostUrl());
    clients.push(p, h);
    p.send({ t: 'join', code, name: 'Ann' });
    h.send({ t: 'hello', code, hostToken });
    expect(await p.next('refused')).toEqual({ t: 'refused', reason: 'no-room', fatal: true });
    expect(await h.next('refused')).toEqual({ t: 'refused', reason: 'no-room', fatal: true });
  });

  it('keeps a room alive while it is used', async () => {
    await ts.close();
    removeDir(ts.dir);
    // Used every 300 ms for 2.4 s, well past its 1.5 s lifetime.
    ts = await startTestServer({ roomTtlMs: 1500, sweepMs: 50 });
    const { host, players } = await room(['Ann']);
    for (let seq = 1; seq <= 8; seq++) {
      await new Promise((r) => setTimeout(r, 300));
      players[0]!.client.send({ t: 'act', seq, action: { type: 'voteDone' } });
      await host.next('act');
    }
    expect(players[0]!.client.received.some((m) => m.t === 'refused')).toBe(false);
  });
});

// While the screen is there, an action's ack waits for the screen's view and goes out in front of it (one write,
// one packet on the room's Wi-Fi), and still comes alone when the screen does not answer.
describe('acks with the screen there', () => {
  it('a phone reads the ack of its vote before the view that counts it', async () => {
    const { host, players } = await room(['Ann', 'Bert']);
    const [a, b] = players;
    for (let seq = 1; seq <= 3; seq++) {
      a!.client.send({ t: 'act', seq, action: { type: 'dot', proposalId: `p${seq}` } });
      const act = await host.next((m) => m.t === 'act' && m.seq === seq);
      expect(act.seatId).toBe(a!.seatId);
      host.send({ t: 'publish', snapshot: { step: seq }, views: { [a!.seatId]: { dots: seq }, [b!.seatId]: { dots: 0 } }, lobbyView: null, applied: { [a!.seatId]: seq } });
      await a!.client.next((m) => m.t === 'view' && m.view.dots === seq);
    }
    const order = a!.client.received.filter((m) => m.t === 'ack' || m.t === 'view').map((m) => (m.t === 'ack' ? `ack ${m.seq}` : `view ${m.view.dots}`));
    // Each ack right before its view: the phone never sees a view count a vote it still shows as unsent.
    expect(order.slice(-6)).toEqual(['ack 1', 'view 1', 'ack 2', 'view 2', 'ack 3', 'view 3']);
  });

  // Both hold times are set far from how long a round trip takes, so a slow or loaded machine cannot fail them.
  it('sends the ack alone when the screen does not answer', async () => {
    await restartWith({ ackWaitMs: 600 });
    const { host, players } = await room(['Ann']);
    const [a] = players;
    a!.client.send({ t: 'act', seq: 1, action: { type: 'voteDone' } });
    await host.next('act');
    const since = Date.now();
    expect(await a!.client.next('ack')).toEqual({ t: 'ack', seq: 1 });
    // Held, not sent with the commit: the screen got the action before the hold started.
    expect(Date.now() - since).toBeGreaterThanOrEqual(600 - 100);
  });

  it('acks at once while the screen is away', async () => {
    // An ack held for a minute would miss the client's 3 s wait: this one must not be held at all.
    await restartWith({ ackWaitMs: 60_000 });
    const { host, players } = await room(['Ann']);
    const [a] = players;
    host.ws.terminate();
    await a!.client.next('hostGone');
    a!.client.send({ t: 'act', seq: 1, action: { type: 'voteDone' } });
    expect(await a!.client.next('ack')).toEqual({ t: 'ack', seq: 1 });
  });
});
