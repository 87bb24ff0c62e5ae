/**
 * One small key-value store for everything the game keeps on the device. Values go in and come out as
 * JSON; a value that cannot be read comes back as a named error instead of a throw, so every caller can
 * show the raw text and offer a fresh start. Synchronous on purpose: a save is done before the next tap is
 * handled. An IndexedDB store can sit behind the same interface with an in-memory mirror.
 */
import type { Result } from '../core/result.ts';

/** Why a stored value could not be returned. */
export type ReadProblem =
  /** The text is there but is not JSON: the raw text is kept for download. */
  | { readonly code: 'damaged'; readonly raw: string }
  /** The device refused to read (storage blocked, private mode). */
  | { readonly code: 'unavailable' };

/** Why a value could not be stored. */
export type WriteProblem = { readonly code: 'full' } | { readonly code: 'unavailable' };

export interface KeyValueStore {
  /** `ok(null)` when nothing is stored under the key. */
  read(key: string): Result<unknown, ReadProblem>;
  /** The stored text as it is, for a damaged value's download or a parser of its own. */
  readRaw(key: string): string | null;
  /** Stores `value` as JSON; `json` is that JSON when the caller has made it already (see stringify.ts). */
  write(key: string, value: unknown, json?: string): Result<void, WriteProblem>;
  /** Stores text as it is (a value that is already serialised). */
  writeRaw(key: string, raw: string): Result<void, WriteProblem>;
  remove(key: string): void;
  /** Every key that starts with `prefix`, in no particular order. */
  list(prefix?: string): string[];
}
