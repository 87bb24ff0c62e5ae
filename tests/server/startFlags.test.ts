import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { nodeFlagsOf, serverNodeFlags } from '../../scripts/serveDist.mjs';

const scripts = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
const flagsOf = (script: string): string[] | null => nodeFlagsOf(script) as string[] | null;

describe('how the compiled room server is started', () => {
  it('runs with the same node flags from `npm start` and `npm run serve`, with a small young generation', () => {
    expect(flagsOf(scripts.start!)).not.toBeNull();
    expect(flagsOf(scripts.serve!)).toEqual(flagsOf(scripts.start!));
    // 4 MB semi-spaces instead of 16: peak RSS under the bench's 2,600 sockets fell from ~200 to ~130 MB.
    expect(flagsOf(scripts.start!)!.join(' ')).toMatch(/--max-semi-space-size=\d+/);
  });

  it('is measured with those flags (bench:server and lighthouse read them)', () => {
    expect(serverNodeFlags()).toEqual(flagsOf(scripts.start!));
  });

  it('finds no flags in a script that does not start the compiled server', () => {
    expect(flagsOf('vite')).toBeNull();
    expect(flagsOf('node scripts/build-server.mjs')).toBeNull();
  });
});
