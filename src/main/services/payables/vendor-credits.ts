import type { ParsedInput } from '../../../shared/api/contract';
import { AppError, fieldError } from '../../../shared/api/errors';
import type { CreditApplication } from '../../../shared/api/vendor-credits';
import { msg } from '../../../shared/i18n';
import { storeOf, type ServiceContext } from '../context';
import { recordAudit } from '../audit';
import { refreshBill } from './balances';
import { moneyFormatter, nowIso, OPEN_SQL } from './common';

/**
 * Vendor credits applied to bills. A credit (a credit note imported as a vendor credit) can be
 * spread over open bills of the same vendor and currency; each application lowers the bill's
 * balance (refreshBill counts it as settled, so payments, payment runs and aging see the
 * reduced balance) and what is left of the credit. Never more than either has left; an
 * application can be reversed; both directions are in the audit log, on the bill and on the
 * credit.
 */

interface CreditRow {
  id: number;
  vendor_id: number;
  vendor_name: string;
  vendor_credit_number: string;
  credit_date: string;
  currency: string;
  total: number;
  remaining: number;
}

const CREDIT_SQL = `SELECT c.id, c.vendor_id, v.name AS vendor_name, c.vendor_credit_number, c.credit_date,
         c.currency, c.total,
         c.total - (SELECT coalesce(sum(a.amount), 0) FROM vendor_credit_applications a
                    WHERE a.vendor_credit_id = c.id) AS remaining
  FROM vendor_credits c JOIN vendors v ON v.id = c.vendor_id`;

const APPLICATION_SQL = `SELECT a.id, a.vendor_credit_id, c.vendor_credit_number, a.bill_id,
         b.vendor_invoice_number, a.amount, c.currency, a.applied_on
  FROM vendor_credit_applications a
  JOIN vendor_credits c ON c.id = a.vendor_credit_id JOIN bills b ON b.id = a.bill_id`;

interface ApplicationRow {
  id: number;
  vendor_credit_id: number;
  vendor_credit_number: string;
  bill_id: number;
  vendor_invoice_number: string;
  amount: number;
  currency: string;
  applied_on: string;
}

const application = (r: ApplicationRow): CreditApplication => ({
  id: r.id,
  vendorCreditId: r.vendor_credit_id,
  creditNumber: r.vendor_credit_number,
  billId: r.bill_id,
  billNumber: r.vendor_invoice_number,
  amount: r.amount,
  currency: r.currency,
  appliedOn: r.applied_on,
});

const available = (c: CreditRow) => ({
  id: c.id,
  number: c.vendor_credit_number,
  creditDate: c.credit_date,
  currency: c.currency,
  total: c.total,
  remaining: c.remaining,
});

async function credit(ctx: ServiceContext, id: number): Promise<CreditRow> {
  const row = (await storeOf(ctx).prepare(`${CREDIT_SQL} WHERE c.id = ?`).get(id)) as CreditRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', msg('vendorCredits.errors.creditNotFound'));
  return row;
}

export async function creditsForBill(ctx: ServiceContext, input: ParsedInput<'vendorCredits.forBill'>) {
  const store = storeOf(ctx);
  const bill = (await store
    .prepare('SELECT id, vendor_id, currency, prepaid, status FROM bills WHERE id = ?')
    .get(input.billId)) as
    { id: number; vendor_id: number; currency: string; prepaid: number; status: string } | undefined;
  if (!bill) throw new AppError('NOT_FOUND', msg('vendorCredits.errors.billNotFound'));
  const applications = (
    (await store
      .prepare(`${APPLICATION_SQL} WHERE a.bill_id = ? ORDER BY a.applied_on, a.id`)
      .all(bill.id)) as ApplicationRow[]
  ).map(application);
  const open = ['awaiting_payment', 'partially_paid'].includes(bill.status);
  const credits = open
    ? (
        (await store
          .prepare(`${CREDIT_SQL} WHERE c.vendor_id = ? AND c.currency = ? ORDER BY c.credit_date, c.id`)
          .all(bill.vendor_id, bill.currency)) as CreditRow[]
      ).filter((c) => c.remaining > 0)
    : [];
  return {
    prepaid: bill.prepaid,
    credited: applications.reduce((s, a) => s + a.amount, 0),
    applications,
    available: credits.map(available),
  };
}

export async function getVendorCredit(ctx: ServiceContext, input: ParsedInput<'vendorCredits.get'>) {
  const c = await credit(ctx, input.vendorCreditId);
  const store = storeOf(ctx);
  const applications = (
    (await store
      .prepare(`${APPLICATION_SQL} WHERE a.vendor_credit_id = ? ORDER BY a.applied_on, a.id`)
      .all(c.id)) as ApplicationRow[]
  ).map(application);
  const openBills = (
    (await store
      .prepare(
        `SELECT id, vendor_invoice_number, bill_date, due_date, total, balance FROM bills
         WHERE vendor_id = ? AND currency = ? AND ${OPEN_SQL} AND balance > 0
         ORDER BY due_date, id LIMIT 500`,
      )
      .all(c.vendor_id, c.currency)) as {
      id: number;
      vendor_invoice_number: string;
      bill_date: string;
      due_date: string;
      total: number;
      balance: number;
    }[]
  ).map((b) => ({
    id: b.id,
    number: b.vendor_invoice_number,
    billDate: b.bill_date,
    dueDate: b.due_date,
    total: b.total,
    balance: b.balance,
  }));
  return {
    credit: { ...available(c), vendorId: c.vendor_id, vendorName: c.vendor_name },
    applications,
    openBills,
  };
}

export async function applyVendorCredit(ctx: ServiceContext, input: ParsedInput<'vendorCredits.apply'>) {
  const store = storeOf(ctx);
  return await store.tx(async () => {
    const c = await credit(ctx, input.vendorCreditId);
    const money = await moneyFormatter(ctx, c.currency);
    const appliedOn = input.appliedOn ?? ctx.clock.today();
    const now = nowIso(ctx);
    const seen = new Set<number>();
    let left = c.remaining;
    const ids: number[] = [];
    for (const [i, a] of input.allocations.entries()) {
      const field = `allocations.${i}.amount`;
      if (seen.has(a.billId)) throw fieldError(`allocations.${i}.billId`, msg('vendorCredits.errors.twice'));
      seen.add(a.billId);
      const bill = (await store
        .prepare(
          'SELECT id, vendor_id, vendor_invoice_number, currency, status, balance FROM bills WHERE id = ?',
        )
        .get(a.billId)) as
        | {
            id: number;
            vendor_id: number;
            vendor_invoice_number: string;
            currency: string;
            status: string;
            balance: number;
          }
        | undefined;
      if (!bill) throw new AppError('NOT_FOUND', msg('vendorCredits.errors.billNotFound'));
      const label = bill.vendor_invoice_number || `#${bill.id}`;
      if (bill.vendor_id !== c.vendor_id)
        throw fieldError(
          `allocations.${i}.billId`,
          msg('vendorCredits.errors.otherVendor', { bill: label, vendor: c.vendor_name }),
        );
      if (bill.currency !== c.currency)
        throw fieldError(
          `allocations.${i}.billId`,
          msg('vendorCredits.errors.otherCurrency', { bill: label, currency: c.currency }),
        );
      if (!['awaiting_payment', 'partially_paid'].includes(bill.status))
        throw fieldError(`allocations.${i}.billId`, msg('vendorCredits.errors.notOpen', { bill: label }));
      if (a.amount > bill.balance)
        throw fieldError(
          field,
          msg('vendorCredits.errors.moreThanBill', { bill: label, amount: money(bill.balance) }),
        );
      if (a.amount > left)
        throw fieldError(field, msg('vendorCredits.errors.moreThanCredit', { amount: money(left) }));
      left -= a.amount;
      const { lastInsertRowid } = await store
        .prepare(
          `INSERT INTO vendor_credit_applications (vendor_credit_id, bill_id, amount, applied_on, created_at)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(c.id, bill.id, a.amount, appliedOn, now);
      const applicationId = Number(lastInsertRowid);
      ids.push(applicationId);
      const after = await refreshBill(ctx, bill.id);
      const details = {
        applicationId,
        vendorCreditId: c.id,
        credit: c.vendor_credit_number,
        billId: bill.id,
        amount: a.amount,
        currency: c.currency,
        appliedOn,
      };
      await recordAudit(ctx, {
        entity: 'bill',
        entityId: bill.id,
        action: 'apply_vendor_credit',
        before: { balance: bill.balance, status: bill.status },
        after: { balance: after.balance, status: after.status },
        details,
      });
      await recordAudit(ctx, {
        entity: 'vendor_credit',
        entityId: c.id,
        action: 'apply',
        before: { remaining: left + a.amount },
        after: { remaining: left },
        details,
      });
    }
    const rows = (await store
      .prepare(`${APPLICATION_SQL} WHERE a.id IN (${ids.map(() => '?').join(', ')}) ORDER BY a.id`)
      .all(...ids)) as ApplicationRow[];
    return { applications: rows.map(application) };
  });
}

export async function unapplyVendorCredit(ctx: ServiceContext, input: ParsedInput<'vendorCredits.unapply'>) {
  const store = storeOf(ctx);
  return await store.tx(async () => {
    const row = (await store.prepare(`${APPLICATION_SQL} WHERE a.id = ?`).get(input.applicationId)) as
      ApplicationRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', msg('vendorCredits.errors.applicationNotFound'));
    const before = (await store
      .prepare('SELECT balance, status FROM bills WHERE id = ?')
      .get(row.bill_id)) as {
      balance: number;
      status: string;
    };
    const remainingBefore = (await credit(ctx, row.vendor_credit_id)).remaining;
    await store.prepare('DELETE FROM vendor_credit_applications WHERE id = ?').run(row.id);
    const after = await refreshBill(ctx, row.bill_id);
    const details = {
      applicationId: row.id,
      vendorCreditId: row.vendor_credit_id,
      credit: row.vendor_credit_number,
      billId: row.bill_id,
      amount: row.amount,
      currency: row.currency,
      appliedOn: row.applied_on,
    };
    await recordAudit(ctx, {
      entity: 'bill',
      entityId: row.bill_id,
      action: 'unapply_vendor_credit',
      before,
      after: { balance: after.balance, status: after.status },
      details,
    });
    await recordAudit(ctx, {
      entity: 'vendor_credit',
      entityId: row.vendor_credit_id,
      action: 'unapply',
      before: { remaining: remainingBefore },
      after: { remaining: remainingBefore + row.amount },
      details,
    });
    return { ok: true as const };
  });
}
