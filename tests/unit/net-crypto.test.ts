import { describe, expect, it } from 'vitest';
import { deriveKey, fromBase64Url, isSealed, newSecret, open, seal, stretchTypedSecret, toBase64Url } from '../../src/net/crypto.ts';

describe('end-to-end sealing', () => {
  it('opens what it sealed, and the sealed text does not contain the plain text', async () => {
    const key = await deriveKey(newSecret(), 'room');
    const sealed = await seal(key, { name: 'Şükrü', text: 'stop the double report' });
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('Şükrü');
    expect(sealed).not.toContain('double');
    expect(await open(key, sealed)).toEqual({ name: 'Şükrü', text: 'stop the double report' });
  });

  it('a key for another purpose or another secret cannot open it, and tampering is refused', async () => {
    const secret = newSecret();
    const room = await deriveKey(secret, 'room');
    const sealed = await seal(room, 'ballot');
    expect(await open(await deriveKey(secret, 'seat:s1'), sealed)).toBeUndefined();
    expect(await open(await deriveKey(newSecret(), 'room'), sealed)).toBeUndefined();
    // Change the second-to-last character (to a different one: chosen by that character, not by the last).
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.slice(-1);
    expect(await open(room, flipped)).toBeUndefined();
    expect(await open(room, 'plain')).toBeUndefined();
    expect(await open(room, 42)).toBeUndefined();
  });

  it('seals the same value differently each time (fresh IV)', async () => {
    const key = await deriveKey(newSecret(), 'room');
    expect(await seal(key, 'same')).not.toBe(await seal(key, 'same'));
  });

  it('stretches a typed secret the same way on every device, differently per room', async () => {
    const a = await stretchTypedSecret('ab12cd34', 'ROOM01', 1000);
    expect(await stretchTypedSecret('AB12CD34', 'ROOM01', 1000)).toBe(a);
    expect(await stretchTypedSecret('AB12CD34', 'ROOM02', 1000)).not.toBe(a);
    expect(fromBase64Url(a)?.length).toBe(32);
  });

  it('base64url round-trips and rejects foreign characters', () => {
    const bytes = Uint8Array.from([0, 255, 62, 63, 1, 2, 3]);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    expect(fromBase64Url('a+b/')).toBeUndefined();
  });
});
