/** The outbox: nothing a player taps is lost, every action is sent in order until its ack arrives. */
import { describe, expect, it } from 'vitest';
import { Outbox, resend } from '../../src/device/outbox.ts';
import { DeviceStore, outboxKey } from '../../src/device/store.ts';
import { memoryStore } from '../../src/storage/index.ts';
import type { PlayerAction } from '../../src/net/protocol.ts';

function make(kv = memoryStore()) {
  const store = new DeviceStore(kv);
  const outbox = new Outbox({ load: () => store.outbox('ABC234'), save: (r) => store.saveOutbox('ABC234', r) });
  outbox.useSeat('s1');
  return { kv, outbox };
}

const dot = (proposalId: string): PlayerAction => ({ type: 'dot', proposalId });

describe('the outbox', () => {
  it('numbers actions 1, 2, 3… and stores each before it is sent', () => {
    const { kv, outbox } = make();
    expect(outbox.add(dot('p1')).seq).toBe(1);
    expect(outbox.add(dot('p2')).seq).toBe(2);
    expect(JSON.parse(kv.readRaw(outboxKey('ABC234'))!).pending).toHaveLength(2);
    expect(outbox.pending().map((p) => p.seq)).toEqual([1, 2]);
  });

  it('after a rejoin drops what the server already stored, and moves a counter that fell behind past it', () => {
    const { outbox } = make();
    for (const id of ['p1', 'p2', 'p3']) outbox.add(dot(id));
    // The acks of 1 and 2 were lost with the connection; the server says it stored up to 2.
    outbox.catchUp(2);
    expect(outbox.pending().map((p) => p.seq)).toEqual([3]);
    expect(outbox.nextSeq).toBe(4);

    // This device's storage was cleared while the seat lived on: new taps must not reuse stored numbers.
    const fresh = make();
    fresh.outbox.add(dot('p9'));
    fresh.outbox.catchUp(7);
    expect(fresh.outbox.pending().map((p) => [p.seq, p.action])).toEqual([[8, dot('p9')]]);
    expect(fresh.outbox.add(dot('p8')).seq).toBe(9);
  });

  it('drops what an ack covers, and an ack covers every earlier seq', () => {
    const { outbox } = make();
    for (const id of ['p1', 'p2', 'p3', 'p4']) outbox.add(dot(id));
    expect(outbox.ack(2).map((p) => p.seq)).toEqual([1, 2]);
    expect(outbox.pending().map((p) => p.seq)).toEqual([3, 4]);
    expect(outbox.ack(2)).toEqual([]);
    expect(outbox.ack(99).map((p) => p.seq)).toEqual([3, 4]);
    expect(outbox.pending()).toEqual([]);
    // the counter never goes back
    expect(outbox.add(dot('p5')).seq).toBe(5);
  });

  it('survives a reload: the counter and unacknowledged actions come back', () => {
    const { kv, outbox } = make();
    outbox.add({ type: 'checkIn', cardId: 'checkin-proud' });
    outbox.add(dot('p1'));
    outbox.ack(1);
    const again = make(kv).outbox;
    expect(again.pending()).toEqual([{ seq: 2, action: dot('p1') }]);
    expect(again.add({ type: 'voteDone' }).seq).toBe(3);
  });

  it('resends everything pending in order, and stops where the line is down', () => {
    const { outbox } = make();
    outbox.add(dot('p1'));
    outbox.add({ type: 'undot', proposalId: 'p1' });
    outbox.add({ type: 'voteDone' });
    const sent: number[] = [];
    expect(resend(outbox, (m) => (sent.push(m.seq), true))).toBe(3);
    expect(sent).toEqual([1, 2, 3]);
    // nothing is dropped by sending: only an ack drops
    expect(outbox.pending()).toHaveLength(3);
    const partial: number[] = [];
    expect(resend(outbox, (m) => (m.seq < 2 ? (partial.push(m.seq), true) : false))).toBe(1);
    expect(partial).toEqual([1]);
  });

  it('a vote tapped offline is sent after reconnecting, once acked never again', () => {
    const { kv, outbox } = make();
    outbox.add(dot('p1')); // the line is down: nothing sent
    const after = make(kv).outbox; // the phone reloads
    const wire: { t: 'act'; seq: number; action: PlayerAction }[] = [];
    resend(after, (m) => (wire.push(m), true));
    expect(wire).toEqual([{ t: 'act', seq: 1, action: dot('p1') }]);
    after.ack(1);
    wire.length = 0;
    resend(after, (m) => (wire.push(m), true));
    expect(wire).toEqual([]);
  });

  it('never sends one seat’s actions for another seat, and keeps counting', () => {
    const { kv, outbox } = make();
    outbox.add(dot('p1'));
    outbox.add(dot('p2'));
    const other = make(kv).outbox;
    other.useSeat('s7');
    expect(other.pending()).toEqual([]);
    expect(other.add(dot('p3')).seq).toBe(3);
    other.clear();
    expect(other.pending()).toEqual([]);
    expect(other.nextSeq).toBe(4);
  });
});
