import type { BillWarning } from '../../../shared/api/payables';
import {
  DUPLICATE_WINDOW_DAYS,
  WARNING_GROUP,
  WARNING_GROUP_TITLES,
  verifyBill,
  type CheckFacts,
  type OtherBill,
  type WarningDraft,
  type WarningKind,
} from '../../../shared/domain/bill-checks';
import { addDays } from '../../../shared/domain/dates';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { dateFormatter, moneyFormatter, nowIso } from './common';
import type { PreparedBill } from './prepare';
import { dialectOf } from '../../db/dialect';

/**
 * Gathers what the verification rules need with indexed lookups (each is a handful of index
 * probes, whatever the number of bills), runs the pure rules, and keeps each bill's warnings
 * with their dismissals.
 */

type OtherRow = {
  id: number;
  vendor_name: string;
  vendor_invoice_number: string;
  bill_date: string;
  total: number;
  currency: string;
};

const OTHER_COLUMNS = `b.id, v.name AS vendor_name, b.vendor_invoice_number, b.bill_date, b.total, b.currency`;

const toOther = (r: OtherRow): OtherBill => ({
  id: r.id,
  vendorName: r.vendor_name,
  vendorInvoiceNumber: r.vendor_invoice_number,
  billDate: r.bill_date,
  total: r.total,
  currency: r.currency,
});

export async function gatherFacts(
  ctx: ServiceContext,
  bill: PreparedBill,
  billId: number | null,
): Promise<CheckFacts> {
  const store = storeOf(ctx);
  const self = billId ?? 0;
  const sameNumber = bill.invoiceKey
    ? (
        (await store
          .prepare(
            `SELECT ${OTHER_COLUMNS} FROM bills b JOIN vendors v ON v.id = b.vendor_id
             WHERE b.vendor_id = ? AND b.invoice_key = ? AND invoice_key <> '' AND status <> 'void' AND b.id <> ?
             ORDER BY b.id LIMIT 5`,
          )
          .all(bill.vendorId, bill.invoiceKey, self)) as OtherRow[]
      ).map(toOther)
    : [];
  const sameAmount = (
    (await store
      .prepare(
        `SELECT ${OTHER_COLUMNS} FROM bills b JOIN vendors v ON v.id = b.vendor_id
         WHERE b.vendor_id = ? AND b.total = ? AND b.bill_date BETWEEN ? AND ? AND status <> 'void'
           AND b.currency = ? AND b.id <> ?
         ORDER BY b.id LIMIT 5`,
      )
      .all(
        bill.vendorId,
        bill.totals.total,
        addDays(bill.billDate, -DUPLICATE_WINDOW_DAYS),
        addDays(bill.billDate, DUPLICATE_WINDOW_DAYS),
        bill.currency,
        self,
      )) as OtherRow[]
  ).map(toOther);
  const hashes = [...new Set(bill.attachments.map((a) => a.sha256))];
  const sameAttachment = hashes.length
    ? (
        (await store
          .prepare(
            `SELECT ${OTHER_COLUMNS}, a.sha256 FROM bill_attachments a
             JOIN bills b ON b.id = a.bill_id JOIN vendors v ON v.id = b.vendor_id
             WHERE a.sha256 IN ${dialectOf(store).jsonValues('text')} AND a.bill_id <> ? AND b.status <> 'void'
             ORDER BY b.id LIMIT 10`,
          )
          .all(JSON.stringify(hashes), self)) as (OtherRow & { sha256: string })[]
      ).map((r) => ({ ...toOther(r), sha256: r.sha256 }))
    : [];

  let purchaseOrder: CheckFacts['purchaseOrder'] = null;
  if (bill.purchaseOrderId !== null) {
    const po = (await store.first(
      qb.selectFrom('purchase_orders').selectAll().where('id', '=', bill.purchaseOrderId),
    ))!;
    const billed = (await store
      .prepare(
        `SELECT coalesce(sum(subtotal), 0) AS s FROM bills
         WHERE purchase_order_id = ? AND purchase_order_id IS NOT NULL AND status <> 'void' AND id <> ?`,
      )
      .get(po.id, self)) as { s: number };
    const lines = await store.all(
      qb
        .selectFrom('purchase_order_lines')
        .select(['id', 'description', 'unit_price'])
        .where('purchase_order_id', '=', po.id),
    );
    purchaseOrder = {
      id: po.id,
      number: po.number,
      total: po.total,
      toleranceBp: po.tolerance_bp,
      billedByOthers: billed.s,
      lines: new Map(lines.map((l) => [l.id, { description: l.description, unitPrice: l.unit_price }])),
    };
  }

  const lastPrices = new Map<string, { unitPrice: number; bill: OtherBill }>();
  const lastPrice = store.prepare(
    `SELECT l.unit_price, ${OTHER_COLUMNS} FROM bill_lines l
     JOIN bills b ON b.id = l.bill_id JOIN vendors v ON v.id = b.vendor_id
     WHERE l.vendor_id = ? AND l.item_key = ? AND item_key <> '' AND l.bill_date <= ? AND l.bill_id <> ?
       AND b.status NOT IN ('void', 'draft') AND b.currency = ?
     ORDER BY l.bill_date DESC, l.id DESC LIMIT 1`,
  );
  for (const line of bill.lines) {
    if (!line.itemKey || lastPrices.has(line.itemKey)) continue;
    const r = (await lastPrice.get(bill.vendorId, line.itemKey, bill.billDate, self, bill.currency)) as
      (OtherRow & { unit_price: number }) | undefined;
    if (r) lastPrices.set(line.itemKey, { unitPrice: r.unit_price, bill: toOther(r) });
  }

  let bankChange: CheckFacts['bankChange'] = null;
  if (bill.bankDetails) {
    const previous = (await store
      .prepare(
        `SELECT ${OTHER_COLUMNS}, b.bank_details FROM bills b INDEXED BY bills_by_vendor_date
         JOIN vendors v ON v.id = b.vendor_id
         WHERE b.vendor_id = ? AND b.id <> ? AND b.status <> 'void' AND b.bill_date <= ?
         ORDER BY b.bill_date DESC, b.id DESC LIMIT 1`,
      )
      .get(bill.vendorId, self, bill.billDate)) as (OtherRow & { bank_details: string }) | undefined;
    if (previous && previous.bank_details !== '' && previous.bank_details !== bill.bankDetails) {
      bankChange = {
        previousBill: toOther(previous),
        changedAt: bill.vendorBankChangedAt?.slice(0, 10) ?? null,
        currentDetails: bill.bankDetails,
      };
    }
  }

  return { sameNumber, sameAmount, sameAttachment, purchaseOrder, lastPrices, bankChange };
}

export async function checkBill(
  ctx: ServiceContext,
  bill: PreparedBill,
  billId: number | null,
): Promise<WarningDraft[]> {
  const format = { money: await moneyFormatter(ctx, bill.currency), date: await dateFormatter(ctx) };
  return verifyBill(
    {
      billDate: bill.billDate,
      currency: bill.currency,
      subtotal: bill.totals.subtotal,
      total: bill.totals.total,
      lines: bill.lines.map((l) => ({
        description: l.description,
        quantityMilli: l.quantityMilli,
        unitPrice: l.unitPrice,
        poLineId: l.purchaseOrderLineId,
      })),
      attachments: bill.attachments,
    },
    await gatherFacts(ctx, bill, billId),
    format,
  );
}

export const warningKey = (w: { kind: string; fingerprint: string }) => `${w.kind}|${w.fingerprint}`;

export function draftToWarning(d: WarningDraft): BillWarning {
  const group = WARNING_GROUP[d.kind];
  return {
    id: null,
    key: warningKey(d),
    kind: d.kind,
    group,
    title: WARNING_GROUP_TITLES[group],
    message: d.message,
    relatedBillId: d.relatedBillId,
    dismissed: null,
  };
}

/**
 * Replaces the bill's warnings with the ones that fire now. A warning that still fires keeps
 * its dismissal; one acknowledged in this save is dismissed with the user's reason (and
 * audit-logged); one that no longer fires is removed.
 */
export async function saveWarnings(
  ctx: ServiceContext,
  billId: number,
  drafts: readonly WarningDraft[],
  acknowledge: { keys: string[]; reason: string } | undefined,
): Promise<void> {
  const store = storeOf(ctx);
  const existing = await store.all(qb.selectFrom('bill_warnings').selectAll().where('bill_id', '=', billId));
  const byKey = new Map(existing.map((w) => [warningKey(w), w]));
  const firing = new Set(drafts.map(warningKey));
  for (const w of existing) {
    if (!firing.has(warningKey(w))) await store.run(qb.deleteFrom('bill_warnings').where('id', '=', w.id));
  }
  const acknowledged = new Set(acknowledge?.keys ?? []);
  const now = nowIso(ctx);
  for (const d of drafts) {
    const key = warningKey(d);
    const old = byKey.get(key);
    let id: number;
    if (old) {
      await store.run(qb.updateTable('bill_warnings').set({ message: d.message }).where('id', '=', old.id));
      id = old.id;
      if (old.dismissed_at) continue;
    } else {
      id = (
        await store.run(
          qb.insertInto('bill_warnings').values({
            bill_id: billId,
            kind: d.kind,
            fingerprint: d.fingerprint,
            message: d.message,
            related_bill_id: d.relatedBillId,
            created_at: now,
          }),
        )
      ).lastInsertRowid;
    }
    if (acknowledge && acknowledged.has(key))
      await dismiss(ctx, billId, id, d.kind, d.message, acknowledge.reason);
  }
}

export async function dismiss(
  ctx: ServiceContext,
  billId: number,
  warningId: number,
  kind: WarningKind,
  message: string,
  reason: string,
): Promise<void> {
  await storeOf(ctx).run(
    qb
      .updateTable('bill_warnings')
      .set({ dismissed_at: nowIso(ctx), dismissed_by: ctx.user, dismiss_reason: reason })
      .where('id', '=', warningId),
  );
  await recordAudit(ctx, {
    entity: 'bill',
    entityId: billId,
    action: 'dismiss_warning',
    details: { warning: kind, group: WARNING_GROUP[kind], message, reason },
  });
}

export async function listWarnings(ctx: ServiceContext, billId: number): Promise<BillWarning[]> {
  return (
    await storeOf(ctx).all(
      qb.selectFrom('bill_warnings').selectAll().where('bill_id', '=', billId).orderBy('id'),
    )
  ).map((w) => {
    const group = WARNING_GROUP[w.kind];
    return {
      id: w.id,
      key: warningKey(w),
      kind: w.kind,
      group,
      title: WARNING_GROUP_TITLES[group],
      message: w.message,
      relatedBillId: w.related_bill_id,
      dismissed:
        w.dismissed_at && w.dismiss_reason
          ? { at: w.dismissed_at, by: w.dismissed_by ?? '', reason: w.dismiss_reason }
          : null,
    };
  });
}
