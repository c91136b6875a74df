/**
 * Tolerant comparison of a payer's or payee's name on a bank line with a customer's or
 * vendor's name in Folio: case, accents, punctuation and legal forms ("GmbH", "Ltd.",
 * "S.A.") do not count, nor does word order.
 */

const LEGAL_FORMS = new Set([
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'ohg',
  'ug',
  'gbr',
  'ek',
  'ev',
  'co',
  'und',
  'and',
  'the',
  'ltd',
  'limited',
  'llc',
  'inc',
  'corp',
  'corporation',
  'plc',
  'llp',
  'lp',
  'sa',
  'sas',
  'sarl',
  'sàrl',
  'srl',
  'spa',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'aps',
  'sl',
  'sp',
  'zoo',
]);

/** The significant words of a name: "Müller & Söhne GmbH" -> ["muller", "sohne"]. */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((w) => w.length > 0 && !LEGAL_FORMS.has(w));
}

/** One key per name for learnt rules: its significant words, sorted. */
export function nameKey(name: string): string {
  return [...new Set(nameWords(name))].sort().join(' ');
}

/**
 * How alike two names are, 0 to 1: the share of the shorter name's significant words found
 * in the longer one (a word of 4+ letters also counts when one is a prefix of the other,
 * since banks cut names short).
 */
export function nameSimilarity(a: string, b: string): number {
  const wa = [...new Set(nameWords(a))];
  const wb = [...new Set(nameWords(b))];
  if (wa.length === 0 || wb.length === 0) return 0;
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  const hits = short.filter((w) =>
    long.some((x) => x === w || (Math.min(x.length, w.length) >= 4 && (x.startsWith(w) || w.startsWith(x)))),
  ).length;
  return hits / short.length;
}
