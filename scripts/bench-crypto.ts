/**
 * `npm run bench:crypto`: what end-to-end sealing costs a device (docs/SERVER.md), in Node on this machine.
 * Seal + open of one action, sealing one publish (12 views, the lobby view and a 20 KB snapshot), and the PBKDF2
 * of a join by typed code. Each figure is measured RUNS times; prints the median and the spread.
 */
import { loadavg } from 'node:os';
import { newSecret } from '../src/net/crypto.ts';
import type { PlayerAction } from '../src/net/protocol.ts';
import { newTypedSecret, openAction, roomKeys, roomSecretFromTyped, sealAction, sealLobbyView, sealSnapshot, sealView, seatKeys } from '../src/net/roomCrypto.ts';

const RUNS = 5;

async function once(): Promise<{ action: number; publish: number; pbkdf2: number }> {
  const keys = await roomKeys(newSecret());
  const seats = await Promise.all(Array.from({ length: 12 }, () => seatKeys(newSecret())));
  const action: PlayerAction = { type: 'propose', text: 'y'.repeat(200), level: 'team' };
  const n = 200;
  let t = performance.now();
  for (let i = 1; i <= n; i++) await openAction(seats[0]!, i, await sealAction(seats[0]!, i, action));
  const perAction = (performance.now() - t) / n;
  const view = { phase: 'vote', pad: 'x'.repeat(1000), proposals: Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, text: 'z'.repeat(80) })) };
  t = performance.now();
  for (let i = 0; i < 20; i++) {
    await Promise.all([...seats.map((s) => sealView(s, view)), sealLobbyView(keys, view), sealSnapshot(keys, { big: 'w'.repeat(20_000) })]);
  }
  const perPublish = (performance.now() - t) / 20;
  t = performance.now();
  await roomSecretFromTyped('ABC234', newTypedSecret());
  return { action: perAction, publish: perPublish, pbkdf2: performance.now() - t };
}

const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(await once());
const line = (label: string, xs: number[], digits: number): string => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `${label}: ${sorted[Math.floor(sorted.length / 2)]!.toFixed(digits)} ms (median of ${xs.length}, ${sorted[0]!.toFixed(digits)}–${sorted.at(-1)!.toFixed(digits)})`;
};
console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(line('seal + open per action', runs.map((r) => r.action), 3));
console.log(line('publish of 12 views + lobby + 20 KB snapshot', runs.map((r) => r.publish), 2));
console.log(line('PBKDF2 per typed join', runs.map((r) => r.pbkdf2), 0));
