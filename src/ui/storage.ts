/**
 * Sessions on this device, through the device's store (synchronous, so a save is done before the next tap
 * is handled, and a flat battery right after a vote loses nothing). Nothing leaves the device.
 */
import { type SavedSession, parseSave } from '../core/save.ts';
import type { Result } from '../core/result.ts';
import type { SaveProblem } from '../core/save.ts';
import { deviceStore, stringifyReusing } from '../storage/index.ts';

const PREFIX = 'ruimte.session.';
const DRAFTS = 'ruimte.drafts.';
const PREFS = 'ruimte.prefs';
const DRAWER = 'ruimte.drawer';

export interface StoredEntry {
  readonly id: string;
  readonly raw: string;
  readonly parsed: Result<SavedSession, SaveProblem>;
}

export function listSessions(): StoredEntry[] {
  const store = deviceStore();
  const out: StoredEntry[] = [];
  for (const key of store.list(PREFIX)) {
    // The raw text, not `read`: a damaged save is listed with its text, for download.
    const raw = store.readRaw(key) ?? '';
    out.push({ id: key.slice(PREFIX.length), raw, parsed: parseSave(raw) });
  }
  const time = (e: StoredEntry) => (e.parsed.ok ? e.parsed.value.savedAt : Number.MAX_SAFE_INTEGER);
  return out.sort((a, b) => time(b) - time(a));
}

export function loadSession(id: string): StoredEntry | null {
  const raw = deviceStore().readRaw(PREFIX + id);
  return raw === null ? null : { id, raw, parsed: parseSave(raw) };
}

/**
 * A save as stored: its JSON, with the text of what did not change since the last save (the deck's cards,
 * twists and check-in cards) reused rather than made again, so saving after every tap stays cheap.
 */
export function sessionText(save: SavedSession): string {
  return stringifyReusing(save);
}

/** Returns false when the device refused (storage full or blocked): the caller tells the team. */
export function storeSession(id: string, save: SavedSession): boolean {
  return deviceStore().write(PREFIX + id, save, sessionText(save)).ok;
}

export function removeSession(id: string): void {
  const store = deviceStore();
  store.remove(PREFIX + id);
  store.remove(DRAFTS + id);
}

/** Half-typed text (a proposal, a sharpened ask) survives a reload too. */
export function loadDrafts(id: string): Record<string, string> {
  const stored = deviceStore().read(DRAFTS + id);
  const data = stored.ok ? stored.value : null;
  if (typeof data !== 'object' || data === null) return {};
  return Object.fromEntries(Object.entries(data).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

export function storeDrafts(id: string, drafts: Record<string, string>): void {
  // Drafts are a convenience; the session itself reports a failed save.
  deviceStore().write(DRAFTS + id, drafts);
}

export interface Prefs {
  readonly muted: boolean;
  readonly lang: string | null;
}

export function loadPrefs(): Prefs {
  const stored = deviceStore().read(PREFS);
  const data = (stored.ok && typeof stored.value === 'object' && stored.value !== null ? stored.value : {}) as Partial<Prefs>;
  return { muted: data.muted === true, lang: typeof data.lang === 'string' ? data.lang : null };
}

export function storePrefs(prefs: Prefs): void {
  // Preferences are optional: a refused write changes nothing else.
  deviceStore().write(PREFS, prefs);
}

const GUIDE = 'ruimte.guide';

/** Whether the facilitator keeps the guide's notes open (closed until they open it once). */
export function loadGuideOpen(): boolean {
  const stored = deviceStore().read(GUIDE);
  return stored.ok && typeof stored.value === 'object' && stored.value !== null && (stored.value as { open?: unknown }).open === true;
}

export function storeGuideOpen(open: boolean): void {
  // A convenience: a refused write only means the guide opens as before.
  deviceStore().write(GUIDE, { open });
}

/** Whether the facilitator's drawer was left open on this device; null before its first use. */
export function loadDrawerOpen(): boolean | null {
  const stored = deviceStore().read(DRAWER);
  return stored.ok && typeof stored.value === 'boolean' ? stored.value : null;
}

export function storeDrawerOpen(open: boolean): void {
  // A preference: a refused write only means the default next time.
  deviceStore().write(DRAWER, open);
}
