/**
 * What a room holds for its host: the actions received and not yet applied, per seat, with their sizes, so the
 * room stays bounded (issue 13: with the host away, twelve seats sending 10,000-character proposals filled the
 * disk). The database has the actions themselves; this keeps their numbers and sizes in memory.
 */

/** Caps on the actions a room keeps for its host: per seat and per room, in actions and in bytes (UTF-8). */
export interface PendingCaps {
  readonly seatActions: number;
  readonly seatBytes: number;
  readonly roomActions: number;
  readonly roomBytes: number;
}

/**
 * A seat may keep 100 actions / 96 KiB waiting (two 10,000-character proposals in any script and plenty of
 * votes), a room 600 actions / 384 KiB: well under 1 MB, and more than a whole session of proposals.
 */
export const DEFAULT_PENDING_CAPS: PendingCaps = {
  seatActions: 100,
  seatBytes: 96 * 1024,
  roomActions: 600,
  roomBytes: 384 * 1024,
};

interface SeatPending {
  /** Sequence numbers, ascending, and the size of each action. */
  readonly seqs: number[];
  readonly sizes: number[];
  bytes: number;
}

export class PendingLedger {
  private readonly bySeat = new Map<string, SeatPending>();
  count = 0;
  bytes = 0;

  /** From the database: rows in ascending `seq` per seat. */
  static from(rows: Iterable<{ readonly seatId: string; readonly seq: number; readonly bytes: number }>): PendingLedger {
    const ledger = new PendingLedger();
    for (const r of rows) ledger.add(r.seatId, r.seq, r.bytes);
    return ledger;
  }

  /** Which cap an action of `bytes` from this seat would break, or null when it fits. */
  refusal(seatId: string, bytes: number, caps: PendingCaps): 'seat' | 'room' | null {
    const seat = this.bySeat.get(seatId);
    if ((seat?.seqs.length ?? 0) + 1 > caps.seatActions || (seat?.bytes ?? 0) + bytes > caps.seatBytes) return 'seat';
    if (this.count + 1 > caps.roomActions || this.bytes + bytes > caps.roomBytes) return 'room';
    return null;
  }

  add(seatId: string, seq: number, bytes: number): void {
    let seat = this.bySeat.get(seatId);
    if (!seat) {
      seat = { seqs: [], sizes: [], bytes: 0 };
      this.bySeat.set(seatId, seat);
    }
    seat.seqs.push(seq);
    seat.sizes.push(bytes);
    seat.bytes += bytes;
    this.count++;
    this.bytes += bytes;
  }

  /** Drops a seat's actions up to `seq`; returns whether there were any. */
  dropUpTo(seatId: string, seq: number): boolean {
    const seat = this.bySeat.get(seatId);
    if (!seat || seat.seqs[0]! > seq) return false;
    let n = 0;
    let bytes = 0;
    while (n < seat.seqs.length && seat.seqs[n]! <= seq) bytes += seat.sizes[n++]!;
    seat.seqs.splice(0, n);
    seat.sizes.splice(0, n);
    seat.bytes -= bytes;
    this.count -= n;
    this.bytes -= bytes;
    if (seat.seqs.length === 0) this.bySeat.delete(seatId);
    return true;
  }

  removeSeat(seatId: string): void {
    const seat = this.bySeat.get(seatId);
    if (!seat) return;
    this.count -= seat.seqs.length;
    this.bytes -= seat.bytes;
    this.bySeat.delete(seatId);
  }
}
