import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import type { Payment } from '../../../shared/api/payments';
import { AppError, fieldError, notFound } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import { dialectOf } from '../../db/dialect';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { refreshInvoice } from './balances';
import { getPreferences } from '../settings';
import { toBase } from '../../../shared/domain/fx';

export async function getPayment(ctx: ServiceContext, input: { id: number }): Promise<Payment> {
  const store = storeOf(ctx);
  const p = await store.first(
    qb
      .selectFrom('payments as p')
      .innerJoin('customers as c', 'c.id', 'p.customer_id')
      .selectAll('p')
      .select('c.name as customer_name')
      .where('p.id', '=', input.id),
  );
  if (!p) throw notFound(msg('errors.notFound.payment2'));
  const allocations = await store.all(
    qb
      .selectFrom('allocations as a')
      .innerJoin('documents as d', 'd.id', 'a.invoice_id')
      .select(['a.invoice_id', 'd.number', 'a.amount'])
      .where('a.payment_id', '=', p.id)
      .orderBy('a.id'),
  );
  return {
    id: p.id,
    customerId: p.customer_id,
    customerName: p.customer_name,
    date: p.date,
    amount: p.amount,
    currency: p.currency,
    exchangeRate: p.exchange_rate,
    amountBase: p.amount_base,
    method: p.method,
    reference: p.reference,
    notes: p.notes,
    unapplied: p.unapplied,
    allocations: allocations.map((a) => ({
      invoiceId: a.invoice_id,
      invoiceNumber: a.number,
      amount: a.amount,
    })),
    undone: p.undone_at !== null,
    undoReason: p.undo_reason,
  };
}

export async function listPayments(ctx: ServiceContext, input: ParsedInput<'payments.list'>) {
  let q = qb.selectFrom('payments');
  if (input.customerId !== null) q = q.where('customer_id', '=', input.customerId);
  const total = Number(
    (await storeOf(ctx).first(q.select((eb) => eb.fn.countAll<number>().as('n'))))?.n ?? 0,
  );
  const ids = await storeOf(ctx).all(
    q.select('id').orderBy('date', 'desc').orderBy('id', 'desc').limit(input.limit).offset(input.offset),
  );
  return { total, rows: await Promise.all(ids.map((r) => getPayment(ctx, r))) };
}

/** Checks one allocation against its invoice; `field` is where a problem is reported. */
async function checkAllocation(
  ctx: ServiceContext,
  customerId: number,
  currency: string,
  invoiceId: number,
  amount: number,
  field: string,
) {
  const store = storeOf(ctx);
  // Locked until the payment is saved: a second payment of the same invoice at the same
  // moment (shared books) waits, then sees the balance this one leaves.
  const invoice = await store.first(
    qb.selectFrom('documents').selectAll().where('id', '=', invoiceId).modifyEnd(dialectOf(store).forUpdate),
  );
  if (!invoice || invoice.type !== 'invoice')
    throw fieldError(`${field}.invoiceId`, msg('errors.payments.invoiceDoesNotExist'));
  if (invoice.customer_id !== customerId)
    throw fieldError(
      `${field}.invoiceId`,
      msg('errors.payments.numberBelongsAnotherCustomer', { number: invoice.number }),
    );
  if (!['issued', 'partially_paid'].includes(invoice.status))
    throw fieldError(
      `${field}.invoiceId`,
      msg('errors.payments.invoiceNotOpen', {
        invoice: invoice.number ?? msg('errors.payments.thatInvoice'),
        status: invoice.status,
      }),
    );
  if (invoice.currency !== currency)
    throw fieldError(
      `${field}.invoiceId`,
      msg('errors.payments.numberCurrencyPaymentCurrency2', {
        number: invoice.number,
        currency: invoice.currency,
        currency2: currency,
      }),
    );
  if (amount > invoice.balance)
    throw fieldError(
      `${field}.amount`,
      msg('errors.payments.moreThanNumberStill', { number: invoice.number }),
    );
  return invoice;
}

/**
 * Records money received: split over invoices of the customer as given, the rest kept as
 * customer credit. Everything in one transaction, so a bad allocation saves nothing.
 */
export async function recordPayment(
  ctx: ServiceContext,
  input: ParsedInput<'payments.record'>,
): Promise<Payment> {
  const id = await storeOf(ctx).tx(async () => {
    const store = storeOf(ctx);
    const customer = await store.first(
      qb.selectFrom('customers').select(['id', 'name']).where('id', '=', input.customerId),
    );
    if (!customer) throw fieldError('customerId', msg('errors.payments.chooseCustomerOneGiven'));
    const seen = new Set<number>();
    for (const [i, a] of input.allocations.entries()) {
      if (seen.has(a.invoiceId))
        throw fieldError(`allocations.${i}.invoiceId`, msg('errors.payments.invoiceListedTwice'));
      seen.add(a.invoiceId);
      await checkAllocation(ctx, input.customerId, input.currency, a.invoiceId, a.amount, `allocations.${i}`);
    }
    const applied = input.allocations.reduce((s, a) => s + a.amount, 0);
    if (applied > input.amount) throw fieldError('amount', msg('errors.payments.amountsAppliedInvoicesAdd'));
    const base = (await getPreferences(ctx)).baseCurrency;
    const rate = input.currency === base ? '1' : input.exchangeRate;

    const { lastInsertRowid: id } = await store.run(
      qb.insertInto('payments').values({
        customer_id: input.customerId,
        date: input.date,
        amount: input.amount,
        currency: input.currency,
        exchange_rate: rate,
        amount_base: toBase(input.amount, input.currency, rate, base),
        method: input.method,
        reference: input.reference,
        notes: input.notes,
        unapplied: input.amount - applied,
        undone_at: null,
        undo_reason: null,
        created_at: ctx.clock.now().toISOString(),
      }),
    );
    for (const a of input.allocations) {
      await store.run(
        qb.insertInto('allocations').values({
          invoice_id: a.invoiceId,
          payment_id: id,
          credit_note_id: null,
          date: input.date,
          amount: a.amount,
          undone_at: null,
        }),
      );
      await refreshInvoice(ctx, a.invoiceId);
    }
    await recordAudit(ctx, {
      entity: 'payment',
      entityId: id,
      action: 'record',
      after: {
        customerId: input.customerId,
        date: input.date,
        amount: input.amount,
        currency: input.currency,
        method: input.method,
        reference: input.reference,
      },
      details: { allocations: input.allocations, credit: input.amount - applied },
    });
    return id;
  });
  return await getPayment(ctx, { id });
}

/** Spends a payment's unapplied amount (customer credit) on an open invoice. */
export async function applyPaymentCredit(
  ctx: ServiceContext,
  input: ParsedInput<'payments.applyCredit'>,
): Promise<Payment> {
  await storeOf(ctx).tx(async () => {
    const store = storeOf(ctx);
    const p = await store.first(
      qb
        .selectFrom('payments')
        .selectAll()
        .where('id', '=', input.paymentId)
        .modifyEnd(dialectOf(store).forUpdate),
    );
    if (!p || p.undone_at) throw fieldError('paymentId', msg('errors.payments.paymentDoesNotExist'));
    if (input.amount > p.unapplied) throw fieldError('amount', msg('errors.payments.moreThanCreditLeft'));
    await checkAllocation(ctx, p.customer_id, p.currency, input.invoiceId, input.amount, 'allocation');
    await store.run(
      qb.insertInto('allocations').values({
        invoice_id: input.invoiceId,
        payment_id: p.id,
        credit_note_id: null,
        date: input.date,
        amount: input.amount,
        undone_at: null,
      }),
    );
    await store.run(
      qb
        .updateTable('payments')
        .set({ unapplied: p.unapplied - input.amount })
        .where('id', '=', p.id),
    );
    await refreshInvoice(ctx, input.invoiceId);
    await recordAudit(ctx, {
      entity: 'payment',
      entityId: p.id,
      action: 'apply_credit',
      details: { invoiceId: input.invoiceId, amount: input.amount, date: input.date },
    });
  });
  return await getPayment(ctx, { id: input.paymentId });
}

/** Payments of the invoice's customer, in its currency, with credit left (oldest first). */
async function creditPayments(ctx: ServiceContext, invoiceId: number) {
  const store = storeOf(ctx);
  // In useCredit's transaction the invoice stays locked until the credit is applied: a second
  // use of credit on it at the same moment (shared books) waits, then sees what is left.
  const invoice = await store.first(
    qb.selectFrom('documents').selectAll().where('id', '=', invoiceId).modifyEnd(dialectOf(store).forUpdate),
  );
  if (!invoice || invoice.type !== 'invoice')
    throw fieldError('invoiceId', msg('errors.payments.invoiceDoesNotExist'));
  const payments = await storeOf(ctx).all(
    qb
      .selectFrom('payments')
      .select(['id', 'unapplied'])
      .where('customer_id', '=', invoice.customer_id)
      .where('currency', '=', invoice.currency)
      .where('unapplied', '>', 0)
      .where('undone_at', 'is', null)
      .orderBy('date')
      .orderBy('id'),
  );
  return { invoice, payments };
}

export async function creditFor(ctx: ServiceContext, input: ParsedInput<'payments.creditFor'>) {
  const { invoice, payments } = await creditPayments(ctx, input.invoiceId);
  const available = payments.reduce((s, p) => s + p.unapplied, 0);
  const open = ['issued', 'partially_paid'].includes(invoice.status);
  return {
    currency: invoice.currency,
    available,
    toApply: open ? Math.min(available, invoice.balance) : 0,
  };
}

/** Customer credit on an invoice: each payment's credit in turn, all in one transaction. */
export async function useCredit(ctx: ServiceContext, input: ParsedInput<'payments.useCredit'>) {
  return await storeOf(ctx).tx(async () => {
    const { invoice, payments } = await creditPayments(ctx, input.invoiceId);
    if (payments.length === 0)
      throw fieldError(
        'invoiceId',
        msg('errors.payments.customerNameHasNo', {
          customer_name: invoice.customer_name,
          currency: invoice.currency,
        }),
      );
    let left = invoice.balance;
    const used: number[] = [];
    for (const p of payments) {
      if (left <= 0) break;
      const amount = Math.min(left, p.unapplied);
      await applyPaymentCredit(ctx, {
        paymentId: p.id,
        invoiceId: invoice.id,
        amount,
        date: input.date ?? ctx.clock.today(),
      });
      used.push(p.id);
      left -= amount;
    }
    return { applied: invoice.balance - left, payments: used };
  });
}

/** Undoes a payment: its allocations stop counting, invoices reopen; the record stays, marked undone. */
export async function undoPayment(
  ctx: ServiceContext,
  input: ParsedInput<'payments.undo'>,
): Promise<Payment> {
  await storeOf(ctx).tx(async () => {
    const store = storeOf(ctx);
    // Locked: undone twice at the same moment (shared books), the second waits and is refused.
    const p = await store.first(
      qb.selectFrom('payments').selectAll().where('id', '=', input.id).modifyEnd(dialectOf(store).forUpdate),
    );
    if (!p) throw notFound(msg('errors.notFound.payment2'));
    if (p.undone_at) throw new AppError('CONFLICT', msg('errors.payments.paymentAlreadyUndone'));
    const now = ctx.clock.now().toISOString();
    const allocations = await store.all(
      qb
        .selectFrom('allocations')
        .select(['id', 'invoice_id'])
        .where('payment_id', '=', p.id)
        .where('undone_at', 'is', null),
    );
    await store.run(
      qb
        .updateTable('allocations')
        .set({ undone_at: now })
        .where('payment_id', '=', p.id)
        .where('undone_at', 'is', null),
    );
    await store.run(
      qb
        .updateTable('payments')
        .set({ undone_at: now, undo_reason: input.reason || null, unapplied: 0 })
        .where('id', '=', p.id),
    );
    for (const a of allocations) await refreshInvoice(ctx, a.invoice_id);
    await recordAudit(ctx, {
      entity: 'payment',
      entityId: p.id,
      action: 'undo',
      before: { undone: false },
      after: { undone: true },
      details: { reason: input.reason, amount: p.amount, invoices: allocations.map((a) => a.invoice_id) },
    });
  });
  return await getPayment(ctx, input);
}
