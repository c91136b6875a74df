import { countryCode } from './address';

/**
 * The small-business exemption (Kleinunternehmerregelung, § 19 UStG): a business under it
 * charges no VAT, and its invoices say so. The note is editable; this is its default, in
 * German for a business in Germany or working in German, in English otherwise.
 */
export const SMALL_BUSINESS_NOTES = {
  de: 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.',
  en: 'No VAT charged: small business exemption (§ 19 UStG).',
} as const;

export function defaultSmallBusinessNote(country: string, locale: string): string {
  const language = locale.toLowerCase().split(/[-_]/)[0];
  return countryCode(country) === 'DE' || language === 'de'
    ? SMALL_BUSINESS_NOTES.de
    : SMALL_BUSINESS_NOTES.en;
}

/** The note to print: the user's own wording, or the default when it is left empty. */
export function smallBusinessNote(
  setting: { enabled: boolean; note: string },
  country: string,
  locale: string,
): string | null {
  if (!setting.enabled) return null;
  return setting.note.trim() || defaultSmallBusinessNote(country, locale);
}

/** A rate that charges tax ("19", "7.5"); zero-rated and exempt rates ("0") do not. */
export function chargesTax(percent: string): boolean {
  return /[1-9]/.test(percent);
}
