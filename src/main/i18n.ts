import { AsyncLocalStorage } from 'node:async_hooks';
import { isLanguage, setLanguageSource, SOURCE_LANGUAGE, type Language } from '../shared/i18n';

/**
 * The language of the call being answered, so that validation and service messages reach
 * each person in their own language. The dispatcher runs every call inside `inLanguage`;
 * work outside a call (jobs, start-up) speaks English.
 */
const callLanguage = new AsyncLocalStorage<Language>();

setLanguageSource(() => callLanguage.getStore() ?? SOURCE_LANGUAGE);

export function inLanguage<T>(language: string | undefined, work: () => T): T {
  return callLanguage.run(isLanguage(language) ? language : SOURCE_LANGUAGE, work);
}
