/**
 * How the columns of a bank's CSV export become statement lines. The user confirms (or
 * corrects) a guessed mapping once per account; it is remembered for the next import.
 */

export const CSV_DATE_FORMATS = [
  'YYYY-MM-DD',
  'DD.MM.YYYY',
  'DD.MM.YY',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'YYYYMMDD',
] as const;
export type CsvDateFormat = (typeof CSV_DATE_FORMATS)[number];
export const CSV_ENCODINGS = ['utf-8', 'windows-1252', 'iso-8859-1'] as const;
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;

export interface CsvMapping {
  encoding: (typeof CSV_ENCODINGS)[number];
  delimiter: (typeof CSV_DELIMITERS)[number];
  /** Rows above the header row (bank name, account, period lines some banks print first). */
  skipRows: number;
  dateColumn: string;
  valueDateColumn: string | null;
  dateFormat: CsvDateFormat;
  decimal: '.' | ',';
  amountMode: 'signed' | 'debitCredit';
  amountColumn: string | null;
  debitColumn: string | null;
  creditColumn: string | null;
  nameColumn: string | null;
  ibanColumn: string | null;
  referenceColumn: string | null;
  textColumn: string | null;
  idColumn: string | null;
}

const HEADERS: Record<string, RegExp> = {
  date: /^(buchungs?tag|buchungsdatum|booking ?date|date|datum|transaction date|posted|posting date|fecha|date op[ée]ration)$/i,
  valueDate: /^(valuta(datum)?|wertstellung|value ?date|date valeur)$/i,
  amount: /^(betrag|amount|umsatz|betrag \(eur\)|montant|importe|amount \(\w{3}\))$/i,
  debit: /^(soll|debit|belastung|ausgang|withdrawals?|paid out|d[ée]bit)$/i,
  credit: /^(haben|credit|gutschrift|eingang|deposits?|paid in|cr[ée]dit)$/i,
  name: /^(beg[üu]nstigter\/zahlungspflichtiger|auftraggeber\/empf[äa]nger|name|payee|payer|counterparty|empf[äa]nger|zahlungspflichtiger|beg[üu]nstigter|description|beschreibung|name zahlungsbeteiligter)$/i,
  iban: /^(iban|kontonummer\/iban|iban zahlungsbeteiligter|counterparty iban|account)$/i,
  reference: /^(verwendungszweck|reference|referenz|remittance|memo|purpose|libell[ée]|concepto)$/i,
  text: /^(buchungstext|umsatzart|type|transaction type|details|booking text)$/i,
  id: /^(transaction id|id|referenz ?nr\.?|bank reference|fitid)$/i,
};

/** Picks the most likely delimiter: the one that splits the first lines into the same, largest number of cells. */
export function guessDelimiter(text: string): CsvMapping['delimiter'] {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 20);
  let best: CsvMapping['delimiter'] = ',';
  let bestScore = -1;
  for (const d of CSV_DELIMITERS) {
    // The count of delimiters that most lines share (quoted cells may add a few on some lines).
    const freq = new Map<number, number>();
    for (const l of lines) {
      const c = l.split(d).length - 1;
      if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    }
    for (const [count, lines_] of freq) {
      const score = lines_ * 100 + count;
      if (score > bestScore) {
        best = d;
        bestScore = score;
      }
    }
  }
  return best;
}

export function guessDateFormat(samples: string[]): CsvDateFormat {
  const s = samples.map((x) => x.trim()).filter(Boolean);
  if (s.every((x) => /^\d{4}-\d{2}-\d{2}/.test(x))) return 'YYYY-MM-DD';
  if (s.every((x) => /^\d{2}\.\d{2}\.\d{4}$/.test(x))) return 'DD.MM.YYYY';
  if (s.every((x) => /^\d{2}\.\d{2}\.\d{2}$/.test(x))) return 'DD.MM.YY';
  if (s.every((x) => /^\d{8}$/.test(x))) return 'YYYYMMDD';
  if (s.every((x) => /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(x))) {
    // Day first unless a first part above 12 proves otherwise, or a second part above 12 proves month first.
    if (s.some((x) => Number(x.split('/')[1]) > 12)) return 'MM/DD/YYYY';
    return 'DD/MM/YYYY';
  }
  return 'YYYY-MM-DD';
}

export function guessDecimal(samples: string[]): '.' | ',' {
  const s = samples.map((x) => x.trim()).filter(Boolean);
  const comma = s.filter((x) => /,\d{1,2}$/.test(x)).length;
  const dot = s.filter((x) => /\.\d{1,2}$/.test(x)).length;
  return comma > dot ? ',' : '.';
}

/** Guesses which header is which field; null where nothing fits. */
export function guessColumns(headers: string[]): Partial<Record<keyof typeof HEADERS, string>> {
  const found: Partial<Record<keyof typeof HEADERS, string>> = {};
  for (const [field, re] of Object.entries(HEADERS)) {
    const h = headers.find((x) => re.test(x.trim()));
    if (h !== undefined) found[field as keyof typeof HEADERS] = h;
  }
  return found;
}

/** "31.12.2026" in DD.MM.YYYY -> [2026, 12, 31]; null when it does not fit the format. */
export function splitDate(text: string, format: CsvDateFormat): [number, number, number] | null {
  const t = text.trim();
  let m: RegExpExecArray | null;
  switch (format) {
    case 'YYYY-MM-DD':
      m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(t);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
    case 'YYYYMMDD':
      m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
    case 'DD.MM.YYYY':
      m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
      return m ? [Number(m[3]), Number(m[2]), Number(m[1])] : null;
    case 'DD.MM.YY':
      m = /^(\d{1,2})\.(\d{1,2})\.(\d{2})$/.exec(t);
      return m ? [2000 + Number(m[3]), Number(m[2]), Number(m[1])] : null;
    case 'DD/MM/YYYY':
      m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
      return m ? [Number(m[3]), Number(m[2]), Number(m[1])] : null;
    case 'MM/DD/YYYY':
      m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
      return m ? [Number(m[3]), Number(m[1]), Number(m[2])] : null;
  }
}
