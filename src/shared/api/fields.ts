import { z } from 'zod';
import { isIsoDate } from '../domain/dates';
import { isCurrencyCode } from '../domain/currencies';
import { safeUserFileName } from '../domain/file-names';
import { isValidBic, isValidIban, normalizeIban } from '../domain/iban';
import { isLanguage, LANGUAGES } from '../i18n';

/**
 * Field schemas reused by every domain contract. Each one carries the message a user sees
 * at the field, phrased as what to do.
 */
const LONE_SURROGATE = /\p{Cs}/u;
const LINE_BREAK = /[\n\r\u2028\u2029\u0085]/;
/** C0 and C1 controls and DEL, except tab, line feed and carriage return (judged apart). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/;

/**
 * What is wrong with a piece of text as a user typed it, in their words, or null. Any lone
 * UTF-16 surrogate (half of an emoji, which the database would silently replace) is refused;
 * one-line fields refuse tabs and line breaks too; no field takes NUL or other invisible
 * control characters.
 */
export function textProblem(value: string, label: string, multiline: boolean): string | null {
  if (LONE_SURROGATE.test(value))
    return `${label} contains a broken character (half of an emoji or symbol). Type that character again.`;
  if (!multiline && LINE_BREAK.test(value)) return `${label} must fit on one line. Remove the line break.`;
  if (CONTROL.test(value) || (!multiline && value.includes('\t')))
    return `${label} contains an invisible control character. Remove it or type the text again.`;
  return null;
}

/** Plain text as it may be stored: `multiline` allows line breaks (stored as \n) and tabs. */
export const plainString = (label: string, options: { multiline?: boolean; trim?: boolean } = {}) => {
  const multiline = options.multiline ?? false;
  let schema = z.string({ error: `${label} must be text` });
  if (multiline) schema = schema.overwrite((v) => v.replace(/\r\n?/g, '\n'));
  if (options.trim ?? true) schema = schema.trim();
  return schema.refine((v) => textProblem(v, label, multiline) === null, {
    error: (issue) => textProblem(issue.input as string, label, multiline) ?? `${label} is not valid text`,
    abort: true,
  });
};

/** One line of text (names, numbers, cities, subjects). */
export const text = (label: string, max = 200) =>
  plainString(label).max(max, `${label} can be at most ${max} characters`);

export const requiredText = (label: string, max = 200) =>
  text(label, max).min(1, `Enter the ${label.toLowerCase()}`);

/** Several lines of text (notes, terms, footers, descriptions, messages, bank details). */
export const multilineText = (label: string, max = 5000) =>
  plainString(label, { multiline: true }).max(max, `${label} can be at most ${max} characters`);

export const requiredMultilineText = (label: string, max = 5000) =>
  multilineText(label, max).min(1, `Enter the ${label.toLowerCase()}`);

/**
 * The name of a file the user chose: refused if it holds control characters, otherwise made
 * safe (no path, no bidi overrides, no hidden or device names) by the one file-name sanitiser.
 */
export const fileNameText = (label = 'File name') => text(label, 255).transform((v) => safeUserFileName(v));

/** A search box: one line, never required. */
export const searchText = (max = 200) => text('Search', max);

export const optionalEmail = (label = 'Email') =>
  plainString(label)
    .max(254, `${label} is too long`)
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
      error: `${label} must be a valid address, like name@example.com`,
    });

export const isoDate = (label = 'Date') =>
  z.string({ error: `${label} is required` }).refine(isIsoDate, {
    error: `${label} must be a real date in the form YYYY-MM-DD`,
  });

export const currencyCode = (label = 'Currency') =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .toUpperCase()
    .refine(isCurrencyCode, { error: `${label} must be an ISO 4217 code such as EUR, USD or GBP` });

/** One of the languages Folio speaks ("en", "de", …), as its two-letter code. */
export const languageCode = (label = 'Language') =>
  z.string({ error: `${label} must be text` }).refine(isLanguage, {
    error: `Choose one of the languages Folio speaks: ${LANGUAGES.join(', ')}`,
  });

export const localeTag = (label = 'Locale') =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return (
            Intl.getCanonicalLocales(v).length === 1 && Intl.NumberFormat.supportedLocalesOf(v).length === 1
          );
        } catch {
          return false;
        }
      },
      { error: `${label} must be a language tag such as en-US, en-GB or de-DE` },
    );

export const id = (label = 'Id') =>
  z
    .number({ error: `${label} is required` })
    .int()
    .positive();

/** An IBAN, checked by country length and check digits, stored without spaces ('' for none). */
export const optionalIban = (label = 'IBAN') =>
  text(label, 50)
    .transform(normalizeIban)
    .refine((v) => v === '' || isValidIban(v), {
      error: `${label} is not valid: check its length for the country and its two check digits`,
    });

/** A BIC (SWIFT code), 8 or 11 characters ('' for none). */
export const optionalBic = (label = 'BIC') =>
  text(label, 11)
    .toUpperCase()
    .refine((v) => v === '' || isValidBic(v), {
      error: `${label} must be 8 or 11 letters and digits, like COBADEFFXXX`,
    });

/** The exact number of bytes a base64 text decodes to (padding is not data). */
export function base64DecodedBytes(value: string): number {
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  return Math.floor((value.length * 3) / 4) - padding;
}

/** Standard base64 with its padding; checked without a backtracking regex (files are megabytes). */
export function isBase64(value: string): boolean {
  if (value.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(value)) return false;
  const firstPad = value.indexOf('=');
  return firstPad === -1 || (firstPad >= value.length - 2 && /^[^=]*={1,2}$/.test(value.slice(firstPad - 1)));
}

/** Base64 payload of an uploaded file, with its exact byte size checked before decoding. */
export const base64File = (label: string, maxBytes: number) =>
  z
    .string({ error: `Choose a file for the ${label.toLowerCase()}` })
    .min(1, `Choose a file for the ${label.toLowerCase()}`)
    .refine((v) => base64DecodedBytes(v) <= maxBytes, {
      error: (issue) => {
        const size = base64DecodedBytes(issue.input as string);
        // Just over the limit, rounded figures would read "20.0 MB; the limit is 20.0 MB": say bytes.
        const [shown, limit] =
          formatBytes(size) === formatBytes(maxBytes)
            ? [`${size.toLocaleString('en-US')} bytes`, `${maxBytes.toLocaleString('en-US')} bytes`]
            : [formatBytes(size), formatBytes(maxBytes)];
        return `The ${label.toLowerCase()} is ${shown}; the limit is ${limit}. Choose a smaller file.`;
      },
      abort: true,
    })
    .refine(isBase64, {
      error: `The ${label.toLowerCase()} did not arrive whole. Choose the file again.`,
    });

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const KIND_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no (true or false)',
  array: 'a list',
  object: 'a group of fields',
  null: 'empty (null)',
  bigint: 'a whole number',
};

/**
 * zod's own messages in Folio's words, for rules whose schema gives no message of its own
 * (a schema's message always wins). Passed to every parse by the dispatcher.
 */
export const plainIssueMessage = (issue: z.core.$ZodRawIssue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type':
      return `This must be ${KIND_WORDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `This must be ${JSON.stringify(issue.values[0])}`
        : `Choose one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Give at least ${min} item${min === 1 ? '' : 's'}`;
      if (issue.origin === 'string')
        return min === 1 ? 'This cannot be empty' : `Enter at least ${min} characters`;
      return `Enter a number of at least ${issue.inclusive === false ? `more than ${min}` : min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') return `Give at most ${max} items`;
      if (issue.origin === 'string') return `Enter at most ${max} characters`;
      return `Enter a number of at most ${issue.inclusive === false ? `less than ${max}` : max}`;
    }
    case 'not_multiple_of':
      return `Enter a multiple of ${String(issue.divisor)}`;
    case 'invalid_format':
      return 'This is not in the expected form';
    case 'invalid_union':
      return 'This is not one of the accepted forms';
    case 'unrecognized_keys':
      return unknownFieldsMessage(issue.keys);
    default:
      return undefined;
  }
};

/** An unknown key, in our words; reported at the object that holds it ("input" at the top). */
export function unknownFieldsMessage(keys: readonly string[]): string {
  const names = keys.slice(0, 5).map((n) => `“${n.length > 60 ? `${n.slice(0, 60)}…` : n}”`);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `Folio does not know the field${keys.length > 1 ? 's' : ''} ${list}${keys.length > 5 ? ' (and more)' : ''}. Leave it out.`;
}

/**
 * The one rule for every from/to pair: when both are given, the end is on or after the start,
 * said at `to`. Apply it with `.refine(...periodInOrder)` after any `.extend`.
 */
export const PERIOD_ORDER_MESSAGE = 'The end of the period must be on or after its start';
export const periodInOrder: [
  (v: { from?: string | null; to?: string | null }) => boolean,
  { error: string; path: string[] },
] = [(v) => !v.from || !v.to || v.from <= v.to, { error: PERIOD_ORDER_MESSAGE, path: ['to'] }];
