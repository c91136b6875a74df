import { messageLanguage, msg } from '../i18n';
import { z } from 'zod';
import { paymentTermsSchema } from './common';
import { moneyAmount, percentText } from './catalog';
import {
  currencyCode,
  editVersion,
  id,
  isoDate,
  multilineText,
  periodInOrder,
  plainString,
  searchText,
  text,
} from './fields';
import { isValidRate } from '../domain/fx';
import { normalizeDecimal } from '../domain/decimal';
import { QUANTITY_SCALE } from '../domain/totals';
import { DISPLAY_STATUSES, STORED_STATUSES } from '../domain/status';
import { buyerReferenceProblem, VAT_CATEGORIES } from '../domain/einvoice/codes';

export const DOC_TYPES = ['invoice', 'quote', 'credit_note'] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** Lines and a 1 MB description are where documents get too big to print or open quickly. */
export const MAX_LINES = 1000;
export const MAX_DESCRIPTION = 5000;

export const discountSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('percent'), percent: percentText('fields.discount') }),
  z.strictObject({
    kind: z.literal('amount'),
    amount: moneyAmount('fields.discount').min(0, {
      error: () => msg('validation.documents.aDiscountCannotBeNegative'),
    }),
  }),
]);

const quantityText = plainString('fields.quantity').transform((v, ctx) => {
  const n = normalizeDecimal(v, QUANTITY_SCALE);
  if (n === null) {
    ctx.addIssue({
      code: 'custom',
      message: msg('validation.documents.quantityMustBeANumber'),
    });
    return z.NEVER;
  }
  return n;
});

export const lineInput = z.strictObject({
  kind: z.enum(['item', 'heading', 'note']).default('item'),
  itemId: id('fields.item').nullable().default(null),
  description: multilineText('fields.description', MAX_DESCRIPTION).default(''),
  quantity: quantityText.default('1'),
  unit: text('fields.unit', 30).default(''),
  unitPrice: moneyAmount('fields.unitPrice').default(0),
  discount: discountSchema.nullable().default(null),
  taxIds: z
    .array(id('fields.tax'))
    .max(5, { error: () => msg('validation.documents.atMost5TaxesOn') })
    .default([]),
  /** Why a line is zero-rated or exempt; printed with it. */
  exemptionReason: text('fields.exemptionReason', 300).default(''),
});
export type LineInput = z.input<typeof lineInput>;

export const dueSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('terms'), terms: paymentTermsSchema }),
  z.strictObject({ kind: z.literal('date'), date: isoDate('fields.dueDate') }),
]);

export const documentInput = z.strictObject({
  type: z.enum(DOC_TYPES),
  customerId: z
    .number({ error: () => msg('validation.documents.chooseACustomer') })
    .int()
    .positive({ error: () => msg('validation.documents.chooseACustomer') }),
  issueDate: isoDate('fields.issueDate'),
  /** Invoices: when payment is due. Quotes: valid until. Credit notes: not used. */
  due: dueSchema,
  currency: currencyCode('fields.currency'),
  exchangeRate: plainString('fields.exchangeRate')
    .default('1')
    .refine(isValidRate, { error: () => msg('validation.documents.exchangeRateMustBeA') }),
  pricesIncludeTax: z.boolean().default(false),
  lines: z
    .array(lineInput)
    .min(1, { error: () => msg('validation.documents.addAtLeastOneLine') })
    .max(MAX_LINES, {
      error: () =>
        msg('validation.documents.tooManyLines', { max: MAX_LINES.toLocaleString(messageLanguage()) }),
    }),
  discount: discountSchema.nullable().default(null),
  shipping: moneyAmount('fields.shipping')
    .min(0, { error: () => msg('validation.documents.shippingCannotBeNegative') })
    .default(0),
  shippingTaxIds: z.array(id('fields.tax')).max(5).default([]),
  reference: text('fields.poNumberOrReference', 100).default(''),
  notes: multilineText('fields.notes', 5000).default(''),
  terms: multilineText('fields.terms', 5000).default(''),
  footer: multilineText('fields.footer', 1000).default(''),
  /** A credit note's invoice. */
  relatedId: id('fields.relatedDocument').nullable().default(null),
  /** BT-10: the buyer's reference or Leitweg-ID; empty takes the customer's default at save. */
  buyerReference: text('fields.buyerReference', 100)
    .default('')
    .refine((v) => buyerReferenceProblem(v) === null, {
      error: (i) =>
        buyerReferenceProblem(i.input as string) ?? msg('validation.documents.checkTheBuyerReference'),
    }),
  /** Delivery date (BT-72), or the first day of the service period when deliveryEnd is set (BG-14). */
  deliveryDate: isoDate('fields.deliveryDate').nullable().default(null),
  deliveryEnd: isoDate('fields.endOfTheServicePeriod').nullable().default(null),
});
export type DocumentInput = z.input<typeof documentInput>;
export type ParsedDocumentInput = z.output<typeof documentInput>;

const lineOutput = z.object({
  id: z.number(),
  kind: z.enum(['item', 'heading', 'note']),
  itemId: z.number().nullable(),
  description: z.string(),
  quantity: z.string(),
  unit: z.string(),
  unitPrice: z.number(),
  discount: discountSchema.nullable(),
  taxIds: z.array(z.number()),
  exemptionReason: z.string(),
  amount: z.number(),
  net: z.number(),
  tax: z.number(),
  total: z.number(),
});

const taxRow = z.object({
  taxId: z.number(),
  name: z.string(),
  percent: z.string(),
  compound: z.boolean(),
  base: z.number(),
  amount: z.number(),
  /** EN 16931 VAT category, VATEX code and reason as they were when the document was saved. */
  vatCategory: z.enum(VAT_CATEGORIES),
  vatexCode: z.string(),
  reason: z.string(),
});

export const documentRow = z.object({
  id: z.number(),
  type: z.enum(DOC_TYPES),
  number: z.string().nullable(),
  status: z.enum(STORED_STATUSES),
  displayStatus: z.enum(DISPLAY_STATUSES),
  customerId: z.number(),
  customerName: z.string(),
  issueDate: z.string(),
  dueDate: z.string().nullable(),
  currency: z.string(),
  total: z.number(),
  balance: z.number(),
  reference: z.string(),
});
export type DocumentRow = z.infer<typeof documentRow>;

const allocationOut = z.object({
  id: z.number(),
  date: z.string(),
  amount: z.number(),
  source: z.enum(['payment', 'credit_note']),
  paymentId: z.number().nullable(),
  creditNoteId: z.number().nullable(),
  creditNoteNumber: z.string().nullable(),
  invoiceId: z.number(),
  invoiceNumber: z.string().nullable(),
  method: z.string().nullable(),
  reference: z.string(),
  undone: z.boolean(),
});
export type Allocation = z.infer<typeof allocationOut>;

export const documentOutput = documentRow.extend({
  due: dueSchema,
  exchangeRate: z.string(),
  pricesIncludeTax: z.boolean(),
  /** How its taxes are rounded: 'line' only for documents saved before per-rate rounding. */
  taxRounding: z.enum(['line', 'category']),
  lines: z.array(lineOutput),
  discount: discountSchema.nullable(),
  shipping: z.number(),
  shippingTaxIds: z.array(z.number()),
  notes: z.string(),
  terms: z.string(),
  footer: z.string(),
  buyerReference: z.string(),
  deliveryDate: z.string().nullable(),
  deliveryEnd: z.string().nullable(),
  relatedId: z.number().nullable(),
  customerSnapshot: z.object({
    name: z.string(),
    address: z.array(z.string()),
    taxNumber: z.string(),
    email: z.string(),
  }),
  totals: z.object({
    subtotal: z.number(),
    discount: z.number(),
    shipping: z.number(),
    net: z.number(),
    tax: z.number(),
    total: z.number(),
    taxes: z.array(taxRow),
  }),
  paid: z.number(),
  credited: z.number(),
  /** Money applied to this invoice, or (for a credit note) from it. */
  allocations: z.array(allocationOut),
  related: z.array(
    z.object({
      id: z.number(),
      type: z.enum(DOC_TYPES),
      number: z.string().nullable(),
      relation: z.string(),
    }),
  ),
  voidReason: z.string().nullable(),
  issuedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Counts the saves of a draft; an update names the version it started from. */
  version: z.number(),
});
export type Document = z.infer<typeof documentOutput>;

export const listFilters = z.strictObject({
  type: z.enum(DOC_TYPES),
  search: searchText().default(''),
  statuses: z.array(z.enum(DISPLAY_STATUSES)).default([]),
  customerId: z.number().int().positive().nullable().default(null),
  from: isoDate('fields.from').nullable().default(null),
  to: isoDate('fields.to').nullable().default(null),
});
export type ListFilters = z.input<typeof listFilters>;

export const documentSort = z.enum(['issueDate', 'dueDate', 'number', 'customer', 'total', 'balance']);

export const documentsApi = {
  'documents.list': {
    input: listFilters
      .extend({
        sort: documentSort.default('issueDate'),
        direction: z.enum(['asc', 'desc']).default('desc'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .refine(...periodInOrder),
    output: z.object({ rows: z.array(documentRow), total: z.number() }),
  },
  /** Totals of the filtered set, per currency (kept apart from the page so the page stays fast). */
  'documents.totals': {
    input: listFilters.refine(...periodInOrder),
    output: z.array(
      z.object({ currency: z.string(), count: z.number(), total: z.number(), balance: z.number() }),
    ),
  },
  'documents.get': { input: z.strictObject({ id: id('fields.document') }), output: documentOutput },
  'documents.create': { input: documentInput, output: documentOutput },
  'documents.update': {
    input: documentInput.extend({ id: id('fields.document'), version: editVersion.optional() }),
    output: documentOutput,
  },
  'documents.deleteDraft': {
    input: z.strictObject({ id: id('fields.document') }),
    output: z.object({ deleted: z.literal(true) }),
  },
  /** Gives the next number and locks the document. */
  'documents.issue': { input: z.strictObject({ id: id('fields.document') }), output: documentOutput },
  'documents.void': {
    input: z.strictObject({
      id: id('fields.document'),
      reason: multilineText('fields.reason', 500).min(1, {
        error: () => msg('validation.documents.sayWhyTheDocumentIs'),
      }),
    }),
    output: documentOutput,
  },
  'documents.duplicate': { input: z.strictObject({ id: id('fields.document') }), output: documentOutput },
  'quotes.setStatus': {
    input: z.strictObject({ id: id('fields.quote'), status: z.enum(['sent', 'accepted', 'declined']) }),
    output: documentOutput,
  },
  /** A new draft invoice from an accepted (or sent) quote, linked to it. */
  'quotes.convert': { input: z.strictObject({ id: id('fields.quote') }), output: documentOutput },
  /** A draft credit note with the invoice's lines, to correct or cancel all or part of it. */
  'creditNotes.fromInvoice': {
    input: z.strictObject({ invoiceId: id('fields.invoice') }),
    output: documentOutput,
  },
  /** Applies an issued credit note's unused credit to an open invoice of the same customer. */
  'creditNotes.apply': {
    input: z.strictObject({
      creditNoteId: id('fields.creditNote'),
      invoiceId: id('fields.invoice'),
      amount: moneyAmount('fields.amount').min(1, {
        error: () => msg('validation.documents.enterAnAmountAboveZero'),
      }),
      date: isoDate('fields.date'),
    }),
    output: documentOutput,
  },
  /** The next number a document type will get, for the editor. */
  'documents.nextNumber': {
    input: z.strictObject({ type: z.enum(DOC_TYPES) }),
    output: z.object({ number: z.string() }),
  },
} as const;
