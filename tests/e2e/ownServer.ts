/**
 * A room server of a test's own, for the tests that kill it (kill -9) and start it again on the same database:
 * a child process on a free loopback port with a database in a fresh folder, serving the build the other tests
 * use (`DIST`, else dist/).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startChildServer } from '../server/childServer.ts';

export interface OwnServer {
  readonly port: number;
  /** `http://127.0.0.1:PORT/` */
  readonly base: string;
  /** The database file (its -wal and -shm stand beside it). */
  readonly db: string;
  /** kill -9; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and database. */
  restart(): Promise<void>;
  /** Kills it and removes its folder (for `finally`). */
  dispose(): Promise<void>;
}

function killNow(child: ChildProcess): Promise<void> {
  return new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) return res();
    child.removeAllListeners('exit');
    child.once('exit', () => res());
    child.kill('SIGKILL');
  });
}

/** `name` names the folder (`ruimte-<name>-…` in the system's temporary folder). */
export async function startOwnServer(name: string): Promise<OwnServer> {
  const dir = mkdtempSync(join(tmpdir(), `ruimte-${name}-`));
  const db = join(dir, 'rooms.sqlite');
  const port = await freePort();
  const env = { PORT: String(port), RUIMTE_DB: db, DIST: resolve(process.env.DIST ?? 'dist') };
  let child = (await startChildServer(env)).child;
  return {
    port,
    base: `http://127.0.0.1:${port}/`,
    db,
    kill: () => killNow(child),
    restart: async () => {
      child = (await startChildServer(env)).child;
    },
    dispose: async () => {
      await killNow(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
