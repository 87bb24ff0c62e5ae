/**
 * A property test against a live server (issue 13): generated message sequences from a host and several seats
 * (valid and broken actions, jumps in `seq`, huge proposals, garbage, publishes, host and phones dropping and
 * coming back). Whatever the sequence, the server keeps answering, a seat only ever receives its own view or
 * the lobby view, and what a room keeps for its host stays under its caps.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PendingCaps } from '../../src/server/pending.ts';
import { Client, openRoom, removeDir, startTestServer, type Msg, type TestServer } from './client.ts';

let ts: TestServer;
/** Small caps, so generated sequences reach them. */
const CAPS: PendingCaps = { seatActions: 8, seatBytes: 48 * 1024, roomActions: 16, roomBytes: 100 * 1024 };

beforeAll(async () => {
  ts = await startTestServer({ addressLimits: { failuresPerMinute: 1000, blockMs: 60_000, attemptsPerMinute: 10_000, opensPerMinute: 1000, codeFailuresPerMinute: 1000, totalFailuresPerMinute: 1000 }, pendingCaps: CAPS });
});

afterAll(async () => {
  await ts.close();
  removeDir(ts.dir);
});

const SEATS = 3;

const action = fc.oneof(
  fc.constant({ type: 'voteDone' }),
  fc.record({ type: fc.constant('dot'), proposalId: fc.string({ maxLength: 8 }) }),
  fc.record({ type: fc.constant('score'), proposalId: fc.constant('p1'), score: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ type: fc.constant('propose'), text: fc.string({ maxLength: 20 }), level: fc.constant('team') }),
  { weight: 3, arbitrary: fc.constant({ type: 'propose', text: 'ü'.repeat(10_000), level: 'team' }) },
  fc.anything({ maxDepth: 2 }),
);

/** How a seat's `seq` moves: mostly by one, sometimes resent, backwards, or jumping (far). */
const step = fc.oneof(
  { weight: 10, arbitrary: fc.constant(1) },
  fc.integer({ min: -3, max: 5 }),
  fc.constant(20_000),
  fc.constant(Number.MAX_SAFE_INTEGER),
);

const op = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('act' as const), p: fc.nat(SEATS - 1), step, action }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('garbage' as const), p: fc.nat(SEATS - 1), text: fc.string({ maxLength: 50 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('publish' as const), applyAll: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('hostDrop' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('hostBack' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('rejoin' as const), p: fc.nat(SEATS - 1) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('joinAgain' as const), p: fc.nat(SEATS - 1) }) },
);

function roomPending(code: string): { n: number; bytes: number; seatMax: number } {
  const db = new Database(ts.dbPath, { readonly: true });
  try {
    const rows = db.prepare('SELECT seat_id, COUNT(*) AS n, SUM(length(CAST(action AS BLOB))) AS bytes FROM pending WHERE code = ? GROUP BY seat_id').all(code) as Array<{ n: number; bytes: number }>;
    return { n: rows.reduce((s, r) => s + r.n, 0), bytes: rows.reduce((s, r) => s + r.bytes, 0), seatMax: Math.max(0, ...rows.map((r) => r.bytes)) };
  } finally {
    db.close();
  }
}

describe('property: a live server under generated sequences', () => {
  it('never crashes, never shows a seat another seat’s view, never grows without bound', async () => {
    let run = 0;
    let ownViews = 0;
    let fullRefusals = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        run++;
        const address = `127.0.7.${(run % 250) + 1}`;
        const names = Array.from({ length: SEATS }, (_, i) => `Seat${i}`);
        const room = await openRoom(ts, names, address);
        let host: Client | null = room.host;
        const all: Client[] = [room.host];
        const seats = room.players.map((p) => ({ ...p, clients: [p.client], seq: 0 }));
        for (const s of seats) all.push(s.client);
        const publish = (applyAll: boolean): void => {
          const views: Record<string, unknown> = {};
          const applied: Record<string, number> = {};
          for (const s of seats) {
            views[s.seatId] = { seat: s.seatId, pad: 'v'.repeat(200) };
            if (applyAll) applied[s.seatId] = s.seq;
          }
          host?.send({ t: 'publish', snapshot: { run }, views, lobbyView: { seat: 'lobby' }, applied });
        };
        try {
          for (const o of ops) {
            if (o.k === 'act') {
              const s = seats[o.p]!;
              const seq = o.step === Number.MAX_SAFE_INTEGER ? o.step : Math.max(0, s.seq + o.step);
              if (seq > s.seq && seq - s.seq <= 10_000) s.seq = seq;
              s.client.send({ t: 'act', seq, action: o.action });
            } else if (o.k === 'garbage') {
              seats[o.p]!.client.send(o.text);
            } else if (o.k === 'publish') {
              publish(o.applyAll);
            } else if (o.k === 'hostDrop') {
              host?.ws.terminate();
              host = null;
            } else if (o.k === 'hostBack' && host === null) {
              host = await Client.connect(ts.hostUrl(), address);
              all.push(host);
              host.send({ t: 'hello', code: room.code, hostToken: room.hostToken });
              await host.next((m) => m.t === 'welcome' || m.t === 'refused');
            } else if (o.k === 'rejoin') {
              const s = seats[o.p]!;
              s.client.ws.terminate();
              s.client = await Client.connect(ts.playUrl(), address);
              s.clients.push(s.client);
              all.push(s.client);
              s.client.send({ t: 'rejoin', code: room.code, seatToken: s.seatToken });
              const joined = await s.client.next((m) => m.t === 'joined' || m.t === 'refused');
              if (joined.t === 'joined') s.seq = Math.max(s.seq, joined.lastSeq as number);
            } else if (o.k === 'joinAgain') {
              seats[o.p]!.client.send({ t: 'join', code: room.code, name: 'Again' });
            }
          }
          // The server still answers everyone still connected, and a fresh phone can ping.
          for (const c of all) {
            if (c.isClosed || c.ws.readyState !== c.ws.OPEN) continue;
            c.send({ t: 'ping' });
            await c.next('pong', 5000);
          }
          const fresh = await Client.connect(ts.playUrl(), address);
          fresh.send({ t: 'ping' });
          await fresh.next('pong');
          fresh.ws.terminate();
          // Each seat saw only its own view or the lobby's.
          for (const s of seats) {
            const views = s.clients.flatMap((c) => c.received.filter((m: Msg) => m.t === 'view'));
            for (const v of views) expect([s.seatId, 'lobby', undefined]).toContain((v.view as Msg | null)?.seat);
            ownViews += views.filter((v) => (v.view as Msg | null)?.seat === s.seatId).length;
            fullRefusals += s.clients.flatMap((c) => c.received.filter((m: Msg) => m.reason === 'pending-full')).length;
          }
          // The host never got an action stamped with a seat other than the sender's (ids come from sockets).
          const ids = new Set(seats.map((s) => s.seatId));
          for (const c of all) for (const m of c.received) if (m.t === 'act') expect(ids.has(m.seatId as string)).toBe(true);
          const stored = roomPending(room.code);
          expect(stored.bytes).toBeLessThanOrEqual(CAPS.roomBytes);
          expect(stored.n).toBeLessThanOrEqual(CAPS.roomActions);
          expect(stored.seatMax).toBeLessThanOrEqual(CAPS.seatBytes);
        } finally {
          for (const c of all) c.ws.terminate();
        }
      }),
      // A fixed seed: the generated runs are the same each time, so "caps were reached" is never left to chance.
      { numRuns: 40, seed: 20261202 },
    );
    // Not vacuous: seats did get their own views, and caps were reached in some runs.
    expect(ownViews).toBeGreaterThan(0);
    expect(fullRefusals).toBeGreaterThan(0);
  }, 90_000);
});
