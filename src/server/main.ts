/**
 * `npm run serve` / `npm start`: the room server from the command line. Serves the built game and the room
 * sockets, prints the addresses and, for each LAN address, a QR code players can scan.
 *
 * Environment: PORT (4173), HOST (0.0.0.0), DIST (<repo>/dist), RUIMTE_DB (<repo>/data/rooms.sqlite),
 * ROOM_TTL_HOURS (24). Flags --port and --host win over PORT and HOST. For test runs where every browser
 * comes from 127.0.0.1, the limits per address: RUIMTE_OPENS_PER_MINUTE (10), RUIMTE_JOIN_FAILURES_PER_MINUTE (10)
 * and RUIMTE_JOIN_ATTEMPTS_PER_MINUTE (120).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderUnicodeCompact } from 'uqr';
import { DEFAULT_ADDRESS_LIMITS } from './rateLimit.ts';
import { startServer } from './server.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));

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
const addressLimits = {
  ...DEFAULT_ADDRESS_LIMITS,
  opensPerMinute: perMinute('RUIMTE_OPENS_PER_MINUTE', DEFAULT_ADDRESS_LIMITS.opensPerMinute),
  failuresPerMinute: perMinute('RUIMTE_JOIN_FAILURES_PER_MINUTE', DEFAULT_ADDRESS_LIMITS.failuresPerMinute),
  attemptsPerMinute: perMinute('RUIMTE_JOIN_ATTEMPTS_PER_MINUTE', DEFAULT_ADDRESS_LIMITS.attemptsPerMinute),
};

const stamp = (): string => new Date().toISOString().slice(11, 19);

try {
  const server = await startServer({
    port,
    host,
    dist,
    dbPath,
    roomTtlMs: ttlHours * 3_600_000,
    addressLimits,
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
