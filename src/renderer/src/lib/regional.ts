/** First-run guesses from the browser's language, so most users just press Next. */
const CURRENCY_BY_REGION: Record<string, string> = {
  US: 'USD',
  GB: 'GBP',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  IE: 'EUR',
  IN: 'INR',
  ZA: 'ZAR',
  CH: 'CHF',
  JP: 'JPY',
  CN: 'CNY',
  KR: 'KRW',
  SE: 'SEK',
  DK: 'DKK',
  NO: 'NOK',
  PL: 'PLN',
  CZ: 'CZK',
  HU: 'HUF',
  RO: 'RON',
  BG: 'BGN',
  UA: 'UAH',
  TR: 'TRY',
  BR: 'BRL',
  MX: 'MXN',
  DE: 'EUR',
  AT: 'EUR',
  FR: 'EUR',
  BE: 'EUR',
  NL: 'EUR',
  IT: 'EUR',
  ES: 'EUR',
  PT: 'EUR',
  FI: 'EUR',
  GR: 'EUR',
  SK: 'EUR',
  SI: 'EUR',
  EE: 'EUR',
  LV: 'EUR',
  LT: 'EUR',
  HR: 'EUR',
  LU: 'EUR',
};

export function guessLocale(): string {
  const lang = navigator.language || 'en-US';
  try {
    return Intl.getCanonicalLocales(lang)[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

export function guessCurrency(locale: string): string {
  const region = new Intl.Locale(locale).maximize().region ?? 'US';
  return CURRENCY_BY_REGION[region] ?? 'USD';
}

export const MONTHS = Array.from({ length: 12 }, (_, i) => ({
  value: String(i + 1),
  label: new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, i, 1)),
  ),
}));
