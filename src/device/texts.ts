/**
 * The device's texts: the `device` namespace (`src/i18n/device-*.ts`), registered when the device page
 * loads and read with `t('device:<key>')`. Step, level and theme names come from the game's own bundle.
 */
import { registerBundle } from '../i18n/index.ts';
import { deviceNl } from '../i18n/device-nl.ts';
import { deviceEn } from '../i18n/device-en.ts';

/** Idempotent; waits for i18next when it is not set up yet. */
export function registerDeviceTexts(): void {
  registerBundle('device', { nl: deviceNl, en: deviceEn });
}
