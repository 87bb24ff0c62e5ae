/** The move address and its fragment: the key comes back out, with or without the room's other secret after a dot. */
import { describe, expect, it } from 'vitest';
import { moveAddress, parseMoveFragment } from '../../../src/game/roomMove.ts';

const key = 'Abc_def-0123456789abcdefghijKLMNOP';

describe('the move address', () => {
  it('carries the room code in the query and only the move key after #', () => {
    const url = new URL(moveAddress('https://ruimte.example/spel/', 'ABCDEF', key));
    expect(url.searchParams.get('host')).toBe('ABCDEF');
    expect(url.hash).toBe(`#m=${key}`);
    expect(parseMoveFragment(url.hash)).toEqual({ moveKey: key, rest: null });
  });

  it('reads #m=<key> and #m=<key>.<anything> alike', () => {
    expect(parseMoveFragment(`#m=${key}`)).toEqual({ moveKey: key, rest: null });
    expect(parseMoveFragment(`m=${key}`)).toEqual({ moveKey: key, rest: null });
    expect(parseMoveFragment(`#m=${key}.s3cr.et-_`)).toEqual({ moveKey: key, rest: 's3cr.et-_' });
    expect(parseMoveFragment(`#m=${key}.`)).toEqual({ moveKey: key, rest: '' });
    const withSecret = new URL(moveAddress('http://localhost:4591/', 'ABCDEF', key, 'roomSecret'));
    expect(parseMoveFragment(withSecret.hash)).toEqual({ moveKey: key, rest: 'roomSecret' });
  });

  it('finds no key in an empty, foreign or damaged fragment', () => {
    for (const hash of ['', '#', '#m=', `#${key}`, `#x=${key}`, '#m=short', `#m=${key}!`, `#m=.${key}`, `#m=${key}${key}${key}`]) {
      expect(parseMoveFragment(hash), hash).toBeNull();
    }
  });
});
