/** A store that lives in memory: for tests, and as the fallback where the device offers no storage. */
import { err, ok } from '../core/result.ts';
import type { KeyValueStore } from './types.ts';

export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
  const data = new Map<string, string>(Object.entries(initial));
  return {
    read(key) {
      const raw = data.get(key);
      if (raw === undefined) return ok(null);
      try {
        return ok(JSON.parse(raw) as unknown);
      } catch {
        return err({ code: 'damaged', raw });
      }
    },
    readRaw: (key) => data.get(key) ?? null,
    write(key, value, json = JSON.stringify(value)) {
      data.set(key, json);
      return ok(undefined);
    },
    writeRaw(key, raw) {
      data.set(key, raw);
      return ok(undefined);
    },
    remove: (key) => void data.delete(key),
    list: (prefix = '') => [...data.keys()].filter((k) => k.startsWith(prefix)),
  };
}
