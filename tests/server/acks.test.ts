/**
 * Acknowledgements while the shared screen is there: an action's ack waits for the screen's view and goes out in
 * front of it (one write, one packet on the room's Wi-Fi), and still comes alone when the screen does not answer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACK_WAIT_MS } from '../../src/server/outbox.ts';
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

async function room(names: string[]) {
  const r = await openRoom(ts, names);
  clients.push(r.host, ...r.players.map((p) => p.client));
  return r;
}

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

  it('sends the ack alone when the screen does not answer', async () => {
    const { host, players } = await room(['Ann']);
    const [a] = players;
    const sent = Date.now();
    a!.client.send({ t: 'act', seq: 1, action: { type: 'voteDone' } });
    await host.next('act');
    expect(await a!.client.next('ack')).toEqual({ t: 'ack', seq: 1 });
    expect(Date.now() - sent).toBeGreaterThanOrEqual(ACK_WAIT_MS - 20);
  });

  it('acks at once while the screen is away', async () => {
    const { host, players } = await room(['Ann']);
    const [a] = players;
    host.ws.terminate();
    await a!.client.next('hostGone');
    const sent = Date.now();
    a!.client.send({ t: 'act', seq: 1, action: { type: 'voteDone' } });
    expect(await a!.client.next('ack')).toEqual({ t: 'ack', seq: 1 });
    expect(Date.now() - sent).toBeLessThan(ACK_WAIT_MS);
  });
});
