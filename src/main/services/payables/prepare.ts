import { msg } from '../../../shared/i18n';
import type { z } from 'zod';
import type { billLineInput, EarlyPaymentInput } from '../../../shared/api/payables';
import {
  billTotals,
  lineAmount,
  quantityToMilli,
  type BillTotals,
} from '../../../shared/domain/bill-amounts';
import { invoiceKey, itemKey } from '../../../shared/domain/bill-checks';
import type { EarlyPaymentTerms } from '../../../shared/domain/early-payment';
import { dueDateFor, type PaymentTerms } from '../../../shared/domain/terms';
import { earlyPaymentWindowError } from '../../../shared/domain/early-payment';
import type { StoredAttachmentType } from '../../../shared/domain/attachments';
import { AppError, fieldError } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import { storeOf, type ServiceContext } from '../context';
import { earlyFromColumns, earlyFromInput, parseTerms, requireVendor } from './common';
import { storedAttachment } from './attachments';
import { rateFor } from './balances';

/**
 * Turns a bill as typed (API input) into what is stored: due date from the terms, currency
 * and early-payment terms from the vendor when not given, line amounts and totals, and every
 * reference (vendor, categories, purchase order and its lines, uploaded files) checked, each
 * failure reported at its field.
 */
export interface PreparedLine {
  description: string;
  itemKey: string;
  categoryId: number | null;
  quantityMilli: number;
  unitPrice: number;
  amount: number;
  tax: number;
  purchaseOrderLineId: number | null;
}

export interface PreparedBill {
  vendorId: number;
  vendorName: string;
  /** The vendor's bank details as recorded on this bill. */
  bankDetails: string;
  vendorBankChangedAt: string | null;
  vendorInvoiceNumber: string;
  invoiceKey: string;
  billDate: string;
  dueDate: string;
  currency: string;
  /** '1' in the base currency. */
  exchangeRate: string;
  earlyPayment: EarlyPaymentTerms | null;
  purchaseOrderId: number | null;
  lines: PreparedLine[];
  totals: BillTotals;
  notes: string;
  attachments: { sha256: string; fileName: string; mimeType: StoredAttachmentType; bytes: number }[];
  status: 'draft' | 'awaiting_payment';
}

export interface BillFields {
  vendorId: number;
  vendorInvoiceNumber: string;
  billDate: string;
  dueDate: string | null;
  terms: PaymentTerms | null;
  currency?: string | undefined;
  exchangeRate?: string | undefined;
  earlyPayment?: EarlyPaymentInput | null | undefined;
  purchaseOrderId: number | null;
  lines: z.output<typeof billLineInput>[];
  notes: string;
  attachments: { sha256: string; fileName: string }[];
  status: 'draft' | 'awaiting_payment';
}

export async function prepareLines(
  ctx: ServiceContext,
  lines: readonly z.output<typeof billLineInput>[],
  path = 'lines',
): Promise<PreparedLine[]> {
  const categories = new Set(
    (await storeOf(ctx).all(qb.selectFrom('expense_categories').select('id'))).map((c) => c.id),
  );
  return lines.map((l, i) => {
    if (l.categoryId !== null && !categories.has(l.categoryId))
      throw fieldError(`${path}.${i}.categoryId`, msg('errors.prepare.categoryDoesNotExist'));
    const quantityMilli = quantityToMilli(l.quantity)!;
    return {
      description: l.description,
      itemKey: itemKey(l.description),
      categoryId: l.categoryId,
      quantityMilli,
      unitPrice: l.unitPrice,
      amount: lineAmount(quantityMilli, l.unitPrice),
      tax: l.tax,
      purchaseOrderLineId: l.purchaseOrderLineId,
    };
  });
}

export async function prepareBill(
  ctx: ServiceContext,
  input: BillFields,
  existing: { vendor_id: number; bank_details: string } | null = null,
): Promise<PreparedBill> {
  // An existing bill of a vendor archived since may still be corrected.
  const vendor = await requireVendor(ctx, input.vendorId, 'vendorId', existing?.vendor_id === input.vendorId);
  const currency = input.currency ?? vendor.currency;
  const exchangeRate = await rateFor(ctx, currency, input.exchangeRate);
  const terms = input.terms ?? parseTerms(vendor.payment_terms);
  const dueDate = input.dueDate ?? dueDateFor(input.billDate, terms);
  const earlyPayment =
    input.earlyPayment === undefined
      ? earlyFromColumns(vendor.discount_bp, vendor.discount_days)
      : earlyFromInput(input.earlyPayment);
  if (input.earlyPayment) {
    const wrong = earlyPaymentWindowError(input.billDate, dueDate, input.earlyPayment);
    if (wrong) throw fieldError('earlyPayment.days', wrong);
  }
  const lines = await prepareLines(ctx, input.lines);
  const totals = billTotals(lines);
  if (totals.total <= 0) throw fieldError('lines', msg('errors.prepare.billTotalMustMore'));
  if (totals.total > 1e13) throw fieldError('lines', msg('errors.prepare.billTotalTooLarge'));

  if (input.purchaseOrderId !== null) {
    const po = await storeOf(ctx).first(
      qb.selectFrom('purchase_orders').selectAll().where('id', '=', input.purchaseOrderId),
    );
    if (!po) throw fieldError('purchaseOrderId', msg('errors.prepare.purchaseOrderDoesNot'));
    if (po.vendor_id !== vendor.id)
      throw fieldError(
        'purchaseOrderId',
        msg('errors.prepare.numberForAnotherVendor', { number: po.number, name: vendor.name }),
      );
    if (po.currency !== currency)
      throw fieldError(
        'purchaseOrderId',
        msg('errors.prepare.numberCurrencyBillCurrency2', {
          number: po.number,
          currency: po.currency,
          currency2: currency,
        }),
      );
    const poLines = new Set(
      (
        await storeOf(ctx).all(
          qb.selectFrom('purchase_order_lines').select('id').where('purchase_order_id', '=', po.id),
        )
      ).map((l) => l.id),
    );
    lines.forEach((l, i) => {
      if (l.purchaseOrderLineId !== null && !poLines.has(l.purchaseOrderLineId))
        throw fieldError(
          `lines.${i}.purchaseOrderLineId`,
          msg('errors.prepare.lineNotNumber', { number: po.number }),
        );
    });
  } else if (lines.some((l) => l.purchaseOrderLineId !== null)) {
    const i = lines.findIndex((l) => l.purchaseOrderLineId !== null);
    throw fieldError(`lines.${i}.purchaseOrderLineId`, msg('errors.prepare.choosePurchaseOrderLine'));
  }

  const seen = new Set<string>();
  const attachments: PreparedBill['attachments'] = [];
  for (const [i, a] of input.attachments.entries()) {
    if (seen.has(a.sha256)) continue;
    seen.add(a.sha256);
    const stored = await storedAttachment(ctx, a.sha256);
    if (!stored)
      throw new AppError(
        'VALIDATION',
        msg('errors.prepare.filenameNotUploadedCompletely', { fileName: a.fileName }),
        `attachments.${i}.sha256`,
      );
    attachments.push({ sha256: a.sha256, fileName: a.fileName, ...stored });
  }

  return {
    vendorId: vendor.id,
    vendorName: vendor.name,
    bankDetails: existing && existing.vendor_id === vendor.id ? existing.bank_details : vendor.bank_details,
    vendorBankChangedAt: vendor.bank_details_changed_at,
    vendorInvoiceNumber: input.vendorInvoiceNumber,
    invoiceKey: invoiceKey(input.vendorInvoiceNumber),
    billDate: input.billDate,
    dueDate,
    currency,
    exchangeRate,
    earlyPayment,
    purchaseOrderId: input.purchaseOrderId,
    lines,
    totals,
    notes: input.notes,
    attachments,
    status: input.status,
  };
}
