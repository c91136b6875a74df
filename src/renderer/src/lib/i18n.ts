import { initReactI18next, useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { createI18n, matchLanguage, setLanguageSource, type Language } from '../../../shared/i18n';

/**
 * The renderer's i18next instance: every catalogue is in the bundle, so switching language
 * is immediate (no reload, no fetch). Before the settings arrive it speaks the browser's (the
 * OS's) language; the Preferences choice wins from then on.
 */
export const systemLanguage = (): Language => matchLanguage(navigator.languages ?? [navigator.language]);

export const i18n = createI18n(systemLanguage(), [initReactI18next]);

// Messages built outside React (the shared field schemas) speak the screen's language.
setLanguageSource(() => i18n.language);
document.documentElement.lang = i18n.language;
// eslint-disable-next-line i18next/no-literal-string -- an i18next event name
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

/** The language the screens should speak for a Preferences choice (null: the system's). */
export const screenLanguage = (chosen: Language | null | undefined): Language => chosen ?? systemLanguage();

/**
 * Keeps the screens in the chosen language; called where the settings are known. True once
 * the screens speak it: render the pages only then, so that their first calls already ask
 * for answers in that language.
 */
export function useScreenLanguage(chosen: Language | null | undefined, onChange?: () => void): boolean {
  const wanted = screenLanguage(chosen);
  // Re-renders when the language changes.
  const { i18n: current } = useTranslation();
  useEffect(() => {
    if (i18n.language !== wanted) void i18n.changeLanguage(wanted).then(() => onChange?.());
  }, [wanted, onChange]);
  return current.language === wanted;
}
