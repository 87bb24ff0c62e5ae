/**
 * The device's store, chosen once: `localStorage` where the browser offers it, memory elsewhere (Node
 * tests, a browser with storage switched off). Modules import `deviceStore()` and never a browser API.
 */
import { localStore } from './local.ts';
import { memoryStore } from './memory.ts';
import type { KeyValueStore } from './types.ts';

export type { KeyValueStore, ReadProblem, WriteProblem } from './types.ts';
export { memoryStore } from './memory.ts';
export { localStore } from './local.ts';
export { stringifyReusing } from './stringify.ts';

let current: KeyValueStore | null = null;

function hasLocalStorage(): boolean {
  try {
    return typeof globalThis.localStorage !== 'undefined' && globalThis.localStorage !== null;
  } catch {
    return false;
  }
}

export function deviceStore(): KeyValueStore {
  current ??= hasLocalStorage() ? localStore() : memoryStore();
  return current;
}

/** Tests swap in a store of their own (and restore the default with `null`). */
export function setDeviceStore(store: KeyValueStore | null): void {
  current = store;
}

let tab: KeyValueStore | null = null;

/**
 * This tab's own store (`sessionStorage`): gone when the tab closes, so a reload in the same tab can go
 * straight back where it was while another tab starts afresh. Memory where the browser offers none.
 */
export function tabStore(): KeyValueStore {
  if (tab) return tab;
  let storage: Storage | null = null;
  try {
    storage = typeof globalThis.sessionStorage !== 'undefined' ? globalThis.sessionStorage : null;
  } catch {
    storage = null;
  }
  tab = storage ? localStore(storage) : memoryStore();
  return tab;
}
