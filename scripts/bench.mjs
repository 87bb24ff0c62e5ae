#!/usr/bin/env node
/**
 * Performance benchmark of the production build in headless Chromium: what loads before the start screen
 * takes input, how soon it does on a 4x-throttled CPU (a tablet), frame rates while the table animates,
 * and whether the JS heap grows from session to session. Prints a table with the targets beside the figures
 * and writes them to bench-results/bench.json. The figures are information, not a test: the exit code is
 * non-zero only when the measurement itself failed.
 *
 * Cold loads are first visits in fresh contexts (the service worker may register and precache; its bytes are
 * listed apart from the page's). The session pages block the service worker so it cannot add noise.
 * The machine's load average is recorded: on a shared, busy machine the times and frame rates read low.
 *
 *   npm run bench               build, then measure
 *   npm run bench -- --no-build measure the dist/ that is there
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { build, ROOT, runMain, startServer, stopServer } from './serveDist.mjs';

const DIST = join(ROOT, 'dist');
const OUT_DIR = join(ROOT, 'bench-results');
const NO_BUILD = process.argv.includes('--no-build');
const THROTTLE = 4;
const COLD_LOADS = 5;
const UNTHROTTLED_LOADS = 3;
const VIEWPORT = { width: 1280, height: 800 };
const WATCHDOG_MS = 9 * 60_000;
const KB = 1024;

const TARGETS = {
  startBytesGz: 150 * KB,
  gameBytesGz: 600 * KB,
  startInteractiveMs: 1000,
  fps: 50,
  /** Issue 14: the large session at CPU 4x, while dots fly and as notes pop in. */
  largeFps: 55,
  heapRatio: 1.2,
};

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const NAMES = ['Anna', 'Bram', 'Chris', 'Dewi', 'Eva', 'Fatima', 'Gijs', 'Hanna', 'Ilse', 'Jasper', 'Kim', 'Lotte'];
const LEVELS = ['team', 'individual', 'manager', 'organisation'];
const IDEAS = [
  'Een vaste schrijfdag zonder telefoon',
  'Rooster zelf maken binnen de spelregels van de afdeling',
  'Elke dag een kwartier intervisie aan het eind van de vroege dienst',
  'De bestuurder draait een nachtdienst mee',
  'Overdracht op papier in plaats van in het systeem, als proef voor vier weken',
  'Pauzes echt buiten de afdeling, met een collega die de pieper overneemt',
  'Nieuwe collega’s krijgen een maatje voor de eerste drie maanden',
  'Minder vergaderingen: het teamoverleg wordt om de week en duurt een half uur',
];

// --------------------------------------------------------------------------------------------------------
// Small helpers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const mb = (bytes) => `${(bytes / KB / KB).toFixed(2)} MB`;
const STARTED = Date.now();
const LOAD_BEFORE = loadavg();
const log = (msg) => process.stderr.write(`[bench ${((Date.now() - STARTED) / 1000).toFixed(0).padStart(3)} s] ${msg}\n`);

const gzCache = new Map();
/** gzip size of what the server sends for a URL (the server does not compress, so we do it ourselves). */
async function gzipSizeOf(url) {
  if (!gzCache.has(url)) {
    gzCache.set(
      url,
      (async () => {
        const res = await fetch(url);
        const body = Buffer.from(await res.arrayBuffer());
        return { raw: body.length, gz: gzipSync(body).length };
      })(),
    );
  }
  return gzCache.get(url);
}

async function listFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out;
}

// --------------------------------------------------------------------------------------------------------
// What runs in the page (before any of the app's code)

const INIT_SCRIPT = `(() => {
  const state = (window.__bench = { readyAt: null, handledAt: null, clickTs: null, longTasks: [] });
  // A bubble-phase listener on document runs after the button's own listeners: the click has been handled.
  document.addEventListener('click', (e) => {
    const el = e.target instanceof Element ? e.target.closest('[data-testid="new-session"]') : null;
    if (el && state.handledAt === null) {
      state.handledAt = performance.now();
      state.clickTs = e.timeStamp;
    }
  });
  try {
    new PerformanceObserver((list) => {
      for (const t of list.getEntries()) state.longTasks.push({ start: t.startTime, duration: t.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const check = () => {
    if (state.readyAt !== null) return true;
    const b = document.querySelector('[data-testid="new-session"]');
    if (!b || b.disabled || !b.isConnected) return false;
    if (typeof b.checkVisibility === 'function' && !b.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = b.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return false;
    state.readyAt = performance.now();
    if (typeof window.__benchReady === 'function') window.__benchReady({ readyAt: state.readyAt, x: r.left + r.width / 2, y: r.top + r.height / 2 });
    return true;
  };
  const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
  mo.observe(document, { childList: true, subtree: true, attributes: true });

  // Frame counter: counts requestAnimationFrame callbacks over a window that starts at the next click
  // (capture phase, so before the app handles it) or at once.
  const counter = (ms, done) => {
    const t0 = performance.now();
    let frames = 0, last = t0, maxGap = 0, slow = 0;
    const step = () => {
      const now = performance.now();
      const gap = now - last;
      if (gap > maxGap) maxGap = gap;
      if (now - t0 >= ms) {
        done({ frames, ms: now - t0, fps: (frames * 1000) / (now - t0), maxGapMs: maxGap, slowFrames: slow });
        return;
      }
      frames++;
      if (gap > 1000 / 30) slow++;
      last = now;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  };
  window.__fps = {
    result: null,
    arm(ms) {
      this.result = null;
      document.addEventListener('click', () => counter(ms, (r) => (this.result = r)), { capture: true, once: true });
    },
    run(ms) {
      return new Promise((res) => counter(ms, res));
    },
  };
})();`;

// --------------------------------------------------------------------------------------------------------
// Cold loads: bytes and time until the start screen takes input

async function newContext(browser, { serviceWorkers = 'block' } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, reducedMotion: 'no-preference', serviceWorkers });
  await context.addInitScript({ content: INIT_SCRIPT });
  return context;
}

/**
 * One cold load in a fresh context. The moment the start button is visible and enabled, a real (CDP) mouse
 * click is sent at it; "interactive" is when that click has run through the button's handler.
 */
async function coldLoad(browser, base, rate, { click = true, idleAfterMs = 0 } = {}) {
  // A first visit: fresh profile, the service worker may register (and precache) as it would on a tablet.
  const context = await newContext(browser, { serviceWorkers: 'allow' });
  const workerRequests = [];
  context.on('requestfinished', (request) => {
    if (!request.serviceWorker()) return;
    // A body size of 0 or less: served from the HTTP cache, not the network.
    workerRequests.push(request.sizes().then((sz) => ({ url: request.url(), network: sz.responseBodySize > 0 }), () => ({ url: request.url(), network: false })));
  });
  try {
    let onReady;
    const ready = new Promise((r) => (onReady = r));
    await context.exposeBinding('__benchReady', (_source, info) => onReady(info));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const timeout = setTimeout(() => onReady(null), 30_000);
    await page.goto(base, { waitUntil: 'commit' });
    const info = await ready;
    clearTimeout(timeout);
    if (!info) throw new Error('the start screen never became ready');
    if (click) {
      await page.mouse.click(info.x, info.y);
      const handled = () => page.waitForFunction(() => window.__bench.handledAt !== null, null, { timeout: 15_000, polling: 50 });
      // Should the button have moved under the pointer, click it where it is now (the figure then shows it).
      await handled().catch(async () => {
        await page.locator('[data-testid="new-session"]').click();
        await handled();
      });
    }
    if (idleAfterMs) await sleep(idleAfterMs);
    const m = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        ...window.__bench,
        url: location.href,
        nav: nav ? { responseEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd } : null,
        resources: performance.getEntriesByType('resource').map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd, initiator: r.initiatorType })),
      };
    });
    m.workerRequests = await Promise.all(workerRequests);
    return m;
  } finally {
    await context.close();
  }
}

async function sizeResources(docUrl, resources) {
  const urls = [docUrl, ...resources.map((r) => r.name)].filter((u) => u && /^https?:/.test(u));
  const files = [];
  for (const url of [...new Set(urls)]) {
    const s = await gzipSizeOf(url);
    files.push({ file: new URL(url).pathname.replace(/^\//, '') || 'index.html', raw: s.raw, gz: s.gz });
  }
  return { files, raw: files.reduce((a, f) => a + f.raw, 0), gz: files.reduce((a, f) => a + f.gz, 0) };
}

// --------------------------------------------------------------------------------------------------------
// Driving a session through the UI (same data-testids as tests/e2e)

const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);
const waitPhase = (page, name, timeout = 30_000) => page.locator(`[data-testid="phase"][data-phase="${name}"]`).waitFor({ timeout });
const phaseNow = (page) => page.locator('[data-testid="phase"]').getAttribute('data-phase');

async function setupGame(page, { team, players, cards, checkIn = true }) {
  await byTestId(page, 'new-session').click();
  await byTestId(page, 'team-name').fill(team);
  while ((await byTestId(page, 'player-name').count()) < players) await byTestId(page, 'add-player').click();
  const inputs = byTestId(page, 'player-name');
  for (let i = 0; i < players; i++) await inputs.nth(i).fill(NAMES[i % NAMES.length]);
  await byTestId(page, 'card-count').fill(String(cards));
  if (!checkIn) await byTestId(page, 'check-in-toggle').uncheck();
  await byTestId(page, 'start-game').click();
  await page.waitForFunction(() => ['check-in', 'reveal'].includes(document.querySelector('[data-testid="phase"]')?.dataset.phase ?? ''), null, { timeout: 30_000 }).catch(async (e) => {
    const errors = await byTestId(page, 'setup-errors').textContent().catch(() => null);
    throw new Error(`the game did not start${errors ? `: ${errors}` : ''} (${e.message})`);
  });
}

async function checkIn(page, players) {
  await waitPhase(page, 'check-in');
  for (let i = 0; i < players; i++) await byTestId(page, 'check-in-card').nth(i % 4).click();
}

/** The table must be there before an animation is measured (Phaser loads lazily behind the panel). */
async function waitForTable(page) {
  await page.locator('#stage canvas').first().waitFor({ state: 'attached', timeout: 30_000 });
  await sleep(400);
}

async function propose(page, text, level, expectedCount) {
  await byTestId(page, 'proposal-text').fill(text);
  await byTestId(page, 'proposal-level').selectOption(level);
  await byTestId(page, 'proposal-submit').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="proposal"]').length >= n, expectedCount, { timeout: 15_000 });
}

/**
 * Every voter places all dots and is done. Voter v puts dots on candidates v*d, v*d+1, ... (mod n), which
 * spreads the dots over all proposals; whatever is left (a run-off has its own rules) goes on the first
 * candidates that still take a dot. `last` wraps the final "done" click (to measure it).
 */
async function voteAll(page, players, last, dotsPerPlayer = 3, maxPer = 2) {
  const ids = await byTestId(page, 'vote-for').evaluateAll((els) => els.map((e) => e.getAttribute('data-proposal-id')));
  if (ids.length === 0) throw new Error('no candidates to vote on');
  const place = Math.min(dotsPerPlayer, ids.length * maxPer);
  const done = byTestId(page, 'vote-done');
  for (let v = 0; v < players; v++) {
    await page.locator(`[data-testid="voter"][data-voter-number="${v + 1}"]`).waitFor({ timeout: 15_000 });
    // At most ceil(place / n) <= maxPer dots land on one candidate: every planned click is allowed.
    for (let k = 0; k < place; k++) await page.locator(`[data-testid="vote-for"][data-proposal-id="${ids[(v * place + k) % ids.length]}"]`).click();
    for (let guard = 0; guard < 20 && !(await done.isEnabled()); guard++) {
      const open = await page.locator('[data-testid="vote-for"]:not([disabled])').first().getAttribute('data-proposal-id');
      await page.locator(`[data-testid="vote-for"][data-proposal-id="${open}"]`).click();
    }
    if (v === players - 1 && last) await last(() => done.click());
    else await done.click();
  }
}

/**
 * One card from `reveal` to `results`. `onLastDone` may wrap the final "done" click (the dots fly);
 * `onProposal(i, submit)` may wrap the submit of proposal i (0-based): it returns null to leave it alone.
 */
async function playCard(page, { players, ideas, twist = false, onLastDone, onProposal, onDiscuss }) {
  await waitPhase(page, 'reveal');
  await byTestId(page, 'advance').click();
  await waitPhase(page, 'discuss');
  if (onDiscuss) await onDiscuss();
  await byTestId(page, 'advance').click();
  await waitPhase(page, 'propose');
  for (let i = 0; i < ideas.length; i++) {
    if (twist && i === ideas.length - 1) {
      await byTestId(page, 'draw-twist').click();
      await byTestId(page, 'twist-card').waitFor();
    }
    const submit = () => propose(page, ideas[i], LEVELS[i % LEVELS.length], i + 1);
    if (!onProposal || (await onProposal(i, submit)) === null) await submit();
  }
  await byTestId(page, 'advance').click();
  await waitPhase(page, 'vote');
  await voteAll(page, players, onLastDone);
  await waitPhase(page, 'results');
}

/** From the last card's results to the summary, through a run-off when the top three ties. */
async function finishSession(page, players) {
  await byTestId(page, 'advance').click();
  await page.waitForFunction(() => ['run-off', 'top-three'].includes(document.querySelector('[data-testid="phase"]')?.dataset.phase ?? ''), null, { timeout: 30_000 });
  if ((await phaseNow(page)) === 'run-off') {
    await voteAll(page, players, null, 0, 1);
    await waitPhase(page, 'top-three');
  }
  await byTestId(page, 'top-three-item').first().waitFor();
  await byTestId(page, 'top-three-item').first().locator('[data-testid="sharpen-ask"]').fill('Twee uur per week vrij van de telefoon');
  await byTestId(page, 'advance').click();
  await waitPhase(page, 'summary');
}

async function goHome(page) {
  await byTestId(page, 'home').click();
  await byTestId(page, 'new-session').waitFor({ state: 'visible', timeout: 15_000 });
}

const ideasFor = (card, n) => Array.from({ length: n }, (_, i) => `${IDEAS[(i + card) % IDEAS.length]} (${card + 1}.${i + 1})`);

/**
 * A whole session: 4 players, 2 cards, check-in, 3 proposals (one under a twist) and 2 proposals.
 * With `measure`, the card flips and the flying dots are measured throttled.
 */
async function normalSession(page, index, measure) {
  const players = 4;
  await setupGame(page, { team: `Team Noord ${index}`, players, cards: 2 });
  await checkIn(page, players);
  await waitForTable(page);
  const out = { flips: [], dots: [], idle: null, timerRunning: null };
  const enter = async () => {
    const click = () => byTestId(page, 'advance').click();
    if (measure) out.flips.push(await measure(1500, click));
    else await click();
  };
  const lastDone = measure ? async (click) => out.dots.push(await measure(2000, click)) : null;
  await enter(); // check-in -> card 1 reveal (the card flips)
  if (measure && index === 1) {
    await sleep(2000); // the flip is over and the loop asleep: the table at rest, for comparison
    out.idle = await measure(1500, null);
  }
  // In discuss the step timer runs and nothing moves on the table: what does the table cost then?
  const onDiscuss = measure && index === 1 ? async () => (await sleep(1000), (out.timerRunning = await measure(1500, null))) : null;
  await playCard(page, { players, ideas: ideasFor(0, 3), twist: true, onLastDone: lastDone, onDiscuss });
  await enter(); // results -> card 2 reveal
  await playCard(page, { players, ideas: ideasFor(1, 2), onLastDone: lastDone });
  await finishSession(page, players);
  return out;
}

/** The notes whose pop-in is measured (1-based): one window is noisy, the median of three less so. */
const POPS_MEASURED = [28, 29, 30];
/** Large sessions whose dots are measured (the median is reported). */
const LARGE_DOTS_RUNS = 3;
const popsNamed = POPS_MEASURED.map((n) => `${n}th`).join(', ');

/** 12 players, 6 cards; 30 proposals on the first card, 2 on the others. */
async function largeSession(page, measure) {
  const players = 12;
  const cards = 6;
  await setupGame(page, { team: 'Grote afdeling', players, cards });
  await checkIn(page, players);
  await waitForTable(page);
  const out = { notePops: [] };
  await byTestId(page, 'advance').click();
  await playCard(page, {
    players,
    ideas: ideasFor(0, 30),
    onProposal: async (i, submit) => {
      if (!POPS_MEASURED.includes(i + 1)) return null;
      // Each window starts with the table at rest (the note before has landed), so the three measure the same.
      await sleep(1000);
      const r = await measure(1000, submit);
      out.notePops.push({ note: i + 1, ...r });
      return r;
    },
    onLastDone: async (click) => (out.dots = await measure(3000, click)),
  });
  out.dotsShown = await page.evaluate(() => document.querySelectorAll('[data-testid="proposal-dots"]').length);
  for (let c = 1; c < cards; c++) {
    await byTestId(page, 'advance').click();
    await playCard(page, { players, ideas: ideasFor(c, 2) });
  }
  await finishSession(page, players);
  return out;
}

/** The large session's first card only: 30 proposals, 12 voters; the dots are measured as they fly in. */
async function largeDotsOnly(page, measure) {
  const players = 12;
  await setupGame(page, { team: 'Grote afdeling', players, cards: 6 });
  await checkIn(page, players);
  await waitForTable(page);
  await byTestId(page, 'advance').click();
  let dots;
  await playCard(page, { players, ideas: ideasFor(0, 30), onLastDone: async (click) => (dots = await measure(3000, click)) });
  return dots;
}

const STAGE_SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
];

/** The stage's `data-min-text-px` once it has settled (the same value for 1.5 s), or null when it never shows. */
async function settledMinText(page) {
  let last = null;
  let since = Date.now();
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const now = await page.evaluate(() => document.querySelector('[data-testid="stage"]')?.getAttribute('data-min-text-px') ?? null);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (now !== null && Date.now() - since > 1500) return Number(now);
    await sleep(250);
  }
  return last === null ? null : Number(last);
}

/** 4 players, 1 card, 30 proposals: the smallest stage text while proposing and in the results. */
async function stageTextSession(page) {
  const players = 4;
  await setupGame(page, { team: 'Stage', players, cards: 1, checkIn: false });
  await waitPhase(page, 'reveal');
  await byTestId(page, 'advance').click();
  await byTestId(page, 'advance').click();
  await waitPhase(page, 'propose');
  const ideas = ideasFor(0, 30);
  for (let i = 0; i < ideas.length; i++) await propose(page, ideas[i], LEVELS[i % LEVELS.length], i + 1);
  const proposePx = await settledMinText(page);
  await byTestId(page, 'advance').click();
  await waitPhase(page, 'vote');
  await voteAll(page, players, (click) => click());
  await waitPhase(page, 'results');
  const resultsPx = await settledMinText(page);
  return { proposePx, resultsPx };
}

async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await sleep(300);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
  return { used: usedSize, total: totalSize };
}

const pageFacts = (page) =>
  page.evaluate(() => ({
    canvases: document.querySelectorAll('canvas').length,
    domNodes: document.getElementsByTagName('*').length,
    storageBytes: Object.keys(localStorage).reduce((a, k) => a + k.length + (localStorage.getItem(k) ?? '').length, 0) * 2,
  }));

/**
 * Frame rates over `ms` with the CPU throttled THROTTLE×: from the click `action` makes (the counter is armed
 * before it), or at once when there is no action.
 */
function frameMeter(page, cdp) {
  return async (ms, action) => {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    try {
      if (!action) return await page.evaluate((w) => window.__fps.run(w), ms);
      await page.evaluate((w) => window.__fps.arm(w), ms);
      await action();
      await page.waitForFunction(() => window.__fps.result !== null, null, { timeout: ms + 20_000, polling: 100 });
      return await page.evaluate(() => window.__fps.result);
    } finally {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    }
  };
}

// --------------------------------------------------------------------------------------------------------

async function main() {
  const t0 = Date.now();
  await build({ noBuild: NO_BUILD, command: ['npx', 'vite', 'build'], needed: 'dist/index.html', log });

  // Whole game: every file in dist/ except source maps, gzipped one by one.
  // Not the .gz and .br copies `npm run build` makes for the server: they are the same files, sent instead, never as well.
  const distFiles = (await listFiles(DIST)).filter((f) => !/\.(map|gz|br)$/.test(f));
  const game = { files: [], raw: 0, gz: 0 };
  for (const f of distFiles) {
    const body = await readFile(f);
    // The Phaser chunk: the script that holds Phaser's game loop (its TimeStep) and the table's scene.
    const phaser = f.endsWith('.js') && body.includes('TableScene') && body.includes('requestAnimationFrame');
    const entry = { file: relative(DIST, f), raw: body.length, gz: gzipSync(body).length, phaser };
    game.files.push(entry);
    game.raw += entry.raw;
    game.gz += entry.gz;
  }
  game.files.sort((a, b) => b.gz - a.gz);

  // The room server (from the sources, as the tests run it) serves the build.
  const base = await startServer({ nodeArgs: ['--import', 'tsx', join(ROOT, 'src/server/main.ts')], name: 'bench' });
  log(`serving dist/ at ${base}`);
  const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  const browser = await chromium.launch({ executablePath: systemChromium, args: LAUNCH_ARGS, headless: true });
  try {
    const version = browser.version();

    // 1. Cold loads of the start screen (after one discarded load that warms the browser process).
    await coldLoad(browser, base, 1);
    log(`${COLD_LOADS} cold loads, CPU throttled ${THROTTLE}x…`);
    const throttled = [];
    for (let i = 0; i < COLD_LOADS; i++) throttled.push(await coldLoad(browser, base, THROTTLE));
    log(`${UNTHROTTLED_LOADS} cold loads unthrottled (to check the throttle applies)…`);
    const unthrottled = [];
    for (let i = 0; i < UNTHROTTLED_LOADS; i++) unthrottled.push(await coldLoad(browser, base, 1));
    log('one more throttled load left idle for 5 s (what loads behind the start screen)…');
    const idle = await coldLoad(browser, base, THROTTLE, { click: false, idleAfterMs: 5000 });

    // Bytes before input: the document and every resource requested before the click reached the page.
    const earlyPerLoad = [];
    for (const m of throttled) {
      const cutoff = Math.min(m.clickTs ?? m.handledAt, m.handledAt);
      earlyPerLoad.push(await sizeResources(m.url, m.resources.filter((r) => r.start < cutoff)));
    }
    const early = [...earlyPerLoad].sort((x, y) => x.gz - y.gz)[Math.floor(earlyPerLoad.length / 2)];
    const behind = await sizeResources(idle.url, idle.resources.filter((r) => r.start >= idle.readyAt));
    behind.files = behind.files.filter((f) => f.file !== 'index.html');
    behind.raw = behind.files.reduce((a, f) => a + f.raw, 0);
    behind.gz = behind.files.reduce((a, f) => a + f.gz, 0);
    const precache = await sizeResources(null, idle.workerRequests.filter((r) => r.network).map((r) => ({ name: r.url })));
    precache.fromHttpCache = idle.workerRequests.filter((r) => !r.network).length;
    const longAfterReady = idle.longTasks.filter((t) => t.start >= idle.readyAt - 1);
    const loads = {
      throttledMs: throttled.map((m) => round(m.handledAt)),
      throttledReadyMs: throttled.map((m) => round(m.readyAt)),
      unthrottledMs: unthrottled.map((m) => round(m.handledAt)),
      medianMs: round(median(throttled.map((m) => m.handledAt))),
      medianReadyMs: round(median(throttled.map((m) => m.readyAt))),
      medianUnthrottledMs: round(median(unthrottled.map((m) => m.handledAt))),
      throttleFactor: round(median(throttled.map((m) => m.handledAt)) / median(unthrottled.map((m) => m.handledAt)), 2),
      // ready -> the click reaches the page (the harness's round trip, mousedown) -> the click has been handled
      harnessRoundTripMs: throttled.map((m) => round(m.clickTs - m.readyAt)),
      inputDelayMs: throttled.map((m) => round(m.handledAt - m.clickTs)),
      longTasksBeforeInputMs: throttled.map((m) => round(m.longTasks.filter((t) => t.start < m.handledAt).reduce((a, t) => a + t.duration, 0))),
      bytesBeforeInputGz: earlyPerLoad.map((e) => e.gz),
      behindStart: {
        longestTaskMs: round(Math.max(0, ...longAfterReady.map((t) => t.duration))),
        longTasksMs: round(longAfterReady.reduce((a, t) => a + t.duration, 0)),
        longTasks: longAfterReady.map((t) => ({ atMs: round(t.start), durationMs: round(t.duration) })),
      },
    };

    // 2. Sessions in one page: frame rates (throttled windows) and the heap after one and three sessions.
    log('three whole sessions in one page (frame rates throttled, heap)…');
    const context = await newContext(browser);
    let sessions;
    try {
      const page = await context.newPage();
      page.on('dialog', (d) => d.accept().catch(() => {}));
      const cdp = await context.newCDPSession(page);
      const measure = frameMeter(page, cdp);
      await page.goto(base);
      await byTestId(page, 'new-session').waitFor();
      await sleep(3000); // what loads behind the start screen has loaded: the page is at rest
      const ceiling = { unthrottled: await page.evaluate((w) => window.__fps.run(w), 1500), throttled: await measure(1500, null) };
      // Does the throttle apply? The same fixed piece of JS, unthrottled and throttled (best of 3 each).
      const busy = () => page.evaluate(() => { const t = performance.now(); let x = 0; for (let i = 0; i < 2e7; i++) x += Math.sqrt(i); return x > 0 ? performance.now() - t : 0; });
      const throttleCheck = { unthrottledMs: Infinity, throttledMs: Infinity };
      for (let i = 0; i < 3; i++) {
        throttleCheck.unthrottledMs = Math.min(throttleCheck.unthrottledMs, await busy());
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
        throttleCheck.throttledMs = Math.min(throttleCheck.throttledMs, await busy());
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      }
      throttleCheck.factor = round(throttleCheck.throttledMs / throttleCheck.unthrottledMs, 2);
      throttleCheck.unthrottledMs = round(throttleCheck.unthrottledMs);
      throttleCheck.throttledMs = round(throttleCheck.throttledMs);
      const s1 = await normalSession(page, 1, measure);
      await goHome(page);
      const heap1 = await heapUsed(cdp);
      const facts1 = await pageFacts(page);
      log(`  session 1 done; heap ${mb(heap1.used)}`);
      const flips = [...s1.flips];
      const dots = [...s1.dots];
      for (const i of [2, 3]) {
        const s = await normalSession(page, i, measure);
        flips.push(...s.flips);
        dots.push(...s.dots);
        await goHome(page);
        log(`  session ${i} done`);
      }
      const heap3 = await heapUsed(cdp);
      const facts3 = await pageFacts(page);
      log(`  heap after 3 sessions ${mb(heap3.used)}`);
      sessions = { ceiling, throttleCheck, idle: s1.idle, timerRunning: s1.timerRunning, flips, dots, heap1, heap3, facts1, facts3 };
    } finally {
      await context.close();
    }

    // 3. The large session in a fresh page.
    log('large session: 12 players, 6 cards, 30 proposals on card 1…');
    const bigContext = await newContext(browser);
    let large;
    try {
      const page = await bigContext.newPage();
      page.on('dialog', (d) => d.accept().catch(() => {}));
      const cdp = await bigContext.newCDPSession(page);
      const measure = frameMeter(page, cdp);
      await page.goto(base);
      await byTestId(page, 'new-session').waitFor();
      const r = await largeSession(page, measure);
      const heapEnd = await heapUsed(cdp);
      const factsEnd = await pageFacts(page);
      await goHome(page);
      const heapHome = await heapUsed(cdp);
      large = { ...r, heapEnd, heapHome, factsEnd };
    } finally {
      await bigContext.close();
    }
    // One click ends the vote and the whole window follows from it: one window swings by a frame rate or two,
    // so the dots are measured in LARGE_DOTS_RUNS large sessions (the others stop at card 1's results).
    large.dotsRuns = [large.dots];
    for (let i = 1; i < LARGE_DOTS_RUNS; i++) {
      log(`large session ${i + 1} of ${LARGE_DOTS_RUNS}, card 1 only (the dots fly)…`);
      const context = await newContext(browser);
      try {
        const page = await context.newPage();
        page.on('dialog', (d) => d.accept().catch(() => {}));
        const cdp = await context.newCDPSession(page);
        await page.goto(base);
        await byTestId(page, 'new-session').waitFor();
        large.dotsRuns.push(await largeDotsOnly(page, frameMeter(page, cdp)));
      } finally {
        await context.close();
      }
    }
    large.dots = [...large.dotsRuns].sort((a, b) => a.fps - b.fps)[Math.floor(large.dotsRuns.length / 2)];

    // 4. The stage's smallest text at four screen sizes, with 30 proposals on the table and in the results.
    log('stage text at 1920×1080, 1280×720, 1024×768 and 768×1024…');
    const stageText = [];
    for (const size of STAGE_SIZES) {
      const context = await browser.newContext({ viewport: size, serviceWorkers: 'block' });
      try {
        const page = await context.newPage();
        page.on('dialog', (d) => d.accept().catch(() => {}));
        await page.goto(base);
        await byTestId(page, 'new-session').waitFor();
        stageText.push({ ...size, ...(await stageTextSession(page)) });
      } finally {
        await context.close();
      }
    }

    // ----------------------------------------------------------------------------------------------------
    const fpsSummary = (rs) => ({ median: round(median(rs.map((r) => r.fps))), min: round(Math.min(...rs.map((r) => r.fps))), samples: rs.map((r) => round(r.fps)), longestGapMs: round(Math.max(...rs.map((r) => r.maxGapMs)), 0) });
    const flip = fpsSummary(sessions.flips);
    const dots = fpsSummary(sessions.dots);
    const pops = fpsSummary(large.notePops);
    const largeDots = fpsSummary(large.dotsRuns);
    const lastPop = large.notePops[large.notePops.length - 1];
    const heapRatio = sessions.heap3.used / sessions.heap1.used;
    const loadAfter = loadavg();
    const results = {
      when: new Date().toISOString(),
      stageText,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? '',
        memoryGB: round(totalmem() / 2 ** 30),
        loadAverage1mBefore: round(LOAD_BEFORE[0], 2),
        loadAverage1mAfter: round(loadAfter[0], 2),
        node: process.version,
        chromium: version,
        executablePath: systemChromium ?? 'playwright',
        viewport: VIEWPORT,
      },
      throttle: THROTTLE,
      throttleCheck: sessions.throttleCheck,
      targets: TARGETS,
      bytes: {
        beforeInputGz: early.gz,
        beforeInputRaw: early.raw,
        beforeInputFiles: early.files,
        behindStartScreenGz: behind.gz,
        behindStartScreenFiles: behind.files,
        serviceWorkerPrecacheGz: precache.gz,
        serviceWorkerPrecacheFiles: precache.files,
        serviceWorkerFromHttpCache: precache.fromHttpCache,
        firstVisitNetworkGz: early.gz + behind.gz + precache.gz,
        gameGz: game.gz,
        gameRaw: game.raw,
        gameFiles: game.files,
      },
      startScreen: loads,
      fps: {
        // requestAnimationFrame callbacks per second; the ceiling is the page at rest (the display rate).
        ceiling: { unthrottled: sessions.ceiling.unthrottled, throttled: sessions.ceiling.throttled },
        tableAtRest: sessions.idle,
        tableWhileStepTimerRuns: sessions.timerRunning,
        cardFlip: flip,
        dotsFly: dots,
        cardFlipWindows: sessions.flips,
        dotsFlyWindows: sessions.dots,
      },
      heap: {
        afterOne: sessions.heap1,
        afterThree: sessions.heap3,
        ratio: round(heapRatio, 3),
        pageAfterOne: sessions.facts1,
        pageAfterThree: sessions.facts3,
      },
      large: {
        players: 12,
        cards: 6,
        proposalsOnCard1: 30,
        dotsFly: large.dots,
        dotsFlyRuns: large.dotsRuns,
        // The pop-in of the 28th, 29th and 30th notes, 1 s each: the median and the samples; notePop is the 30th's window.
        notePops: { ...pops, windows: large.notePops },
        notePop: lastPop,
        resultsListedInPanel: large.dotsShown,
        heapAtSummary: large.heapEnd,
        heapAfterHome: large.heapHome,
        pageAtSummary: large.factsEnd,
      },
      durationSec: round((Date.now() - t0) / 1000),
    };
    await mkdir(OUT_DIR, { recursive: true });
    await writeFile(join(OUT_DIR, 'bench.json'), JSON.stringify(results, null, 2) + '\n');

    // ----------------------------------------------------------------------------------------------------
    const rows = [];
    const row = (what, value, target, pass) => rows.push([what, value, target, pass === null ? '' : pass ? 'PASS' : 'MISS']);
    const fpsCell = (f) => `${f.median} (min ${f.min})`;
    row('Bytes before the start screen takes input (gzip)', kb(early.gz), '≤ 150 KB', early.gz <= TARGETS.startBytesGz);
    row('Whole game: dist/ without source maps and precompressed copies (gzip)', kb(game.gz), '≤ 600 KB', game.gz <= TARGETS.gameBytesGz);
    row(`Start screen takes input, median of ${COLD_LOADS} cold loads, CPU ${THROTTLE}x`, `${loads.medianMs} ms`, '≤ 1000 ms', loads.medianMs <= TARGETS.startInteractiveMs);
    row('  the same unthrottled (reference)', `${loads.medianUnthrottledMs} ms`, '', null);
    row(`  CPU throttle check: fixed JS loop, ${THROTTLE}x / unthrottled`, `${round(sessions.throttleCheck.throttledMs, 0)} / ${round(sessions.throttleCheck.unthrottledMs, 0)} ms (×${sessions.throttleCheck.factor})`, '', null);
    row(`FPS card flip: advance → reveal, 1.5 s, CPU ${THROTTLE}x, median of ${sessions.flips.length}`, fpsCell(flip), '≥ 50 fps', flip.median >= TARGETS.fps);
    row(`FPS dots fly: last vote-done → results, 2 s, CPU ${THROTTLE}x, median of ${sessions.dots.length}`, fpsCell(dots), '≥ 50 fps', dots.median >= TARGETS.fps);
    row(`  page at rest (ceiling), CPU ${THROTTLE}x / unthrottled`, `${round(sessions.ceiling.throttled.fps)} / ${round(sessions.ceiling.unthrottled.fps)}`, '', null);
    row(`  table at rest after the flip, CPU ${THROTTLE}x`, String(round(sessions.idle.fps)), '', null);
    row(`  table in discuss, timer running, nothing moving, CPU ${THROTTLE}x`, String(round(sessions.timerRunning.fps)), '', null);
    row('JS heap after 1 session (after GC)', mb(sessions.heap1.used), '', null);
    row('JS heap after 3 sessions (after GC)', `${mb(sessions.heap3.used)} (×${heapRatio.toFixed(2)})`, '≤ 1.2 × after 1', heapRatio <= TARGETS.heapRatio);
    row(`Large (12 players, 6 cards, 30 proposals): FPS dots fly, 3 s, CPU ${THROTTLE}x, median of ${large.dotsRuns.length}`, fpsCell(largeDots), '≥ 55 fps', largeDots.median >= TARGETS.largeFps);
    row(`Large: FPS a note pops in (the ${popsNamed}), 1 s each, CPU ${THROTTLE}x, median of ${large.notePops.length}`, fpsCell(pops), '≥ 55 fps', pops.median >= TARGETS.largeFps);
    row('Large: JS heap at the summary (after GC)', mb(large.heapEnd.used), '', null);

    const heads = ['Figure', 'Measured', 'Target', ''];
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), heads[i].length));
    const line = (cells) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
    const list = (files) => files.map((f) => `${f.file.replace(/^assets\//, '')} ${kb(f.gz)}`).join(', ');
    const out = [];
    out.push('');
    out.push(`Ruimte benchmark: Chromium ${version}, ${cpus().length} CPUs, viewport ${VIEWPORT.width}×${VIEWPORT.height}, load average ${LOAD_BEFORE[0].toFixed(2)} → ${loadAfter[0].toFixed(2)}`);
    out.push('');
    out.push(line(heads));
    out.push(line(widths.map((w) => '-'.repeat(w))));
    for (const r of rows) out.push(line(r));
    out.push('');
    out.push(`Start screen, CPU ${THROTTLE}x: takes input at ${loads.throttledMs.join(', ')} ms; button shown at ${loads.throttledReadyMs.join(', ')} ms; the click arrives ${loads.harnessRoundTripMs.join(', ')} ms after the button shows (harness round trip and mousedown) and is handled ${loads.inputDelayMs.join(', ')} ms after it arrives. Unthrottled: ${loads.unthrottledMs.join(', ')} ms (throttled/unthrottled ×${loads.throttleFactor}).`);
    out.push(`Loaded before input: ${list(early.files)}.`);
    out.push(`Loaded behind the start screen (left idle 5 s): ${kb(behind.gz)} gzip: ${list(behind.files)}; longest main-thread task then ${loads.behindStart.longestTaskMs} ms (CPU ${THROTTLE}x).`);
    if (idle.workerRequests.length) out.push(`Service worker on the first visit: ${idle.workerRequests.length} requests, ${precache.files.length} from the network (${kb(precache.gz)} gzip, ${precache.fromHttpCache} from the HTTP cache); a first visit moves ${kb(early.gz + behind.gz + precache.gz)} gzip in its first 5 s.`);
    out.push(`Largest files (gzip): ${list(game.files.slice(0, 5))}.`);
    out.push(`Frames: card flips ${flip.samples.join(' / ')} fps (longest gap ${flip.longestGapMs} ms); dots ${dots.samples.join(' / ')} fps (longest gap ${dots.longestGapMs} ms); large dots longest gap ${round(large.dots.maxGapMs, 0)} ms; notes popping in ${pops.samples.join(' / ')} fps (longest gap ${pops.longestGapMs} ms).`);
    out.push(`Page after 1 / 3 sessions (start screen): ${sessions.facts1.canvases} / ${sessions.facts3.canvases} canvases, ${sessions.facts1.domNodes} / ${sessions.facts3.domNodes} elements, localStorage ${kb(sessions.facts1.storageBytes)} / ${kb(sessions.facts3.storageBytes)}.`);
    if (Math.max(LOAD_BEFORE[0], loadAfter[0]) > cpus().length * 0.75 || sessions.ceiling.throttled.fps < 55) {
      out.push(`Note: the machine was busy (load average ${LOAD_BEFORE[0].toFixed(2)} → ${loadAfter[0].toFixed(2)} on ${cpus().length} CPUs, page at rest ${round(sessions.ceiling.throttled.fps)} fps throttled): times and frame rates are pessimistic.`);
    }
    // Lines the checks read (issues 12 and 14).
    const phaserChunk = game.files.find((f) => f.phaser) ?? null;
    out.push('');
    out.push(`phaser chunk: ${phaserChunk ? (phaserChunk.gz / KB).toFixed(1) : 'n/a'} KB gzip${phaserChunk ? ` (${phaserChunk.file})` : ''}`);
    out.push(`whole game: ${(game.gz / KB).toFixed(1)} KB gzip`);
    out.push(`large session: ${largeDots.median} fps while dots fly, median of ${large.dotsRuns.length} sessions (CPU ${THROTTLE}x, 3 s each: ${largeDots.samples.join(' / ')})`);
    out.push(`large session: ${pops.median} fps as a note pops in, median of the ${popsNamed} (CPU ${THROTTLE}x, 1 s each: ${pops.samples.join(' / ')})`);
    out.push(`large session: ${round(lastPop.fps)} fps as the 30th note pops in (CPU ${THROTTLE}x, 1 s)`);
    for (const s of stageText) {
      out.push(`stage text: ${s.proposePx ?? 'n/a'} px at ${s.width}x${s.height} during propose with 30 proposals`);
      out.push(`stage text: ${s.resultsPx ?? 'n/a'} px at ${s.width}x${s.height} during results`);
    }
    out.push(`Written to ${relative(ROOT, join(OUT_DIR, 'bench.json'))} in ${results.durationSec} s.`);
    console.log(out.join('\n'));
  } finally {
    await browser.close().catch(() => {});
  }
}

const watchdog = setTimeout(() => {
  log(`gave up after ${WATCHDOG_MS / 60000} minutes`);
  stopServer();
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

runMain(main, log);
