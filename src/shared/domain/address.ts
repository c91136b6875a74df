/**
 * The one address formatter: PDFs (window and business block), screens and envelopes print an
 * address through `addressLines`. The country field is free text, so it is recognised from an
 * ISO code or a common name (English or the country's own) and the country's convention is used:
 *
 *  - US:            "San Francisco, CA 94105" (city, state ZIP on one line)
 *  - CA:            "Toronto ON M5V 2T6" (city, province and postal code on one line)
 *  - AU:            "Sydney NSW 2000"
 *  - GB:            town, then county (if any), then the postcode on its own line
 *  - DE, AT, CH …:  "10115 Berlin" (postcode before the town; no state line)
 *  - anything else: postcode and town on one line, then the region, as typed.
 *
 * The country is printed last, as typed, when there is one.
 */
export interface PostalAddress {
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

type Convention = 'us' | 'ca' | 'au' | 'gb' | 'postcode-town' | 'default';

const COUNTRY_NAMES: Record<string, string> = {
  us: 'US',
  usa: 'US',
  'u.s.': 'US',
  'u.s.a.': 'US',
  'united states': 'US',
  'united states of america': 'US',
  america: 'US',
  ca: 'CA',
  canada: 'CA',
  au: 'AU',
  australia: 'AU',
  gb: 'GB',
  uk: 'GB',
  'u.k.': 'GB',
  'united kingdom': 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  de: 'DE',
  germany: 'DE',
  deutschland: 'DE',
  at: 'AT',
  austria: 'AT',
  österreich: 'AT',
  ch: 'CH',
  switzerland: 'CH',
  schweiz: 'CH',
  suisse: 'CH',
  svizzera: 'CH',
  li: 'LI',
  liechtenstein: 'LI',
  lu: 'LU',
  luxembourg: 'LU',
  luxemburg: 'LU',
  nl: 'NL',
  netherlands: 'NL',
  'the netherlands': 'NL',
  nederland: 'NL',
  be: 'BE',
  belgium: 'BE',
  belgië: 'BE',
  belgique: 'BE',
  fr: 'FR',
  france: 'FR',
  it: 'IT',
  italy: 'IT',
  italia: 'IT',
  es: 'ES',
  spain: 'ES',
  españa: 'ES',
  pt: 'PT',
  portugal: 'PT',
  dk: 'DK',
  denmark: 'DK',
  danmark: 'DK',
  se: 'SE',
  sweden: 'SE',
  sverige: 'SE',
  no: 'NO',
  norway: 'NO',
  norge: 'NO',
  fi: 'FI',
  finland: 'FI',
  suomi: 'FI',
  pl: 'PL',
  poland: 'PL',
  polska: 'PL',
  cz: 'CZ',
  czechia: 'CZ',
  'czech republic': 'CZ',
  gr: 'GR',
  greece: 'GR',
  ie: 'IE',
  ireland: 'IE',
};

/** The ISO code of a typed country ("USA", "Deutschland", "de" -> "US", "DE", "DE"), or ''. */
export function countryCode(country: string): string {
  return COUNTRY_NAMES[country.trim().toLowerCase().replace(/\s+/g, ' ')] ?? '';
}

const POSTCODE_FIRST = new Set([
  'DE',
  'AT',
  'CH',
  'LI',
  'LU',
  'NL',
  'BE',
  'FR',
  'IT',
  'ES',
  'PT',
  'DK',
  'SE',
  'NO',
  'FI',
  'PL',
  'CZ',
  'GR',
]);

function conventionOf(country: string): Convention {
  const code = countryCode(country);
  if (code === 'US') return 'us';
  if (code === 'CA') return 'ca';
  if (code === 'AU') return 'au';
  if (code === 'GB') return 'gb';
  if (POSTCODE_FIRST.has(code)) return 'postcode-town';
  return 'default';
}

const join = (parts: string[], sep = ' ') =>
  parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join(sep);

/** The lines of a postal address as printed, skipping empty parts. */
export function addressLines(a: PostalAddress): string[] {
  const city = a.city.trim();
  const region = a.region.trim();
  const postal = a.postalCode.trim();
  let middle: string[];
  switch (conventionOf(a.country)) {
    case 'us':
      middle = [join([join([city, join([region, postal])], ', ')])];
      break;
    case 'ca':
    case 'au':
      middle = [join([city, region, postal])];
      break;
    case 'gb':
      middle = [city, region, postal];
      break;
    case 'postcode-town':
      middle = [join([postal, city])];
      break;
    default:
      middle = [join([postal, city]), region];
  }
  return [a.line1, a.line2, ...middle, a.country].map((l) => l.trim()).filter((l) => l !== '');
}

/** One line, for a list or an envelope's sender line: "1 Main St, San Francisco, CA 94105". */
export function addressOneLine(a: PostalAddress, separator = ', '): string {
  return addressLines(a).join(separator);
}
