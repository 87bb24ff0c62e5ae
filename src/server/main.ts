/**
 * `npm run serve` / `npm start`: the room server from the command line. Serves the built game and the room
 * sockets, prints the addresses and, for each LAN address, a QR code players can scan.
 *
 * Environment: PORT (4173), HOST (0.0.0.0), DIST (<repo>/dist), RUIMTE_DB (<repo>/data/rooms.sqlite),
 * ROOM_TTL_HOURS (24). Flags --port and --host win over PORT and HOST. For test runs where every browser
 * comes from 127.0.0.1, the limits per address: RUIMTE_OPENS_PER_MINUTE (10), RUIMTE_JOIN_FAILURES_PER_MINUTE (10)
 * and RUIMTE_JOIN_ATTEMPTS_PER_MINUTE (120); failed attempts naming one room code and on the whole server:
 * RUIMTE_CODE_FAILURES_PER_MINUTE (20), RUIMTE_TOTAL_FAILURES_PER_MINUTE (60) (never below the per-address one).
 * RUIMTE_HOSTS: host names besides the machine's own (comma-separated, e.g. the reverse proxy's name);
 * RUIMTE_TRUST_PROXY: proxies whose X-Forwarded-For is believed (addresses, or `loopback`);
 * RUIMTE_SOCKETS_PER_ADDRESS (64).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderUnicodeCompact } from 'uqr';
import { DEFAULT_ADDRESS_LIMITS } from './rateLimit.ts';
import { DEFAULT_SOCKETS_PER_ADDRESS, startServer } from './server.ts';

/** The repository: the first folder above this file with a package.json (src/server/ when run through tsx,
 * dist-server/ when compiled by scripts/build-server.mjs). */
function findRepo(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}
const repo = findRepo();

function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `--${name}`) return args[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const portText = flag('port') ?? process.env.PORT ?? '4173';
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`Not a port: ${portText}`);
const host = flag('host') ?? process.env.HOST ?? '0.0.0.0';
const dist = resolve(process.env.DIST ?? resolve(repo, 'dist'));
const dbPath = resolve(process.env.RUIMTE_DB ?? resolve(repo, 'data', 'rooms.sqlite'));
const ttlText = process.env.ROOM_TTL_HOURS ?? '24';
const ttlHours = Number(ttlText);
if (!(ttlHours > 0)) fail(`ROOM_TTL_HOURS must be a positive number, not ${ttlText}`);

function perMinute(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`${name} must be a whole number of at least 1, not ${text}`);
  return n;
}
const failuresPerMinute = perMinute('RUIMTE_JOIN_FAILURES_PER_MINUTE', DEFAULT_ADDRESS_LIMITS.failuresPerMinute);
const addressLimits = {
  ...DEFAULT_ADDRESS_LIMITS,
  opensPerMinute: perMinute('RUIMTE_OPENS_PER_MINUTE', DEFAULT_ADDRESS_LIMITS.opensPerMinute),
  failuresPerMinute,
  attemptsPerMinute: perMinute('RUIMTE_JOIN_ATTEMPTS_PER_MINUTE', DEFAULT_ADDRESS_LIMITS.attemptsPerMinute),
  // A test run that raises the per-address failures (every browser on 127.0.0.1) raises these with it.
  codeFailuresPerMinute: Math.max(failuresPerMinute, perMinute('RUIMTE_CODE_FAILURES_PER_MINUTE', DEFAULT_ADDRESS_LIMITS.codeFailuresPerMinute)),
  totalFailuresPerMinute: Math.max(failuresPerMinute, perMinute('RUIMTE_TOTAL_FAILURES_PER_MINUTE', DEFAULT_ADDRESS_LIMITS.totalFailuresPerMinute)),
};
const list = (name: string): string[] =>
  (process.env[name] ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
const socketsPerAddress = perMinute('RUIMTE_SOCKETS_PER_ADDRESS', DEFAULT_SOCKETS_PER_ADDRESS);

const stamp = (): string => new Date().toISOString().slice(11, 19);

try {
  const server = await startServer({
    port,
    host,
    dist,
    dbPath,
    roomTtlMs: ttlHours * 3_600_000,
    addressLimits,
    allowedHosts: list('RUIMTE_HOSTS'),
    trustProxy: list('RUIMTE_TRUST_PROXY'),
    socketsPerAddress,
    log: (line) => console.log(`${stamp()} ${line}`),
  });
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  console.log(`Ruimte is ready: http://${shown}:${server.port}/`);
  for (const url of server.lanUrls()) {
    console.log(`Players join at ${url}`);
    console.log(renderUnicodeCompact(url));
  }
  console.log(`Rooms are kept in ${dbPath}. Press Ctrl+C to stop.`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') fail(`Port ${port} on ${host} is in use; choose another with PORT=… or --port.`);
  fail(`Could not start the room server: ${e.message ?? String(error)}`);
}
