import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's chromium where it is installed (no browser downloads on our machines), else Playwright's own. */
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const port = Number(process.env.E2E_PORT ?? 4317);
/** Each run starts with an empty room database of its own. */
const roomDb = join(tmpdir(), `ruimte-e2e-${port}-${Date.now()}.sqlite`);

export default defineConfig({
  testDir: 'tests/e2e',
  // Parallel runs (several developers, one machine) keep their artefacts apart.
  outputDir: process.env.PW_OUTPUT ?? 'test-results',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: systemChromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'tv-1920', use: { ...devices['Desktop Chrome'], viewport: { width: 1920, height: 1080 } } },
    { name: 'tablet-1024', use: { ...devices['Desktop Chrome'], viewport: { width: 1024, height: 768 }, hasTouch: true } },
  ],
  webServer: {
    command: `npx tsx src/server/main.ts`,
    // Every browser of the run comes from 127.0.0.1: room opens and failed joins per address are raised.
    env: {
      ...(process.env as Record<string, string>),
      PORT: String(port),
      HOST: '127.0.0.1',
      RUIMTE_DB: roomDb,
      RUIMTE_OPENS_PER_MINUTE: '1000',
      RUIMTE_JOIN_FAILURES_PER_MINUTE: '1000',
      RUIMTE_JOIN_ATTEMPTS_PER_MINUTE: '10000',
    },
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
