/**
 * The programme history on the device (through `src/storage`): one key, written synchronously after every
 * change. A stored history that cannot be read is never overwritten: the screen offers its raw text and a
 * deliberate fresh start.
 */
import { deviceStore } from '../storage/index.ts';
import { type History, type HistoryProblem, emptyHistory, parseHistory, serializeHistory } from './core/history.ts';

const KEY = 'ruimte.programme.history';
const PENDING = 'ruimte.programme.pending';

export type LoadedHistory = { readonly kind: 'ok'; readonly history: History } | { readonly kind: 'damaged'; readonly raw: string; readonly problem: HistoryProblem };

export function loadHistory(now = Date.now()): LoadedHistory {
  const raw = deviceStore().readRaw(KEY);
  if (raw === null) return { kind: 'ok', history: emptyHistory(now) };
  const parsed = parseHistory(raw);
  return parsed.ok ? { kind: 'ok', history: parsed.value } : { kind: 'damaged', raw, problem: parsed.error };
}

/** False when the device refused (storage full or blocked): the caller tells the team. */
export function storeHistory(history: History): boolean {
  return deviceStore().writeRaw(KEY, serializeHistory(history)).ok;
}

export function removeStoredHistory(): void {
  deviceStore().remove(KEY);
}

/** The round that is waiting for the session the team is about to play (set by "Play the game"). */
export interface PendingLink {
  readonly programmeId: string;
  readonly round: number;
  readonly at: number;
}

export function setPending(link: PendingLink): void {
  // Only a convenience: when the device refuses, the visit screen lets the team choose the round.
  deviceStore().write(PENDING, link);
}

export function getPending(): PendingLink | null {
  const read = deviceStore().read(PENDING);
  if (!read.ok) return null;
  const data = read.value as Partial<PendingLink> | null;
  if (!data || typeof data !== 'object' || typeof data.programmeId !== 'string' || typeof data.round !== 'number' || typeof data.at !== 'number') return null;
  return { programmeId: data.programmeId, round: data.round, at: data.at };
}

export function clearPending(): void {
  deviceStore().remove(PENDING);
}
