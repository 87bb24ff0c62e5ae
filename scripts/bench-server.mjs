#!/usr/bin/env node
/**
 * `npm run bench:server`: the room server against a bare `ws` server, in one run, under the same two loads.
 *
 * Both run as child processes on a free loopback port: first the bare server (this file with `--bare`: the same
 * protocol's happy path with nothing else: no checks, no storage, no limits, `ws.send` and `JSON.stringify`),
 * then the room server as production runs it (compiled by scripts/build-server.mjs, with the node flags of
 * `npm start`, temp database). Against each:
 * ROOMS rooms (default 200) of one simulated host and 12 phones, each room from its own loopback address
 * (127.1.x.y, so the per-address limits stay at their defaults); every phone joins and sends a proposal
 * (warm-up), then
 *
 *   burst:  every phone of every room acts in the same millisecond (BURSTS times, 500 ms apart);
 *   steady: every phone acts ACTS times (default 2) at random moments within a 20-second window.
 *
 * The simulated host applies every act at once and publishes a ~1 KB view per seat that says the last action
 * applied for that seat; an act's latency is from the phone's send to the first view that includes it.
 * It ends with exactly these lines (ms, MB; ratio = room server burst p99 ÷ bare ws burst p99; rss = the room
 * server's peak RSS):
 *
 *   steady: p99 N ms (bare ws p99 N ms)
 *   burst: p99 N ms (bare ws p99 N ms), ratio N
 *   rss: N MB
 *
 * The burst runs BURSTS times (default 5) against each server and the figures are those of the burst with the
 * median p99: one burst lasts a fifth of a second, and on two shared cores a single one swings by a third.
 *
 * ROOMS=50 for a smaller run; WINDOW_MS for another steady window; SERVER_NODE_ARGS='--cpu-prof
 * --cpu-prof-dir=/tmp/prof' profiles the room server (BARE_NODE_ARGS the bare one); BENCH_ONLY=room or bare.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { freePort, serverNodeFlags } from './serveDist.mjs';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const ROOMS = Number(process.env.ROOMS ?? 200);
const PLAYERS = 12;
const CONNECT_CONCURRENCY = 16;
const PHASE_TIMEOUT_MS = 120_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

/** VmRSS, from /proc/<pid>/statm (resident pages, the same count as VmRSS; much cheaper to read than status). */
const PAGE_MB = 4096 / (1024 * 1024);
function rssMb(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'latin1').split(' ')[1]) * PAGE_MB;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) the server process has used, in ms. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    if (process.env.CPU_SPLIT) console.log(`user ${fields[11]} sys ${fields[12]}`);
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(name, values) {
  const s = [...values].sort((a, b) => a - b);
  return { name, count: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.at(-1) ?? NaN };
}

const fmt = (n) => (Number.isFinite(n) ? n.toFixed(1).padStart(8) : '       -');


// ------------------------------------------------------------------ the bare server (child process)

if (process.argv[2] === '--bare') {
  const { WebSocketServer } = await import('ws');
  const { createServer: createHttp } = await import('node:http');
  const rooms = new Map();
  let nextId = 0;
  const http = createHttp((req, res) => res.end());
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  wss.on('connection', (ws, req) => {
    const host = req.url === '/room/host';
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      if (host) {
        if (m.t === 'open') {
          ws.code = `R${nextId++}`;
          rooms.set(ws.code, { host: ws, seats: new Map() });
          ws.send(JSON.stringify({ t: 'opened', code: ws.code, hostToken: 'x'.repeat(32) }));
        } else if (m.t === 'publish') {
          for (const [id, seat] of rooms.get(ws.code).seats) seat.send(JSON.stringify({ t: 'view', view: m.views[id] ?? m.lobbyView }));
        }
        return;
      }
      if (m.t === 'join') {
        const room = rooms.get(m.code);
        ws.room = room;
        ws.seatId = `s${nextId++}`;
        room.seats.set(ws.seatId, ws);
        ws.send(JSON.stringify({ t: 'joined', code: m.code, seatId: ws.seatId, seatToken: 'y'.repeat(32), lastSeq: 0 }));
        room.host.send(JSON.stringify({ t: 'seats', seats: [...room.seats.keys()].map((id) => ({ id, sealed: m.sealed, connected: true })) }));
      } else if (m.t === 'act') {
        ws.send(JSON.stringify({ t: 'ack', seq: m.seq }));
        ws.room.host.send(JSON.stringify({ t: 'act', seatId: ws.seatId, seq: m.seq, sealed: m.sealed }));
      }
    });
  });
  process.once('SIGTERM', () => process.exit(0)); // a clean exit, so --cpu-prof (BARE_NODE_ARGS) writes its file
  http.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('Ruimte is ready (bare ws)'));
  await new Promise(() => {});
}

// ------------------------------------------------------------------ simulated clients

const ACTS = Number(process.env.ACTS ?? 2);
const BURSTS = Number(process.env.BURSTS ?? 5);
const WINDOW_MS = Number(process.env.WINDOW_MS ?? 20_000);
const padding = 'x'.repeat(960);

/**
 * Stand-ins for sealed values (src/net/crypto.ts): the same shape and size as AES-GCM's (`v1.<iv>.<ciphertext
 * and 16-byte tag>`, base64url), but readable, so these clients spend no time on crypto and the figures stay the
 * server's. The server cannot tell them apart: it never opens anything.
 */
const IV = 'A'.repeat(16);
const TAG = Buffer.alloc(16);
const sealedLike = (json) => `v1.${IV}.${Buffer.concat([Buffer.from(json), TAG]).toString('base64url')}`;
const unsealLike = (sealed) => {
  const bytes = Buffer.from(sealed.slice(3 + IV.length + 1), 'base64url');
  return bytes.subarray(0, bytes.length - TAG.length).toString();
};
const LOBBY = sealedLike('{"lobby":true}');
let port = 0;
let phase = 'warmup';
const latencies = { warmup: [], burst: [], steady: [] };
let outstanding = 0;
let refusedCount = 0;
let unexpectedClose = 0;
let publishes = 0;
let viewsReceived = 0;

/** A client text frame for `text`, masked with a zero key (the payload is the text itself), in one buffer. */
function clientFrame(text) {
  const n = Buffer.byteLength(text);
  const head = n < 126 ? 6 : 8;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x81;
  if (n < 126) frame[1] = 0x80 | n;
  else {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(n, 2);
  }
  frame.writeUInt32BE(0, head - 4);
  frame.write(text, head);
  return frame;
}
const zeroMask = (mask) => mask.fill(0);

function sendFrame(ws, text) {
  const socket = ws._socket;
  if (socket && ws.readyState === WebSocket.OPEN && Buffer.byteLength(text) < 65_536) socket.write(clientFrame(text));
  else ws.send(text);
}

/** `{"t":"view"…` / `{"t":"ack"…`: recognised without parsing. */
const isView = (data) => data[6] === 0x76 && data[7] === 0x69 && data[8] === 0x65;
const isAck = (data) => data[6] === 0x61 && data[7] === 0x63 && data[8] === 0x6b;
const SEQ_KEY = Buffer.from('"seq":');
/** The `"seq":N` of a (sealed-like) view: the seat's last action the host applied. */
function viewSeq(frame) {
  const text = frame.toString();
  const start = text.indexOf('"view":"') + 8;
  const data = Buffer.from(unsealLike(text.slice(start, text.indexOf('"', start))));
  let i = data.indexOf(SEQ_KEY);
  if (i < 0) return 0;
  i += SEQ_KEY.length;
  let n = 0;
  while (data[i] >= 0x30 && data[i] <= 0x39) n = n * 10 + data[i++] - 0x30;
  return n;
}

function open(path, localAddress) {
  return new Promise((res, rej) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { localAddress, perMessageDeflate: false, generateMask: zeroMask });
    ws.once('open', () => res(ws));
    ws.once('error', rej);
  });
}

/** The simulated shared screen: applies every act at once and publishes after the acts that arrived together. */
class Host {
  constructor(localAddress) {
    this.localAddress = localAddress;
    this.applied = {};
    this.seatIds = [];
    this.scheduled = false;
  }

  async open() {
    this.ws = await open('/room/host', this.localAddress);
    this.ws.on('close', () => {
      if (!this.closing) unexpectedClose++;
    });
    const opened = new Promise((res) => {
      this.ws.on('message', (data) => {
        const m = JSON.parse(data.toString());
        if (m.t === 'opened') res(m);
        else if (m.t === 'seats') this.seatIds = m.seats.map((s) => s.id);
        else if (m.t === 'act') this.onAct(m);
        else if (m.t === 'refused') refusedCount++;
      });
    });
    this.ws.send('{"t":"open"}');
    this.code = (await opened).code;
  }

  onAct(m) {
    this.applied[m.seatId] = m.seq;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.publish();
    });
  }

  /** A view per seat (~1 KB) saying the seat's last applied action. */
  publish() {
    publishes++;
    let views = '';
    for (const id of this.seatIds) {
      const view = sealedLike(`{"seat":"${id}","seq":${this.applied[id] ?? 0},"phase":"vote","dotsLeft":3,"pad":"${padding}"}`);
      views += `${views === '' ? '' : ','}"${id}":"${view}"`;
    }
    const applied = JSON.stringify(this.applied);
    const snapshot = sealedLike(`{"applied":${applied},"notes":"${padding}"}`);
    this.ws.send(`{"t":"publish","snapshot":"${snapshot}","views":{${views}},"lobbyView":"${LOBBY}","applied":${applied}}`);
  }
}

class Player {
  constructor(room, index, localAddress) {
    this.room = room;
    this.index = index;
    this.localAddress = localAddress;
    this.seq = 0;
    this.sent = [];
  }

  async connect() {
    const ws = await open('/room/play', this.localAddress);
    this.ws = ws;
    ws.on('close', () => {
      if (!this.closing) unexpectedClose++;
    });
    const joined = new Promise((res) => {
      ws.on('message', (data) => {
        if (isView(data)) return this.onView(data);
        if (isAck(data)) return;
        const m = JSON.parse(data.toString());
        if (m.t === 'joined') res(m);
        else if (m.t === 'refused') refusedCount++;
      });
    });
    ws.send(JSON.stringify({ t: 'join', code: this.room.code, sealed: sealedLike(JSON.stringify({ name: `Player ${this.index + 1}`, secret: 'z'.repeat(43) })) }));
    await joined;
  }

  act(action) {
    this.seq++;
    this.sent.push({ seq: this.seq, at: now(), phase });
    outstanding++;
    sendFrame(this.ws, `{"t":"act","seq":${this.seq},"sealed":"${sealedLike(`{"seq":${this.seq},"action":${action}}`)}"}`);
  }

  onView(data) {
    viewsReceived++;
    if (this.sent.length === 0) return;
    const seq = viewSeq(data);
    const t = now();
    let n = 0;
    while (n < this.sent.length && this.sent[n].seq <= seq) {
      latencies[this.sent[n].phase].push(t - this.sent[n].at);
      n++;
    }
    if (n > 0) {
      this.sent.splice(0, n);
      outstanding -= n;
    }
  }
}

async function inBatches(items, size, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function settle(label) {
  const start = Date.now();
  while (outstanding > 0) {
    if (Date.now() - start > PHASE_TIMEOUT_MS) throw new Error(`${label}: ${outstanding} acts got no view within ${PHASE_TIMEOUT_MS / 1000} s`);
    await sleep(5);
  }
}

function startChild(kind, port, dir) {
  return new Promise((res, rej) => {
    const nodeArgs = ((kind === 'room' ? process.env.SERVER_NODE_ARGS : process.env.BARE_NODE_ARGS) ?? '').split(' ').filter(Boolean);
    const args = kind === 'room' ? [...serverNodeFlags(), ...nodeArgs, 'dist-server/main.mjs'] : [...nodeArgs, fileURLToPath(import.meta.url), '--bare'];
    const child = spawn(process.execPath, args, {
      cwd: repo,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', RUIMTE_DB: join(dir, 'rooms.sqlite'), DIST: join(dir, 'dist') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const refusals = [];
    const timer = setTimeout(() => rej(new Error(`${kind} server did not start:\n${out}`)), 20_000);
    const onData = (chunk) => {
      const text = chunk.toString();
      if (out.length < 20_000) out += text;
      for (const line of text.split('\n')) {
        if (/refused|error/i.test(line)) refusals.push(line);
        if (process.env.SERVER_LOG && line.trim()) console.log(`  [${kind}] ${line}`);
      }
      if (out.includes('Ruimte is ready')) {
        clearTimeout(timer);
        res({ child, refusals });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => rej(new Error(`${kind} server exited (${code}):\n${out}`)));
  });
}

/** Both loads against one server; returns its figures. */
async function runAgainst(kind) {
  for (const k of Object.keys(latencies)) latencies[k] = [];
  outstanding = 0;
  const dir = mkdtempSync(join(tmpdir(), `ruimte-bench-${kind}-`));
  port = await freePort();
  const server = await startChild(kind, port, dir);
  const pid = server.child.pid;
  let peakRss = rssMb(pid);
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(pid));
  }, 50);
  const rooms = [];
  try {
    for (let i = 0; i < ROOMS; i++) {
      const localAddress = `127.1.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;
      const room = { host: new Host(localAddress), players: [], code: '' };
      for (let p = 0; p < PLAYERS; p++) room.players.push(new Player(room, p, localAddress));
      rooms.push(room);
    }
    const t0 = Date.now();
    await inBatches(rooms, CONNECT_CONCURRENCY, async (room) => {
      await room.host.open();
      room.code = room.host.code;
      for (const p of room.players) await p.connect();
      while (room.host.seatIds.length < PLAYERS) await sleep(5);
    });
    const connectedMs = Date.now() - t0;
    const players = rooms.flatMap((r) => r.players);

    phase = 'warmup';
    for (const p of players) p.act(JSON.stringify({ type: 'propose', text: `Proposal of player ${p.index + 1}: more time for handovers`, level: 'team' }));
    await settle('warm-up');
    await sleep(500);

    // The burst is repeated (BURSTS, default 5) and the run with the median p99 is reported: one burst lasts a
    // fifth of a second, and on two shared cores its p99 swings by a third between runs of the same server.
    const bursts = [];
    let burstCpu = 0;
    for (let b = 0; b < BURSTS; b++) {
      phase = 'burst';
      latencies.burst = [];
      const cpu = cpuMs(pid);
      const before = { publishes, viewsReceived };
      for (const p of players) p.act(`{"type":"dot","proposalId":"p${(p.index + b) % PLAYERS}"}`);
      await settle('burst');
      burstCpu += cpuMs(pid) - cpu;
      bursts.push({ ...summary('burst', latencies.burst), publishes: publishes - before.publishes, views: viewsReceived - before.viewsReceived });
      await sleep(500);
    }
    burstCpu /= BURSTS;
    bursts.sort((x, y) => x.p99 - y.p99);

    phase = 'steady';
    const cpu = cpuMs(pid);
    const timers = [];
    for (const p of players) {
      for (let a = 0; a < ACTS; a++) {
        timers.push(setTimeout(() => p.act(`{"type":"score","proposalId":"p${(p.index + a) % PLAYERS}","score":${1 + a % 5}}`), Math.random() * WINDOW_MS));
      }
    }
    await sleep(WINDOW_MS);
    await settle('steady');
    const steadyCpu = cpuMs(pid) - cpu;
    const figures = {
      kind,
      connectedMs,
      burst: bursts[Math.floor(BURSTS / 2)],
      burstP99s: bursts.map((x) => x.p99),
      steady: summary('steady', latencies.steady),
      burstCpu,
      steadyCpu,
      peakRss: Math.max(peakRss, rssMb(pid)),
      refusals: server.refusals.length,
    };
    return figures;
  } finally {
    clearInterval(sampler);
    for (const room of rooms) {
      room.host.closing = true;
      room.host.ws?.terminate();
      for (const p of room.players) {
        p.closing = true;
        p.ws?.terminate();
      }
    }
    await new Promise((r) => {
      if (server.child.exitCode !== null || server.child.signalCode !== null) return r();
      const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
      server.child.once('exit', () => {
        clearTimeout(timer);
        r();
      });
      server.child.kill('SIGTERM');
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ run

console.log(`Ruimte room server bench: ${ROOMS} rooms × (1 host + ${PLAYERS} phones) = ${ROOMS * (PLAYERS + 1)} sockets; steady: ${ACTS} acts per phone within ${WINDOW_MS / 1000} s`);
execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: repo, stdio: 'inherit' });
const results = {};
try {
  // BENCH_ONLY=room (or bare) runs one server only (the summary lines then need both: they are skipped).
  for (const kind of ['bare', 'room'].filter((k) => !process.env.BENCH_ONLY || k === process.env.BENCH_ONLY)) {
    const r = await runAgainst(kind);
    results[kind] = r;
    const name = kind === 'bare' ? 'bare ws' : 'room server';
    console.log(`${name}: connected in ${(r.connectedMs / 1000).toFixed(1)} s; peak RSS ${r.peakRss.toFixed(0)} MB; server CPU burst ${r.burstCpu.toFixed(0)} ms, steady ${r.steadyCpu.toFixed(0)} ms`);
    console.log(`${'  latency (ms)'.padEnd(16)}${'count'.padStart(8)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}`);
    for (const row of [r.burst, r.steady]) console.log(`  ${row.name.padEnd(14)}${String(row.count).padStart(8)}${fmt(row.p50)}${fmt(row.p95)}${fmt(row.p99)}${fmt(row.max)}`);
    console.log(`  burst p99 of each of the ${BURSTS} bursts, sorted (the median is the row above): ${r.burstP99s.map((x) => x.toFixed(0)).join(', ')} ms`);
    console.log(`  the median burst: ${r.burst.publishes} publishes by the screens, ${r.burst.views} views to the phones`);
  }
} catch (error) {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
}
console.log(`refusals seen by clients: ${refusedCount}; unexpected closes: ${unexpectedClose}; refusals/errors in the room server's log: ${results.room?.refusals ?? '-'}`);
if (!results.room || !results.bare) process.exit(process.exitCode ?? 0);
if (refusedCount > 0 || unexpectedClose > 0) process.exitCode = 1;
const ms = (n) => n.toFixed(0);
console.log(`steady: p99 ${ms(results.room.steady.p99)} ms (bare ws p99 ${ms(results.bare.steady.p99)} ms)`);
console.log(`burst: p99 ${ms(results.room.burst.p99)} ms (bare ws p99 ${ms(results.bare.burst.p99)} ms), ratio ${(results.room.burst.p99 / results.bare.burst.p99).toFixed(2)}`);
console.log(`rss: ${ms(results.room.peakRss)} MB`);
