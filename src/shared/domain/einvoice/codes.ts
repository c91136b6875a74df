/**
 * Code lists of EN 16931 e-invoices, shared by the writers (e-invoices out) and the importer
 * (e-invoices in): VAT categories (UNTDID 5305), VATEX exemption codes, UN/ECE Recommendation
 * 20 units, electronic address schemes (EAS), ISO 3166-1 countries, and the checks of the
 * identifiers users type (VAT ID by country prefix, Leitweg-ID, Peppol participant ID).
 * Pure: no Node, no DOM.
 */

/** UNTDID 5305 VAT category codes allowed by EN 16931. */
export const VAT_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'] as const;
export type VatCategory = (typeof VAT_CATEGORIES)[number];

export const VAT_CATEGORY_LABELS: Record<VatCategory, string> = {
  S: 'S — Standard rate',
  Z: 'Z — Zero rated goods',
  E: 'E — Exempt from VAT',
  AE: 'AE — Reverse charge',
  K: 'K — Intra-community supply (EU, VAT exempt)',
  G: 'G — Export outside the EU (VAT exempt)',
  O: 'O — Not subject to VAT (outside scope)',
  L: 'L — Canary Islands (IGIC)',
  M: 'M — Ceuta and Melilla (IPSI)',
};

/** Categories whose rate must be 0 (BR-Z-05, BR-E-05, BR-AE-05, BR-IC-05, BR-G-05). */
export const ZERO_RATE_CATEGORIES: readonly VatCategory[] = ['Z', 'E', 'AE', 'K', 'G', 'O'];
/** Categories that need an exemption reason text or VATEX code (BR-E-10, BR-AE-10, BR-IC-10, BR-G-10, BR-O-10). */
export const REASON_CATEGORIES: readonly VatCategory[] = ['E', 'AE', 'K', 'G', 'O'];

/** The category a rate gets when nothing else is known: the old `kind` of a tax. */
export function defaultCategory(kind: 'standard' | 'zero_rated' | 'exempt'): VatCategory {
  return kind === 'standard' ? 'S' : kind === 'zero_rated' ? 'Z' : 'E';
}

/** VATEX codes (CEF VATEX code list) with their meaning, the ones small businesses use. */
export const VATEX_CODES: Record<string, string> = {
  'VATEX-EU-79-C': 'Exempt based on article 79, point c of Council Directive 2006/112/EC',
  'VATEX-EU-132': 'Exempt based on article 132 of Council Directive 2006/112/EC',
  'VATEX-EU-143': 'Exempt based on article 143 of Council Directive 2006/112/EC',
  'VATEX-EU-148': 'Exempt based on article 148 of Council Directive 2006/112/EC',
  'VATEX-EU-151': 'Exempt based on article 151 of Council Directive 2006/112/EC',
  'VATEX-EU-309': 'Exempt based on article 309 of Council Directive 2006/112/EC',
  'VATEX-EU-AE': 'Reverse charge',
  'VATEX-EU-D': 'Intra-Community acquisition from second hand means of transport',
  'VATEX-EU-F': 'Intra-Community acquisition of second hand goods',
  'VATEX-EU-G': 'Export outside the EU',
  'VATEX-EU-I': 'Intra-Community acquisition of works of art',
  'VATEX-EU-IC': 'Intra-Community supply',
  'VATEX-EU-O': 'Not subject to VAT',
  'VATEX-EU-J': 'Intra-Community acquisition of collectors items and antiques',
  'VATEX-FR-FRANCHISE': 'France domestic VAT franchise in base',
  'VATEX-FR-CNWVAT': 'France domestic Credit Notes without VAT, due to supplier forfeit of VAT for discount',
};

/** The VATEX code that fits a category when the user gave none (used as a suggestion). */
export const CATEGORY_VATEX: Partial<Record<VatCategory, string>> = {
  AE: 'VATEX-EU-AE',
  K: 'VATEX-EU-IC',
  G: 'VATEX-EU-G',
  O: 'VATEX-EU-O',
};

export function isVatexCode(code: string): boolean {
  return /^VATEX-[A-Z]{2}-[A-Z0-9-]+$/.test(code);
}

// --- Units: UN/ECE Recommendation 20 (with Rec 21 "X" codes) -----------------------------

/** Common Rec 20 codes and their names, for the picker. */
export const UNIT_CODES: Record<string, string> = {
  C62: 'one (unit)',
  H87: 'piece',
  HUR: 'hour',
  MIN: 'minute',
  DAY: 'day',
  WEE: 'week',
  MON: 'month',
  ANN: 'year',
  KGM: 'kilogram',
  GRM: 'gram',
  TNE: 'tonne',
  MTR: 'metre',
  CMT: 'centimetre',
  MMT: 'millimetre',
  KMT: 'kilometre',
  MTK: 'square metre',
  MTQ: 'cubic metre',
  LTR: 'litre',
  MLT: 'millilitre',
  KWH: 'kilowatt hour',
  SET: 'set',
  PR: 'pair',
  LS: 'lump sum',
  XPK: 'package',
  XBX: 'box',
  XPA: 'packet',
  XPX: 'pallet',
  XBO: 'bottle',
  E48: 'service unit',
  P1: 'percent',
  D64: 'block',
  A9: 'rate',
};

/** What people type as a unit (lower case, trimmed) → Rec 20 code. */
const UNIT_WORDS: Record<string, string> = {
  '': 'C62',
  unit: 'C62',
  units: 'C62',
  x: 'C62',
  each: 'H87',
  ea: 'H87',
  pc: 'H87',
  pcs: 'H87',
  piece: 'H87',
  pieces: 'H87',
  stk: 'H87',
  'stk.': 'H87',
  stück: 'H87',
  stueck: 'H87',
  item: 'H87',
  items: 'H87',
  h: 'HUR',
  hr: 'HUR',
  hrs: 'HUR',
  hour: 'HUR',
  hours: 'HUR',
  std: 'HUR',
  'std.': 'HUR',
  stunde: 'HUR',
  stunden: 'HUR',
  heure: 'HUR',
  heures: 'HUR',
  min: 'MIN',
  minute: 'MIN',
  minutes: 'MIN',
  minuten: 'MIN',
  d: 'DAY',
  day: 'DAY',
  days: 'DAY',
  tag: 'DAY',
  tage: 'DAY',
  jour: 'DAY',
  jours: 'DAY',
  week: 'WEE',
  weeks: 'WEE',
  woche: 'WEE',
  wochen: 'WEE',
  month: 'MON',
  months: 'MON',
  monat: 'MON',
  monate: 'MON',
  mois: 'MON',
  year: 'ANN',
  years: 'ANN',
  jahr: 'ANN',
  jahre: 'ANN',
  kg: 'KGM',
  kilogram: 'KGM',
  g: 'GRM',
  gram: 'GRM',
  t: 'TNE',
  tonne: 'TNE',
  m: 'MTR',
  metre: 'MTR',
  meter: 'MTR',
  cm: 'CMT',
  mm: 'MMT',
  km: 'KMT',
  m2: 'MTK',
  'm²': 'MTK',
  qm: 'MTK',
  sqm: 'MTK',
  m3: 'MTQ',
  'm³': 'MTQ',
  l: 'LTR',
  litre: 'LTR',
  liter: 'LTR',
  ml: 'MLT',
  kwh: 'KWH',
  set: 'SET',
  sets: 'SET',
  pair: 'PR',
  pairs: 'PR',
  paar: 'PR',
  'lump sum': 'LS',
  flat: 'LS',
  'flat fee': 'LS',
  pauschal: 'LS',
  pauschale: 'LS',
  forfait: 'LS',
  pack: 'XPK',
  package: 'XPK',
  box: 'XBX',
  pallet: 'XPX',
  bottle: 'XBO',
  '%': 'P1',
};

/**
 * The Rec 20 code of a unit as typed: a known word ("hours", "Stk"), or the code itself
 * ("HUR"), or a code chosen by the user for that word (`custom`, from Settings). Null when
 * unknown: the preflight then asks for a code.
 */
export function unitCode(unit: string, custom: Record<string, string> = {}): string | null {
  const key = unit.trim().toLowerCase();
  const chosen = custom[key];
  if (chosen) return chosen;
  const word = UNIT_WORDS[key];
  if (word) return word;
  const upper = unit.trim().toUpperCase();
  if (UNIT_CODES[upper]) return upper;
  return null;
}

/** Rec 20 codes are 2–3 letters/digits; Rec 21 package codes are X + 2 characters. */
export function isUnitCode(code: string): boolean {
  return /^[A-Z0-9]{2,3}$/.test(code);
}

// --- Electronic addresses (EAS code list) -----------------------------------------------

export const EAS_SCHEMES: Record<string, string> = {
  EM: 'Email address',
  '0088': 'GLN (Global Location Number)',
  '0060': 'DUNS number',
  '0204': 'Leitweg-ID (German public buyers)',
  '0208': 'Belgian enterprise number',
  '0009': 'French SIRET',
  '0002': 'French SIRENE',
  '0007': 'Swedish organisation number',
  '0106': 'Dutch KvK number',
  '0190': 'Dutch OIN',
  '0192': 'Norwegian organisation number',
  '0184': 'Danish CVR number',
  '0196': 'Icelandic kennitala',
  '0211': 'Italian partita IVA',
  '0216': 'Finnish OVT code',
  '0230': 'Malaysian national e-invoicing ID',
  '9915': 'Austrian VAT number',
  '9920': 'Spanish VAT number',
  '9925': 'Belgian VAT number',
  '9930': 'German VAT number',
  '9931': 'Estonian VAT number',
  '9933': 'Greek VAT number',
  '9938': 'Luxembourg VAT number',
  '9944': 'Dutch VAT number',
  '9945': 'Polish VAT number',
  '9946': 'Portuguese VAT number',
  '9957': 'French VAT number',
};

export function isEasScheme(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(EAS_SCHEMES, code);
}

/**
 * A Peppol participant ID `scheme:id` (e.g. `0208:0123456789`, `9930:DE123456789`) or an
 * email address with scheme EM. Returns the message to show, or null when it is fine.
 */
export function electronicAddressProblem(scheme: string, address: string): string | null {
  if (address === '' && scheme === '') return null;
  if (address === '') return 'Enter the electronic address, or clear its scheme';
  if (scheme === '') return 'Choose the scheme of the electronic address (email, Leitweg-ID, VAT number, …)';
  if (!isEasScheme(scheme)) return `${scheme} is not a known electronic address scheme (EAS)`;
  if (scheme === 'EM')
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)
      ? null
      : 'Enter an email address, like invoices@example.com';
  if (scheme === '0204') return leitwegProblem(address);
  if (/\s/.test(address)) return 'An electronic address has no spaces';
  if (
    /^99\d\d$/.test(scheme) &&
    (!/^[A-Z]{2}[A-Z0-9+*.]{2,13}$/.test(address) || vatIdProblem(address) !== null)
  )
    return `Enter the VAT number with its country prefix, like DE123456789`;
  if (address.length > 100) return 'The electronic address is too long';
  return null;
}

/**
 * Splits a Peppol participant ID typed as `scheme:id` into its parts, or null when it is not
 * one. `iso6523-actorid-upis::` prefixes are accepted.
 */
export function parseParticipantId(text: string): { scheme: string; id: string } | null {
  const t = text.trim().replace(/^iso6523-actorid-upis::/i, '');
  const m = /^([0-9]{4}|EM):(.+)$/.exec(t);
  if (!m) return null;
  return { scheme: m[1]!, id: m[2]! };
}

// --- Leitweg-ID (German public buyers' routing ID, XRechnung BT-10) ----------------------

function mod97(digits: string): number {
  let r = 0;
  for (const ch of digits) r = (r * 10 + Number(ch)) % 97;
  return r;
}

function lettersToDigits(s: string): string {
  return [...s].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
}

/**
 * A Leitweg-ID is coarse address (2–12 digits), optional fine address (up to 30 letters or
 * digits) and two check digits (ISO 7064 Mod 97-10), joined by hyphens, e.g. `04011000-12345-03`.
 */
export function leitwegProblem(id: string): string | null {
  const t = id.trim().toUpperCase();
  const m = /^([0-9]{2,12})(?:-([0-9A-Z]{1,30}))?-([0-9]{2})$/.exec(t);
  if (!m)
    return 'A Leitweg-ID looks like 04011000-12345-03: 2–12 digits, an optional part, and two check digits';
  const body = lettersToDigits(m[1]! + (m[2] ?? '')) + m[3]!;
  if (mod97(body) !== 1) return 'The check digits of this Leitweg-ID do not match: check it with the buyer';
  return null;
}

export function leitwegCheckDigits(withoutCheck: string): string {
  const digits = lettersToDigits(withoutCheck.replace(/-/g, '').toUpperCase()) + '00';
  return String(98 - mod97(digits)).padStart(2, '0');
}

// --- VAT IDs by country prefix (format only; VIES is online) -----------------------------

const VAT_PATTERNS: Record<string, RegExp> = {
  AT: /^ATU\d{8}$/,
  BE: /^BE[01]\d{9}$/,
  BG: /^BG\d{9,10}$/,
  CY: /^CY\d{8}[A-Z]$/,
  CZ: /^CZ\d{8,10}$/,
  DE: /^DE\d{9}$/,
  DK: /^DK\d{8}$/,
  EE: /^EE\d{9}$/,
  EL: /^EL\d{9}$/,
  ES: /^ES[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^FI\d{8}$/,
  FR: /^FR[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^HR\d{11}$/,
  HU: /^HU\d{8}$/,
  IE: /^IE\d{7}[A-W][A-I]?$|^IE\d[A-Z+*]\d{5}[A-W]$/,
  IT: /^IT\d{11}$/,
  LT: /^LT(\d{9}|\d{12})$/,
  LU: /^LU\d{8}$/,
  LV: /^LV\d{11}$/,
  MT: /^MT\d{8}$/,
  NL: /^NL\d{9}B\d{2}$/,
  PL: /^PL\d{10}$/,
  PT: /^PT\d{9}$/,
  RO: /^RO\d{2,10}$/,
  SE: /^SE\d{12}$/,
  SI: /^SI\d{8}$/,
  SK: /^SK\d{10}$/,
  XI: /^XI(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
  GB: /^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
  CH: /^CHE\d{9}(MWST|TVA|IVA)?$/,
  NO: /^NO\d{9}(MVA)?$/,
};

/** Removes spaces, dots and hyphens people type inside VAT IDs, upper-cases. */
export function normalizeVatId(v: string): string {
  return v.replace(/[\s.-]/g, '').toUpperCase();
}

/**
 * The message for a VAT ID whose format does not fit its country prefix, or null. Prefixes we
 * do not know are accepted if they look like a VAT ID (two letters then 2–13 characters).
 */
export function vatIdProblem(v: string): string | null {
  const t = normalizeVatId(v);
  if (t === '') return null;
  if (!/^[A-Z]{2}/.test(t)) return 'A VAT ID starts with its country code, like DE123456789';
  const pattern = VAT_PATTERNS[t.slice(0, 2)];
  if (pattern) {
    if (!pattern.test(t))
      return `This is not the format of a ${t.slice(0, 2)} VAT ID${VAT_EXAMPLES[t.slice(0, 2)] ? `, like ${VAT_EXAMPLES[t.slice(0, 2)]}` : ''}`;
    return null;
  }
  return /^[A-Z]{2}[A-Z0-9+*.]{2,13}$/.test(t)
    ? null
    : 'A VAT ID is its country code and 2–13 letters or digits';
}

const VAT_EXAMPLES: Record<string, string> = {
  AT: 'ATU12345678',
  BE: 'BE0123456789',
  DE: 'DE123456789',
  DK: 'DK12345678',
  EL: 'EL123456789',
  ES: 'ESX1234567X',
  FR: 'FRXX123456789',
  IT: 'IT12345678901',
  NL: 'NL123456789B01',
  PL: 'PL1234567890',
  SE: 'SE123456789001',
};

/** Looks like a VAT ID (country prefix + digits): the customer's "tax or VAT number" field is reused as BT-48. */
export function looksLikeVatId(v: string): boolean {
  const t = normalizeVatId(v);
  return /^[A-Z]{2}[A-Z0-9+*.]{2,13}$/.test(t) && /\d/.test(t) && vatIdProblem(t) === null;
}

// --- Countries (ISO 3166-1 alpha-2) --------------------------------------------------------

/** Country names users type (English and own language) → ISO code. Codes themselves also match. */
const COUNTRY_NAMES: Record<string, string> = {
  austria: 'AT',
  österreich: 'AT',
  oesterreich: 'AT',
  belgium: 'BE',
  belgië: 'BE',
  belgie: 'BE',
  belgique: 'BE',
  belgien: 'BE',
  bulgaria: 'BG',
  croatia: 'HR',
  hrvatska: 'HR',
  cyprus: 'CY',
  czechia: 'CZ',
  'czech republic': 'CZ',
  denmark: 'DK',
  danmark: 'DK',
  dänemark: 'DK',
  estonia: 'EE',
  eesti: 'EE',
  finland: 'FI',
  suomi: 'FI',
  france: 'FR',
  frankreich: 'FR',
  germany: 'DE',
  deutschland: 'DE',
  allemagne: 'DE',
  greece: 'GR',
  ελλάδα: 'GR',
  ellada: 'GR',
  griechenland: 'GR',
  hungary: 'HU',
  magyarország: 'HU',
  ireland: 'IE',
  éire: 'IE',
  italy: 'IT',
  italia: 'IT',
  italien: 'IT',
  latvia: 'LV',
  lithuania: 'LT',
  luxembourg: 'LU',
  luxemburg: 'LU',
  malta: 'MT',
  netherlands: 'NL',
  'the netherlands': 'NL',
  nederland: 'NL',
  niederlande: 'NL',
  holland: 'NL',
  poland: 'PL',
  polska: 'PL',
  polen: 'PL',
  portugal: 'PT',
  romania: 'RO',
  românia: 'RO',
  slovakia: 'SK',
  slovensko: 'SK',
  slovenia: 'SI',
  slovenija: 'SI',
  spain: 'ES',
  españa: 'ES',
  spanien: 'ES',
  sweden: 'SE',
  sverige: 'SE',
  schweden: 'SE',
  'united kingdom': 'GB',
  uk: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  switzerland: 'CH',
  schweiz: 'CH',
  suisse: 'CH',
  svizzera: 'CH',
  norway: 'NO',
  norge: 'NO',
  iceland: 'IS',
  liechtenstein: 'LI',
  monaco: 'MC',
  'united states': 'US',
  'united states of america': 'US',
  usa: 'US',
  'u.s.a.': 'US',
  'u.s.': 'US',
  canada: 'CA',
  mexico: 'MX',
  australia: 'AU',
  'new zealand': 'NZ',
  japan: 'JP',
  china: 'CN',
  india: 'IN',
  singapore: 'SG',
  'south africa': 'ZA',
  brazil: 'BR',
  turkey: 'TR',
  türkiye: 'TR',
  ukraine: 'UA',
  україна: 'UA',
  serbia: 'RS',
  србија: 'RS',
  russia: 'RU',
  россия: 'RU',
  israel: 'IL',
  'united arab emirates': 'AE',
  uae: 'AE',
  'hong kong': 'HK',
  'south korea': 'KR',
};

/** ISO 3166-1 alpha-2 codes (officially assigned). */
const ISO_CODES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY ' +
    'BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK ' +
    'FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR ' +
    'IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ' +
    'ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
    'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF ' +
    'TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XI YE YT ZA ZM ZW'
  ).split(' '),
);

/** EU member states (for reverse charge and intra-community supply). */
export const EU_COUNTRIES = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
);

/** ISO code of a country as typed ("DE", "Germany", "Deutschland"), or null when unknown or empty. */
export function countryCode(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^[A-Za-z]{2}$/.test(t) && ISO_CODES.has(t.toUpperCase())) return t.toUpperCase();
  return COUNTRY_NAMES[t.toLowerCase()] ?? null;
}

export function isCountryCode(code: string): boolean {
  return ISO_CODES.has(code);
}

// --- Formats ----------------------------------------------------------------------------

export const EINVOICE_FORMATS = [
  'facturx',
  'xrechnung-ubl',
  'xrechnung-cii',
  'peppol',
  'en16931-ubl',
  'en16931-cii',
] as const;
export type EinvoiceFormat = (typeof EINVOICE_FORMATS)[number];

export const FORMAT_LABELS: Record<EinvoiceFormat, string> = {
  facturx: 'Factur-X / ZUGFeRD (PDF with XML)',
  'xrechnung-ubl': 'XRechnung (UBL)',
  'xrechnung-cii': 'XRechnung (CII)',
  peppol: 'Peppol BIS Billing 3.0',
  'en16931-ubl': 'EN 16931 (UBL)',
  'en16931-cii': 'EN 16931 (CII)',
};

export const CUSTOMIZATION_IDS: Record<EinvoiceFormat, string> = {
  facturx: 'urn:cen.eu:en16931:2017',
  'en16931-cii': 'urn:cen.eu:en16931:2017',
  'en16931-ubl': 'urn:cen.eu:en16931:2017',
  'xrechnung-ubl': 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0',
  'xrechnung-cii': 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0',
  peppol: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
};

export function isXRechnung(f: EinvoiceFormat): boolean {
  return f === 'xrechnung-ubl' || f === 'xrechnung-cii';
}

export function isUbl(f: EinvoiceFormat): boolean {
  return f === 'xrechnung-ubl' || f === 'peppol' || f === 'en16931-ubl';
}

/**
 * A buyer reference is free text, except that one shaped like a Leitweg-ID (digits, a hyphen,
 * …) must have valid check digits: a German public buyer rejects a wrong one.
 */
export function buyerReferenceProblem(ref: string): string | null {
  const t = ref.trim();
  if (/^\d{2,12}-[0-9A-Za-z-]*$/.test(t)) return leitwegProblem(t);
  return null;
}
