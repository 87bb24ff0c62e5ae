/**
 * The store behind `localStorage`: synchronous, so a save is on disk before the next tap is handled and a
 * flat battery right after a vote loses nothing. The only module that touches `localStorage`.
 */
import { err, ok } from '../core/result.ts';
import type { KeyValueStore, WriteProblem } from './types.ts';

function writeProblem(e: unknown): WriteProblem {
  const name = e instanceof DOMException ? e.name : '';
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' ? { code: 'full' } : { code: 'unavailable' };
}

export function localStore(storage: Storage = globalThis.localStorage): KeyValueStore {
  const readRaw = (key: string): string | null => {
    try {
      return storage.getItem(key);
    } catch {
      return null;
    }
  };
  const writeRaw = (key: string, raw: string) => {
    try {
      storage.setItem(key, raw);
      return ok(undefined);
    } catch (e) {
      return err(writeProblem(e));
    }
  };
  return {
    read(key) {
      let raw: string | null;
      try {
        raw = storage.getItem(key);
      } catch {
        return err({ code: 'unavailable' });
      }
      if (raw === null) return ok(null);
      try {
        return ok(JSON.parse(raw) as unknown);
      } catch {
        return err({ code: 'damaged', raw });
      }
    },
    readRaw,
    write: (key, value, json = JSON.stringify(value)) => writeRaw(key, json),
    writeRaw,
    remove(key) {
      try {
        storage.removeItem(key);
      } catch {
        /* nothing to remove on a device that offers no storage */
      }
    },
    list(prefix = '') {
      const keys: string[] = [];
      try {
        for (let i = 0; i < storage.length; i++) {
          const key = storage.key(i);
          if (key !== null && key.startsWith(prefix)) keys.push(key);
        }
      } catch {
        /* no storage: no keys */
      }
      return keys;
    },
  };
}
