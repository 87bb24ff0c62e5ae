/**
 * Restart safety: the server is a child process, killed with SIGKILL in the middle of a vote and started again
 * with the same database. Rooms, seats, tokens, pending votes, the snapshot and the views are all there.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, freePort, openRoom, removeDir, startChildServer, startTestServer, type Msg } from './client.ts';
import type { ChildProcess } from 'node:child_process';

const children: ChildProcess[] = [];
const clients: Client[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.ws.terminate();
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const d of dirs.splice(0)) removeDir(d);
});

function killed(child: ChildProcess): Promise<void> {
  return new Promise((r) => {
    if (child.exitCode !== null || child.signalCode !== null) r();
    else child.once('exit', () => r());
  });
}

describe('restart safety', () => {
  it('keeps everything through kill -9 in the middle of a vote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ruimte-restart-'));
    dirs.push(dir);
    const port = await freePort();
    const env = { PORT: String(port), RUIMTE_DB: join(dir, 'rooms.sqlite'), DIST: join(dir, 'dist') };
    const first = await startChildServer(env);
    children.push(first.child);
    const url = (path: string) => `ws://127.0.0.1:${port}${path}`;
    const ts = { hostUrl: () => url('/room/host'), playUrl: () => url('/room/play') };

    const { host, code, hostToken, players } = await openRoom(ts as never, ['Ann', 'Bert', 'Chris']);
    clients.push(host, ...players.map((p) => p.client));
    const ids = players.map((p) => p.seatId);
    const views = Object.fromEntries(ids.map((id) => [id, { mine: `vote-screen-of-${id}` }]));
    host.send({ t: 'publish', snapshot: { phase: 'vote', saved: 42 }, views, lobbyView: { lobby: 1 }, applied: {} });
    for (const p of players) await p.client.next('view');

    // Votes arrive; the host has not applied (published) them yet.
    players.forEach((p, i) => p.client.send({ t: 'act', seq: 1, action: { type: 'dot', proposalId: `p${i}` } }));
    players[0]!.client.send({ t: 'act', seq: 2, action: { type: 'voteDone' } });
    for (const p of players) await p.client.next('ack');
    await players[0]!.client.next((m) => m.t === 'ack' && m.seq === 2);

    first.child.kill('SIGKILL');
    await killed(first.child);
    for (const c of [host, ...players.map((p) => p.client)]) await c.closed;

    const second = await startChildServer(env);
    children.push(second.child);
    const newHost = await Client.connect(ts.hostUrl());
    clients.push(newHost);
    newHost.send({ t: 'hello', code, hostToken });
    const welcome = await newHost.next('welcome');
    expect(welcome.snapshot).toEqual({ phase: 'vote', saved: 42 });
    expect(welcome.seats.map((s: Msg) => [s.id, s.name, s.connected])).toEqual([
      [ids[0], 'Ann', false],
      [ids[1], 'Bert', false],
      [ids[2], 'Chris', false],
    ]);
    const acts = [];
    for (let i = 0; i < 4; i++) acts.push(await newHost.next('act'));
    // In the order they arrived (across seats that order is the network's), each seat's own in sequence.
    expect(acts.map((a) => `${a.seatId} ${a.seq} ${a.action.type}`).sort()).toEqual(
      [`${ids[0]} 1 dot`, `${ids[0]} 2 voteDone`, `${ids[1]} 1 dot`, `${ids[2]} 1 dot`].sort(),
    );
    expect(acts.filter((a) => a.seatId === ids[0]).map((a) => a.seq)).toEqual([1, 2]);

    for (const p of players) {
      const again = await Client.connect(ts.playUrl());
      clients.push(again);
      again.send({ t: 'rejoin', code, seatToken: p.seatToken });
      expect((await again.next('joined')).seatId).toBe(p.seatId);
      expect((await again.next('view')).view).toEqual({ mine: `vote-screen-of-${p.seatId}` });
      // Resending the acknowledged vote after the restart: acked, not relayed twice.
      again.send({ t: 'act', seq: 1, action: { type: 'dot', proposalId: 'again' } });
      expect(await again.next('ack')).toEqual({ t: 'ack', seq: 1 });
    }
    expect(await newHost.quiet(200, 'act')).toEqual([]);
    second.child.kill('SIGTERM');
    await killed(second.child);
  }, 40_000);

  it('keeps a published state and the applied actions apart over a clean restart in-process', async () => {
    const ts1 = await startTestServer();
    dirs.push(ts1.dir);
    const { host, code, hostToken, players } = await openRoom(ts1, ['Ann']);
    const a = players[0]!;
    a.client.send({ t: 'act', seq: 1, action: { type: 'checkIn', cardId: 'c1' } });
    a.client.send({ t: 'act', seq: 2, action: { type: 'checkIn', cardId: 'c2' } });
    await host.next('act');
    await host.next('act');
    host.send({ t: 'publish', snapshot: { s: 1 }, views: { [a.seatId]: { v: 1 } }, lobbyView: null, applied: { [a.seatId]: 1 } });
    await a.client.next('view');
    await ts1.close();

    const ts2 = await startTestServer({ dbPath: ts1.dbPath }, ts1.dir);
    const h = await Client.connect(ts2.hostUrl());
    clients.push(h);
    h.send({ t: 'hello', code, hostToken });
    expect((await h.next('welcome')).snapshot).toEqual({ s: 1 });
    expect(await h.next('act')).toEqual({ t: 'act', seatId: a.seatId, seq: 2, action: { type: 'checkIn', cardId: 'c2' } });
    expect(await h.quiet(100, 'act')).toEqual([]);
    await ts2.close();
  });
});
