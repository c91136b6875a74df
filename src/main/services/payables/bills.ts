import type { ParsedInput } from '../../../shared/api/contract';
import { msg } from '../../../shared/i18n';
import { safeUserFileName } from '../../../shared/domain/file-names';
import type { Bill, BillRow } from '../../../shared/api/payables';
import { milliToQuantity } from '../../../shared/domain/bill-amounts';
import { BILL_STATUSES, describeDue, displayStatus, isOpen } from '../../../shared/domain/bill-status';
import { earlyPaymentOffer } from '../../../shared/domain/early-payment';
import { conflict, fieldError, notFound } from '../../../shared/api/errors';
import type { Selectable } from 'kysely';
import type { BillsTable } from '../../db/schema';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { billExists, earlyFromColumns, earlyToOutput, moneyFormatter, nowIso } from './common';
import { checkBill, dismiss, draftToWarning, listWarnings, saveWarnings } from './checks';
import { prepareBill, type PreparedBill } from './prepare';
import { refreshBill } from './balances';
import { toBase } from '../../../shared/domain/fx';
import { getPreferences } from '../settings';
import { orderMatch } from './purchase-orders';
import { dialectOf } from '../../db/dialect';
import { assertVersion } from '../versions';

/**
 * Bills: entered by hand, made by a recurring template or imported from CSV, all through
 * insertBill. Saving never blocks on a warning: it stores the bill, its warnings (each
 * saying why it fired) and returns the ones still open for the user to review.
 */

type Source = 'manual' | 'recurring' | 'import';

function billColumns(b: PreparedBill) {
  return {
    vendor_id: b.vendorId,
    vendor_invoice_number: b.vendorInvoiceNumber,
    invoice_key: b.invoiceKey,
    bill_date: b.billDate,
    due_date: b.dueDate,
    currency: b.currency,
    exchange_rate: b.exchangeRate,
    subtotal: b.totals.subtotal,
    tax: b.totals.tax,
    total: b.totals.total,
    discount_bp: b.earlyPayment?.discountBp ?? null,
    discount_days: b.earlyPayment?.days ?? null,
    purchase_order_id: b.purchaseOrderId,
    bank_details: b.bankDetails,
    notes: b.notes,
  };
}

/** The fields the audit log records for a bill (lines are summarised). */
function auditView(b: PreparedBill, status: string): Record<string, unknown> {
  return {
    vendorId: b.vendorId,
    vendorInvoiceNumber: b.vendorInvoiceNumber,
    billDate: b.billDate,
    dueDate: b.dueDate,
    currency: b.currency,
    exchangeRate: b.exchangeRate,
    subtotal: b.totals.subtotal,
    tax: b.totals.tax,
    total: b.totals.total,
    status,
    purchaseOrderId: b.purchaseOrderId,
    earlyPayment: b.earlyPayment ? `${b.earlyPayment.discountBp / 100}%/${b.earlyPayment.days}d` : null,
    lines: b.lines.map((l) => `${l.description || '(no description)'}: ${l.amount}+${l.tax}`).join('; '),
    attachments: b.attachments.map((a) => a.fileName).join(', '),
    notes: b.notes,
  };
}

async function writeLinesAndAttachments(ctx: ServiceContext, billId: number, b: PreparedBill): Promise<void> {
  const store = storeOf(ctx);
  await store.run(qb.deleteFrom('bill_lines').where('bill_id', '=', billId));
  for (const [position, l] of b.lines.entries()) {
    await store.run(
      qb.insertInto('bill_lines').values({
        bill_id: billId,
        position,
        description: l.description,
        item_key: l.itemKey,
        category_id: l.categoryId,
        quantity_milli: l.quantityMilli,
        unit_price: l.unitPrice,
        amount: l.amount,
        tax: l.tax,
        purchase_order_line_id: l.purchaseOrderLineId,
        vendor_id: b.vendorId,
        bill_date: b.billDate,
      }),
    );
  }
  const keep = new Set(b.attachments.map((a) => a.sha256));
  const current = await store.all(
    qb.selectFrom('bill_attachments').select(['id', 'sha256']).where('bill_id', '=', billId),
  );
  for (const a of current)
    if (!keep.has(a.sha256)) await store.run(qb.deleteFrom('bill_attachments').where('id', '=', a.id));
  const had = new Set(current.map((a) => a.sha256));
  for (const a of b.attachments) {
    if (had.has(a.sha256)) continue;
    await store.run(
      qb.insertInto('bill_attachments').values({
        bill_id: billId,
        sha256: a.sha256,
        file_name: a.fileName,
        mime_type: a.mimeType,
        bytes: a.bytes,
        created_at: nowIso(ctx),
      }),
    );
  }
}

/**
 * Inserts a prepared bill with its lines, attachments and warnings, inside the caller's
 * transaction, and records it in the audit log. Returns the new id.
 */
export async function insertBill(
  ctx: ServiceContext,
  b: PreparedBill,
  options: {
    source: Source;
    recurring?: { id: number; index: number };
    acknowledge?: { keys: string[]; reason: string };
  },
): Promise<number> {
  const now = nowIso(ctx);
  const store = storeOf(ctx);
  const totalBase = toBase(
    b.totals.total,
    b.currency,
    b.exchangeRate,
    (await getPreferences(ctx)).baseCurrency,
  );
  const { lastInsertRowid: id } = await store.run(
    qb.insertInto('bills').values({
      ...billColumns(b),
      balance: b.totals.total,
      // Nothing is paid on a new bill: its balance is its total.
      total_base: totalBase,
      balance_base: totalBase,
      status: b.status,
      source: options.source,
      recurring_id: options.recurring?.id ?? null,
      recurring_index: options.recurring?.index ?? null,
      created_at: now,
      updated_at: now,
    }),
  );
  await writeLinesAndAttachments(ctx, id, b);
  await recordAudit(ctx, {
    entity: 'bill',
    entityId: id,
    action: 'create',
    after: auditView(b, b.status),
    details: { source: options.source, ...(options.recurring ? { recurring: options.recurring } : {}) },
  });
  await saveWarnings(ctx, id, await checkBill(ctx, b, id), options.acknowledge);
  return id;
}

async function saved(ctx: ServiceContext, id: number) {
  const bill = await getBill(ctx, { id });
  return { bill, warnings: bill.warnings.filter((w) => w.dismissed === null) };
}

export async function createBill(ctx: ServiceContext, input: ParsedInput<'bills.create'>) {
  const id = await storeOf(ctx).tx(async () => {
    const b = await prepareBill(ctx, input);
    return await insertBill(ctx, b, { source: 'manual', acknowledge: input.acknowledge });
  });
  return await saved(ctx, id);
}

/** Warnings the bill would give if saved now; nothing is stored. */
export async function checkBillInput(ctx: ServiceContext, input: ParsedInput<'bills.check'>) {
  const existing = input.id !== null ? await billExists(ctx, input.id) : null;
  const b = await prepareBill(ctx, input, existing);
  const drafts = await checkBill(ctx, b, input.id);
  // Already-dismissed warnings of a saved bill stay dismissed when it is saved again.
  const dismissed = new Map(
    (input.id !== null ? await listWarnings(ctx, input.id) : [])
      .filter((w) => w.dismissed)
      .map((w) => [w.key, w]),
  );
  return {
    warnings: drafts.map((d) => dismissed.get(draftToWarning(d).key) ?? draftToWarning(d)),
    dueDate: b.dueDate,
    ...b.totals,
  };
}

export async function updateBill(ctx: ServiceContext, input: ParsedInput<'bills.update'>) {
  await storeOf(ctx).tx(async () => {
    const before = await billExists(ctx, input.id, { lock: true });
    if (before.status === 'void') throw conflict(msg('errors.bills.billVoidChanged'));
    await assertVersion(ctx, before, input.version);
    // Paid in advance (an e-invoice's BT-113) and vendor credits applied settle the bill too.
    const settled = before.paid + before.discount_taken + before.prepaid + before.credited;
    const b = await prepareBill(ctx, input, before);
    if (settled > 0) {
      if (b.vendorId !== before.vendor_id)
        throw fieldError('vendorId', msg('errors.bills.billHasPaymentsSo'));
      if (b.currency !== before.currency)
        throw fieldError('currency', msg('errors.bills.billHasPaymentsSo2'));
      if (b.status === 'draft') throw fieldError('status', msg('errors.bills.billHasPaymentsSo3'));
      if (b.totals.total < settled)
        throw fieldError(
          'lines',
          msg('errors.bills.totalLessThanSettled', {
            settled: (await moneyFormatter(ctx, before.currency))(settled),
          }),
        );
    }
    await storeOf(ctx).run(
      qb
        .updateTable('bills')
        .set({
          ...billColumns(b),
          balance: b.totals.total - settled,
          status: b.status,
          updated_at: nowIso(ctx),
          updated_by: ctx.user,
          version: before.version + 1,
        })
        .where('id', '=', input.id),
    );
    const { status } = await refreshBill(ctx, input.id);
    await writeLinesAndAttachments(ctx, input.id, b);
    await recordAudit(ctx, {
      entity: 'bill',
      entityId: input.id,
      action: 'update',
      before: auditView(await prepareFromRow(ctx, before), before.status),
      after: auditView(b, status),
    });
    await saveWarnings(ctx, input.id, await checkBill(ctx, b, input.id), input.acknowledge);
  });
  return await saved(ctx, input.id);
}

/** The stored bill in the shape auditView reads, for the "before" side of an update. */
async function prepareFromRow(ctx: ServiceContext, row: Selectable<BillsTable>): Promise<PreparedBill> {
  const lines = await storeOf(ctx).all(
    qb.selectFrom('bill_lines').selectAll().where('bill_id', '=', row.id).orderBy('position'),
  );
  const attachments = await storeOf(ctx).all(
    qb.selectFrom('bill_attachments').selectAll().where('bill_id', '=', row.id).orderBy('id'),
  );
  return {
    vendorId: row.vendor_id,
    vendorName: '',
    bankDetails: row.bank_details,
    vendorBankChangedAt: null,
    vendorInvoiceNumber: row.vendor_invoice_number,
    invoiceKey: row.invoice_key,
    billDate: row.bill_date,
    dueDate: row.due_date,
    currency: row.currency,
    exchangeRate: row.exchange_rate,
    earlyPayment: earlyFromColumns(row.discount_bp, row.discount_days),
    purchaseOrderId: row.purchase_order_id,
    lines: lines.map((l) => ({
      description: l.description,
      itemKey: l.item_key,
      categoryId: l.category_id,
      quantityMilli: l.quantity_milli,
      unitPrice: l.unit_price,
      amount: l.amount,
      tax: l.tax,
      purchaseOrderLineId: l.purchase_order_line_id,
    })),
    totals: { subtotal: row.subtotal, tax: row.tax, total: row.total },
    notes: row.notes,
    attachments: attachments.map((a) => ({
      sha256: a.sha256,
      fileName: safeUserFileName(a.file_name),
      mimeType: a.mime_type,
      bytes: a.bytes,
    })),
    status: row.status === 'draft' ? 'draft' : 'awaiting_payment',
  };
}

/** The rate of the vendor's latest bill in that currency (one lookup of bills_by_vendor_date). */
export async function suggestRate(ctx: ServiceContext, input: ParsedInput<'bills.suggestRate'>) {
  const row = await storeOf(ctx).first(
    qb
      .selectFrom('bills')
      .select('exchange_rate')
      .where('vendor_id', '=', input.vendorId)
      .where('currency', '=', input.currency)
      .where('status', '<>', 'void')
      .orderBy('bill_date', 'desc')
      .orderBy('id', 'desc')
      .limit(1),
  );
  return { rate: row?.exchange_rate ?? null };
}

/** A draft becomes a bill awaiting payment; its checks run again. */
export async function approveBill(ctx: ServiceContext, input: { id: number }) {
  await storeOf(ctx).tx(async () => {
    const row = await billExists(ctx, input.id);
    if (row.status !== 'draft') throw conflict(msg('errors.bills.onlyDraftApprovedBill'));
    await storeOf(ctx).run(
      qb
        .updateTable('bills')
        .set({ status: 'awaiting_payment', updated_at: nowIso(ctx) })
        .where('id', '=', input.id),
    );
    await refreshBill(ctx, input.id);
    await recordAudit(ctx, {
      entity: 'bill',
      entityId: input.id,
      action: 'approve',
      before: { status: 'draft' },
      after: { status: 'awaiting_payment' },
    });
    const b = await prepareFromRow(ctx, { ...row, status: 'awaiting_payment' });
    const vendor = (await storeOf(ctx).first(
      qb.selectFrom('vendors').selectAll().where('id', '=', row.vendor_id),
    ))!;
    await saveWarnings(
      ctx,
      input.id,
      await checkBill(
        ctx,
        { ...b, vendorName: vendor.name, vendorBankChangedAt: vendor.bank_details_changed_at },
        input.id,
      ),
      undefined,
    );
  });
  return await saved(ctx, input.id);
}

export async function voidBill(ctx: ServiceContext, input: ParsedInput<'bills.void'>): Promise<Bill> {
  await storeOf(ctx).tx(async () => {
    const row = await billExists(ctx, input.id);
    if (row.status === 'void') throw conflict(msg('errors.bills.billAlreadyVoid'));
    if (row.paid + row.discount_taken > 0) throw conflict(msg('errors.bills.billHasPaymentsUndo'));
    if (row.credited > 0) throw conflict(msg('vendorCredits.errors.voidWithCredits'));
    await storeOf(ctx).run(
      qb
        .updateTable('bills')
        .set({ status: 'void', void_reason: input.reason, updated_at: nowIso(ctx) })
        .where('id', '=', input.id),
    );
    await refreshBill(ctx, input.id);
    await recordAudit(ctx, {
      entity: 'bill',
      entityId: input.id,
      action: 'void',
      before: { status: row.status },
      after: { status: 'void' },
      details: { reason: input.reason },
    });
  });
  return await getBill(ctx, { id: input.id });
}

export async function deleteBill(ctx: ServiceContext, input: { id: number }) {
  await storeOf(ctx).tx(async () => {
    const row = await billExists(ctx, input.id);
    if (row.status !== 'draft') throw conflict(msg('errors.bills.onlyDraftsDeletedVoid'));
    await storeOf(ctx).run(qb.deleteFrom('bills').where('id', '=', input.id));
    await recordAudit(ctx, {
      entity: 'bill',
      entityId: input.id,
      action: 'delete',
      before: { vendorId: row.vendor_id, vendorInvoiceNumber: row.vendor_invoice_number, total: row.total },
    });
  });
  return { ok: true as const };
}

export async function dismissWarning(
  ctx: ServiceContext,
  input: ParsedInput<'bills.dismissWarning'>,
): Promise<Bill> {
  await storeOf(ctx).tx(async () => {
    await billExists(ctx, input.billId);
    const w = await storeOf(ctx).first(
      qb
        .selectFrom('bill_warnings')
        .selectAll()
        .where('id', '=', input.warningId)
        .where('bill_id', '=', input.billId),
    );
    if (!w) throw notFound(msg('errors.notFound.warning'));
    if (w.dismissed_at) throw conflict(msg('errors.bills.warningAlreadyDismissed'));
    await dismiss(ctx, input.billId, w.id, w.kind, w.message, input.reason);
  });
  return await getBill(ctx, { id: input.billId });
}

// ---------------------------------------------------------------------------------------
// Reading

export async function getBill(ctx: ServiceContext, input: { id: number }): Promise<Bill> {
  const store = storeOf(ctx);
  const row = await store.first(
    qb
      .selectFrom('bills as b')
      .innerJoin('vendors as v', 'v.id', 'b.vendor_id')
      .selectAll('b')
      .select(['v.name as vendor_name', 'v.archived_at as vendor_archived_at'])
      .where('b.id', '=', input.id),
  );
  if (!row) throw notFound(msg('errors.notFound.bill'));
  const today = ctx.clock.today();
  const lines = await store.all(
    qb
      .selectFrom('bill_lines as l')
      .leftJoin('expense_categories as c', 'c.id', 'l.category_id')
      .selectAll('l')
      .select('c.name as category_name')
      .where('l.bill_id', '=', row.id)
      .orderBy('l.position'),
  );
  const attachments = await store.all(
    qb.selectFrom('bill_attachments').selectAll().where('bill_id', '=', row.id).orderBy('id'),
  );
  const payments = await store.all(
    qb
      .selectFrom('bill_payment_allocations as a')
      .innerJoin('bill_payments as p', 'p.id', 'a.payment_id')
      .select([
        'p.id',
        'p.payment_date',
        'a.amount',
        'a.discount',
        'p.method',
        'p.reference',
        'p.run_id',
        'p.currency',
      ])
      .where('a.bill_id', '=', row.id)
      .orderBy('p.payment_date')
      .orderBy('p.id'),
  );
  const po =
    row.purchase_order_id !== null
      ? await store.first(
          qb.selectFrom('purchase_orders').select(['id', 'number']).where('id', '=', row.purchase_order_id),
        )
      : undefined;
  const reminder = await store.first(
    qb.selectFrom('bill_reminders').selectAll().where('bill_id', '=', row.id),
  );
  const early = earlyFromColumns(row.discount_bp, row.discount_days);
  const status = displayStatus(row.status, row.due_date, today);
  return {
    id: row.id,
    vendor: { id: row.vendor_id, name: row.vendor_name, archived: row.vendor_archived_at !== null },
    vendorInvoiceNumber: row.vendor_invoice_number,
    billDate: row.bill_date,
    dueDate: row.due_date,
    currency: row.currency,
    exchangeRate: row.exchange_rate,
    lines: lines.map((l) => ({
      id: l.id,
      description: l.description,
      categoryId: l.category_id,
      categoryName: l.category_name,
      quantity: milliToQuantity(l.quantity_milli),
      unitPrice: l.unit_price,
      amount: l.amount,
      tax: l.tax,
      purchaseOrderLineId: l.purchase_order_line_id,
    })),
    subtotal: row.subtotal,
    tax: row.tax,
    total: row.total,
    paid: row.paid,
    discountTaken: row.discount_taken,
    balance: row.balance,
    totalBase: row.total_base,
    balanceBase: row.balance_base,
    settledOn: row.settled_on,
    status: row.status,
    displayStatus: status,
    dueLabel: isOpen(row.status) ? describeDue(row.due_date, today) : '',
    earlyPayment: earlyToOutput(early),
    offer: isOpen(row.status)
      ? earlyPaymentOffer(
          {
            billDate: row.bill_date,
            total: row.total,
            balance: row.balance,
            discountTaken: row.discount_taken,
            earlyPayment: early,
          },
          today,
        )
      : null,
    purchaseOrder: po ?? null,
    match: po ? await orderMatch(ctx, po.id) : null,
    attachments: attachments.map((a) => ({
      sha256: a.sha256,
      fileName: safeUserFileName(a.file_name),
      mimeType: a.mime_type,
      bytes: a.bytes,
    })),
    payments: payments.map((p) => ({
      paymentId: p.id,
      paymentDate: p.payment_date,
      amount: p.amount,
      discount: p.discount,
      method: p.method,
      reference: p.reference,
      // A euro payment made by a payment run: its SEPA file can be downloaded again.
      sepaRunId: p.currency === 'EUR' ? p.run_id : null,
    })),
    warnings: await listWarnings(ctx, row.id),
    notes: row.notes,
    source: row.source,
    recurringId: row.recurring_id,
    voidReason: row.void_reason,
    snoozedUntil: reminder?.snoozed_until ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** Columns of a bill row in lists; `b` is bills, `v` vendors. */
export const ROW_SQL = `
  SELECT b.id, b.vendor_id, v.name AS vendor_name, b.vendor_invoice_number, b.bill_date, b.due_date,
    b.currency, b.total, b.balance, b.status, b.discount_bp, b.discount_days, b.discount_taken,
    (SELECT count(*) FROM bill_warnings w WHERE w.bill_id = b.id AND w.dismissed_at IS NULL) AS open_warnings
  FROM bills b JOIN vendors v ON v.id = b.vendor_id`;

export interface RawRow {
  id: number;
  vendor_id: number;
  vendor_name: string;
  vendor_invoice_number: string;
  bill_date: string;
  due_date: string;
  currency: string;
  total: number;
  balance: number;
  status: BillsTable['status'];
  discount_bp: number | null;
  discount_days: number | null;
  discount_taken: number;
  open_warnings: number;
}

export function toRow(r: RawRow, today: string): BillRow {
  const open = isOpen(r.status);
  return {
    id: r.id,
    vendorId: r.vendor_id,
    vendorName: r.vendor_name,
    vendorInvoiceNumber: r.vendor_invoice_number,
    billDate: r.bill_date,
    dueDate: r.due_date,
    currency: r.currency,
    total: r.total,
    balance: r.balance,
    status: r.status,
    displayStatus: displayStatus(r.status, r.due_date, today),
    dueLabel: open ? describeDue(r.due_date, today) : '',
    openWarnings: r.open_warnings,
    offer: open
      ? earlyPaymentOffer(
          {
            billDate: r.bill_date,
            total: r.total,
            balance: r.balance,
            discountTaken: r.discount_taken,
            earlyPayment: earlyFromColumns(r.discount_bp, r.discount_days),
          },
          today,
        )
      : null,
  };
}

export async function listBills(ctx: ServiceContext, input: ParsedInput<'bills.list'>) {
  const today = ctx.clock.today();
  const where: string[] = [];
  const params: unknown[] = [];
  let index = 'bills_by_date';
  switch (input.filter) {
    case 'all':
      break;
    case 'open':
      where.push("b.status IN ('awaiting_payment', 'partially_paid')");
      index = 'bills_by_status_date';
      break;
    case 'overdue':
      where.push("status IN ('awaiting_payment', 'partially_paid') AND due_date < ?");
      params.push(today);
      index = 'bills_open_by_due';
      break;
    default:
      where.push('b.status = ?');
      params.push(input.filter);
      index = 'bills_by_status_date';
  }
  if (input.vendorId) {
    where.push('b.vendor_id = ?');
    params.push(input.vendorId);
    index = 'bills_by_vendor_date';
  }
  const searching = input.search !== '';
  if (searching) {
    // lower() on both sides: SQLite's LIKE ignores (ASCII) case, PostgreSQL's does not.
    const like = `%${input.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(
      "(lower(v.name) LIKE lower(?) ESCAPE '\\' OR lower(b.vendor_invoice_number) LIKE lower(?) ESCAPE '\\' OR lower(b.notes) LIKE lower(?) ESCAPE '\\')",
    );
    params.push(like, like, like);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const store = storeOf(ctx);
  const rows = (await store
    .prepare(
      `${ROW_SQL.replace('FROM bills b', `FROM bills b INDEXED BY ${index}`)} ${clause}
       ORDER BY b.bill_date DESC, b.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, input.limit, input.offset)) as RawRow[];
  let sums: { currency: string; n: number; total: number; balance: number }[];
  if (!searching && !input.vendorId && input.filter !== 'overdue') {
    // Whole statuses: the maintained totals, whatever the number of bills.
    const statuses =
      input.filter === 'all'
        ? BILL_STATUSES
        : input.filter === 'open'
          ? (['awaiting_payment', 'partially_paid'] as const)
          : [input.filter];
    sums = (await store
      .prepare(
        `SELECT currency, sum(bills) AS n, sum(total) AS total,
           sum(CASE WHEN status IN ('awaiting_payment', 'partially_paid') THEN balance ELSE 0 END) AS balance
         FROM bill_totals WHERE status IN ${dialectOf(store).jsonValues('text')}
         GROUP BY currency HAVING sum(bills) > 0 ORDER BY currency`,
      )
      .all(JSON.stringify(statuses))) as typeof sums;
  } else {
    sums = (await store
      .prepare(
        `SELECT b.currency, count(*) AS n, sum(b.total) AS total,
           sum(CASE WHEN b.status IN ('awaiting_payment', 'partially_paid') THEN b.balance ELSE 0 END) AS balance
         FROM bills b JOIN vendors v ON v.id = b.vendor_id ${clause} GROUP BY b.currency ORDER BY b.currency`,
      )
      .all(...params)) as typeof sums;
  }
  return {
    rows: rows.map((r) => toRow(r, today)),
    count: sums.reduce((s, r) => s + r.n, 0),
    totals: sums.map((s) => ({ currency: s.currency, total: s.total, balance: s.balance })),
  };
}
