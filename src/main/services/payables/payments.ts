import { msg } from '../../../shared/i18n';
import crypto from 'node:crypto';
import type { ParsedInput } from '../../../shared/api/contract';
import type { BillPayment } from '../../../shared/api/payables';
import { displayStatus, isOpen } from '../../../shared/domain/bill-status';
import { earlyPaymentOffer } from '../../../shared/domain/early-payment';
import { fieldError, notFound } from '../../../shared/api/errors';
import type { Selectable } from 'kysely';
import type { BillsTable } from '../../db/schema';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { earlyFromColumns, moneyFormatter, nowIso } from './common';
import { rateFor, refreshBill } from './balances';
import { toBase } from '../../../shared/domain/fx';
import { getPreferences } from '../settings';
import { dialectOf } from '../../db/dialect';

/**
 * Paying bills. A payment goes to one vendor in one currency and may cover several of their
 * bills; each bill's paid amount, discount taken, balance and status are updated in the same
 * transaction, so lists and totals never add up payment history. An early-payment discount is
 * settled only with the payment that clears the rest of the bill by the last discount day.
 * Deleting a payment (undo) reopens what it paid.
 */

type BillRowFull = Selectable<BillsTable> & { vendor_name: string };

async function loadBills(ctx: ServiceContext, ids: number[]): Promise<Map<number, BillRowFull>> {
  const rows = (await storeOf(ctx).all(
    qb
      .selectFrom('bills as b')
      .innerJoin('vendors as v', 'v.id', 'b.vendor_id')
      .selectAll('b')
      .select('v.name as vendor_name')
      .where('b.id', 'in', ids.length ? ids : [0]),
  )) as BillRowFull[];
  return new Map(rows.map((r) => [r.id, r]));
}

const billLabel = (b: BillRowFull) =>
  b.vendor_invoice_number
    ? `${b.vendor_name} ${b.vendor_invoice_number}`
    : msg('errors.payments.billLabel', { vendor: b.vendor_name, id: b.id });

function offerOn(b: BillRowFull, date: string) {
  return earlyPaymentOffer(
    {
      billDate: b.bill_date,
      total: b.total,
      balance: b.balance,
      discountTaken: b.discount_taken,
      earlyPayment: earlyFromColumns(b.discount_bp, b.discount_days),
    },
    date,
  );
}

/**
 * After an allocation to a bill was added or removed: refreshes the bill's figures from its
 * allocations and records the change in the audit log.
 */
async function refreshAfterPayment(
  ctx: ServiceContext,
  bill: BillRowFull,
  action: 'payment' | 'payment_undone',
  paymentId: number,
): Promise<void> {
  const after = await refreshBill(ctx, bill.id);
  await storeOf(ctx).run(
    qb
      .updateTable('bills')
      .set({ updated_at: nowIso(ctx) })
      .where('id', '=', bill.id),
  );
  await recordAudit(ctx, {
    entity: 'bill',
    entityId: bill.id,
    action,
    before: {
      paid: bill.paid,
      discountTaken: bill.discount_taken,
      balance: bill.balance,
      status: bill.status,
    },
    after: {
      paid: after.paid,
      discountTaken: after.discount_taken,
      balance: after.balance,
      status: after.status,
    },
    details: { paymentId },
  });
  Object.assign(bill, after);
}

interface Allocation {
  billId: number;
  amount: number;
  discount: number;
}

/** Records one payment inside the caller's transaction; every allocation checked at its field. */
async function recordPayment(
  ctx: ServiceContext,
  input: {
    paymentDate: string;
    method: BillPayment['method'];
    reference: string;
    notes: string;
    runId: string | null;
    /** Required when the bills are in a foreign currency (see rateFor). */
    exchangeRate: string | undefined;
  },
  allocations: readonly Allocation[],
  bills: Map<number, BillRowFull>,
  path = 'allocations',
  rateField = 'exchangeRate',
): Promise<number> {
  const seen = new Set<number>();
  let vendor: BillRowFull | null = null;
  for (const [i, a] of allocations.entries()) {
    const b = bills.get(a.billId);
    if (!b) throw fieldError(`${path}.${i}.billId`, msg('errors.payments.billDoesNotExist'));
    if (seen.has(a.billId))
      throw fieldError(`${path}.${i}.billId`, msg('errors.payments.bListedTwice', { b: billLabel(b) }));
    seen.add(a.billId);
    if (!isOpen(b.status))
      throw fieldError(
        `${path}.${i}.billId`,
        b.status === 'draft'
          ? msg('errors.payments.billIsDraft', { bill: billLabel(b) })
          : msg('errors.payments.nothingToPay', { bill: billLabel(b), status: b.status }),
      );
    vendor ??= b;
    if (b.vendor_id !== vendor.vendor_id)
      throw fieldError(
        `${path}.${i}.billId`,
        msg('errors.payments.paymentGoesOneVendor', {
          b: billLabel(b),
          vendor_name: b.vendor_name,
          vendor_name2: vendor.vendor_name,
        }),
      );
    if (b.currency !== vendor.currency)
      throw fieldError(
        `${path}.${i}.billId`,
        msg('errors.payments.bCurrencyPaymentCurrency2', {
          b: billLabel(b),
          currency: b.currency,
          currency2: vendor.currency,
        }),
      );
    const money = await moneyFormatter(ctx, b.currency);
    if (a.discount > 0) {
      const offer = offerOn(b, input.paymentDate);
      if (!offer)
        throw fieldError(
          `${path}.${i}.discount`,
          msg('errors.payments.bHasNoEarly', {
            b: billLabel(b),
            paymentDate: input.paymentDate,
            balance: money(b.balance),
          }),
        );
      if (a.discount !== offer.save)
        throw fieldError(
          `${path}.${i}.discount`,
          msg('errors.payments.earlyPaymentDiscountB', { b: billLabel(b), save: money(offer.save) }),
        );
      if (a.amount !== offer.pay)
        throw fieldError(
          `${path}.${i}.amount`,
          msg('errors.payments.takeSaveDiscountPay', {
            save: money(offer.save),
            b: billLabel(b),
            pay: money(offer.pay),
          }),
        );
    }
    if (a.amount + a.discount > b.balance)
      throw fieldError(
        `${path}.${i}.amount`,
        msg('errors.payments.moreThanBalanceStill', { balance: money(b.balance), b: billLabel(b) }),
      );
    if (a.amount + a.discount <= 0)
      throw fieldError(`${path}.${i}.amount`, msg('errors.payments.enterAmountPay'));
  }
  const amount = allocations.reduce((s, a) => s + a.amount, 0);
  if (amount <= 0) throw fieldError(`${path}`, msg('errors.payments.enterAmountPay'));
  const v = vendor!;
  const rate = await rateFor(ctx, v.currency, input.exchangeRate, rateField);
  const { lastInsertRowid: paymentId } = await storeOf(ctx).run(
    qb.insertInto('bill_payments').values({
      vendor_id: v.vendor_id,
      payment_date: input.paymentDate,
      currency: v.currency,
      amount,
      exchange_rate: rate,
      amount_base: toBase(amount, v.currency, rate, (await getPreferences(ctx)).baseCurrency),
      method: input.method,
      reference: input.reference,
      notes: input.notes,
      run_id: input.runId,
      created_at: nowIso(ctx),
    }),
  );
  for (const a of allocations) {
    await storeOf(ctx).run(
      qb
        .insertInto('bill_payment_allocations')
        .values({ payment_id: paymentId, bill_id: a.billId, amount: a.amount, discount: a.discount }),
    );
    await refreshAfterPayment(ctx, bills.get(a.billId)!, 'payment', paymentId);
  }
  await recordAudit(ctx, {
    entity: 'bill_payment',
    entityId: paymentId,
    action: 'create',
    after: {
      vendorId: v.vendor_id,
      paymentDate: input.paymentDate,
      currency: v.currency,
      amount,
      exchangeRate: rate,
      method: input.method,
      reference: input.reference,
      allocations: allocations
        .map((a) => `bill ${a.billId}: ${a.amount}${a.discount ? ` + discount ${a.discount}` : ''}`)
        .join('; '),
    },
    ...(input.runId ? { details: { runId: input.runId } } : {}),
  });
  return paymentId;
}

export async function createPayment(
  ctx: ServiceContext,
  input: ParsedInput<'billPayments.create'>,
): Promise<BillPayment> {
  const id = await storeOf(ctx).tx(
    async () =>
      await recordPayment(
        ctx,
        { ...input, runId: null, exchangeRate: input.exchangeRate },
        input.allocations,
        await loadBills(
          ctx,
          input.allocations.map((a) => a.billId),
        ),
      ),
  );
  return await getPayment(ctx, id);
}

export async function getPayment(ctx: ServiceContext, id: number): Promise<BillPayment> {
  const list = await listPayments(ctx, { limit: 1 }, id);
  if (!list[0]) throw notFound(msg('errors.notFound.payment'));
  return list[0];
}

export async function listPayments(
  ctx: ServiceContext,
  input: ParsedInput<'billPayments.list'>,
  onlyId?: number,
): Promise<BillPayment[]> {
  const store = storeOf(ctx);
  let q = qb
    .selectFrom('bill_payments as p')
    .innerJoin('vendors as v', 'v.id', 'p.vendor_id')
    .selectAll('p')
    .select('v.name as vendor_name')
    .orderBy('p.payment_date', 'desc')
    .orderBy('p.id', 'desc')
    .limit(input.limit);
  if (onlyId !== undefined) q = q.where('p.id', '=', onlyId);
  if (input.vendorId) q = q.where('p.vendor_id', '=', input.vendorId);
  if (input.billId)
    q = q.where('p.id', 'in', (eb) =>
      eb.selectFrom('bill_payment_allocations').select('payment_id').where('bill_id', '=', input.billId!),
    );
  const payments = await store.all(q);
  if (payments.length === 0) return [];
  const allocations = await store.all(
    qb
      .selectFrom('bill_payment_allocations as a')
      .innerJoin('bills as b', 'b.id', 'a.bill_id')
      .select(['a.payment_id', 'a.bill_id', 'a.amount', 'a.discount', 'b.vendor_invoice_number'])
      .where(
        'a.payment_id',
        'in',
        payments.map((p) => p.id),
      )
      .orderBy('a.bill_id'),
  );
  return payments.map((p) => ({
    id: p.id,
    vendorId: p.vendor_id,
    vendorName: p.vendor_name,
    paymentDate: p.payment_date,
    currency: p.currency,
    amount: p.amount,
    exchangeRate: p.exchange_rate,
    amountBase: p.amount_base,
    method: p.method,
    reference: p.reference,
    notes: p.notes,
    runId: p.run_id,
    createdAt: p.created_at,
    allocations: allocations
      .filter((a) => a.payment_id === p.id)
      .map((a) => ({
        billId: a.bill_id,
        vendorInvoiceNumber: a.vendor_invoice_number,
        amount: a.amount,
        discount: a.discount,
      })),
  }));
}

/** Undo: the payment is removed and every bill it paid is owed again. */
export async function deletePayment(ctx: ServiceContext, input: { id: number }) {
  await storeOf(ctx).tx(async () => {
    const payment = await getPayment(ctx, input.id);
    const bills = await loadBills(
      ctx,
      payment.allocations.map((a) => a.billId),
    );
    // The allocations go with the payment (ON DELETE CASCADE); then each bill is owed again.
    await storeOf(ctx).run(qb.deleteFrom('bill_payments').where('id', '=', payment.id));
    for (const a of payment.allocations)
      await refreshAfterPayment(ctx, bills.get(a.billId)!, 'payment_undone', payment.id);
    await recordAudit(ctx, {
      entity: 'bill_payment',
      entityId: payment.id,
      action: 'delete',
      before: {
        vendorId: payment.vendorId,
        paymentDate: payment.paymentDate,
        amount: payment.amount,
        method: payment.method,
        reference: payment.reference,
      },
    });
  });
  return { ok: true as const };
}

// ---------------------------------------------------------------------------------------
// Payment runs

async function plan(
  ctx: ServiceContext,
  paymentDate: string,
  billIds: readonly number[],
  takeDiscounts: boolean,
) {
  const bills = await loadBills(ctx, [...billIds]);
  const today = ctx.clock.today();
  const openWarnings = new Map(
    (
      (await storeOf(ctx)
        .prepare(
          `SELECT bill_id, count(*) AS n FROM bill_warnings
           WHERE bill_id IN ${dialectOf(storeOf(ctx)).jsonValues('integer')} AND dismissed_at IS NULL GROUP BY bill_id`,
        )
        .all(JSON.stringify(billIds))) as { bill_id: number; n: number }[]
    ).map((r) => [r.bill_id, r.n]),
  );
  const rows = [...new Set(billIds)].map((id, i) => {
    const b = bills.get(id);
    if (!b) throw fieldError(`billIds.${i}`, msg('errors.payments.billIdDoesNot', { id }));
    if (!isOpen(b.status))
      throw fieldError(
        `billIds.${i}`,
        msg('errors.payments.takeOutOfRun', { bill: billLabel(b), status: b.status }),
      );
    const offer = takeDiscounts ? offerOn(b, paymentDate) : null;
    return {
      billId: b.id,
      vendorId: b.vendor_id,
      vendorName: b.vendor_name,
      vendorInvoiceNumber: b.vendor_invoice_number,
      dueDate: b.due_date,
      displayStatus: displayStatus(b.status, b.due_date, today),
      currency: b.currency,
      exchangeRate: b.exchange_rate,
      billDate: b.bill_date,
      balance: b.balance,
      discount: offer?.save ?? 0,
      pay: offer?.pay ?? b.balance,
      openWarnings: openWarnings.get(b.id) ?? 0,
    };
  });
  rows.sort(
    (a, b) =>
      a.vendorName.localeCompare(b.vendorName) || a.dueDate.localeCompare(b.dueDate) || a.billId - b.billId,
  );
  const totals = new Map<
    string,
    { currency: string; cash: number; discounts: number; bills: number; billRate: string; latest: string }
  >();
  for (const r of rows) {
    const t = totals.get(r.currency) ?? {
      currency: r.currency,
      cash: 0,
      discounts: 0,
      bills: 0,
      billRate: r.exchangeRate,
      latest: r.billDate,
    };
    t.cash += r.pay;
    t.discounts += r.discount;
    t.bills += 1;
    if (r.billDate > t.latest) Object.assign(t, { billRate: r.exchangeRate, latest: r.billDate });
    totals.set(r.currency, t);
  }
  return {
    rows: rows.map(({ exchangeRate: _r, billDate: _d, ...row }) => row),
    totals: [...totals.values()]
      .sort((a, b) => a.currency.localeCompare(b.currency))
      .map(({ latest: _l, ...t }) => t),
    bills,
  };
}

/** What a payment run would pay: cash needed and discounts captured per currency. */
export async function previewRun(ctx: ServiceContext, input: ParsedInput<'billPayments.runPreview'>) {
  const { rows, totals } = await plan(ctx, input.paymentDate, input.billIds, input.takeDiscounts);
  return { rows, totals };
}

/** Pays every chosen bill in full in one transaction: one payment per vendor and currency. */
export async function runPayments(ctx: ServiceContext, input: ParsedInput<'billPayments.run'>) {
  const runId = crypto.randomUUID();
  return await storeOf(ctx).tx(async () => {
    const { rows, totals, bills } = await plan(ctx, input.paymentDate, input.billIds, input.takeDiscounts);
    const rates = new Map(input.exchangeRates.map((r) => [r.currency, r.rate]));
    const groups = new Map<string, typeof rows>();
    for (const r of rows) {
      const key = `${r.vendorId}|${r.currency}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const group of groups.values()) {
      await recordPayment(
        ctx,
        {
          paymentDate: input.paymentDate,
          method: input.method,
          reference: input.reference,
          notes: 'Payment run',
          runId,
          exchangeRate: rates.get(group[0]!.currency),
        },
        group.map((r) => ({ billId: r.billId, amount: r.pay, discount: r.discount })),
        bills,
        'billIds',
        'exchangeRates',
      );
    }
    await recordAudit(ctx, {
      entity: 'payment_run',
      entityId: runId,
      action: 'run',
      details: {
        paymentDate: input.paymentDate,
        bills: rows.length,
        payments: groups.size,
        totals: totals.map((t) => `${t.currency} cash ${t.cash}, discounts ${t.discounts}`).join('; '),
      },
    });
    return { runId, payments: groups.size, bills: rows.length, totals };
  });
}
