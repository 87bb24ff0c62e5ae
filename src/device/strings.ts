/**
 * The device's texts: the `device` namespace (`src/i18n/device-*.ts`), registered when the device page
 * loads. Step, level and theme names come from the game's own bundle.
 */
import { i18n, t } from '../i18n/index.ts';
import { deviceNl } from '../i18n/device-nl.ts';
import { deviceEn } from '../i18n/device-en.ts';

let registered = false;

function add(): void {
  i18n.addResourceBundle('nl', 'device', deviceNl, true, true);
  i18n.addResourceBundle('en', 'device', deviceEn, true, true);
}

/** Idempotent; waits for i18next when it is not set up yet. */
export function registerDeviceStrings(): void {
  if (registered) return;
  registered = true;
  if (i18n.isInitialized) add();
  else i18n.on('initialized', add);
}

/** A device string. */
export const dt = (key: string, options?: Record<string, unknown>): string => t(`device:${key}`, options);
