import { z } from 'zod';
import { isIsoDate } from '../domain/dates';
import { isCurrencyCode } from '../domain/currencies';
import { safeUserFileName } from '../domain/file-names';
import { isValidBic, isValidIban, normalizeIban } from '../domain/iban';
import { isLanguage, LANGUAGES, messageLanguage, msg } from '../i18n';

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
 * A field's label as the user reads it: labels are catalogue keys (`fields.companyName`),
 * looked up when a message is made, so it speaks the caller's language; any other text is
 * shown as it is.
 */
export function labelText(label: string): string {
  return label.startsWith('fields.') ? msg(label) : label;
}

/**
 * The label inside a sentence ("Enter the company name"): English lowercases it; the other
 * languages quote it as it is, so nouns keep their capitals and nothing needs inflecting.
 */
export function labelInSentence(label: string): string {
  const shown = labelText(label);
  return messageLanguage() === 'en' ? shown.toLowerCase() : shown;
}

/**
 * What is wrong with a piece of text as a user typed it, in their words, or null. Any lone
 * UTF-16 surrogate (half of an emoji, which the database would silently replace) is refused;
 * one-line fields refuse tabs and line breaks too; no field takes NUL or other invisible
 * control characters.
 */
export function textProblem(value: string, label: string, multiline: boolean): string | null {
  if (LONE_SURROGATE.test(value)) return msg('validation.text.brokenCharacter', { label: labelText(label) });
  if (!multiline && LINE_BREAK.test(value))
    return msg('validation.text.oneLine', { label: labelText(label) });
  if (CONTROL.test(value) || (!multiline && value.includes('\t')))
    return msg('validation.text.controlCharacter', { label: labelText(label) });
  return null;
}

/** Plain text as it may be stored: `multiline` allows line breaks (stored as \n) and tabs. */
export const plainString = (label: string, options: { multiline?: boolean; trim?: boolean } = {}) => {
  const multiline = options.multiline ?? false;
  let schema = z.string({ error: () => msg('validation.text.notText', { label: labelText(label) }) });
  if (multiline) schema = schema.overwrite((v) => v.replace(/\r\n?/g, '\n'));
  if (options.trim ?? true) schema = schema.trim();
  return schema.refine((v) => textProblem(v, label, multiline) === null, {
    error: (issue) =>
      textProblem(issue.input as string, label, multiline) ??
      msg('validation.text.invalid', { label: labelText(label) }),
    abort: true,
  });
};

const tooLong = (label: string, max: number) => ({
  error: () => msg('validation.text.tooLong', { label: labelText(label), max }),
});
const required = (label: string) => ({
  error: () => msg('validation.text.required', { label: labelInSentence(label) }),
});
const isRequired = (label: string) => ({
  error: () => msg('validation.required', { label: labelText(label) }),
});

/** One line of text (names, numbers, cities, subjects). */
export const text = (label: string, max = 200) => plainString(label).max(max, tooLong(label, max));

export const requiredText = (label: string, max = 200) => text(label, max).min(1, required(label));

/** Several lines of text (notes, terms, footers, descriptions, messages, bank details). */
export const multilineText = (label: string, max = 5000) =>
  plainString(label, { multiline: true }).max(max, tooLong(label, max));

export const requiredMultilineText = (label: string, max = 5000) =>
  multilineText(label, max).min(1, required(label));

/**
 * The name of a file the user chose: refused if it holds control characters, otherwise made
 * safe (no path, no bidi overrides, no hidden or device names) by the one file-name sanitiser.
 */
export const fileNameText = (label = 'fields.fileName') =>
  text(label, 255).transform((v) => safeUserFileName(v));

/** A search box: one line, never required. */
export const searchText = (max = 200) => text('fields.search', max);

export const optionalEmail = (label = 'fields.email') =>
  plainString(label)
    .max(254, { error: () => msg('validation.email.tooLong', { label: labelText(label) }) })
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
      error: () => msg('validation.email.invalid', { label: labelText(label) }),
    });

export const isoDate = (label = 'fields.date') =>
  z.string(isRequired(label)).refine(isIsoDate, {
    error: () => msg('validation.date.invalid', { label: labelText(label) }),
  });

export const currencyCode = (label = 'fields.currency') =>
  z
    .string(isRequired(label))
    .trim()
    .toUpperCase()
    .refine(isCurrencyCode, { error: () => msg('validation.currency.invalid', { label: labelText(label) }) });

/** One of the languages Folio speaks ("en", "de", …), as its two-letter code. */
export const languageCode = (label = 'fields.language') =>
  z.string({ error: () => msg('validation.text.notText', { label: labelText(label) }) }).refine(isLanguage, {
    error: () => msg('validation.language.invalid', { languages: LANGUAGES.join(', ') }),
  });

export const localeTag = (label = 'fields.locale') =>
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
      { error: () => msg('validation.locale.invalid', { label: labelText(label) }) },
    );

export const id = (label = 'fields.id') => z.number(isRequired(label)).int().positive();

/** The version of a record an edit started from (see services/versions.ts). */
export const editVersion = z.number().int().positive();

/** An IBAN, checked by country length and check digits, stored without spaces ('' for none). */
export const optionalIban = (label = 'fields.iban') =>
  text(label, 50)
    .transform(normalizeIban)
    .refine((v) => v === '' || isValidIban(v), {
      error: () => msg('validation.iban.invalid', { label: labelText(label) }),
    });

/** A BIC (SWIFT code), 8 or 11 characters ('' for none). */
export const optionalBic = (label = 'fields.bic') =>
  text(label, 11)
    .toUpperCase()
    .refine((v) => v === '' || isValidBic(v), {
      error: () => msg('validation.bic.invalid', { label: labelText(label) }),
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
export const base64File = (label: string, maxBytes: number) => {
  const missing = { error: () => msg('validation.file.missing', { label: labelInSentence(label) }) };
  return z
    .string(missing)
    .min(1, missing)
    .refine((v) => base64DecodedBytes(v) <= maxBytes, {
      error: (issue) => {
        const size = base64DecodedBytes(issue.input as string);
        // Just over the limit, rounded figures would read "20.0 MB; the limit is 20.0 MB": say bytes.
        const bytes = (n: number) =>
          msg('validation.file.bytes', {
            count: n.toLocaleString(messageLanguage() === 'en' ? 'en-US' : messageLanguage()),
          });
        const [shown, limit] =
          formatBytes(size) === formatBytes(maxBytes)
            ? [bytes(size), bytes(maxBytes)]
            : [size, maxBytes].map((n) => (n < 1024 ? bytes(n) : formatBytes(n)));
        return msg('validation.file.tooLarge', { label: labelInSentence(label), size: shown, limit });
      },
      abort: true,
    })
    .refine(isBase64, {
      error: () => msg('validation.file.broken', { label: labelInSentence(label) }),
    });
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** What a value must be, for zod's type names (looked up per message, in the caller's language). */
const KIND_WORDS: Record<string, () => string> = {
  string: () => msg('validation.kind.text'),
  number: () => msg('validation.kind.number'),
  int: () => msg('validation.kind.wholeNumber'),
  boolean: () => msg('validation.kind.yesOrNo'),
  array: () => msg('validation.kind.list'),
  object: () => msg('validation.kind.group'),
  null: () => msg('validation.kind.empty'),
  bigint: () => msg('validation.kind.wholeNumber'),
};

/**
 * zod's own messages in Folio's words, for rules whose schema gives no message of its own
 * (a schema's message always wins). Passed to every parse by the dispatcher.
 */
export const plainIssueMessage = (issue: z.core.$ZodRawIssue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type':
      return msg('validation.issue.type', { kind: KIND_WORDS[issue.expected]?.() ?? issue.expected });
    case 'invalid_value':
      return issue.values.length === 1
        ? msg('validation.issue.value', { value: JSON.stringify(issue.values[0]) })
        : msg('validation.issue.oneOf', { values: issue.values.map((v) => JSON.stringify(v)).join(', ') });
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set')
        return msg('validation.issue.fewItems', { min });
      if (issue.origin === 'string')
        return min === 1 ? msg('validation.issue.empty') : msg('validation.issue.shortText', { min });
      return issue.inclusive === false
        ? msg('validation.issue.numberAbove', { min })
        : msg('validation.issue.numberAtLeast', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set')
        return msg('validation.issue.manyItems', { max });
      if (issue.origin === 'string') return msg('validation.issue.longText', { max });
      return issue.inclusive === false
        ? msg('validation.issue.numberBelow', { max })
        : msg('validation.issue.numberAtMost', { max });
    }
    case 'not_multiple_of':
      return msg('validation.issue.multipleOf', { divisor: String(issue.divisor) });
    case 'invalid_format':
      return msg('validation.issue.format');
    case 'invalid_union':
      return msg('validation.issue.union');
    case 'unrecognized_keys':
      return unknownFieldsMessage(issue.keys);
    default:
      return undefined;
  }
};

/** An unknown key, in our words; reported at the object that holds it ("input" at the top). */
export function unknownFieldsMessage(keys: readonly string[]): string {
  const names = keys.slice(0, 5).map((n) => `“${n.length > 60 ? `${n.slice(0, 60)}…` : n}”`);
  const list =
    names.length === 1
      ? names[0]!
      : msg('validation.issue.list', {
          first: names.slice(0, -1).join(', '),
          last: names.at(-1),
        });
  return msg('validation.issue.unknownFields', {
    count: keys.length,
    list,
    more: keys.length > 5 ? 'yes' : 'no',
  });
}

/**
 * The one rule for every from/to pair: when both are given, the end is on or after the start,
 * said at `to`. Apply it with `.refine(...periodInOrder)` after any `.extend`.
 */
export const periodInOrder: [
  (v: { from?: string | null; to?: string | null }) => boolean,
  { error: () => string; path: string[] },
] = [(v) => !v.from || !v.to || v.from <= v.to, { error: () => msg('validation.periodOrder'), path: ['to'] }];

/** The message of that rule, in the current language (for forms that check a period themselves). */
export const periodOrderMessage = (): string => msg('validation.periodOrder');
