/**
 * The programme's strings: registered as the i18next namespace `programme` when this module loads
 * (`t('programme:poll.begin')`). The top bar names each step with `phase.<name>` from the main bundle; where
 * that bundle has no name for the programme's steps yet, ours fill in without overwriting anything.
 */
import { i18n, t } from '../i18n/index.ts';
import { programmeNl } from '../i18n/programme-nl.ts';
import { programmeEn } from '../i18n/programme-en.ts';

export function registerProgrammeStrings(): void {
  i18n.addResourceBundle('nl', 'programme', programmeNl, true, true);
  i18n.addResourceBundle('en', 'programme', programmeEn, true, true);
  i18n.addResourceBundle('nl', 'translation', { phase: programmeNl.phase }, true, false);
  i18n.addResourceBundle('en', 'translation', { phase: programmeEn.phase }, true, false);
}

registerProgrammeStrings();

/** A programme string. */
export const pt = (key: string, options?: Record<string, unknown>): string => t(`programme:${key}`, options);

/** A theme's name, from the game's own strings. */
export const themeLabel = (theme: string): string => t(`theme.${theme}`);
/** An IGLO level's name, from the game's own strings. */
export const levelLabel = (level: string): string => t(`level.${level}`);
