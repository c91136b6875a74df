/**
 * The language of a printed or sent document: the customer's document language, or the
 * business's when the customer has none. Every word on a PDF, in an email about it and in
 * its file name comes from `documentTranslator(language, wording)`: the catalogue's words
 * (src/shared/i18n/locales, namespaces doc, terms, email, letters, files) with the business's
 * own wording per language laid over the `doc.*` keys ("Rechnung" → "Honorarrechnung").
 */
import { countryCode } from './address';
import { CATALOGS, type Catalog } from '../i18n/catalogs';
import { isLanguage, matchLanguage, translator, type Language, type MessageParams } from '../i18n';

/** A document's `t`: a key and its arguments give the text in the document's language. */
export type DocT = (key: string, params?: MessageParams) => string;

/** How dates and amounts on documents are written: like the business, or like the customer. */
export const DOCUMENT_FORMATS = ['business', 'customer'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** The business's own words per language, over the catalogue's doc.* keys. */
export type DocumentWording = Record<Language, Record<string, string>>;

export interface DocumentLanguageSettings {
  /** The business's document language: for customers without one of their own. */
  language: Language;
  format: DocumentFormat;
  wording: DocumentWording;
}

/** The default document language of a business: its locale's language ("de-DE" → "de"). */
export function defaultDocumentLanguage(locale: string): Language {
  return matchLanguage([locale]);
}

function flatten(catalog: Catalog, prefix: string, out: Map<string, string>): void {
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else flatten(value, path, out);
  }
}

let wordingKeys: Map<string, string> | null = null;

/** The doc.* keys the business may reword, with their English text (to show beside them). */
export function documentWordingKeys(): Map<string, string> {
  if (!wordingKeys) {
    const all = new Map<string, string>();
    flatten(CATALOGS.en?.doc as Catalog, 'doc', all);
    // The settings screen's own words are not printed.
    for (const key of [...all.keys()]) if (key.startsWith('doc.ui.')) all.delete(key);
    wordingKeys = all;
  }
  return wordingKeys;
}

export const isDocumentWordingKey = (key: string): boolean => documentWordingKeys().has(key);

/** The arguments a message takes ("{number}", "{count, plural, …}" → number, count). */
export function messageArguments(message: string): string[] {
  const out = new Set<string>();
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    const c = message[i];
    if (c === '{') {
      if (depth === 0) {
        const m = /^\{\s*([A-Za-z_][\w]*)/.exec(message.slice(i));
        if (m) out.add(m[1]!);
      }
      depth++;
    } else if (c === '}') depth = Math.max(0, depth - 1);
  }
  return [...out];
}

/** The business's words in place of a message: its {arguments} filled in, nothing else. */
function fillOwn(text: string, params?: MessageParams): string {
  return text.replace(/\{([A-Za-z_]\w*)\}/g, (whole, name: string) => {
    const v = params?.[name];
    return v === undefined || v === null ? whole : String(v);
  });
}

const SENTINEL = '\u0000';
const SIMPLE_ARGUMENT = /\{\s*[A-Za-z_]\w*\s*\}/g;

/** A message's raw text in the catalogue (English when the language lacks it). */
function rawMessage(language: Language, key: string): string | undefined {
  for (const lng of [language, 'en']) {
    let node: Catalog | string | undefined = CATALOGS[lng];
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node === 'string') return node;
  }
  return undefined;
}

type Compiled = { parts: string[]; names: string[] } | null;

/**
 * The catalogue's `t` for one language, fast: i18next with ICU takes tens of microseconds a
 * call, and a document asks for about a hundred words, so each message is looked up once and
 * kept (as text, or as text with holes for its plain {arguments}); messages with plurals or
 * number formats still go through i18next each time.
 */
function cachedTranslator(language: Language): DocT {
  let cached = fastByLanguage.get(language);
  if (cached) return cached;
  const t = translator(language);
  const texts = new Map<string, string>();
  const templates = new Map<string, Compiled>();
  cached = (key, params) => {
    if (!params || Object.keys(params).length === 0) {
      let text = texts.get(key);
      if (text === undefined) {
        text = t(key);
        texts.set(key, text);
      }
      return text;
    }
    let compiled = templates.get(key);
    if (compiled === undefined) {
      compiled = null;
      const raw = rawMessage(language, key);
      // Only messages whose every brace is a plain {argument} can be cut into parts.
      if (raw !== undefined && raw.replace(SIMPLE_ARGUMENT, '').search(/[{}]/) === -1) {
        const names = [...raw.matchAll(SIMPLE_ARGUMENT)].map((m) => m[0].slice(1, -1).trim());
        const marked = t(key, Object.fromEntries(names.map((n) => [n, `${SENTINEL}${n}${SENTINEL}`])));
        const pieces = marked.split(SENTINEL);
        if (pieces.length % 2 === 1) {
          const parts: string[] = [];
          const order: string[] = [];
          pieces.forEach((piece, i) => (i % 2 === 0 ? parts.push(piece) : order.push(piece)));
          compiled = { parts, names: order };
        }
      }
      templates.set(key, compiled);
    }
    if (!compiled) return t(key, params as Record<string, unknown>);
    let out = compiled.parts[0]!;
    for (let i = 0; i < compiled.names.length; i++) {
      const v = params[compiled.names[i]!];
      out += (v === undefined || v === null ? '' : String(v)) + compiled.parts[i + 1]!;
    }
    return out;
  };
  fastByLanguage.set(language, cached);
  return cached;
}
const fastByLanguage = new Map<Language, DocT>();

/** The one `t` of a document: the catalogue in `language`, with the business's own words. */
export function documentTranslator(language: Language, wording: DocumentWording = {}): DocT {
  const t = cachedTranslator(isLanguage(language) ? language : 'en');
  const own = Object.prototype.hasOwnProperty.call(wording, language) ? wording[language] : undefined;
  if (!own || Object.keys(own).length === 0) return t;
  return (key, params) => {
    const mine = Object.prototype.hasOwnProperty.call(own, key) ? own[key] : undefined;
    return mine ? fillOwn(mine, params) : t(key, params);
  };
}

/**
 * The locale dates and amounts on a document follow: the business's, or the document
 * language with the customer's country ("de" + Austria → de-AT; "fr" and no country → fr).
 */
export function documentLocale(
  format: DocumentFormat,
  language: Language,
  customerCountry: string,
  businessLocale: string,
): string {
  if (format === 'business') return businessLocale;
  const code = countryCode(customerCountry);
  const region =
    code || (/^[A-Za-z]{2}$/.test(customerCountry.trim()) ? customerCountry.trim().toUpperCase() : '');
  const candidates = region ? [`${language}-${region}`, language] : [language];
  for (const tag of candidates) {
    try {
      if (Intl.NumberFormat.supportedLocalesOf(tag).length === 1) return tag;
    } catch {
      // not a tag Intl knows: try the next
    }
  }
  return businessLocale;
}
