#!/usr/bin/env node
/**
 * `npm test`: everything a fresh machine needs to run every test, then every test.
 * 1. a Chromium for the end-to-end tests: Debian's `chromium` (installed with apt-get when running as root
 *    on Debian and it is missing), else Playwright's own browser;
 * 2. the content check, the type check, the structure check (dependency-cruiser, rules in
 *    `.dependency-cruiser.cjs`), unit and property tests (Vitest), a production build, and the end-to-end
 *    tests (Playwright);
 * 3. one closing line `N passed, N failed` over all of it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
const steps = [];
/** Names of failed tests, repeated at the very end: CI keeps only the tail of a long log. */
const failedNames = [];
/** The first line of an error, without terminal colours. */
const firstLine = (text) => String(text ?? '').replace(/\x1b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim())?.trim().slice(0, 300) ?? '';

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: false });
  const ok = r.status === 0;
  steps.push({ label, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

/** `pdftotext` (Debian's poppler-utils) lets the PDF tests read back the names they printed; without it they skip. */
function ensurePdfText() {
  if (existsSync('/usr/bin/pdftotext')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return;
  run('install Debian poppler-utils', 'apt-get', ['update', '-qq']);
  run('install Debian poppler-utils', 'apt-get', ['install', '-y', '-qq', 'poppler-utils'], { DEBIAN_FRONTEND: 'noninteractive' });
}

function ensureChromium() {
  const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (system) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    run('install Debian chromium', 'apt-get', ['update', '-qq']);
    if (run('install Debian chromium', 'apt-get', ['install', '-y', '-qq', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' }) && existsSync('/usr/bin/chromium')) return true;
  }
  return run('install Playwright chromium', 'npx', ['playwright', 'install', 'chromium']);
}

function collectPlaywrightFailures(suites, titles) {
  for (const suite of suites) {
    const path = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const last = test.results?.at(-1);
        const error = last?.error?.message ?? last?.errors?.[0]?.message ?? '';
        failedNames.push(`e2e [${test.projectName}]: ${[...path, spec.title].join(' › ')}: ${firstLine(error)}`);
      }
    }
    collectPlaywrightFailures(suite.suites ?? [], path);
  }
}

function countStep(label, ok) {
  // A step that is not a test runner (type check, structure check, content check, build) counts as one check.
  if (ok) results.passed++;
  else results.failed++;
  return ok;
}

mkdirSync('test-results', { recursive: true });
const browser = ensureChromium();
ensurePdfText();

countStep('levels', run('content check', 'npm', ['run', '--silent', 'levels:check']));
countStep('types', run('type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']));
countStep('structure', run('structure check', 'npm', ['run', '--silent', 'check:structure']));

const unitOk = run('unit and property tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json']);
try {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  results.passed += v.numPassedTests;
  results.failed += v.numFailedTests + (unitOk || v.numFailedTests > 0 ? 0 : 1);
  results.skipped += v.numPendingTests + v.numTodoTests;
  for (const file of v.testResults ?? []) {
    const where = file.name.replace(process.cwd() + '/', '');
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) failedNames.push(`unit: ${where}: ${firstLine(file.message)}`);
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'failed') failedNames.push(`unit: ${where} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    }
  }
} catch {
  results.failed++;
}

const built = countStep('build', run('production build', 'npx', ['vite', 'build']));
if (built && browser) {
  const e2eOk = run('end-to-end tests', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json' });
  try {
    const p = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'));
    results.passed += p.stats.expected + p.stats.flaky;
    results.failed += p.stats.unexpected + (e2eOk || p.stats.unexpected > 0 ? 0 : 1);
    results.skipped += p.stats.skipped;
    collectPlaywrightFailures(p.suites ?? [], []);
  } catch {
    results.failed++;
  }
} else {
  results.failed++;
  console.log(built ? 'No Chromium could be installed: the end-to-end tests did not run.' : 'The build failed: the end-to-end tests did not run.');
}

if (failedNames.length) {
  console.log('\nFailed:');
  for (const name of failedNames) console.log(`  ${name}`);
}
console.log('\nSteps:');
for (const s of steps) console.log(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.label} (${s.seconds}s)`);
console.log(`\n${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`);
process.exit(results.failed === 0 ? 0 : 1);
