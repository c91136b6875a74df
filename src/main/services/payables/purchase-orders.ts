import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import type { PurchaseOrder, PurchaseOrderMatch, PurchaseOrderSummary } from '../../../shared/api/payables';
import { bpToPercent, milliToQuantity, percentToBp } from '../../../shared/domain/bill-amounts';
import { displayStatus } from '../../../shared/domain/bill-status';
import { matchPurchaseOrder } from '../../../shared/domain/purchase-order-match';
import { conflict, notFound } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { nowIso, requireVendor } from './common';
import { prepareLines } from './prepare';
import { dialectOf } from '../../db/dialect';
import { assertVersion } from '../versions';

/**
 * Purchase orders (light): a vendor, lines and an expected total before tax, with a
 * tolerance. Bills point at an order and their lines at its lines; the match shows what was
 * billed against what was ordered.
 */

export async function orderMatch(ctx: ServiceContext, poId: number): Promise<PurchaseOrderMatch> {
  const store = storeOf(ctx);
  const po = (await store.first(qb.selectFrom('purchase_orders').selectAll().where('id', '=', poId)))!;
  const lines = await store.all(
    qb
      .selectFrom('purchase_order_lines')
      .selectAll()
      .where('purchase_order_id', '=', poId)
      .orderBy('position'),
  );
  const billed = (await store
    .prepare(
      `SELECT l.bill_id, l.purchase_order_line_id, l.description, l.quantity_milli, l.unit_price, l.amount
       FROM bills b JOIN bill_lines l ON l.bill_id = b.id
       WHERE b.purchase_order_id = ? AND purchase_order_id IS NOT NULL AND b.status <> 'void'
       ORDER BY b.id, l.position`,
    )
    .all(poId)) as {
    bill_id: number;
    purchase_order_line_id: number | null;
    description: string;
    quantity_milli: number;
    unit_price: number;
    amount: number;
  }[];
  const m = matchPurchaseOrder(
    {
      total: po.total,
      toleranceBp: po.tolerance_bp,
      lines: lines.map((l) => ({
        id: l.id,
        description: l.description,
        quantityMilli: l.quantity_milli,
        unitPrice: l.unit_price,
        amount: l.amount,
      })),
    },
    billed.map((b) => ({
      billId: b.bill_id,
      poLineId: b.purchase_order_line_id,
      description: b.description,
      quantityMilli: b.quantity_milli,
      unitPrice: b.unit_price,
      amount: b.amount,
    })),
  );
  return {
    rows: m.rows.map((r) => ({
      poLineId: r.poLineId,
      description: r.description,
      orderedQuantity: milliToQuantity(r.orderedQuantityMilli),
      billedQuantity: milliToQuantity(r.billedQuantityMilli),
      orderedUnitPrice: r.orderedUnitPrice,
      billedUnitPrice: r.billedUnitPrice,
      orderedAmount: r.orderedAmount,
      billedAmount: r.billedAmount,
      quantityOver: r.quantityOver,
      priceOver: r.priceOver,
      quantityOverPercent: bpToPercent(r.quantityOverBp),
      priceOverPercent: bpToPercent(r.priceOverBp),
    })),
    notOnOrder: m.notOnOrder.map((b) => ({ billId: b.billId, description: b.description, amount: b.amount })),
    orderedTotal: m.orderedTotal,
    billedTotal: m.billedTotal,
    totalOver: m.totalOver,
    totalOverPercent: bpToPercent(m.totalOverBp),
    tolerancePercent: bpToPercent(m.toleranceBp),
  };
}

const SUMMARY_SQL = `
  SELECT p.id, p.number, p.vendor_id, v.name AS vendor_name, p.order_date, p.currency, p.total, p.status,
    p.tolerance_bp, p.notes, p.version,
    (SELECT coalesce(sum(b.subtotal), 0) FROM bills b
      WHERE b.purchase_order_id = p.id AND purchase_order_id IS NOT NULL AND b.status <> 'void') AS billed,
    (SELECT count(*) FROM bills b
      WHERE b.purchase_order_id = p.id AND purchase_order_id IS NOT NULL AND b.status <> 'void') AS bills
  FROM purchase_orders p JOIN vendors v ON v.id = p.vendor_id`;

type SummaryRow = {
  id: number;
  number: string;
  vendor_id: number;
  vendor_name: string;
  order_date: string;
  currency: string;
  total: number;
  status: 'open' | 'closed';
  tolerance_bp: number;
  notes: string;
  version: number;
  billed: number;
  bills: number;
};

function toSummary(r: SummaryRow): PurchaseOrderSummary {
  return {
    id: r.id,
    number: r.number,
    vendorId: r.vendor_id,
    vendorName: r.vendor_name,
    orderDate: r.order_date,
    currency: r.currency,
    total: r.total,
    billed: r.billed,
    bills: r.bills,
    status: r.status,
    over: BigInt(r.billed) * 10_000n > BigInt(r.total) * BigInt(10_000 + r.tolerance_bp),
  };
}

export async function listPurchaseOrders(
  ctx: ServiceContext,
  input: ParsedInput<'purchaseOrders.list'>,
): Promise<PurchaseOrderSummary[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.vendorId) {
    where.push('p.vendor_id = ?');
    params.push(input.vendorId);
  }
  if (input.status !== 'all') {
    where.push('p.status = ?');
    params.push(input.status);
  }
  const rows = (await storeOf(ctx)
    .prepare(
      `${SUMMARY_SQL} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY p.order_date DESC, p.id DESC LIMIT 1000`,
    )
    .all(...params)) as SummaryRow[];
  return rows.map(toSummary);
}

export async function getPurchaseOrder(ctx: ServiceContext, input: { id: number }): Promise<PurchaseOrder> {
  const store = storeOf(ctx);
  const row = (await store.prepare(`${SUMMARY_SQL} WHERE p.id = ?`).get(input.id)) as SummaryRow | undefined;
  if (!row) throw notFound(msg('errors.notFound.purchaseOrder'));
  const lines = await store.all(
    qb
      .selectFrom('purchase_order_lines')
      .selectAll()
      .where('purchase_order_id', '=', row.id)
      .orderBy('position'),
  );
  const today = ctx.clock.today();
  const bills = await store.all(
    qb
      .selectFrom('bills')
      .select(['id', 'vendor_invoice_number', 'bill_date', 'subtotal', 'status', 'due_date'])
      .where('purchase_order_id', '=', row.id)
      .orderBy('bill_date')
      .orderBy('id'),
  );
  return {
    ...toSummary(row),
    tolerancePercent: bpToPercent(row.tolerance_bp),
    notes: row.notes,
    version: row.version,
    lines: lines.map((l) => ({
      id: l.id,
      description: l.description,
      categoryId: l.category_id,
      quantity: milliToQuantity(l.quantity_milli),
      unitPrice: l.unit_price,
      amount: l.amount,
    })),
    match: await orderMatch(ctx, row.id),
    billList: bills.map((b) => ({
      id: b.id,
      vendorInvoiceNumber: b.vendor_invoice_number,
      billDate: b.bill_date,
      subtotal: b.subtotal,
      displayStatus: displayStatus(b.status, b.due_date, today),
    })),
  };
}

async function nextNumber(ctx: ServiceContext): Promise<string> {
  const store = storeOf(ctx);
  let n = ((await store.prepare('SELECT count(*) AS n FROM purchase_orders').get()) as { n: number }).n + 1;
  const taken = store.prepare('SELECT 1 FROM purchase_orders WHERE number = ?');
  while (await taken.get(`PO-${String(n).padStart(4, '0')}`)) n++;
  return `PO-${String(n).padStart(4, '0')}`;
}

async function save(
  ctx: ServiceContext,
  input: ParsedInput<'purchaseOrders.create'>,
  id: number | null,
  expectedVersion?: number,
): Promise<number> {
  const store = storeOf(ctx);
  // Locked until the transaction ends (shared books): a second save from the same version
  // waits, then sees the new version and is refused.
  const before =
    id !== null
      ? await store.first(
          qb
            .selectFrom('purchase_orders')
            .selectAll()
            .where('id', '=', id)
            .modifyEnd(dialectOf(store).forUpdate),
        )
      : null;
  if (id !== null && !before) throw notFound(msg('errors.notFound.purchaseOrder'));
  if (before) await assertVersion(ctx, before, expectedVersion);
  const vendor = await requireVendor(ctx, input.vendorId, 'vendorId', before?.vendor_id === input.vendorId);
  const currency = input.currency ?? vendor.currency;
  const lines = await prepareLines(
    ctx,
    input.lines.map((l) => ({ ...l, tax: 0, purchaseOrderLineId: null })),
  );
  const number = input.number || before?.number || (await nextNumber(ctx));
  const clash = await store.first(
    qb
      .selectFrom('purchase_orders')
      .select('id')
      .where('number', '=', number)
      .where('id', '<>', id ?? 0),
  );
  if (clash) throw conflict(msg('errors.purchaseOrders.thereAlreadyPurchaseOrder', { number }), 'number');
  if (before && before.currency !== currency) {
    const billed = await store.first(
      qb.selectFrom('bills').select('id').where('purchase_order_id', '=', id!),
    );
    if (billed) throw conflict(msg('errors.purchaseOrders.billsReferOrderSo'), 'currency');
  }
  const total = lines.reduce((s, l) => s + l.amount, 0);
  const now = nowIso(ctx);
  const columns = {
    number,
    vendor_id: vendor.id,
    order_date: input.orderDate,
    currency,
    total,
    tolerance_bp: percentToBp(input.tolerancePercent)!,
    notes: input.notes,
    updated_at: now,
  };
  let poId: number;
  if (before) {
    poId = before.id;
    await store.run(
      qb
        .updateTable('purchase_orders')
        .set({ ...columns, updated_by: ctx.user, version: before.version + 1 })
        .where('id', '=', poId),
    );
  } else {
    poId = (
      await store.run(
        qb.insertInto('purchase_orders').values({ ...columns, status: 'open', created_at: now }),
      )
    ).lastInsertRowid;
  }
  // Lines keep their ids by position, so bills already pointing at them stay matched.
  const old = await store.all(
    qb.selectFrom('purchase_order_lines').select(['id', 'position']).where('purchase_order_id', '=', poId),
  );
  const oldByPosition = new Map(old.map((l) => [l.position, l.id]));
  for (const [position, l] of lines.entries()) {
    const values = {
      description: l.description,
      category_id: l.categoryId,
      quantity_milli: l.quantityMilli,
      unit_price: l.unitPrice,
      amount: l.amount,
    };
    const existing = oldByPosition.get(position);
    if (existing !== undefined)
      await store.run(qb.updateTable('purchase_order_lines').set(values).where('id', '=', existing));
    else
      await store.run(
        qb.insertInto('purchase_order_lines').values({ ...values, purchase_order_id: poId, position }),
      );
  }
  for (const l of old) {
    if (l.position < lines.length) continue;
    const used = await store.first(
      qb.selectFrom('bill_lines').select('id').where('purchase_order_line_id', '=', l.id),
    );
    if (used)
      throw conflict(
        msg('errors.purchaseOrders.linePositionOrderHas', { position: l.position + 1 }),
        `lines`,
      );
    await store.run(qb.deleteFrom('purchase_order_lines').where('id', '=', l.id));
  }
  const auditCols = {
    ...columns,
    lines: lines.map((l) => `${l.description}: ${l.quantityMilli / 1000} × ${l.unitPrice}`).join('; '),
  };
  await recordAudit(ctx, {
    entity: 'purchase_order',
    entityId: poId,
    action: before ? 'update' : 'create',
    before: before
      ? { ...before, created_at: undefined, updated_at: undefined, version: undefined, updated_by: undefined }
      : null,
    after: { ...auditCols, updated_at: undefined },
  });
  return poId;
}

export async function createPurchaseOrder(ctx: ServiceContext, input: ParsedInput<'purchaseOrders.create'>) {
  const id = await storeOf(ctx).tx(async () => await save(ctx, input, null));
  return await getPurchaseOrder(ctx, { id });
}

export async function updatePurchaseOrder(ctx: ServiceContext, input: ParsedInput<'purchaseOrders.update'>) {
  await storeOf(ctx).tx(async () => await save(ctx, input, input.id, input.version));
  return await getPurchaseOrder(ctx, { id: input.id });
}

export async function setPurchaseOrderStatus(
  ctx: ServiceContext,
  input: ParsedInput<'purchaseOrders.setStatus'>,
) {
  await storeOf(ctx).tx(async () => {
    const before = await storeOf(ctx).first(
      qb.selectFrom('purchase_orders').selectAll().where('id', '=', input.id),
    );
    if (!before) throw notFound(msg('errors.notFound.purchaseOrder'));
    await storeOf(ctx).run(
      qb
        .updateTable('purchase_orders')
        .set({ status: input.status, updated_at: nowIso(ctx) })
        .where('id', '=', input.id),
    );
    await recordAudit(ctx, {
      entity: 'purchase_order',
      entityId: input.id,
      action: input.status === 'closed' ? 'close' : 'reopen',
      before: { status: before.status },
      after: { status: input.status },
    });
  });
  return await getPurchaseOrder(ctx, { id: input.id });
}
