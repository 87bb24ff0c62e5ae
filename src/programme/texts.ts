/**
 * The programme's texts: registered once as the i18next namespace `programme` and read with
 * `t('programme:poll.begin')`. The top bar names each step with `phase.<name>` from the main bundle; where
 * that bundle has no name for the programme's steps yet, ours fill in without overwriting anything.
 */
import { i18n, registerBundle, t } from '../i18n/index.ts';
import { programmeNl } from '../i18n/programme-nl.ts';
import { programmeEn } from '../i18n/programme-en.ts';

registerBundle('programme', { nl: programmeNl, en: programmeEn }, (lang, bundle) => {
  i18n.addResourceBundle(lang, 'translation', { phase: (bundle as typeof programmeNl).phase }, true, false);
});

/** A theme's name, from the game's own texts. */
export const themeLabel = (theme: string): string => t(`theme.${theme}`);
/** An IGLO level's name, from the game's own texts. */
export const levelLabel = (level: string): string => t(`level.${level}`);
