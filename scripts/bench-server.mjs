#!/usr/bin/env node
/**
 * `npm run bench:server`: load on the room server. Starts it as a child process (node --import tsx) on a free
 * loopback port with a temp database, then opens ROOMS rooms, each with one simulated host and 12 players:
 *
 *   1. every player joins and sends a proposal;
 *   2. a burst: every player of every room votes at once;
 *   3. a reconnect wave: a third of the players close their socket and rejoin with their seat token;
 *   4. another burst.
 *
 * The simulated host answers every act by publishing 12 seat views (~1 KB each) with `applied`. For each act we
 * measure the time from the player's send to that player receiving the next `view` (message-to-broadcast
 * latency) and print count, p50, p95, p99 and max, plus the server's memory (VmRSS, peak and at the end), with
 * PASS/MISS against p99 ≤ 100 ms and RSS ≤ 300 MB. Per phase: the server's CPU time (until the last view, and
 * with one second after it), the bench's own CPU time (it shares the machine) and the publishes and views.
 *
 * Each room connects from its own loopback address (127.1.x.y), as teams on their own networks would: the
 * server's per-address limits stay at their defaults. ROOMS=50 npm run bench:server for a smaller run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const ROOMS = Number(process.env.ROOMS ?? 200);
const PLAYERS = 12;
const CONNECT_CONCURRENCY = 16;
const TARGET_P99_MS = 100;
const TARGET_RSS_MB = 300;
const PHASE_TIMEOUT_MS = 120_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

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

function startServer(port, db, dist) {
  return new Promise((res, rej) => {
    // SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the server.
    const nodeArgs = (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/server/main.ts'], {
      cwd: repo,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', RUIMTE_DB: db, DIST: dist },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const refusals = [];
    /** The server's last lines, printed when the bench fails. */
    const tail = [];
    const timer = setTimeout(() => rej(new Error(`server did not start:\n${out}`)), 20_000);
    const onData = (chunk) => {
      const text = chunk.toString();
      if (out.length < 20_000) out += text;
      for (const line of text.split('\n')) {
        if (/refused|error/i.test(line)) refusals.push(line);
        if (line.trim()) tail.push(line);
      }
      if (tail.length > 40) tail.splice(0, tail.length - 40);
      if (out.includes('Ruimte is ready')) {
        clearTimeout(timer);
        res({ child, refusals, tail });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      serverExit = `exited with ${code ?? signal}`;
      rej(new Error(`server exited (${code}):\n${out}`));
    });
  });
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

// ------------------------------------------------------------------ simulated clients

let port = 0;
const latencies = { proposal: [], burst1: [], rejoin: [], burst2: [] };
let phase = 'proposal';
let outstanding = 0;
let refusedCount = 0;
/** Set when the server process ends (printed if the bench fails). */
let serverExit = null;
/** Publishes the simulated hosts sent and views the players received, per phase (to see the fan-out). */
let publishes = 0;
let viewsReceived = 0;
let unexpectedClose = 0;
const padding = 'x'.repeat(960);

/** The simulated devices' own costs are kept small, so the figures are the server's: a zero mask (the frames
 * are still masked frames, the server still unmasks them), acts framed here and written in one piece, and acks
 * and views recognised without parsing them. */
const zeroMask = (mask) => mask.fill(0);

/**
 * A client text frame for `text` (RFC 6455 §5.2: FIN + text, masked with a zero key, so the payload is the text
 * itself): what `ws` sends with `zeroMask`, made in one buffer so it goes out in one write instead of ws's
 * header + payload write vector.
 */
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

/** Sends a small text message (< 64 KiB) as one write on ws's socket; ws.send when that socket is not there. */
function sendFrame(ws, text) {
  const socket = ws._socket;
  if (socket && ws.readyState === WebSocket.OPEN && Buffer.byteLength(text) < 65_536) socket.write(clientFrame(text));
  else ws.send(text);
}

/** `{"t":"view"…` / `{"t":"ack"…` as the server writes them (the bytes after `{"t":"`). */
const isView = (data) => data[6] === 0x76 && data[7] === 0x69 && data[8] === 0x65;
const isAck = (data) => data[6] === 0x61 && data[7] === 0x63 && data[8] === 0x6b;

function open(path, localAddress) {
  return new Promise((res, rej) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { localAddress, perMessageDeflate: false, generateMask: zeroMask });
    ws.once('open', () => res(ws));
    ws.once('error', rej);
  });
}

/**
 * The simulated host behaves as the real shared screen (`src/game/roomLink.ts`): it applies every act at once
 * and publishes after the acts that arrived together, at most once per PUBLISH_GAP_MS (the first at once).
 */
const PUBLISH_GAP_MS = Number(process.env.PUBLISH_GAP_MS ?? 0);

class Host {
  constructor(localAddress) {
    this.localAddress = localAddress;
    this.applied = {};
    this.seatIds = [];
    this.round = 0;
    this.scheduled = false;
    this.lastPublish = null;
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
    const m = await opened;
    this.code = m.code;
  }

  onAct(m) {
    this.applied[m.seatId] = m.seq;
    this.round++;
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = Math.max(0, (this.lastPublish ?? -Infinity) + PUBLISH_GAP_MS - now());
    const flush = () => {
      this.scheduled = false;
      this.lastPublish = now();
      this.publish();
    };
    if (wait > 0) setTimeout(flush, wait);
    else setImmediate(flush);
  }

  /** The shared screen publishes a view per seat (~1 KB each). */
  publish() {
    publishes++;
    const round = this.round;
    if (this.viewParts?.ids !== this.seatIds) {
      // The text around each seat's round number, made again only when the seats change.
      this.viewParts = { ids: this.seatIds, parts: this.seatIds.map((id) => [`"${id}":{"seat":"${id}","round":`, `,"phase":"vote","dotsLeft":3,"pad":"${padding}"}`]) };
    }
    let views = '';
    for (const [before, after] of this.viewParts.parts) views += `${views === '' ? '' : ','}${before}${round}${after}`;
    const applied = JSON.stringify(this.applied);
    this.ws.send(
      `{"t":"publish","snapshot":{"round":${round},"applied":${applied},"notes":"${padding}"},"views":{${views}},"lobbyView":{"lobby":true},"applied":${applied}}`,
    );
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

  async connect(first) {
    const ws = await open('/room/play', this.localAddress);
    this.ws = ws;
    ws.on('close', () => {
      if (ws === this.ws && !this.closing) unexpectedClose++;
    });
    const joined = new Promise((res) => {
      ws.on('message', (data) => {
        // `{"t":"view",…` and `{"t":"ack",…`: no need to parse them.
        if (isView(data)) return this.onView();
        if (isAck(data)) return;
        const m = JSON.parse(data.toString());
        if (m.t === 'joined') res(m);
        else if (m.t === 'refused') refusedCount++;
      });
    });
    const at = now();
    if (first) ws.send(JSON.stringify({ t: 'join', code: this.room.code, name: `Player ${this.index + 1}` }));
    else {
      // A rejoin counts from the send to the seat's view.
      this.sent.push({ at, phase: 'rejoin' });
      outstanding++;
      ws.send(JSON.stringify({ t: 'rejoin', code: this.room.code, seatToken: this.seatToken }));
    }
    const m = await joined;
    this.seatToken = m.seatToken;
  }

  /** Sends an act; `action` is its JSON text. */
  act(action) {
    this.seq++;
    this.sent.push({ at: now(), phase });
    outstanding++;
    sendFrame(this.ws, `{"t":"act","seq":${this.seq},"action":${action}}`);
  }

  onView() {
    viewsReceived++;
    if (this.sent.length === 0) return;
    const t = now();
    lastView = t;
    for (const s of this.sent) latencies[s.phase].push(t - s.at);
    outstanding -= this.sent.length;
    this.sent = [];
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

/** Per phase: how long until every act had its view, and the server's CPU time in that phase. */
const phases = [];
let phaseStart = 0;
let phaseCpu = 0;
let phaseClientCpu = 0;
let phasePublishes = 0;
let phaseViews = 0;
const clientCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let lastView = 0;
let serverPid = 0;

function beginPhase(name) {
  phase = name;
  phaseStart = now();
  phaseCpu = cpuMs(serverPid);
  phaseClientCpu = clientCpuMs();
  phasePublishes = publishes;
  phaseViews = viewsReceived;
}

async function settle(label) {
  const start = Date.now();
  while (outstanding > 0) {
    if (Date.now() - start > PHASE_TIMEOUT_MS) throw new Error(`${label}: ${outstanding} acts got no view within ${PHASE_TIMEOUT_MS / 1000} s`);
    await sleep(5);
  }
  phases.push({ label, doneMs: lastView - phaseStart, doneCpuMs: cpuMs(serverPid) - phaseCpu });
  // Let the rest of the phase's publishes through before the CPU time is read.
  await sleep(1000);
  const p = phases.at(-1);
  p.cpuMs = cpuMs(serverPid) - phaseCpu;
  p.clientCpuMs = clientCpuMs() - phaseClientCpu;
  p.publishes = publishes - phasePublishes;
  p.views = viewsReceived - phaseViews;
}

// ------------------------------------------------------------------ run

const dir = mkdtempSync(join(tmpdir(), 'ruimte-bench-server-'));
port = await freePort();
const server = await startServer(port, join(dir, 'rooms.sqlite'), join(dir, 'dist'));
const pid = server.child.pid;
serverPid = pid;
let peakRss = rssMb(pid);
const startRss = peakRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, rssMb(pid));
}, 50);

let failed = null;
const rooms = [];
try {
  console.log(`Ruimte room server bench: ${ROOMS} rooms × (1 host + ${PLAYERS} players) = ${ROOMS * (PLAYERS + 1)} sockets`);
  const t0 = Date.now();
  for (let i = 0; i < ROOMS; i++) {
    const localAddress = `127.1.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;
    const room = { host: new Host(localAddress), players: [] };
    room.code = '';
    for (let p = 0; p < PLAYERS; p++) room.players.push(new Player(room, p, localAddress));
    rooms.push(room);
  }

  // 1. Open the rooms; every player joins and sends a proposal.
  beginPhase('proposal');
  await inBatches(rooms, CONNECT_CONCURRENCY, async (room) => {
    await room.host.open();
    room.code = room.host.code;
    for (const p of room.players) await p.connect(true);
    // The host knows all seats before the first publish.
    while (room.host.seatIds.length < PLAYERS) await sleep(5);
  });
  const connected = Date.now() - t0;
  beginPhase('proposal');
  for (const room of rooms) for (const p of room.players) p.act(JSON.stringify({ type: 'propose', text: `Proposal of player ${p.index + 1}: more time for handovers`, level: 'team' }));
  await settle('proposals');

  // 2. A burst: every player votes at once.
  beginPhase('burst1');
  for (const room of rooms) for (const p of room.players) p.act(`{"type":"dot","proposalId":"p${p.index}"}`);
  await settle('vote burst 1');

  // 3. A reconnect wave: a third of the players close and rejoin.
  beginPhase('rejoin');
  const leaving = rooms.flatMap((room) => room.players.filter((p) => p.index % 3 === 0));
  await Promise.all(
    leaving.map(
      (p) =>
        new Promise((res) => {
          p.closing = true;
          p.ws.once('close', res);
          p.ws.close();
        }),
    ),
  );
  await Promise.all(
    leaving.map(async (p) => {
      p.closing = false;
      await p.connect(false);
    }),
  );
  await settle('reconnect wave');

  // 4. Another burst.
  beginPhase('burst2');
  for (const room of rooms) for (const p of room.players) p.act(`{"type":"dot","proposalId":"p${(p.index + 1) % PLAYERS}"}`);
  await settle('vote burst 2');

  const endRss = rssMb(pid);
  peakRss = Math.max(peakRss, endRss);

  const rows = [
    summary('proposals', latencies.proposal),
    summary('vote burst 1', latencies.burst1),
    summary('rejoin → view', latencies.rejoin),
    summary('vote burst 2', latencies.burst2),
  ];
  const acts = summary('all acts', [...latencies.proposal, ...latencies.burst1, ...latencies.burst2]);
  console.log(`connected ${ROOMS * (PLAYERS + 1)} sockets in ${(connected / 1000).toFixed(1)} s`);
  console.log(`${'latency (ms)'.padEnd(16)}${'count'.padStart(8)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}`);
  for (const r of [...rows, acts]) console.log(`${r.name.padEnd(16)}${String(r.count).padStart(8)}${fmt(r.p50)}${fmt(r.p95)}${fmt(r.p99)}${fmt(r.max)}`);
  for (const p of phases) {
    console.log(
      `${p.label}: every act had a view after ${p.doneMs.toFixed(0)} ms; server CPU in the phase ${p.cpuMs.toFixed(0)} ms ` +
        `(${p.doneCpuMs.toFixed(0)} ms of it until the last view) ` +
        `(bench clients ${p.clientCpuMs.toFixed(0)} ms); ${p.publishes} publishes, ${p.views} views`,
    );
  }
  console.log(`server RSS: at start ${startRss.toFixed(0)} MB, peak ${peakRss.toFixed(0)} MB, at end ${endRss.toFixed(0)} MB`);
  console.log(`refusals seen by clients: ${refusedCount}; unexpected closes: ${unexpectedClose}; refusals/errors in the server log: ${server.refusals.length}`);
  for (const line of server.refusals.slice(0, 5)) console.log(`  ${line}`);
  const p99ok = acts.p99 <= TARGET_P99_MS;
  const rssOk = peakRss <= TARGET_RSS_MB;
  console.log(`${p99ok ? 'PASS' : 'MISS'} act → view p99 ${acts.p99.toFixed(1)} ms (target ≤ ${TARGET_P99_MS} ms)`);
  console.log(`${rssOk ? 'PASS' : 'MISS'} server RSS peak ${peakRss.toFixed(0)} MB (target ≤ ${TARGET_RSS_MB} MB)`);
  if (!p99ok || !rssOk || refusedCount > 0 || unexpectedClose > 0) process.exitCode = 1;
} catch (error) {
  failed = error;
  failed.serverState = serverExit ?? 'still running';
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
if (failed) {
  console.error(`bench failed: ${failed.message}`);
  console.error(`refusals seen by clients: ${refusedCount}; unexpected closes: ${unexpectedClose}; server ${failed.serverState}`);
  for (const p of phases) console.error(`${p.label}: done after ${p.doneMs.toFixed(0)} ms`);
  console.error('last lines of the server log:');
  for (const line of server?.tail ?? []) console.error(`  ${line}`);
  process.exit(1);
}
