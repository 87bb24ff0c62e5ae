/**
 * The room server's storage: one SQLite file (better-sqlite3, WAL). Every change is written here, synchronously,
 * before the server acknowledges or relays it, so the process can be killed at any moment and started again
 * with the same file: rooms, seats, tokens, pending actions, the last snapshot and views are all there.
 *
 * Snapshot, views and actions are stored as the JSON text they arrived as (after validation); the server never
 * looks inside them. Names are plain text (until they arrive encrypted, issue 13 item 1).
 *
 * At rest: host tokens, seat tokens and move keys only as SHA-256 hashes (`tokens.ts`); the file and its WAL
 * and shared-memory files readable by the owner only (0600); `secure_delete` zeroes what is deleted, and after a
 * room is deleted the WAL is checkpointed and truncated (`needsCheckpoint`), so a closed or expired room leaves
 * nothing readable in the files.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { hashToken } from './tokens.ts';

/**
 * 2: the published state moved to its own table (a database of version 1 gets that table, idempotently).
 * 3: tokens stored as hashes (plain tokens of version 2 are hashed in place), one-time move keys.
 */
const SCHEMA_VERSION = 3;
const OWNER_ONLY = 0o600;

export interface RoomRow {
  readonly code: string;
  /** SHA-256 of the host token. */
  readonly hostTokenHash: string;
  /** SHA-256 of the one-time move key and until when it works, or null. */
  readonly moveKeyHash: string | null;
  readonly moveKeyUntil: number;
  readonly locked: boolean;
  readonly createdAt: number;
  readonly lastActive: number;
}

export interface SeatRow {
  readonly id: string;
  readonly code: string;
  /** The phone's join card (name and seat secret), sealed with the room key: the server cannot read it. */
  readonly name: string;
  readonly lastSeq: number;
}

export interface PendingRow {
  readonly seatId: string;
  readonly seq: number;
  /** JSON text of the action. */
  readonly action: string;
}

export interface PublishedState {
  /** JSON text of the snapshot, or null before the first publish. */
  readonly snapshot: string | null;
  /** JSON text of the views object (seat id → view), or null. */
  readonly views: string | null;
  /** JSON text of the lobby view, or null when there is none. */
  readonly lobbyView: string | null;
}

interface RawRoom {
  code: string;
  host_token: string;
  move_key: string | null;
  move_until: number | null;
  locked: number;
  created_at: number;
  last_active: number;
}

interface RawSeat {
  id: string;
  code: string;
  name: string;
  last_seq: number;
}

const toRoom = (r: RawRoom): RoomRow => ({
  code: r.code,
  hostTokenHash: r.host_token,
  moveKeyHash: r.move_key,
  moveKeyUntil: r.move_until ?? 0,
  locked: r.locked !== 0,
  createdAt: r.created_at,
  lastActive: r.last_active,
});
const toSeat = (r: RawSeat): SeatRow => ({ id: r.id, code: r.code, name: r.name, lastSeq: r.last_seq });

/** Creates the file (and chmods it, and any WAL/SHM files left) owner-only before SQLite opens it: SQLite gives
 * the WAL and SHM files it creates the mode of the database file. */
function ownerOnly(path: string): void {
  if (path === ':memory:' || path === '') return;
  mkdirSync(dirname(path), { recursive: true });
  if (!existsSync(path)) closeSync(openSync(path, 'a', OWNER_ONLY));
  for (const p of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    if (existsSync(p)) chmodSync(p, OWNER_ONLY);
  }
}

export class Store {
  private readonly db: Database.Database;
  private readonly q;
  private readonly sweepTx: (before: number) => string[];

  constructor(path: string) {
    ownerOnly(path);
    this.db = new Database(path);
    // Deleted rows are overwritten with zeros (in the file and in the WAL pages that carry the deletion).
    this.db.pragma('secure_delete = ON');
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit is in the WAL file before the call returns, so a killed process loses
    // nothing; only a power cut could lose the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // Checkpoints (copying the WAL into the database file, with an fsync) are what makes commits slow: they run
    // when the server is idle (`checkpoint`), and automatically only as a safety net once the WAL is ~200 MB.
    this.db.pragma('wal_autocheckpoint = 50000');
    this.migrate();
    const db = this.db;
    this.q = {
      insertRoom: db.prepare('INSERT INTO rooms (code, host_token, locked, created_at, last_active) VALUES (?, ?, 0, ?, ?)'),
      room: db.prepare<[string, number], RawRoom>(
        'SELECT code, host_token, move_key, move_until, locked, created_at, last_active FROM rooms WHERE code = ? AND last_active >= ?',
      ),
      setHostToken: db.prepare('UPDATE rooms SET host_token = ?, move_key = NULL, move_until = NULL WHERE code = ?'),
      setMoveKey: db.prepare('UPDATE rooms SET move_key = ?, move_until = ? WHERE code = ?'),
      roomExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM rooms WHERE code = ?'),
      touch: db.prepare('UPDATE rooms SET last_active = ? WHERE code = ?'),
      lock: db.prepare('UPDATE rooms SET locked = ? WHERE code = ?'),
      deleteRoom: db.prepare('DELETE FROM rooms WHERE code = ?'),
      published: db.prepare<[string], { snapshot: string | null; views: string | null; lobby_view: string | null }>(
        'SELECT snapshot, views, lobby_view FROM published WHERE code = ?',
      ),
      publishedViews: db.prepare<[string], { views: string | null; lobby_view: string | null }>('SELECT views, lobby_view FROM published WHERE code = ?'),
      // An UPDATE rewrites the row in place (same-size values overwrite their pages); INSERT OR REPLACE would
      // delete it and insert it again, freeing and reallocating its overflow pages on every publish.
      updatePublished: db.prepare('UPDATE published SET snapshot = ?, views = ?, lobby_view = ? WHERE code = ?'),
      insertPublished: db.prepare('INSERT INTO published (code, snapshot, views, lobby_view) VALUES (?, ?, ?, ?)'),
      seats: db.prepare<[string], RawSeat>('SELECT id, code, name, last_seq FROM seats WHERE code = ? ORDER BY joined_at, rowid'),
      seatCount: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM seats WHERE code = ?'),
      seatByToken: db.prepare<[string], RawSeat>('SELECT id, code, name, last_seq FROM seats WHERE token = ?'),
      seat: db.prepare<[string], RawSeat>('SELECT id, code, name, last_seq FROM seats WHERE id = ?'),
      insertSeat: db.prepare('INSERT INTO seats (id, code, token, name, joined_at, last_seq) VALUES (?, ?, ?, ?, ?, 0)'),
      deleteSeat: db.prepare('DELETE FROM seats WHERE id = ? AND code = ?'),
      seatSeq: db.prepare('UPDATE seats SET last_seq = ? WHERE id = ? AND code = ?'),
      // OR IGNORE: an action stored in a batch whose seat number was not raised is not stored twice.
      insertPending: db.prepare('INSERT OR IGNORE INTO pending (code, seat_id, seq, action) VALUES (?, ?, ?, ?)'),
      pending: db.prepare<[string], { seat_id: string; seq: number; action: string }>('SELECT seat_id, seq, action FROM pending WHERE code = ? ORDER BY id'),
      deleteApplied: db.prepare('DELETE FROM pending WHERE seat_id = ? AND seq <= ? AND code = ?'),
      pendingSeqs: db.prepare<[string], { seat_id: string; seq: number; bytes: number }>(
        'SELECT seat_id, seq, length(CAST(action AS BLOB)) AS bytes FROM pending WHERE code = ? ORDER BY seq',
      ),
      expired: db.prepare<[number], { code: string }>('SELECT code FROM rooms WHERE last_active < ?'),
      counts: db.prepare<[], { rooms: number; seats: number; pending: number }>(
        'SELECT (SELECT COUNT(*) FROM rooms) AS rooms, (SELECT COUNT(*) FROM seats) AS seats, (SELECT COUNT(*) FROM pending) AS pending',
      ),
    };
    const q = this.q;
    this.sweepTx = db.transaction((before: number) => {
      const codes = q.expired.all(before).map((r) => r.code);
      for (const code of codes) q.deleteRoom.run(code);
      if (codes.length > 0) this.deleted = true;
      return codes;
    });
  }

  /** The connection itself, for a module that keeps a table of its own next to the rooms (remote.ts). */
  get sqlite(): Database.Database {
    return this.db;
  }

  /** A room was deleted since the last checkpoint: its old pages may still be in the WAL. */
  private deleted = false;

  /** Whether a checkpoint should run soon (a room was deleted): see `checkpoint`. */
  get needsCheckpoint(): boolean {
    return this.deleted;
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new Error(`The room database was written by a newer server (schema ${version}).`);
    if (version === SCHEMA_VERSION) return;
    if (version < 2) this.createV2();
    this.db.transaction(() => {
      const columns = new Set(this.db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('rooms')").all().map((c) => c.name));
      if (!columns.has('move_key')) this.db.exec('ALTER TABLE rooms ADD COLUMN move_key TEXT; ALTER TABLE rooms ADD COLUMN move_until INTEGER;');
      // Version 2 kept tokens in plain text: hash them in place (a token never has the length of a hash).
      if (version === 2) {
        const rooms = this.db.prepare<[], { code: string; host_token: string }>('SELECT code, host_token FROM rooms').all();
        const setRoom = this.db.prepare('UPDATE rooms SET host_token = ? WHERE code = ?');
        for (const r of rooms) setRoom.run(hashToken(r.host_token), r.code);
        const seats = this.db.prepare<[], { id: string; token: string }>('SELECT id, token FROM seats').all();
        const setSeat = this.db.prepare('UPDATE seats SET token = ? WHERE id = ?');
        for (const r of seats) setSeat.run(hashToken(r.token), r.id);
      }
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
    this.deleted = true; // the plain tokens are in the WAL now: checkpoint soon
    this.uncheckpointed = true;
  }

  private createV2(): void {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS rooms (
        code TEXT PRIMARY KEY,
        host_token TEXT NOT NULL,
        locked INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        last_active INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS rooms_last_active ON rooms (last_active);
      -- What the host published last (JSON text), apart from the small rooms rows that change often.
      CREATE TABLE IF NOT EXISTS published (
        code TEXT PRIMARY KEY REFERENCES rooms (code) ON DELETE CASCADE,
        snapshot TEXT,
        views TEXT,
        lobby_view TEXT
      ) STRICT;
      CREATE TABLE IF NOT EXISTS seats (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL REFERENCES rooms (code) ON DELETE CASCADE,
        token TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        joined_at INTEGER NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX IF NOT EXISTS seats_code ON seats (code);
      CREATE TABLE IF NOT EXISTS pending (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL REFERENCES rooms (code) ON DELETE CASCADE,
        seat_id TEXT NOT NULL REFERENCES seats (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        action TEXT NOT NULL,
        UNIQUE (seat_id, seq)
      ) STRICT;
      CREATE INDEX IF NOT EXISTS pending_code ON pending (code, id);
      PRAGMA user_version = 2;
    `);
  }

  /** Opens a transaction for a batch of changes (see outbox.ts); changes inside are committed together. */
  begin(): void {
    if (this.db.open && !this.db.inTransaction) this.db.exec('BEGIN');
  }

  commit(): void {
    if (this.db.open && this.db.inTransaction) {
      this.db.exec('COMMIT');
      this.uncheckpointed = true;
      this.commits++;
    }
  }

  private uncheckpointed = false;
  /** Commits so far (a background checkpoint says up to which commit it copied the WAL). */
  commits = 0;

  /** Something was committed since the last checkpoint. */
  get dirty(): boolean {
    return this.uncheckpointed;
  }

  /** Copies the WAL into the database file and empties it (when something was committed since the last time). */
  checkpoint(): void {
    if (!this.db.open || this.db.inTransaction || !this.uncheckpointed) return;
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    this.uncheckpointed = false;
    if (!result || result.busy === 0) this.deleted = false;
  }

  rollback(): void {
    if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  /** Creates a room; false when the code is taken (the caller draws another). Stores the token's hash. */
  createRoom(code: string, hostToken: string, now: number): boolean {
    if (this.q.roomExists.get(code)) return false;
    this.q.insertRoom.run(code, hashToken(hostToken), now, now);
    return true;
  }

  /** A new host token for the room (its hash); any move key is spent. */
  setHostToken(code: string, hostToken: string): void {
    this.q.setHostToken.run(hashToken(hostToken), code);
  }

  /** A one-time move key (its hash) that works until `until`; null spends it. */
  setMoveKey(code: string, moveKey: string | null, until: number): void {
    this.q.setMoveKey.run(moveKey === null ? null : hashToken(moveKey), moveKey === null ? null : until, code);
  }

  /** A room that has been active since `activeSince`, or undefined (unknown or expired). */
  room(code: string, activeSince: number): RoomRow | undefined {
    const r = this.q.room.get(code, activeSince);
    return r ? toRoom(r) : undefined;
  }

  touch(code: string, now: number): void {
    this.q.touch.run(now, code);
  }

  setLocked(code: string, locked: boolean): void {
    this.q.lock.run(locked ? 1 : 0, code);
  }

  deleteRoom(code: string): void {
    if (this.q.deleteRoom.run(code).changes > 0) this.deleted = true;
  }

  published(code: string): PublishedState {
    const r = this.q.published.get(code);
    return { snapshot: r?.snapshot ?? null, views: r?.views ?? null, lobbyView: r?.lobby_view ?? null };
  }

  /** What the host published last without its snapshot (for a seat that joins). */
  publishedViews(code: string): PublishedState {
    const r = this.q.publishedViews.get(code);
    return { snapshot: null, views: r?.views ?? null, lobbyView: r?.lobby_view ?? null };
  }

  /** Stores what the host published last. */
  publish(code: string, state: PublishedState): void {
    if (this.q.updatePublished.run(state.snapshot, state.views, state.lobbyView, code).changes === 0) {
      this.q.insertPublished.run(code, state.snapshot, state.views, state.lobbyView);
    }
  }

  /** Drops a seat's pending actions up to `seq` (the host has applied them). */
  deleteApplied(code: string, seatId: string, seq: number): void {
    this.q.deleteApplied.run(seatId, seq, code);
  }

  /** The room's pending actions' seats, numbers (ascending) and sizes in bytes. */
  pendingSeqs(code: string): Array<{ seatId: string; seq: number; bytes: number }> {
    return this.q.pendingSeqs.all(code).map((r) => ({ seatId: r.seat_id, seq: r.seq, bytes: r.bytes }));
  }

  seats(code: string): SeatRow[] {
    return this.q.seats.all(code).map(toSeat);
  }

  seatCount(code: string): number {
    return this.q.seatCount.get(code)?.n ?? 0;
  }

  /** The seat whose token this is (looked up by its hash). */
  seatByToken(token: string): SeatRow | undefined {
    const r = this.q.seatByToken.get(hashToken(token));
    return r ? toSeat(r) : undefined;
  }

  seat(id: string): SeatRow | undefined {
    const r = this.q.seat.get(id);
    return r ? toSeat(r) : undefined;
  }

  /** Stores the seat with its token's hash; `sealed` is its join card as the phone sealed it (column `name`). */
  createSeat(code: string, id: string, token: string, sealed: string, now: number): void {
    this.q.insertSeat.run(id, code, hashToken(token), sealed, now);
  }

  deleteSeat(code: string, id: string): boolean {
    const gone = this.q.deleteSeat.run(id, code).changes > 0;
    if (gone) this.deleted = true;
    return gone;
  }

  /**
   * Stores an action as pending and raises the seat's highest sequence number. Called inside a batch's
   * transaction (outbox.ts), which commits both together.
   */
  addPending(code: string, seatId: string, seq: number, action: string): void {
    this.q.insertPending.run(code, seatId, seq, action);
    this.q.seatSeq.run(seq, seatId, code);
  }

  pending(code: string): PendingRow[] {
    return this.q.pending.all(code).map((r) => ({ seatId: r.seat_id, seq: r.seq, action: r.action }));
  }

  /** Deletes rooms last active before `before` (with their seats and pending actions); returns their codes. */
  sweep(before: number): string[] {
    return this.sweepTx(before);
  }

  counts(): { rooms: number; seats: number; pending: number } {
    return this.q.counts.get() ?? { rooms: 0, seats: 0, pending: 0 };
  }

  close(): void {
    if (!this.db.open) return;
    this.commit();
    this.checkpoint();
    this.db.close();
  }
}
