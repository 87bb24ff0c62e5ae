/**
 * Build and serve, for the measuring scripts (`bench.mjs`, `lighthouse.mjs`): builds unless `--no-build` was
 * given, then serves the build with the room server on a free loopback port and a throwaway room store. The
 * server is stopped however the script ends (done, failed, Ctrl-C).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(new URL('..', import.meta.url).pathname);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs a command in the project's folder: resolves with its output, rejects with it when it fails. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise(output) : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${output}`))));
  });
}

/**
 * Runs the build (`command`, e.g. `['npx', 'vite', 'build']`) unless `noBuild`, then checks that `needed` (a
 * path below the project's folder) is there.
 */
export async function build({ noBuild, command, needed, log }) {
  if (!noBuild) {
    log(`building (${command.join(' ')})…`);
    await run(command[0], command.slice(1));
  }
  if (!existsSync(join(ROOT, needed))) throw new Error(`${needed} is missing: build first or drop --no-build`);
}

/** The node flags of a package script that runs `node <flags> dist-server/main.mjs`, or null when it does not. */
export function nodeFlagsOf(script) {
  const match = /\bnode((?: --?[\w-]+(?:=\S+)?)*) dist-server\/main\.mjs\b/.exec(script);
  return match ? match[1].split(' ').filter(Boolean) : null;
}

/**
 * The flags `npm start` gives node for the compiled room server (package.json: `node <flags> dist-server/main.mjs`),
 * so what measures the server runs it as production does.
 */
export function serverNodeFlags() {
  const start = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const flags = nodeFlagsOf(start);
  if (!flags) throw new Error(`package.json's start script does not run node … dist-server/main.mjs: ${start}`);
  return flags;
}

export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePromise(port));
    });
  });
}

let server = null;
export function stopServer() {
  if (server && server.exitCode === null && !server.killed) server.kill('SIGTERM');
}

/**
 * Starts the room server (`nodeArgs`: what node runs, below the project's folder) on a free port, its room store
 * in a throwaway file `ruimte-<name>-<port>.sqlite`, and waits until it answers. Returns its address, on `host`.
 */
export async function startServer({ nodeArgs, name, host = '127.0.0.1' }) {
  const port = await freePort();
  server = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', RUIMTE_DB: join(tmpdir(), `ruimte-${name}-${port}.sqlite`) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  server.stderr.on('data', (d) => (stderr += d));
  server.stdout.resume();
  const base = `http://${host}:${port}/`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited early (${server.exitCode}): ${stderr}`);
    try {
      if ((await fetch(base)).ok) return base;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error('the server did not answer within 15 s');
}

/**
 * Runs the script's `main` and exits: 0 when it measured, 1 when the measurement failed (said through `log`),
 * 130 when interrupted. The server is stopped in every case.
 */
export function runMain(main, log) {
  process.on('exit', stopServer);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stopServer();
      process.exit(130);
    });
  }
  main()
    .then(() => {
      stopServer();
      process.exit(0);
    })
    .catch((error) => {
      log(`measurement failed: ${error?.stack ?? error}`);
      stopServer();
      process.exit(1);
    });
}
