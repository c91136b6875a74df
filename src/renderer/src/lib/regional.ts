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

/** The locale assumed when the browser names none Intl accepts. */
const FALLBACK_LOCALE = 'en-US';

export function guessLocale(): string {
  const lang = navigator.language || FALLBACK_LOCALE;
  try {
    return Intl.getCanonicalLocales(lang)[0] ?? FALLBACK_LOCALE;
  } catch {
    return FALLBACK_LOCALE;
  }
}

export function guessCurrency(locale: string): string {
  const region = new Intl.Locale(locale).maximize().region ?? 'US';
  return CURRENCY_BY_REGION[region] ?? 'USD';
}

/** The twelve months ("1" … "12") named in a language ("January", "Januar", "janvier"), by Intl. */
export function monthOptions(language: string): { value: string; label: string }[] {
  const names = new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => {
    const name = names.format(new Date(Date.UTC(2026, i, 1)));
    return { value: String(i + 1), label: name.charAt(0).toLocaleUpperCase(language) + name.slice(1) };
  });
}
