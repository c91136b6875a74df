import { msg } from '../../../shared/i18n';
import {
  guessColumns,
  guessDateFormat,
  guessDecimal,
  guessDelimiter,
  splitDate,
  type CsvMapping,
} from '../../../shared/domain/bank/csv-mapping';
import {
  checkDate,
  squash,
  StatementError,
  type ParsedStatement,
  type StatementLine,
} from '../../../shared/domain/bank/statement';
import { parseMoney } from '../../../shared/domain/money';
import { normalizeIban } from '../../../shared/domain/iban';

/**
 * Bank CSV exports: every bank has its own columns, so the file is read through a mapping
 * (guessed from the header, confirmed by the user, remembered per account). csv-parse
 * reads the rows; amounts go through parseMoney (exact, never a float).
 */

export function decodeText(
  bytes: Uint8Array,
  encoding?: CsvMapping['encoding'],
): { text: string; encoding: CsvMapping['encoding'] } {
  let text: string | null = null;
  let enc = encoding;
  if (!enc) {
    // UTF-8 when the bytes are valid UTF-8 (decoded once), else the Windows code page.
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      enc = 'utf-8';
    } catch {
      enc = 'windows-1252';
    }
  }
  text ??= new TextDecoder(enc).decode(bytes);
  return { text: text.replace(/^\uFEFF/, ''), encoding: enc };
}

async function rows(text: string, delimiter: string): Promise<string[][]> {
  const { parse } = await import('csv-parse/sync');
  try {
    return parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as string[][];
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new StatementError(
      msg('csv.statement.unreadableLine', { line: err.lines ?? '?', problem: err.message }),
    );
  }
}

export interface CsvPreview {
  mapping: CsvMapping;
  headers: string[];
  sample: string[][];
}

/** Reads the first rows and proposes a mapping (delimiter, header row, columns, date and decimal formats). */
export async function guessCsvMapping(bytes: Uint8Array): Promise<CsvPreview> {
  const { text, encoding } = decodeText(bytes);
  const delimiter = guessDelimiter(text);
  const all = await rows(text, delimiter);
  // The header is the first row that names a date and an amount (or debit/credit) column.
  let skipRows = all.findIndex((r) => {
    const g = guessColumns(r);
    return (
      g.date !== undefined && (g.amount !== undefined || g.debit !== undefined || g.credit !== undefined)
    );
  });
  if (skipRows < 0) skipRows = 0;
  const headers = all[skipRows] ?? [];
  const body = all.slice(skipRows + 1, skipRows + 21);
  const g = guessColumns(headers);
  const col = (name?: string) => (name === undefined ? -1 : headers.indexOf(name));
  const dateSamples = body.map((r) => r[col(g.date)] ?? '');
  const amountSamples = body.flatMap((r) =>
    [r[col(g.amount)], r[col(g.debit)], r[col(g.credit)]].filter((x): x is string => !!x),
  );
  return {
    headers,
    sample: body.slice(0, 5),
    mapping: {
      encoding,
      delimiter,
      skipRows,
      dateColumn: g.date ?? headers[0] ?? '',
      valueDateColumn: g.valueDate ?? null,
      dateFormat: guessDateFormat(dateSamples),
      decimal: guessDecimal(amountSamples),
      amountMode:
        g.amount === undefined && (g.debit !== undefined || g.credit !== undefined)
          ? 'debitCredit'
          : 'signed',
      amountColumn: g.amount ?? null,
      debitColumn: g.debit ?? null,
      creditColumn: g.credit ?? null,
      nameColumn: g.name ?? null,
      ibanColumn: g.iban ?? null,
      referenceColumn: g.reference ?? null,
      textColumn: g.text ?? null,
      idColumn: g.id ?? null,
    },
  };
}

export async function parseCsvStatement(
  bytes: Uint8Array,
  mapping: CsvMapping,
  currency: string,
): Promise<ParsedStatement> {
  const { text } = decodeText(bytes, mapping.encoding);
  const all = await rows(text, mapping.delimiter);
  const headers = all[mapping.skipRows] ?? [];
  const index = (name: string | null, label: () => string, required: boolean) => {
    if (name === null || name === '') {
      if (required) throw new StatementError(msg('csv.statement.chooseColumn', { label: label() }));
      return -1;
    }
    const i = headers.indexOf(name);
    if (i < 0)
      throw new StatementError(
        msg('csv.statement.noSuchColumn', { name, label: label(), columns: headers.join(', ') }),
      );
    return i;
  };
  const c = {
    date: index(mapping.dateColumn, () => msg('csv.statement.column.bookingDate'), true),
    valueDate: index(mapping.valueDateColumn, () => msg('csv.statement.column.valueDate'), false),
    amount:
      mapping.amountMode === 'signed'
        ? index(mapping.amountColumn, () => msg('csv.statement.column.amount'), true)
        : -1,
    debit:
      mapping.amountMode === 'debitCredit'
        ? index(mapping.debitColumn, () => msg('csv.statement.column.debit'), true)
        : -1,
    credit:
      mapping.amountMode === 'debitCredit'
        ? index(mapping.creditColumn, () => msg('csv.statement.column.credit'), true)
        : -1,
    name: index(mapping.nameColumn, () => msg('csv.statement.column.name'), false),
    iban: index(mapping.ibanColumn, () => 'IBAN', false),
    reference: index(mapping.referenceColumn, () => msg('csv.statement.column.reference'), false),
    text: index(mapping.textColumn, () => msg('csv.statement.column.text'), false),
    id: index(mapping.idColumn, () => msg('csv.statement.column.id'), false),
  };
  const cell = (r: string[], i: number) => (i < 0 ? '' : (r[i] ?? '').trim());
  const amountOf = (raw: string, where: string): number => {
    const v = parseMoney(
      raw.replace(/^\s*(?:[A-Z]{3}|[€$£])\s*|\s*(?:[A-Z]{3}|[€$£])\s*$/g, ''),
      currency,
      mapping.decimal,
    );
    if (v === null)
      throw new StatementError(
        mapping.decimal === ','
          ? msg('csv.statement.notAmountComma', { where, raw })
          : msg('csv.statement.notAmountPoint', { where, raw }),
      );
    return v;
  };
  const dateOf = (raw: string, where: string): string => {
    const parts = splitDate(raw, mapping.dateFormat);
    if (!parts)
      throw new StatementError(msg('csv.statement.notDate', { where, raw, format: mapping.dateFormat }));
    return checkDate(parts[0], parts[1], parts[2], where, raw);
  };
  const lines: StatementLine[] = [];
  all.slice(mapping.skipRows + 1).forEach((r, i) => {
    const lineNo = mapping.skipRows + 2 + i;
    const where = msg('csv.statement.row', { row: lineNo });
    if (r.every((x) => x.trim() === '')) return;
    const rawDate = cell(r, c.date);
    if (!rawDate) throw new StatementError(msg('csv.statement.noDate', { where }));
    let amount: number;
    if (mapping.amountMode === 'signed')
      amount = amountOf(cell(r, c.amount), `${where}, ${mapping.amountColumn}`);
    else {
      const d = cell(r, c.debit);
      const k = cell(r, c.credit);
      if (!d && !k) throw new StatementError(msg('csv.statement.noAmount', { where }));
      amount =
        (k ? Math.abs(amountOf(k, `${where}, ${mapping.creditColumn}`)) : 0) -
        (d ? Math.abs(amountOf(d, `${where}, ${mapping.debitColumn}`)) : 0);
    }
    const iban = normalizeIban(cell(r, c.iban));
    lines.push({
      bookingDate: dateOf(rawDate, `${where}, ${mapping.dateColumn}`),
      valueDate: cell(r, c.valueDate)
        ? dateOf(cell(r, c.valueDate), `${where}, ${mapping.valueDateColumn}`)
        : null,
      amount,
      currency,
      counterpartyName: squash(cell(r, c.name)),
      counterpartyIban: /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban) ? iban : '',
      counterpartyBic: '',
      reference: squash(cell(r, c.reference)),
      text: squash(cell(r, c.text)),
      bankRef: cell(r, c.id) || null,
    });
  });
  return {
    format: 'csv',
    statementId: '',
    accountIban: null,
    accountNumber: null,
    currency,
    opening: null,
    closing: null,
    lines,
  };
}
