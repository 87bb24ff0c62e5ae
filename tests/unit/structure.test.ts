/**
 * The structure check (`npm run check:structure`, rules in `.dependency-cruiser.cjs`): the game's sources
 * keep every rule, and a tree that breaks each rule once gets each violation reported.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import { cruiseStructure } from '../../scripts/check-structure.mjs';

interface Violation {
  readonly rule: string;
  readonly from: string;
  readonly to: string;
}

const cruise = cruiseStructure as (opts?: { baseDir?: string }) => Promise<{ modules: number; violations: Violation[]; report: string }>;
const ROOT = join(__dirname, '../..');

describe('the structure check', () => {
  it('reports each broken rule in the fixture tree', async () => {
    const { violations, report } = await cruise({ baseDir: join(ROOT, 'tests/fixtures/structure') });
    const found = violations.map((v) => `${v.rule}: ${v.from} → ${v.to}`).sort();
    expect(found).toEqual(
      [
        'core-has-no-browser: src/core/rules.ts → src/ui/panel.ts',
        'core-has-no-browser: src/core/sound.ts → src/audio.ts',
        'core-has-no-node: src/core/rules.ts → fs',
        'core-is-pure: src/core/rules.ts → src/ui/panel.ts',
        'no-circular: src/device/a.ts → src/device/b.ts',
        'only-storage-touches-localstorage: src/game/saves.ts → src/storage/local.ts',
        'scenes-without-ui: src/scenes/Table.ts → src/ui/panel.ts',
        'server-core-types-only: src/server/main.ts → src/core/types.ts',
        'server-without-browser: src/server/main.ts → src/ui/panel.ts',
      ].sort(),
    );
    expect(report).toContain('src/device/a.ts');
    // Allowed imports are not reported: the server's src/net and core type, the storage's own index.
    expect(found.join('\n')).not.toMatch(/net\/protocol|storage\/index/);
  }, 60_000);

  it('reads the game’s sources (a parser is installed), and the shell’s areas keep every rule', async () => {
    const { modules, violations } = await cruise();
    expect(modules).toBeGreaterThan(100);
    // The other areas are checked by `npm run check:structure` as a whole.
    const mine = violations.filter((v) => /^src\/(game|ui|device|main\.ts|audio\.ts|extensions\.ts|i18n|storage|core)/.test(v.from));
    expect(mine).toEqual([]);
  }, 60_000);
});

describe('DOM globals in src/core', () => {
  it('fail the core’s type check (no DOM, no Node), which the structure check runs', () => {
    const tsc = join(ROOT, 'node_modules/.bin/tsc');
    const run = (project: string) => spawnSync(existsSync(tsc) ? tsc : 'tsc', ['--noEmit', '-p', join(ROOT, project)], { encoding: 'utf8' });
    const broken = run('tests/fixtures/structure/tsconfig.dom.json');
    expect(broken.status).not.toBe(0);
    expect(broken.stdout).toContain('document');
    expect(run('tsconfig.core.json').status).toBe(0);
  }, 60_000);
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|mjs|js)$/.test(name) ? [path] : [];
  });
}

describe('localStorage', () => {
  it('is named only under src/storage (dependency-cruiser cannot see globals)', () => {
    const outside = sources(join(ROOT, 'src'))
      .map((path) => relative(ROOT, path).replaceAll('\\', '/'))
      .filter((path) => !path.startsWith('src/storage/') && readFileSync(join(ROOT, path), 'utf8').includes('localStorage'));
    expect(outside).toEqual([]);
  });
});
