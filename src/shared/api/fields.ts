import { z } from 'zod';
import { isIsoDate } from '../domain/dates';
import { isCurrencyCode } from '../domain/currencies';

/**
 * Field schemas reused by every domain contract. Each one carries the message a user sees
 * at the field, phrased as what to do.
 */
export const text = (label: string, max = 200) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} can be at most ${max} characters`);

export const requiredText = (label: string, max = 200) =>
  text(label, max).min(1, `Enter the ${label.toLowerCase()}`);

export const optionalEmail = (label = 'Email') =>
  z
    .string()
    .trim()
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

/** Base64 payload of an uploaded file, with its byte size checked before decoding. */
export const base64File = (label: string, maxBytes: number) =>
  z
    .string({ error: `Choose a file for the ${label.toLowerCase()}` })
    .min(1, `Choose a file for the ${label.toLowerCase()}`)
    .refine((v) => Math.floor((v.length * 3) / 4) <= maxBytes, {
      error: (issue) =>
        `The ${label.toLowerCase()} is ${formatBytes(Math.floor(((issue.input as string).length * 3) / 4))}; ` +
        `the limit is ${formatBytes(maxBytes)}. Choose a smaller file.`,
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
