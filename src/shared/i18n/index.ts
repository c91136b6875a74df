import i18next, { type i18n as I18n, type Module, type TFunction } from 'i18next';
import ICU from 'i18next-icu';
import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGS, type Catalog } from './catalogs';

/**
 * Folio's words in every language it speaks. One catalogue per language in ./locales (en.json
 * is the source; the others hold the same keys), messages in ICU syntax ("{count, plural, one
 * {# invoice} other {# invoices}}"), looked up by i18next. The renderer uses it through
 * react-i18next; the main process uses it for documents, emails and error messages, in the
 * customer's or the user's language. `npm run lint` checks the catalogues (scripts/i18n.mjs).
 */
export type Language = string;
export type Translate = TFunction;
export type MessageParams = Record<string, string | number | Date | null | undefined>;

/** English first (the source and the fallback), then the others by code. */
// Codes are ASCII: compared as strings, without building a collator at every start.
export const LANGUAGES: readonly Language[] = Object.keys(CATALOGS).sort((a, b) =>
  a === 'en' ? -1 : b === 'en' ? 1 : a < b ? -1 : a > b ? 1 : 0,
);
export const SOURCE_LANGUAGE: Language = 'en';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(CATALOGS, value);

/**
 * The first supported language among BCP 47 tags in order of preference ("de-AT" → "de"),
 * for the browser's or the OS's languages and for a business locale.
 */
export function matchLanguage(
  tags: readonly (string | null | undefined)[],
  fallback = SOURCE_LANGUAGE,
): Language {
  for (const tag of tags) {
    if (!tag) continue;
    const lower = tag.toLowerCase();
    const base = lower.split(/[-_]/)[0];
    if (isLanguage(lower)) return lower;
    if (isLanguage(base)) return base;
  }
  return fallback;
}

/** A language's own name for itself ("Deutsch", "français"), for the language pickers. */
export function languageName(language: Language): string {
  try {
    const name = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
    return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
  } catch {
    return language;
  }
}

/**
 * A new i18next instance holding every catalogue, initialised synchronously. `plugins` lets
 * the renderer add react-i18next.
 */
export function createI18n(language: Language, plugins: Module[] = []): I18n {
  const instance = i18next.createInstance();
  instance.use(ICU);
  for (const plugin of plugins) instance.use(plugin);
  void instance.init({
    resources: Object.fromEntries(
      Object.entries(CATALOGS).map(([lng, catalog]) => [lng, { translation: catalog }]),
    ),
    lng: isLanguage(language) ? language : SOURCE_LANGUAGE,
    fallbackLng: SOURCE_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  } as Parameters<I18n['init']>[0]);
  return instance;
}

let shared: I18n | null = null;
const fixed = new Map<Language, Translate>();

/** `t` for one language, from one instance shared by every caller outside React. */
export function translator(language: Language): Translate {
  const lng = isLanguage(language) ? language : SOURCE_LANGUAGE;
  let t = fixed.get(lng);
  if (!t) {
    shared ??= createI18n(SOURCE_LANGUAGE);
    t = shared.getFixedT(lng);
    fixed.set(lng, t);
  }
  return t;
}

let currentLanguage: () => Language = () => SOURCE_LANGUAGE;

/**
 * Where messages outside React (validation messages of the shared field schemas, service
 * errors) learn the language to speak: the renderer's chosen language there, the calling
 * user's language in the main process (set per call by the dispatcher).
 */
export function setLanguageSource(source: () => Language): void {
  currentLanguage = source;
}

export const messageLanguage = (): Language => currentLanguage();

/** A message in the current language (see setLanguageSource). */
export function msg(key: string, params?: MessageParams): string {
  const language = currentLanguage();
  // Plain text (no argument, plural or quote) needs no formatting: read it from the catalogue,
  // without starting i18next and ICU for it (the first answer after a start is such a message).
  const plain = plainMessage(language, key);
  if (plain !== null) return plain;
  return formatted(language, key, params) ?? translator(language)(key, params as Record<string, unknown>);
}

/**
 * Messages with arguments, compiled once per language and key exactly as i18next-icu compiles
 * them (IntlMessageFormat, tags ignored, no escaping) and formatted directly: going through
 * i18next's translate costs ~40 µs a message, which a batch import saying why each of a
 * thousand bills looks like others paid for thousands of times. A key this language lacks, or
 * a message that does not format, takes i18next's path (its fallback and error handling).
 */
const compiled = new Map<string, IntlMessageFormat | null>();

function formatted(language: Language, key: string, params?: MessageParams): string | null {
  const lng = isLanguage(language) ? language : SOURCE_LANGUAGE;
  const id = `${lng} ${key}`;
  let format = compiled.get(id);
  if (format === undefined) {
    const text = lookup(CATALOGS[lng], key);
    try {
      format = text === undefined ? null : new IntlMessageFormat(text, lng, undefined, { ignoreTag: true });
    } catch {
      format = null;
    }
    compiled.set(id, format);
  }
  if (!format) return null;
  try {
    const out = format.format(params as Record<string, string | number | Date | null | undefined>);
    return typeof out === 'string' ? out : null;
  } catch {
    return null;
  }
}

function lookup(catalog: Catalog | undefined, key: string): string | undefined {
  let node: string | Catalog | undefined = catalog;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = Object.prototype.hasOwnProperty.call(node, part) ? node[part] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

function plainMessage(language: Language, key: string): string | null {
  const text = lookup(CATALOGS[isLanguage(language) ? language : SOURCE_LANGUAGE], key);
  if (text === undefined || /[{}'#]/.test(text)) return null;
  return text;
}
