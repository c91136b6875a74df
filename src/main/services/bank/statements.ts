import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import { AppError, fieldError } from '../../../shared/api/errors';
import type { CsvMapping } from '../../../shared/domain/bank/csv-mapping';
import {
  lineFingerprints,
  StatementError,
  type ParsedStatement,
} from '../../../shared/domain/bank/statement';
import { normalizeIban } from '../../../shared/domain/iban';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { accountRow } from './accounts';
import { guessCsvMapping, parseCsvStatement } from './csv-statement';
import { readStatementFile } from './formats';

/**
 * Importing a statement file into an account: read by content, checked against the account
 * (its IBAN or number, its currency), and saved all-or-nothing. A line already imported
 * (same bank transaction id, or the same fingerprint) is skipped, so the same or an
 * overlapping statement can be imported again safely.
 */

const fileError = (e: unknown): never => {
  if (e instanceof StatementError) throw fieldError('dataBase64', e.message);
  throw e;
};

async function readFile(
  ctx: ServiceContext,
  input: { accountId: number; dataBase64: string },
  csvMapping: CsvMapping | undefined,
): Promise<ParsedStatement[] | { csv: true }> {
  const account = await accountRow(ctx, input.accountId);
  const bytes = Buffer.from(input.dataBase64, 'base64');
  try {
    const detected = readStatementFile(bytes);
    if (detected.kind === 'csv') {
      const mapping =
        csvMapping ?? (account.csv_mapping ? (JSON.parse(account.csv_mapping) as CsvMapping) : null);
      if (!mapping) return { csv: true };
      return [await parseCsvStatement(bytes, mapping, account.currency)];
    }
    return detected.statements;
  } catch (e) {
    return fileError(e);
  }
}

/** Refuses a file for another account or in another currency, naming what differs. */
async function checkStatements(
  ctx: ServiceContext,
  accountId: number,
  statements: ParsedStatement[],
): Promise<string[]> {
  const a = await accountRow(ctx, accountId);
  const warnings: string[] = [];
  for (const s of statements) {
    const ibans = s.accountIban ? normalizeIban(s.accountIban) : null;
    if (ibans && a.iban && ibans !== a.iban)
      throw fieldError(
        'dataBase64',
        msg('errors.statements.statementForAccountIbans', { ibans, name: a.name, iban: a.iban }),
      );
    if (
      !ibans &&
      s.accountNumber &&
      a.account_number &&
      !s.accountNumber.replace(/\s/g, '').endsWith(a.account_number.replace(/\s/g, ''))
    )
      warnings.push(
        msg('statementErrors.preview.accountNumber', {
          number: s.accountNumber,
          accountNumber: a.account_number,
        }),
      );
    if (s.currency && s.currency !== a.currency)
      throw fieldError(
        'dataBase64',
        msg('errors.statements.statementCurrencyAccountName', {
          currency: s.currency,
          name: a.name,
          currency2: a.currency,
        }),
      );
    const other = s.lines.find((l) => l.currency !== a.currency);
    if (other)
      throw fieldError(
        'dataBase64',
        msg('errors.statements.lineBookingdateCurrencyAccount', {
          bookingDate: other.bookingDate,
          currency: other.currency,
          name: a.name,
          currency3: a.currency,
        }),
      );
    if (s.opening && s.closing) {
      const sum = s.lines.reduce((t, l) => t + l.amount, 0);
      if (s.opening.amount + sum !== s.closing.amount) warnings.push(msg('statementErrors.preview.notAddUp'));
    }
  }
  return warnings;
}

async function existingFingerprints(
  ctx: ServiceContext,
  accountId: number,
  keys: string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  const stmt = storeOf(ctx).prepare(`SELECT 1 FROM bank_lines WHERE account_id = ? AND fingerprint = ?`);
  for (const k of keys) if (await stmt.get(accountId, k)) found.add(k);
  return found;
}

export async function previewImport(ctx: ServiceContext, input: ParsedInput<'bank.import.preview'>) {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  let isCsv = false;
  try {
    isCsv = readStatementFile(bytes).kind === 'csv';
  } catch (e) {
    fileError(e);
  }
  if (isCsv && !input.csvMapping) {
    const guess = await guessCsvMapping(bytes).catch(fileError);
    const remembered = await rememberedMapping(ctx, input.accountId);
    return {
      kind: 'csv' as const,
      mapping: remembered ?? guess.mapping,
      remembered: remembered !== null,
      headers: guess.headers,
      sample: guess.sample,
    };
  }
  const read = await readFile(ctx, input, input.csvMapping);
  if ('csv' in read) throw fieldError('csvMapping', msg('errors.statements.mapColumnsCsvFile'));
  const warnings = await checkStatements(ctx, input.accountId, read);
  const lines = read.flatMap((s) => s.lines);
  const keys = read.flatMap((s) => lineFingerprints(s.lines));
  const existing = await existingFingerprints(ctx, input.accountId, keys);
  const dates = lines.map((l) => l.bookingDate).sort();
  const withOpening = read.find((s) => s.opening);
  const withClosing = [...read].reverse().find((s) => s.closing);
  return {
    kind: 'statement' as const,
    format: read[0]?.format ?? 'csv',
    lines: lines.length,
    newLines: keys.filter((k) => !existing.has(k)).length,
    duplicates: keys.filter((k) => existing.has(k)).length,
    moneyIn: lines.filter((l) => l.amount > 0).reduce((t, l) => t + l.amount, 0),
    moneyOut: lines.filter((l) => l.amount < 0).reduce((t, l) => t - l.amount, 0),
    from: dates[0] ?? null,
    to: dates[dates.length - 1] ?? null,
    opening: withOpening?.opening ?? null,
    closing: withClosing?.closing ?? null,
    warnings,
  };
}

export async function commitImport(ctx: ServiceContext, input: ParsedInput<'bank.import.commit'>) {
  const read = await readFile(ctx, input, input.csvMapping);
  if ('csv' in read) throw fieldError('csvMapping', msg('errors.statements.csvFileMapIts'));
  await checkStatements(ctx, input.accountId, read);
  if (read.every((s) => s.lines.length === 0) && !read.some((s) => s.closing))
    throw fieldError('dataBase64', msg('errors.statements.fileHasNoBooked'));
  const store = storeOf(ctx);
  return await store.tx(async () => {
    const now = ctx.clock.now().toISOString();
    const opening = read.find((s) => s.opening)?.opening ?? null;
    const closing = [...read].reverse().find((s) => s.closing)?.closing ?? null;
    const { lastInsertRowid: importId } = await store.run(
      qb.insertInto('bank_imports').values({
        account_id: input.accountId,
        file_name: input.fileName,
        format: read[0]?.format ?? 'csv',
        imported_at: now,
        lines_added: 0,
        lines_skipped: 0,
        opening_balance: opening?.amount ?? null,
        opening_date: opening?.date ?? null,
        closing_balance: closing?.amount ?? null,
        closing_date: closing?.date ?? null,
      }),
    );
    const insert = store.prepare(
      `INSERT INTO bank_lines (account_id, import_id, booking_date, value_date, amount, currency,
         counterparty_name, counterparty_iban, counterparty_bic, reference, text, bank_ref, fingerprint)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, fingerprint) DO NOTHING`,
    );
    let added = 0;
    let skipped = 0;
    for (const s of read) {
      const keys = lineFingerprints(s.lines);
      for (const [i, l] of s.lines.entries()) {
        const r = await insert.run(
          input.accountId,
          importId,
          l.bookingDate,
          l.valueDate,
          l.amount,
          l.currency,
          l.counterpartyName.slice(0, 200),
          l.counterpartyIban,
          l.counterpartyBic,
          l.reference.slice(0, 1000),
          l.text.slice(0, 1000),
          l.bankRef,
          keys[i]!,
        );
        if (r.changes > 0) added++;
        else skipped++;
      }
    }
    await store.run(
      qb
        .updateTable('bank_imports')
        .set({ lines_added: added, lines_skipped: skipped })
        .where('id', '=', importId),
    );
    if (input.csvMapping)
      await store.run(
        qb
          .updateTable('bank_accounts')
          .set({ csv_mapping: JSON.stringify(input.csvMapping) })
          .where('id', '=', input.accountId),
      );
    await recordAudit(ctx, {
      entity: 'bank_account',
      entityId: input.accountId,
      action: 'import',
      details: { file: input.fileName, format: read[0]?.format, added, skipped },
    });
    if (added === 0 && skipped === 0 && !closing)
      throw new AppError('VALIDATION', msg('errors.statements.nothingImported'), 'dataBase64');
    return { importId, added, skipped, closing };
  });
}

/** The CSV mapping remembered for an account, for the preview of its next CSV file. */
export async function rememberedMapping(ctx: ServiceContext, accountId: number): Promise<CsvMapping | null> {
  const a = await accountRow(ctx, accountId);
  return a.csv_mapping ? (JSON.parse(a.csv_mapping) as CsvMapping) : null;
}
