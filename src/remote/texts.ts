/**
 * The remote's texts: the `remote` namespace (`src/i18n/remote-*.ts`), for the remote page on the phone and the
 * facilitator's block on the shared screen; read with `t('remote:<key>')`. Step names come from the game's own bundle.
 */
import { registerBundle } from '../i18n/index.ts';
import { remoteNl } from '../i18n/remote-nl.ts';
import { remoteEn } from '../i18n/remote-en.ts';

/** Idempotent; waits for i18next when it is not set up yet. */
export function registerRemoteTexts(): void {
  registerBundle('remote', { nl: remoteNl, en: remoteEn });
}
