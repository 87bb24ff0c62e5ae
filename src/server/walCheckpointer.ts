/**
 * WAL checkpoints off the event loop: a worker thread with its own connection to the database copies the WAL
 * into the database file (`wal_checkpoint(PASSIVE)`: it never waits for, nor blocks, the server's writes), with
 * the fsyncs that make checkpoints slow. Under steady load the WAL is copied bit by bit and starts over from its
 * beginning, instead of growing for 30 s and being copied in one stall of the event loop. The server itself
 * truncates the WAL (`Store.checkpoint`) when it is idle or after a room was deleted, but only once the worker
 * has copied everything committed so far: then there is nothing left to copy and truncating is cheap.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 0');
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage(r && r.log === r.checkpointed ? 'done' : 'partial');
  } catch (error) {
    parentPort.postMessage(String(error && error.message || error));
  }
});
`;

export class WalCheckpointer {
  private readonly worker: Worker;
  private running = false;
  private closed = false;
  /** The `Store.commits` count the last complete checkpoint covered, and the one of the running request. */
  private covered = -1;
  private asked = -1;

  /** Whether the last complete checkpoint covered everything up to commit number `commits`. */
  covers(commits: number): boolean {
    return this.covered === commits;
  }

  /** A checkpoint is running in the worker (the server then does not checkpoint itself: it would wait). */
  get busy(): boolean {
    return this.running;
  }

  constructor(dbPath: string, log: (line: string) => void) {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER, { eval: true, workerData: { module, path: dbPath }, resourceLimits: { maxOldGenerationSizeMb: 16 } });
    this.worker.unref();
    this.worker.on('message', (m: string) => {
      this.running = false;
      if (m === 'done') this.covered = this.asked;
      else if (m !== 'partial') log(`background checkpoint failed: ${m}`);
    });
    this.worker.on('error', (error) => {
      this.closed = true;
      log(`background checkpointer stopped: ${error.message}`);
    });
  }

  /** Asks for a checkpoint unless one is running; `commits`: the store's commit count now. */
  request(commits: number): void {
    if (this.running || this.closed) return;
    this.running = true;
    this.asked = commits;
    this.worker.postMessage('checkpoint');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.worker.postMessage('close');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate().then(() => resolve()), 2000);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
