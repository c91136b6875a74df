import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import type { BankAccount } from '../../../shared/api/bank';
import { fieldError, notFound } from '../../../shared/api/errors';
import { dialectOf } from '../../db/dialect';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { moneyFormatter } from '../payables/common';
import { assertVersion } from '../versions';

/**
 * Bank accounts: what the user has at the bank, its opening balance, and what the imported
 * statements say. An account's balance in Folio is its opening balance plus every imported
 * line; reconciling compares that with the balance the bank's statement closes with.
 */

type AccountRow = {
  id: number;
  name: string;
  iban: string;
  account_number: string;
  bic: string;
  currency: string;
  opening_balance: number;
  opening_date: string;
  reconciled_to: string | null;
  archived_at: string | null;
  csv_mapping: string | null;
  version: number;
  updated_by: string;
  updated_at: string;
};

/** Opening balance plus the lines booked up to `asOf` (all lines when null). */
export async function balanceAsOf(
  ctx: ServiceContext,
  accountId: number,
  opening: number,
  asOf: string | null,
): Promise<number> {
  const row = (await storeOf(ctx)
    .prepare(
      `SELECT COALESCE(SUM(amount), 0) AS s FROM bank_lines WHERE account_id = ? ${asOf ? 'AND booking_date <= ?' : ''}`,
    )
    .get(...(asOf ? [accountId, asOf] : [accountId]))) as { s: number };
  return opening + row.s;
}

async function toAccount(ctx: ServiceContext, a: AccountRow): Promise<BankAccount> {
  const store = storeOf(ctx);
  const stats = (await store
    .prepare(
      `SELECT COALESCE(SUM(amount), 0) AS total, MAX(booking_date) AS last,
              SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS open
         FROM bank_lines WHERE account_id = ?`,
    )
    .get(a.id)) as { total: number; last: string | null; open: number | null };
  const last = await store.first(
    qb
      .selectFrom('bank_imports')
      .select(['closing_balance', 'closing_date', 'imported_at'])
      .where('account_id', '=', a.id)
      .orderBy('closing_date', 'desc')
      .orderBy('id', 'desc')
      .limit(1),
  );
  return {
    id: a.id,
    name: a.name,
    iban: a.iban,
    accountNumber: a.account_number,
    bic: a.bic,
    currency: a.currency,
    openingBalance: a.opening_balance,
    openingDate: a.opening_date,
    balance: a.opening_balance + stats.total,
    balanceDate: stats.last && stats.last > a.opening_date ? stats.last : a.opening_date,
    openLines: stats.open ?? 0,
    reconciledTo: a.reconciled_to,
    lastStatement: last
      ? { closingBalance: last.closing_balance, closingDate: last.closing_date, importedAt: last.imported_at }
      : null,
    archived: a.archived_at !== null,
    version: a.version,
  };
}

/**
 * An account's row. With `lock`, read in a transaction about to change it: on shared books a
 * second save from the same version at the same moment waits, then sees the new version.
 */
export async function accountRow(
  ctx: ServiceContext,
  id: number,
  options: { lock?: boolean } = {},
): Promise<AccountRow> {
  const store = storeOf(ctx);
  let q = qb.selectFrom('bank_accounts').selectAll().where('id', '=', id);
  if (options.lock) q = q.modifyEnd(dialectOf(store).forUpdate);
  const a = await store.first(q);
  if (!a) throw notFound(msg('errors.notFound.bankAccount'));
  return a;
}

export async function getAccount(ctx: ServiceContext, input: { id: number }): Promise<BankAccount> {
  return await toAccount(ctx, await accountRow(ctx, input.id));
}

export async function listAccounts(
  ctx: ServiceContext,
  input: ParsedInput<'bank.accounts.list'>,
): Promise<BankAccount[]> {
  let q = qb.selectFrom('bank_accounts').selectAll().orderBy('name');
  if (!input.includeArchived) q = q.where('archived_at', 'is', null);
  return await Promise.all((await storeOf(ctx).all(q)).map((a) => toAccount(ctx, a)));
}

async function checkIdentity(
  ctx: ServiceContext,
  input: ParsedInput<'bank.accounts.create'>,
  id: number | null,
) {
  if (!input.iban && !input.accountNumber)
    throw fieldError('iban', msg('errors.accounts.enterIbanAccountNumber'));
  if (input.iban) {
    const clash = await storeOf(ctx).first(
      qb
        .selectFrom('bank_accounts')
        .select(['id', 'name'])
        .where('iban', '=', input.iban)
        .where('id', '!=', id ?? 0),
    );
    if (clash) throw fieldError('iban', msg('errors.accounts.ibanAlreadyAccountName', { name: clash.name }));
  }
}

export async function createAccount(
  ctx: ServiceContext,
  input: ParsedInput<'bank.accounts.create'>,
): Promise<BankAccount> {
  const id = await storeOf(ctx).tx(async () => {
    await checkIdentity(ctx, input, null);
    const now = ctx.clock.now().toISOString();
    const { lastInsertRowid } = await storeOf(ctx).run(
      qb.insertInto('bank_accounts').values({
        name: input.name,
        iban: input.iban,
        account_number: input.accountNumber,
        bic: input.bic,
        currency: input.currency,
        opening_balance: input.openingBalance,
        opening_date: input.openingDate,
        csv_mapping: null,
        reconciled_to: null,
        archived_at: null,
        created_at: now,
        updated_at: now,
      }),
    );
    await recordAudit(ctx, {
      entity: 'bank_account',
      entityId: lastInsertRowid,
      action: 'create',
      after: { ...input },
    });
    return lastInsertRowid;
  });
  return await getAccount(ctx, { id });
}

export async function updateAccount(
  ctx: ServiceContext,
  input: ParsedInput<'bank.accounts.update'>,
): Promise<BankAccount> {
  await storeOf(ctx).tx(async () => {
    const before = await accountRow(ctx, input.id, { lock: true });
    await assertVersion(ctx, before, input.version);
    await checkIdentity(ctx, input, input.id);
    const hasLines = await storeOf(ctx).first(
      qb.selectFrom('bank_lines').select('id').where('account_id', '=', input.id).limit(1),
    );
    if (hasLines && input.currency !== before.currency)
      throw fieldError('currency', msg('errors.accounts.currencyChangeOnceStatements'));
    await storeOf(ctx).run(
      qb
        .updateTable('bank_accounts')
        .set({
          name: input.name,
          iban: input.iban,
          account_number: input.accountNumber,
          bic: input.bic,
          currency: input.currency,
          opening_balance: input.openingBalance,
          opening_date: input.openingDate,
          updated_at: ctx.clock.now().toISOString(),
          updated_by: ctx.user,
          version: before.version + 1,
        })
        .where('id', '=', input.id),
    );
    await recordAudit(ctx, {
      entity: 'bank_account',
      entityId: input.id,
      action: 'update',
      before: {
        name: before.name,
        iban: before.iban,
        openingBalance: before.opening_balance,
        openingDate: before.opening_date,
      },
      after: {
        name: input.name,
        iban: input.iban,
        openingBalance: input.openingBalance,
        openingDate: input.openingDate,
      },
    });
  });
  return await getAccount(ctx, input);
}

export async function archiveAccount(
  ctx: ServiceContext,
  input: ParsedInput<'bank.accounts.archive'>,
): Promise<BankAccount> {
  await storeOf(ctx).tx(async () => {
    await accountRow(ctx, input.id);
    await storeOf(ctx).run(
      qb
        .updateTable('bank_accounts')
        .set({ archived_at: input.archived ? ctx.clock.now().toISOString() : null })
        .where('id', '=', input.id),
    );
    await recordAudit(ctx, {
      entity: 'bank_account',
      entityId: input.id,
      action: input.archived ? 'archive' : 'unarchive',
    });
  });
  return await getAccount(ctx, input);
}

/**
 * What the business has in the bank in its base currency: the sum of its active accounts'
 * balances in that currency, as of the newest line or opening date. Null without such an account.
 */
export async function bankCashPosition(
  ctx: ServiceContext,
  baseCurrency: string,
): Promise<{ amount: number; date: string } | null> {
  const accounts = await storeOf(ctx).all(
    qb
      .selectFrom('bank_accounts')
      .selectAll()
      .where('archived_at', 'is', null)
      .where('currency', '=', baseCurrency),
  );
  if (accounts.length === 0) return null;
  const all = await Promise.all(accounts.map((a) => toAccount(ctx, a)));
  return {
    amount: all.reduce((t, a) => t + a.balance, 0),
    date: all.map((a) => a.balanceDate).sort()[all.length - 1]!,
  };
}

/** The newest statement's closing balance against Folio's balance on that date. */
export async function reconcileStatus(ctx: ServiceContext, input: ParsedInput<'bank.reconcile.status'>) {
  const a = await accountRow(ctx, input.accountId);
  const account = await toAccount(ctx, a);
  const last = account.lastStatement;
  const closing =
    last && last.closingBalance !== null && last.closingDate
      ? { amount: last.closingBalance, date: last.closingDate }
      : null;
  const folioBalance = closing
    ? await balanceAsOf(ctx, a.id, a.opening_balance, closing.date)
    : account.balance;
  return {
    statementClosing: closing,
    folioBalance,
    difference: closing ? closing.amount - folioBalance : null,
    openLines: account.openLines,
    reconciledTo: a.reconciled_to,
  };
}

/**
 * Marks the account reconciled to a date: every line up to it is matched or categorised,
 * and where a statement closes on that date, Folio's balance equals the bank's.
 */
export async function markReconciled(
  ctx: ServiceContext,
  input: ParsedInput<'bank.reconcile.mark'>,
): Promise<BankAccount> {
  await storeOf(ctx).tx(async () => {
    const a = await accountRow(ctx, input.accountId);
    const open = (await storeOf(ctx)
      .prepare(
        `SELECT COUNT(*) AS n FROM bank_lines WHERE account_id = ? AND status = 'open' AND booking_date <= ?`,
      )
      .get(a.id, input.date)) as { n: number };
    if (open.n > 0)
      throw fieldError('date', msg('errors.accounts.linesStillOpen', { count: open.n, date: input.date }));
    const statement = await storeOf(ctx).first(
      qb
        .selectFrom('bank_imports')
        .select(['closing_balance'])
        .where('account_id', '=', a.id)
        .where('closing_date', '=', input.date)
        .where('closing_balance', 'is not', null)
        .orderBy('id', 'desc')
        .limit(1),
    );
    const folio = await balanceAsOf(ctx, a.id, a.opening_balance, input.date);
    if (statement && statement.closing_balance !== folio) {
      const money = await moneyFormatter(ctx, a.currency);
      throw fieldError(
        'date',
        msg('errors.accounts.statementClosesAtClosing', {
          closing_balance: money(statement.closing_balance!),
          date: input.date,
          folio: money(folio),
        }),
      );
    }
    await storeOf(ctx).run(
      qb.updateTable('bank_accounts').set({ reconciled_to: input.date }).where('id', '=', a.id),
    );
    await recordAudit(ctx, {
      entity: 'bank_account',
      entityId: a.id,
      action: 'reconcile',
      before: { reconciledTo: a.reconciled_to },
      after: { reconciledTo: input.date },
    });
  });
  return await getAccount(ctx, { id: input.accountId });
}
