#!/usr/bin/env node
/**
 * `npm run check:structure`: the architecture's rules, which live in `.dependency-cruiser.cjs`, checked with
 * dependency-cruiser over `src/`, then `src/core` type-checked without the DOM (`tsconfig.core.json`), since a
 * dependency graph cannot see globals such as `document`.
 *
 * Runs dependency-cruiser through its API: its command line refuses Node 20, which this project supports.
 * Exit code 0 when every rule holds.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

/**
 * Cruises `files` under `baseDir` with the project's rules. Returns the violations (rule name, from, to)
 * and the report as text. Used by this script and by the test that proves each rule fails when broken.
 */
export async function cruiseStructure({ baseDir = ROOT, files = ['src'] } = {}) {
  const [{ cruise, format }, { default: extractDepcruiseOptions }] = await Promise.all([
    import('dependency-cruiser'),
    import('dependency-cruiser/config-utl/extract-depcruise-options'),
  ]);
  const options = await extractDepcruiseOptions(resolve(ROOT, '.dependency-cruiser.cjs'));
  const cwd = process.cwd();
  process.chdir(baseDir);
  try {
    const cruised = await cruise(files, { ...options, baseDir, outputType: 'json' });
    const result = typeof cruised.output === 'string' ? JSON.parse(cruised.output) : cruised.output;
    const text = await format(result, { outputType: 'err' });
    return {
      modules: result.summary.totalCruised,
      violations: result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to, cycle: (v.cycle ?? []).map((c) => c.name ?? c) })),
      report: String(text.output),
    };
  } finally {
    process.chdir(cwd);
  }
}

async function main() {
  let ok = true;
  let structure;
  try {
    structure = await cruiseStructure();
  } catch (error) {
    console.error(String(error instanceof Error ? error.message : error));
    console.error('\nThe structure check needs @swc/core (dependency-cruiser parses TypeScript with it): npm install --save-dev @swc/core');
    process.exit(1);
  }
  if (structure.modules === 0) {
    console.error('dependency-cruiser read no modules: is @swc/core installed?');
    ok = false;
  }
  console.log(structure.report.trim());
  if (structure.violations.length > 0) ok = false;

  const tsc = resolve(ROOT, 'node_modules/.bin/tsc');
  const core = spawnSync(existsSync(tsc) ? tsc : 'tsc', ['--noEmit', '-p', resolve(ROOT, 'tsconfig.core.json')], { stdio: 'inherit', cwd: ROOT });
  if (core.status !== 0) {
    console.error('src/core uses a browser or Node global (see above): the rules must run anywhere.');
    ok = false;
  } else {
    console.log('✔ src/core type-checks without the DOM and without Node.');
  }
  process.exit(ok ? 0 : 1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
