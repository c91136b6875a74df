import { msg } from '../../../shared/i18n';
import type { Allocation, Document } from '../../../shared/api/documents';
import type { Discount } from '../../../shared/domain/totals';
import { displayStatus } from '../../../shared/domain/status';
import { notFound } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import { storeOf, type ServiceContext } from '../context';
import { dialectOf } from '../../db/dialect';

const DOC_LABEL = { invoice: 'invoice', quote: 'quote', credit_note: 'credit note' } as const;

/**
 * A document's row. With `lock`, read inside a transaction that is about to change it: on
 * shared books the row stays locked until that transaction ends, so a second change at the
 * same moment (issuing it twice, two credits against one invoice) waits and then sees the
 * first one's result instead of the state both started from.
 */
export async function documentRecord(ctx: ServiceContext, id: number, options: { lock?: boolean } = {}) {
  const store = storeOf(ctx);
  let q = qb.selectFrom('documents').selectAll().where('id', '=', id);
  if (options.lock) q = q.modifyEnd(dialectOf(store).forUpdate);
  const doc = await store.first(q);
  if (!doc) throw notFound(msg('errors.notFound.document'));
  return doc;
}

async function allocationsOf(ctx: ServiceContext, id: number, type: string): Promise<Allocation[]> {
  const column = type === 'credit_note' ? 'a.credit_note_id' : 'a.invoice_id';
  const rows = (await storeOf(ctx)
    .prepare(
      `SELECT a.id, a.date, a.amount, a.payment_id, a.credit_note_id, a.invoice_id, a.undone_at,
              cn.number AS credit_note_number, inv.number AS invoice_number, p.method, p.reference
       FROM allocations a
       LEFT JOIN documents cn ON cn.id = a.credit_note_id
       LEFT JOIN documents inv ON inv.id = a.invoice_id
       LEFT JOIN payments p ON p.id = a.payment_id
       WHERE ${column} = ? ORDER BY a.date, a.id`,
    )
    .all(id)) as {
    id: number;
    date: string;
    amount: number;
    payment_id: number | null;
    credit_note_id: number | null;
    invoice_id: number;
    undone_at: string | null;
    credit_note_number: string | null;
    invoice_number: string | null;
    method: string | null;
    reference: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    date: r.date,
    amount: r.amount,
    source: r.payment_id !== null ? 'payment' : 'credit_note',
    paymentId: r.payment_id,
    creditNoteId: r.credit_note_id,
    creditNoteNumber: r.credit_note_number,
    invoiceId: r.invoice_id,
    invoiceNumber: r.invoice_number,
    method: r.method,
    reference: r.reference ?? '',
    undone: r.undone_at !== null,
  }));
}

async function relatedOf(ctx: ServiceContext, doc: { id: number; type: string; related_id: number | null }) {
  const store = storeOf(ctx);
  const out: Document['related'] = [];
  if (doc.related_id !== null) {
    const r = await store.first(
      qb.selectFrom('documents').select(['id', 'type', 'number']).where('id', '=', doc.related_id),
    );
    if (r) {
      const relation =
        doc.type === 'credit_note'
          ? 'Credits invoice'
          : r.type === 'quote'
            ? 'From quote'
            : `From ${DOC_LABEL[r.type]}`;
      out.push({ id: r.id, type: r.type, number: r.number, relation });
    }
  }
  for (const r of await store.all(
    qb
      .selectFrom('documents')
      .select(['id', 'type', 'number'])
      .where('related_id', '=', doc.id)
      .orderBy('id'),
  )) {
    const relation =
      r.type === 'credit_note'
        ? 'Credit note'
        : r.type === 'invoice'
          ? 'Converted to invoice'
          : `Related ${DOC_LABEL[r.type]}`;
    out.push({ id: r.id, type: r.type, number: r.number, relation });
  }
  return out;
}

/** A whole document as the editor, the detail page and the PDF see it. */
export async function getDocument(ctx: ServiceContext, input: { id: number }): Promise<Document> {
  const store = storeOf(ctx);
  const d = await documentRecord(ctx, input.id);
  const lines = await store.all(
    qb.selectFrom('document_lines').selectAll().where('document_id', '=', d.id).orderBy('position'),
  );
  const taxes = await store.all(
    qb.selectFrom('document_taxes').selectAll().where('document_id', '=', d.id).orderBy('tax_id'),
  );
  return {
    id: d.id,
    type: d.type,
    number: d.number,
    status: d.status,
    displayStatus: displayStatus(
      { type: d.type, status: d.status, dueDate: d.due_date, balance: d.balance },
      ctx.clock.today(),
    ),
    customerId: d.customer_id,
    customerName: d.customer_name,
    customerSnapshot: JSON.parse(d.customer_snapshot) as Document['customerSnapshot'],
    issueDate: d.issue_date,
    dueDate: d.due_date,
    due: JSON.parse(d.due) as Document['due'],
    currency: d.currency,
    exchangeRate: d.exchange_rate,
    pricesIncludeTax: d.prices_include_tax === 1,
    taxRounding: d.tax_rounding,
    lines: lines.map((l) => ({
      id: l.id,
      kind: l.kind,
      itemId: l.item_id,
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unit_price,
      discount: l.discount ? (JSON.parse(l.discount) as Discount) : null,
      taxIds: JSON.parse(l.tax_ids) as number[],
      exemptionReason: l.exemption_reason,
      amount: l.amount,
      net: l.net,
      tax: l.tax,
      total: l.total,
    })),
    discount: d.discount ? (JSON.parse(d.discount) as Discount) : null,
    shipping: d.shipping,
    shippingTaxIds: JSON.parse(d.shipping_tax_ids) as number[],
    reference: d.reference,
    notes: d.notes,
    terms: d.terms,
    footer: d.footer,
    buyerReference: d.buyer_reference,
    deliveryDate: d.delivery_date,
    deliveryEnd: d.delivery_end,
    relatedId: d.related_id,
    totals: {
      subtotal: d.subtotal,
      discount: d.discount_amount,
      shipping: d.shipping,
      net: d.net,
      tax: d.tax,
      total: d.total,
      taxes: taxes.map((t) => ({
        taxId: t.tax_id,
        name: t.name,
        percent: t.percent,
        compound: t.compound === 1,
        base: t.base,
        amount: t.amount,
        vatCategory: t.vat_category,
        vatexCode: t.vatex_code,
        reason: t.reason,
      })),
    },
    total: d.total,
    paid: d.paid,
    credited: d.credited,
    balance: d.balance,
    allocations: await allocationsOf(ctx, d.id, d.type),
    related: await relatedOf(ctx, d),
    voidReason: d.void_reason,
    issuedAt: d.issued_at,
    sentAt: d.sent_at,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
    version: d.version,
  };
}
