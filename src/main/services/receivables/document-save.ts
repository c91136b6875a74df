import { msg } from '../../../shared/i18n';
import type { ParsedDocumentInput } from '../../../shared/api/documents';
import type { Address } from '../../../shared/api/common';
import { computeTotals, lineAmount, type TaxRounding } from '../../../shared/domain/totals';
import { dueDateFor } from '../../../shared/domain/terms';
import { toBase } from '../../../shared/domain/fx';
import { addressLines } from '../../../shared/domain/address';
import { AppError, fieldError } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import type { DocumentLinesTable, DocumentTaxesTable, DocumentsTable } from '../../db/schema';
import { storeOf, type ServiceContext } from '../context';
import { getPreferences, readSmallBusiness } from '../settings';
import { chargesTax } from '../../../shared/domain/small-business';

type Insertable<T> = { [K in keyof T as K extends 'id' ? never : K]: T[K] };

export interface PreparedDocument {
  doc: Omit<
    Insertable<DocumentsTable>,
    | 'status'
    | 'number'
    | 'number_counter'
    | 'created_at'
    | 'updated_at'
    | 'paid'
    | 'credited'
    | 'settled_on'
    | 'void_reason'
    | 'voided_at'
    | 'issued_at'
    | 'sent_at'
    | 'recurring_id'
    | 'version'
    | 'updated_by'
  >;
  lines: Omit<Insertable<DocumentLinesTable>, 'document_id'>[];
  taxes: Omit<DocumentTaxesTable, 'document_id'>[];
}

/**
 * Validates a document against the business rules (the schema has checked the shapes) and
 * computes every figure with the shared totals function. Messages name the field to fix.
 */
export async function prepareDocument(
  ctx: ServiceContext,
  input: ParsedDocumentInput,
  options: {
    allowArchivedCustomer?: boolean;
    /** false for figures only (forecasts, previews): the § 19 UStG check is for saving. */
    checkExemption?: boolean;
    /** 'line' only for a credit note of an invoice stored under the old rule (see totals.ts). */
    taxRounding?: TaxRounding;
  } = {},
): Promise<PreparedDocument> {
  const store = storeOf(ctx);
  const customer = await store.first(
    qb.selectFrom('customers').selectAll().where('id', '=', input.customerId),
  );
  if (!customer) throw fieldError('customerId', msg('errors.documentSave.chooseCustomerOneGiven'));
  if (customer.archived_at && !options.allowArchivedCustomer)
    throw fieldError(
      'customerId',
      msg('errors.documentSave.nameArchivedUnarchiveThem', { name: customer.name }),
    );

  let dueDate: string | null = null;
  if (input.type !== 'credit_note') {
    if (input.due.kind === 'terms') dueDate = dueDateFor(input.issueDate, input.due.terms);
    else if (input.due.date < input.issueDate) {
      throw fieldError(
        'due.date',
        input.type === 'quote'
          ? msg('errors.documentSave.validUntilBeforeIssue', { issueDate: input.issueDate })
          : msg('errors.documentSave.dueBeforeIssue', { issueDate: input.issueDate }),
      );
    } else dueDate = input.due.date;
  }

  const base = (await getPreferences(ctx)).baseCurrency;
  const exchangeRate = input.currency === base ? '1' : input.exchangeRate;

  // One query for every item and one for every tax the document names, not one per line.
  const itemIds = [...new Set(input.lines.flatMap((l) => (l.itemId === null ? [] : [l.itemId])))];
  const knownItems = new Set(
    itemIds.length
      ? (await store.all(qb.selectFrom('items').select('id').where('id', 'in', itemIds))).map((r) => r.id)
      : [],
  );
  input.lines.forEach((line, i) => {
    if (line.kind !== 'item' && line.description.trim() === '')
      throw fieldError(
        `lines.${i}.description`,
        line.kind === 'heading' ? 'Enter the heading text' : 'Enter the note text',
      );
    if (line.kind === 'item' && line.description.trim() === '' && line.itemId === null)
      throw fieldError(`lines.${i}.description`, msg('errors.documentSave.describeWhatLineFor'));
    if (line.itemId !== null && !knownItems.has(line.itemId))
      throw fieldError(`lines.${i}.itemId`, msg('errors.documentSave.itemNoLongerExists'));
    if (line.kind === 'item' && line.discount?.kind === 'amount') {
      const amount = lineAmount(line.quantity, line.unitPrice);
      if (BigInt(line.discount.amount) > (amount < 0n ? -amount : amount))
        throw fieldError(`lines.${i}.discount`, msg('errors.documentSave.discountMoreThanLine'));
    }
  });

  const allTaxIds = [...new Set([...input.lines.flatMap((l) => l.taxIds), ...input.shippingTaxIds])];
  const taxRows = allTaxIds.length
    ? await store.all(
        qb
          .selectFrom('taxes')
          .select(['id', 'name', 'percent', 'compound', 'kind', 'reason', 'vat_category', 'vatex_code'])
          .where('id', 'in', allTaxIds),
      )
    : [];
  const taxById = new Map(taxRows.map((r) => [r.id, r]));
  const checkTaxes = (ids: number[], field: string) => {
    for (const id of ids)
      if (!taxById.has(id)) throw fieldError(field, msg('errors.documentSave.taxIdDoesNot', { id }));
  };
  input.lines.forEach((l, i) => checkTaxes(l.taxIds, `lines.${i}.taxIds`));
  checkTaxes(input.shippingTaxIds, 'shippingTaxIds');
  // Under the small-business exemption (§ 19 UStG) an invoice or quote that shows VAT would
  // make the VAT owed all the same (§ 14c UStG): refused, not warned. A credit note may
  // still carry the VAT of an invoice issued before the exemption was turned on.
  if (
    input.type !== 'credit_note' &&
    options.checkExemption !== false &&
    (await readSmallBusiness(ctx)).enabled
  ) {
    const taxed = (ids: number[]) =>
      ids.map((id) => taxById.get(id)!).find((t) => t.kind === 'standard' && chargesTax(t.percent));
    input.lines.forEach((l, i) => {
      const t = taxed(l.taxIds);
      if (t)
        throw fieldError(`lines.${i}.taxIds`, msg('errors.documentSave.smallBusinessTax', { name: t.name }));
    });
    const t = taxed(input.shippingTaxIds);
    if (t) throw fieldError('shippingTaxIds', msg('errors.documentSave.smallBusinessTax', { name: t.name }));
  }
  const rates = taxRows.map((r) => ({
    id: r.id,
    name: r.name,
    percent: r.percent,
    compound: r.compound === 1,
  }));
  const reasons = new Map(
    taxRows.filter((r) => r.kind !== 'standard' && r.reason).map((r) => [r.id, r.reason] as const),
  );

  const totals = computeTotals({
    pricesIncludeTax: input.pricesIncludeTax,
    lines: input.lines,
    discount: input.discount,
    shipping: input.shipping,
    shippingTaxIds: input.shippingTaxIds,
    taxes: rates,
    taxRounding: options.taxRounding ?? 'category',
  });
  if (input.discount?.kind === 'amount' && input.discount.amount > totals.subtotal)
    throw fieldError('discount', msg('errors.documentSave.discountMoreThanLines'));
  if (input.deliveryEnd !== null) {
    if (input.deliveryDate === null)
      throw fieldError('deliveryDate', msg('errors.documentSave.enterFirstDayService'));
    if (input.deliveryEnd < input.deliveryDate)
      throw fieldError(
        'deliveryEnd',
        msg('errors.documentSave.servicePeriodMustEnd', { deliveryDate: input.deliveryDate }),
      );
  }
  if (totals.total < 0) {
    throw fieldError(
      'lines',
      input.type === 'credit_note'
        ? 'A credit note’s total must be zero or more: enter the amounts to credit as positive numbers.'
        : 'The total is below zero. To give money back, create a credit note instead.',
    );
  }

  const address = JSON.parse(customer.billing_address) as Address;
  const billingEmail =
    (
      await store.first(
        qb
          .selectFrom('customer_emails')
          .select('email')
          .where('customer_id', '=', customer.id)
          .orderBy('billing', 'desc')
          .orderBy('position')
          .limit(1),
      )
    )?.email ?? '';

  return {
    doc: {
      type: input.type,
      customer_id: customer.id,
      customer_name: customer.name,
      customer_snapshot: JSON.stringify({
        name: customer.name,
        address: addressLines(address),
        taxNumber: customer.tax_number,
        email: billingEmail,
      }),
      issue_date: input.issueDate,
      due_date: dueDate,
      due: JSON.stringify(input.due),
      currency: input.currency,
      exchange_rate: exchangeRate,
      prices_include_tax: input.pricesIncludeTax ? 1 : 0,
      tax_rounding: options.taxRounding ?? 'category',
      discount: input.discount ? JSON.stringify(input.discount) : null,
      shipping: input.shipping,
      shipping_tax_ids: JSON.stringify(input.shippingTaxIds),
      reference: input.reference,
      notes: input.notes,
      terms: input.terms,
      footer: input.footer,
      subtotal: totals.subtotal,
      discount_amount: totals.discount,
      net: totals.net,
      tax: totals.tax,
      total: totals.total,
      total_base: toBase(totals.total, input.currency, exchangeRate, base),
      balance: 0,
      balance_base: 0,
      related_id: input.relatedId,
      buyer_reference: input.buyerReference || customer.buyer_reference,
      delivery_date: input.deliveryDate,
      delivery_end: input.deliveryEnd,
    },
    lines: input.lines.map((l, i) => {
      const t = totals.lines[i]!;
      const reason = l.exemptionReason || l.taxIds.map((id) => reasons.get(id)).find(Boolean) || '';
      return {
        position: i,
        kind: l.kind,
        item_id: l.itemId,
        description: l.description,
        quantity: l.kind === 'item' ? l.quantity : '0',
        unit: l.unit,
        unit_price: l.kind === 'item' ? l.unitPrice : 0,
        discount: l.kind === 'item' && l.discount ? JSON.stringify(l.discount) : null,
        tax_ids: JSON.stringify(l.kind === 'item' ? l.taxIds : []),
        exemption_reason: reason,
        amount: t.amount,
        net: t.net,
        tax: t.tax,
        total: t.total,
      };
    }),
    taxes: totals.taxes.map((t) => ({
      tax_id: t.taxId,
      name: t.name,
      percent: t.percent,
      compound: t.compound ? 1 : 0,
      base: t.base,
      amount: t.amount,
      vat_category: taxById.get(t.taxId)!.vat_category,
      vatex_code: taxById.get(t.taxId)!.vatex_code,
      reason: taxById.get(t.taxId)!.reason,
    })),
  };
}

/** Writes the lines and the tax snapshot of a document (replacing any it had). */
export async function writeParts(
  ctx: ServiceContext,
  documentId: number,
  prepared: PreparedDocument,
): Promise<void> {
  const store = storeOf(ctx);
  await store.run(qb.deleteFrom('document_lines').where('document_id', '=', documentId));
  await store.run(qb.deleteFrom('document_taxes').where('document_id', '=', documentId));
  const insertLine = store.prepare(
    `INSERT INTO document_lines (document_id, position, kind, item_id, description, quantity, unit, unit_price, discount,
       tax_ids, exemption_reason, amount, net, tax, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const l of prepared.lines) {
    await insertLine.run(
      documentId,
      l.position,
      l.kind,
      l.item_id,
      l.description,
      l.quantity,
      l.unit,
      l.unit_price,
      l.discount,
      l.tax_ids,
      l.exemption_reason,
      l.amount,
      l.net,
      l.tax,
      l.total,
    );
  }
  const insertTax = store.prepare(
    `INSERT INTO document_taxes (document_id, tax_id, name, percent, compound, base, amount, vat_category, vatex_code, reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const t of prepared.taxes)
    await insertTax.run(
      documentId,
      t.tax_id,
      t.name,
      t.percent,
      t.compound,
      t.base,
      t.amount,
      t.vat_category,
      t.vatex_code,
      t.reason,
    );
}

/** Inserts a new draft and returns its id. */
export async function insertDraft(
  ctx: ServiceContext,
  prepared: PreparedDocument,
  extra: { recurring_id?: number | null } = {},
): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const { lastInsertRowid } = await storeOf(ctx).run(
    qb.insertInto('documents').values({
      ...prepared.doc,
      status: 'draft',
      number: null,
      number_counter: null,
      paid: 0,
      credited: 0,
      settled_on: null,
      recurring_id: extra.recurring_id ?? null,
      created_at: now,
      updated_at: now,
    }),
  );
  await writeParts(ctx, lastInsertRowid, prepared);
  return lastInsertRowid;
}

export function assertDraft(status: string, type: string): void {
  if (status !== 'draft') {
    throw new AppError('CONFLICT', msg('errors.documentSave.issuedAndLocked', { type }));
  }
}
