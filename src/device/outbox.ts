/**
 * Nothing a player taps is lost. Every action gets the next seq of this room (a counter kept on the device)
 * and stays in the device's store until the server's `ack` for it arrives. After every (re)connect and rejoin the
 * device sends what is still pending, in order; the server ignores a seq it already stored.
 *
 * An ack covers its seq and every earlier one: on one connection messages arrive in order, so anything
 * older that is still pending was either stored or refused and will never be acknowledged on its own.
 */
import type { PlayerAction } from '../net/protocol.ts';
import { EMPTY_OUTBOX, type OutboxRecord, type Pending } from './store.ts';

export interface OutboxStore {
  load(): OutboxRecord;
  save(record: OutboxRecord): void;
}

export class Outbox {
  private record: OutboxRecord;

  constructor(private readonly store: OutboxStore) {
    this.record = store.load();
  }

  /** Ties the outbox to a seat; actions made from another seat are dropped (the counter keeps going). */
  useSeat(seatId: string): void {
    if (this.record.seatId === seatId) return;
    this.record = { seatId, nextSeq: this.record.nextSeq, pending: this.record.seatId === null ? this.record.pending : [] };
    this.store.save(this.record);
  }

  /** Stores the action under the next seq, before anything is sent. */
  add(action: PlayerAction): Pending {
    const entry: Pending = { seq: this.record.nextSeq, action };
    this.record = { ...this.record, nextSeq: entry.seq + 1, pending: [...this.record.pending, entry] };
    this.store.save(this.record);
    return entry;
  }

  /** Drops every pending action up to and including `seq`; returns the ones dropped. */
  ack(seq: number): Pending[] {
    const done = this.record.pending.filter((p) => p.seq <= seq);
    if (done.length === 0) return [];
    this.record = { ...this.record, pending: this.record.pending.filter((p) => p.seq > seq) };
    this.store.save(this.record);
    return done;
  }

  /**
   * After (re)joining, the server says the highest seq it stored for this seat. Pending actions at or below it
   * were stored (their acks were lost with the connection) and go. A counter behind the server (this device's
   * storage was cleared while the seat lived on) moves past it, with anything pending renumbered after it, so
   * new actions are not mistaken for old ones and silently dropped.
   */
  catchUp(lastSeq: number): void {
    if (!Number.isInteger(lastSeq) || lastSeq < 0) return;
    if (this.record.nextSeq > lastSeq) {
      this.ack(lastSeq);
      return;
    }
    const pending = this.record.pending.map((p, i) => ({ ...p, seq: lastSeq + 1 + i }));
    this.record = { ...this.record, nextSeq: lastSeq + 1 + pending.length, pending };
    this.store.save(this.record);
  }

  /** What still waits for an ack, oldest first. */
  pending(): readonly Pending[] {
    return this.record.pending;
  }

  get nextSeq(): number {
    return this.record.nextSeq;
  }

  /** Forgets every pending action (the seat is gone). */
  clear(): void {
    this.record = { ...EMPTY_OUTBOX, nextSeq: this.record.nextSeq };
    this.store.save(this.record);
  }
}

/** Sends every pending action in order through `send`; stops at the first that cannot leave (line down). */
export function resend(outbox: Outbox, send: (msg: { t: 'act'; seq: number; action: PlayerAction }) => boolean): number {
  let sent = 0;
  for (const p of outbox.pending()) {
    if (!send({ t: 'act', seq: p.seq, action: p.action })) break;
    sent += 1;
  }
  return sent;
}
