import { z } from 'zod';
import { isIsoDate } from '../domain/dates';
import { isCurrencyCode } from '../domain/currencies';
import { isValidBic, isValidIban, normalizeIban } from '../domain/iban';

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
