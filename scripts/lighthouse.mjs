#!/usr/bin/env node
/**
 * Lighthouse, mobile preset (simulated slow 4G, CPU ×4, a phone's screen), against the game as `npm start`
 * serves it: builds, starts the compiled room server on a free port, audits the start page N times, each in a
 * fresh Chromium profile (a first visit), and prints the median and spread of performance, accessibility,
 * total blocking time, layout shift and bytes transferred. Writes every run to bench-results/lighthouse.json.
 * The figures are information, not a test: the exit code is non-zero only when the measurement failed.
 *
 * Lighthouse is not a dependency of the project. Install it outside the project, once:
 *   npm install --prefix /tmp/lh lighthouse@12.8.2     (13.x needs Node 22; 12.8.2 is the newest for Node 20)
 * and point this script at it with LIGHTHOUSE_DIR (default /tmp/lh).
 *
 *   npm run lighthouse                 build, then 3 runs
 *   npm run lighthouse -- --runs 5     5 runs
 *   npm run lighthouse -- --no-build   audit the dist/ and dist-server/ that are there
 *
 * Chromium: CHROME_PATH, else /usr/bin/chromium (Debian's), started with --headless=new --no-sandbox.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, ROOT, runMain, serverNodeFlags, startServer } from './serveDist.mjs';

const OUT_DIR = join(ROOT, 'bench-results');
const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Math.max(1, Number(args[runsArg + 1]) || 3) : 3;
const NO_BUILD = args.includes('--no-build');
const LH_DIR = resolve(process.env.LIGHTHOUSE_DIR ?? '/tmp/lh');
const CHROME = process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const TARGETS = { performance: 0.9, accessibility: 0.95, tbtMs: 200, cls: 0.05 };

const log = (msg) => process.stderr.write(`[lighthouse] ${msg}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function loadLighthouse() {
  const lhEntry = join(LH_DIR, 'node_modules/lighthouse/core/index.js');
  const launcherEntry = join(LH_DIR, 'node_modules/chrome-launcher/dist/index.js');
  if (!existsSync(lhEntry) || !existsSync(launcherEntry)) {
    log(`Lighthouse was not found in ${LH_DIR}. It is not a project dependency; install it outside the project:`);
    log(`  npm install --prefix ${LH_DIR} lighthouse@12.8.2`);
    log('and run again (or set LIGHTHOUSE_DIR to where it is installed).');
    process.exit(2);
  }
  const lighthouse = (await import(pathToFileURL(lhEntry).href)).default;
  const launcher = await import(pathToFileURL(launcherEntry).href);
  const { version } = JSON.parse(await (await import('node:fs/promises')).readFile(join(LH_DIR, 'node_modules/lighthouse/package.json'), 'utf8'));
  return { lighthouse, launch: launcher.launch ?? launcher.default?.launch, version };
}

async function audit(lh, url) {
  const chrome = await lh.launch({ chromePath: CHROME, chromeFlags: ['--headless=new', '--no-sandbox'], logLevel: 'silent' });
  try {
    // No config: Lighthouse's default is the mobile preset (Moto G Power screen, slow 4G, CPU ×4, simulated).
    const result = await lh.lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
    const lhr = result?.lhr;
    if (!lhr) throw new Error('Lighthouse returned no result');
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const a = lhr.audits;
    const num = (id) => a[id]?.numericValue ?? null;
    return {
      performance: lhr.categories.performance.score,
      accessibility: lhr.categories.accessibility.score,
      tbtMs: num('total-blocking-time'),
      cls: num('cumulative-layout-shift'),
      bytes: num('total-byte-weight'),
      fcpMs: num('first-contentful-paint'),
      lcpMs: num('largest-contentful-paint'),
      speedIndexMs: num('speed-index'),
      failedAccessibility: Object.values(a)
        .filter((x) => lhr.categories.accessibility.auditRefs.some((r) => r.id === x.id && r.weight > 0) && x.score !== null && x.score < 1)
        .map((x) => x.id),
      // What shifted, and the longest main-thread tasks (to see where blocking time comes from).
      shifts: (a['layout-shifts']?.details?.items ?? []).map((x) => ({ node: x.node?.selector ?? x.node?.snippet ?? '', score: x.score })),
      longTasks: (a['long-tasks']?.details?.items ?? []).slice(0, 5).map((x) => ({ url: x.url, startMs: Math.round(x.startTime), durationMs: Math.round(x.duration) })),
      warnings: lhr.runWarnings ?? [],
      userAgent: lhr.environment?.hostUserAgent ?? '',
    };
  } finally {
    await chrome.kill();
  }
}

async function main() {
  const lh = await loadLighthouse();
  if (!CHROME) throw new Error('no Chromium found: set CHROME_PATH');
  await build({ noBuild: NO_BUILD, command: ['npm', 'run', 'build'], needed: 'dist-server/main.mjs', log });
  // The compiled room server, as `npm start` runs it. Lighthouse audits http://localhost (127.0.0.1 would be
  // fine too, but the server's allowed host names include localhost in every set-up).
  const url = await startServer({ nodeArgs: [...serverNodeFlags(), join(ROOT, 'dist-server/main.mjs')], name: 'lighthouse', host: 'localhost' });
  log(`Lighthouse ${lh.version}, ${CHROME}, ${RUNS} runs against ${url}`);
  const load = [loadavg()[0]];
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    // A run Lighthouse itself botches (NO_NAVSTART and the like, seen on a busy machine) is tried once more.
    let r;
    try {
      r = await audit(lh, url);
    } catch (error) {
      log(`run ${i + 1} failed (${error?.message ?? error}); trying it once more`);
      r = await audit(lh, url);
    }
    runs.push(r);
    log(`run ${i + 1}: performance ${r.performance}, accessibility ${r.accessibility}, TBT ${Math.round(r.tbtMs)} ms, CLS ${r.cls.toFixed(3)}, ${(r.bytes / 1024).toFixed(0)} KiB`);
  }
  load.push(loadavg()[0]);

  const fig = (key) => {
    const xs = runs.map((r) => r[key]).filter((x) => typeof x === 'number');
    return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs };
  };
  const summary = { performance: fig('performance'), accessibility: fig('accessibility'), tbtMs: fig('tbtMs'), cls: fig('cls'), bytes: fig('bytes'), fcpMs: fig('fcpMs'), lcpMs: fig('lcpMs'), speedIndexMs: fig('speedIndexMs') };
  await mkdir(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, 'lighthouse.json');
  await writeFile(file, JSON.stringify({ when: new Date().toISOString(), lighthouse: lh.version, chromium: CHROME, url, cpus: cpus().length, loadAverage1m: load, targets: TARGETS, summary, runs }, null, 2) + '\n');

  const f2 = (x) => x.toFixed(2);
  const ms = (x) => `${Math.round(x)} ms`;
  const kib = (x) => `${(x / 1024).toFixed(0)} KiB`;
  const line = (name, s, fmt, target, pass) => `${name.padEnd(26)} median ${fmt(s.median).padStart(8)}   spread ${`${fmt(s.min)} – ${fmt(s.max)}`.padEnd(19)}   ${target.padEnd(8)} ${pass === null ? '' : pass ? 'PASS' : 'MISS'}`.trimEnd();
  const out = [
    '',
    `Lighthouse ${lh.version}, mobile preset, ${RUNS} runs, served by the compiled room server (npm start); ${cpus().length} CPUs, load average ${load[0].toFixed(2)} → ${load[1].toFixed(2)}`,
    '',
    line('performance', summary.performance, f2, '≥ 0.90', summary.performance.median >= TARGETS.performance),
    line('accessibility', summary.accessibility, f2, '≥ 0.95', summary.accessibility.median >= TARGETS.accessibility),
    line('total blocking time', summary.tbtMs, ms, '≤ 200 ms', summary.tbtMs.median <= TARGETS.tbtMs),
    line('cumulative layout shift', summary.cls, (x) => x.toFixed(3), '≤ 0.05', summary.cls.median <= TARGETS.cls),
    line('bytes transferred', summary.bytes, kib, '', null),
    line('first contentful paint', summary.fcpMs, ms, '', null),
    line('largest contentful paint', summary.lcpMs, ms, '', null),
    line('speed index', summary.speedIndexMs, ms, '', null),
  ];
  const failed = [...new Set(runs.flatMap((r) => r.failedAccessibility))];
  if (failed.length) out.push(`accessibility audits that failed in some run: ${failed.join(', ')}`);
  const shifts = runs.flatMap((r) => r.shifts).filter((x) => x.score > 0);
  if (shifts.length) out.push(`layout shifts: ${shifts.map((x) => `${x.node} ${x.score.toFixed(3)}`).join(', ')}`);
  const worst = runs.flatMap((r) => r.longTasks).sort((x, y) => y.durationMs - x.durationMs).slice(0, 4);
  if (worst.length) out.push(`longest tasks (simulated): ${worst.map((x) => `${x.durationMs} ms at ${x.startMs} ms (${x.url.replace(/^.*\//, '') || 'page'})`).join(', ')}`);
  const warnings = [...new Set(runs.flatMap((r) => r.warnings))];
  if (warnings.length) out.push(`Lighthouse warnings: ${warnings.join(' | ')}`);
  if (Math.max(...load) > cpus().length * 0.75) out.push(`Note: the machine was busy (load average ${load.map((x) => x.toFixed(2)).join(' → ')} on ${cpus().length} CPUs): blocking time reads high.`);
  out.push(`Written to ${relative(ROOT, file)}.`);
  console.log(out.join('\n'));
}

runMain(main, log);
