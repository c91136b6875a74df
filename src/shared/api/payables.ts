import { msg } from '../i18n';
import { z } from 'zod';
import { addressSchema, emptyInput, okOutput, paymentTermsSchema } from './common';
import {
  base64File,
  fileNameText,
  currencyCode,
  editVersion,
  id,
  isoDate,
  multilineText,
  optionalEmail,
  requiredMultilineText,
  optionalBic,
  optionalIban,
  requiredText,
  text,
  labelInSentence,
  labelText,
} from './fields';
import { ATTACHMENT_MAX_BYTES, SHA256_HEX } from '../domain/attachments';
import { quantityToMilli } from '../domain/bill-amounts';
import { WARNING_KINDS } from '../domain/bill-checks';
import { BILL_STATUSES, PAYMENT_METHODS } from '../domain/bill-status';
import { FREQUENCIES } from '../domain/schedule';
import { isValidRate } from '../domain/fx';
import { DEFAULT_SEPA_VERSION, SEPA_VERSIONS } from '../domain/sepa-versions';
import { earlyPaymentSchema, percent, reminderSettingsSchema } from './payables-fields';

export { earlyPaymentSchema, percent, reminderSettingsSchema };

/**
 * Payables: vendors, expense categories, bills, bill payments, purchase orders, reminders,
 * recurring bills and CSV import. Money is integer minor units of the document's currency;
 * quantities and percentages are plain numbers (up to 3 and 2 decimals).
 */

// ---------------------------------------------------------------------------------------
// Field schemas

const MAX_AMOUNT = 1e13;

export const money = (label: string) =>
  z
    .number({ error: () => msg('validation.text.required', { label: labelInSentence(label) }) })
    .int({ error: () => msg('validation.amount.notWhole', { label: labelText(label) }) })
    .min(0, { error: () => msg('validation.amount.negative', { label: labelText(label) }) })
    .max(MAX_AMOUNT, { error: () => msg('validation.amount.tooLarge', { label: labelText(label) }) });

export const quantity = (label = 'fields.quantity') =>
  z
    .number({ error: () => msg('validation.text.required', { label: labelInSentence(label) }) })
    .gt(0, { error: () => msg('validation.number.positive', { label: labelText(label) }) })
    .max(1e9, { error: () => msg('validation.amount.tooLarge', { label: labelText(label) }) })
    .refine((q) => quantityToMilli(q) !== null, {
      error: () => msg('validation.number.decimals', { label: labelText(label), count: 3 }),
    });

export type EarlyPaymentInput = z.infer<typeof earlyPaymentSchema>;

/**
 * Base-currency value of one unit of a foreign currency, typed as decimal text. Required when
 * the bill or payment is not in the base currency (the services say so at this field).
 */
export const exchangeRate = z
  .string({ error: () => msg('validation.payables.enterTheExchangeRateLike') })
  .trim()
  .refine(isValidRate, { error: () => msg('validation.payables.exchangeRateMustBeA') });

const chooseId = (message: () => string) => z.number({ error: message }).int().positive({ error: message });

// ---------------------------------------------------------------------------------------
// Expense categories

export const categorySchema = z.object({
  id: z.number(),
  name: z.string(),
  archived: z.boolean(),
  /** Bill lines using it (a used category can be archived, not deleted). */
  usage: z.number(),
  /** Counts the saves; an update names the version it started from (services/versions.ts). */
  version: z.number(),
});
export type ExpenseCategory = z.infer<typeof categorySchema>;

// ---------------------------------------------------------------------------------------
// Vendors

export const vendorInput = z.strictObject({
  name: requiredText('fields.vendorName'),
  contactName: text('fields.contactName').default(''),
  email: optionalEmail('fields.email').default(''),
  phone: text('fields.phone', 50).default(''),
  address: addressSchema.default({ line1: '', line2: '', city: '', region: '', postalCode: '', country: '' }),
  taxNumber: text('fields.taxNumber', 50).default(''),
  currency: currencyCode('fields.currency'),
  defaultCategoryId: chooseId(() => msg('validation.payables.chooseCategory'))
    .nullable()
    .default(null),
  paymentTerms: paymentTermsSchema.default({ kind: 'net', days: 30 }),
  earlyPayment: earlyPaymentSchema.nullable().default(null),
  bankDetails: multilineText('fields.bankDetails', 500).default(''),
  /** The account bills are paid to; taken from the bank details when left empty. */
  iban: optionalIban().default(''),
  bic: optionalBic().default(''),
  notes: multilineText('fields.notes', 2000).default(''),
});
export type VendorInput = z.input<typeof vendorInput>;

const currencyAmount = z.object({ currency: z.string(), amount: z.number() });
export type CurrencyAmount = z.infer<typeof currencyAmount>;

const earlyPaymentOutput = z.object({ discountPercent: z.number(), days: z.number() });

export const vendorSchema = z.object({
  id: z.number(),
  name: z.string(),
  contactName: z.string(),
  email: z.string(),
  phone: z.string(),
  address: addressSchema,
  taxNumber: z.string(),
  currency: z.string(),
  defaultCategoryId: z.number().nullable(),
  paymentTerms: paymentTermsSchema,
  earlyPayment: earlyPaymentOutput.nullable(),
  /** "Net 30", "2/10 net 30". */
  termsLabel: z.string(),
  bankDetails: z.string(),
  iban: z.string(),
  bic: z.string(),
  bankDetailsChangedAt: z.string().nullable(),
  notes: z.string(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Counts the saves; an update names the version it started from (services/versions.ts). */
  version: z.number(),
  openBalances: z.array(currencyAmount),
  openBills: z.number(),
  overdueBills: z.number(),
});
export type Vendor = z.infer<typeof vendorSchema>;

export const vendorSummarySchema = vendorSchema.pick({
  id: true,
  name: true,
  contactName: true,
  email: true,
  phone: true,
  currency: true,
  termsLabel: true,
  archived: true,
  openBalances: true,
  openBills: true,
  overdueBills: true,
});
export type VendorSummary = z.infer<typeof vendorSummarySchema>;

// ---------------------------------------------------------------------------------------
// Bills

export const billLineInput = z.strictObject({
  description: multilineText('fields.description', 500).default(''),
  categoryId: chooseId(() => msg('validation.payables.chooseCategory'))
    .nullable()
    .default(null),
  quantity: quantity().default(1),
  unitPrice: money('fields.amount'),
  tax: money('fields.tax').default(0),
  purchaseOrderLineId: z.number().int().positive().nullable().default(null),
});
export type BillLineInput = z.input<typeof billLineInput>;

export const attachmentRef = z.strictObject({
  sha256: z
    .string()
    .regex(SHA256_HEX, { error: () => msg('validation.payables.thisAttachmentWasNotUploaded') }),
  fileName: fileNameText(),
});

const billShape = {
  vendorId: chooseId(() => msg('validation.payables.chooseVendor')),
  vendorInvoiceNumber: text('fields.vendorInvoiceNumber', 100).default(''),
  billDate: isoDate('fields.billDate'),
  /** Null: worked out from `terms` (or the vendor's terms) and the bill date. */
  dueDate: isoDate('fields.dueDate').nullable().default(null),
  terms: paymentTermsSchema.nullable().default(null),
  /** Omitted: the vendor's currency. */
  currency: currencyCode('fields.currency').optional(),
  /** Needed when the currency is not the base currency. */
  exchangeRate: exchangeRate.optional(),
  /** Omitted: the vendor's early-payment terms; null: none. */
  earlyPayment: earlyPaymentSchema.nullable().optional(),
  purchaseOrderId: z.number().int().positive().nullable().default(null),
  lines: z
    .array(billLineInput, { error: () => msg('validation.payables.addAtLeastOneLine') })
    .min(1, { error: () => msg('validation.payables.addAtLeastOneLine') })
    .max(200, { error: () => msg('validation.payables.billMaxLines') }),
  notes: multilineText('fields.notes', 5000).default(''),
  attachments: z
    .array(attachmentRef)
    .max(20, { error: () => msg('validation.payables.billMaxAttachments') })
    .default([]),
  status: z.enum(['draft', 'awaiting_payment']).default('awaiting_payment'),
  /** Warnings the user reviewed before saving, with the reason they are not a problem. */
  acknowledge: z
    .strictObject({
      keys: z.array(text('fields.warning', 300)).max(100),
      reason: requiredMultilineText('fields.reason', 500),
    })
    .optional(),
};

const dueAfterBill = (v: { billDate: string; dueDate: string | null }, ctx: z.RefinementCtx) => {
  if (v.dueDate !== null && v.dueDate < v.billDate)
    ctx.addIssue({
      code: 'custom',
      path: ['dueDate'],
      message: msg('validation.payables.dueBeforeBillDate', { date: v.billDate }),
    });
};

export const billInput = z.strictObject(billShape).superRefine(dueAfterBill);
export type BillInput = z.input<typeof billInput>;
export const billUpdateInput = z
  .strictObject({ id: id('fields.bill'), version: editVersion.optional(), ...billShape })
  .superRefine(dueAfterBill);
export const billCheckInput = z
  .strictObject({ id: z.number().int().positive().nullable().default(null), ...billShape })
  .superRefine(dueAfterBill);

export const warningSchema = z.object({
  id: z.number().nullable(),
  /** kind|fingerprint: what the user acknowledges. */
  key: z.string(),
  kind: z.enum(WARNING_KINDS),
  group: z.enum(['duplicate', 'overbilling', 'fraud']),
  title: z.string(),
  message: z.string(),
  relatedBillId: z.number().nullable(),
  dismissed: z.object({ at: z.string(), by: z.string(), reason: z.string() }).nullable(),
});
export type BillWarning = z.infer<typeof warningSchema>;

const displayStatus = z.enum([...BILL_STATUSES, 'overdue']);

const offerSchema = z.object({ payBy: z.string(), save: z.number(), pay: z.number() });

export const billRowSchema = z.object({
  id: z.number(),
  vendorId: z.number(),
  vendorName: z.string(),
  vendorInvoiceNumber: z.string(),
  billDate: z.string(),
  dueDate: z.string(),
  currency: z.string(),
  total: z.number(),
  balance: z.number(),
  status: z.enum(BILL_STATUSES),
  displayStatus,
  /** "Due in 3 days", "12 days overdue"; empty for drafts, paid and void bills. */
  dueLabel: z.string(),
  openWarnings: z.number(),
  offer: offerSchema.nullable(),
});
export type BillRow = z.infer<typeof billRowSchema>;

const matchSchema = z.object({
  rows: z.array(
    z.object({
      poLineId: z.number(),
      description: z.string(),
      orderedQuantity: z.number(),
      billedQuantity: z.number(),
      orderedUnitPrice: z.number(),
      billedUnitPrice: z.number().nullable(),
      orderedAmount: z.number(),
      billedAmount: z.number(),
      quantityOver: z.boolean(),
      priceOver: z.boolean(),
      quantityOverPercent: z.number(),
      priceOverPercent: z.number(),
    }),
  ),
  notOnOrder: z.array(z.object({ billId: z.number(), description: z.string(), amount: z.number() })),
  orderedTotal: z.number(),
  billedTotal: z.number(),
  totalOver: z.boolean(),
  totalOverPercent: z.number(),
  tolerancePercent: z.number(),
});
export type PurchaseOrderMatch = z.infer<typeof matchSchema>;

export const attachmentSchema = z.object({
  sha256: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  bytes: z.number(),
});
export type BillAttachment = z.infer<typeof attachmentSchema>;

export const billSchema = z.object({
  id: z.number(),
  /** Counts the saves; an update names the version it started from (services/versions.ts). */
  version: z.number(),

  vendor: z.object({ id: z.number(), name: z.string(), archived: z.boolean() }),
  vendorInvoiceNumber: z.string(),
  billDate: z.string(),
  dueDate: z.string(),
  currency: z.string(),
  exchangeRate: z.string(),
  lines: z.array(
    z.object({
      id: z.number(),
      description: z.string(),
      categoryId: z.number().nullable(),
      categoryName: z.string().nullable(),
      quantity: z.number(),
      unitPrice: z.number(),
      amount: z.number(),
      tax: z.number(),
      purchaseOrderLineId: z.number().nullable(),
    }),
  ),
  subtotal: z.number(),
  tax: z.number(),
  total: z.number(),
  paid: z.number(),
  discountTaken: z.number(),
  balance: z.number(),
  /** Total and balance in the base currency, at the bill's exchange rate. */
  totalBase: z.number(),
  balanceBase: z.number(),
  /** The date the balance reached zero; null while owed. */
  settledOn: z.string().nullable(),
  status: z.enum(BILL_STATUSES),
  displayStatus,
  dueLabel: z.string(),
  earlyPayment: earlyPaymentOutput.nullable(),
  offer: offerSchema.nullable(),
  purchaseOrder: z.object({ id: z.number(), number: z.string() }).nullable(),
  match: matchSchema.nullable(),
  attachments: z.array(attachmentSchema),
  payments: z.array(
    z.object({
      paymentId: z.number(),
      paymentDate: z.string(),
      amount: z.number(),
      discount: z.number(),
      method: z.enum(PAYMENT_METHODS),
      reference: z.string(),
      /** The payment run of a euro payment, for its SEPA file; null otherwise. */
      sepaRunId: z.string().nullable(),
    }),
  ),
  warnings: z.array(warningSchema),
  notes: z.string(),
  source: z.enum(['manual', 'recurring', 'import']),
  recurringId: z.number().nullable(),
  voidReason: z.string().nullable(),
  snoozedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Bill = z.infer<typeof billSchema>;

const savedBill = z.object({ bill: billSchema, warnings: z.array(warningSchema) });

const totalsByCurrency = z.array(currencyAmount);

export const DUE_VIEWS = ['overdue', 'next7', 'later'] as const;
export type DueView = (typeof DUE_VIEWS)[number];

const dueViewSchema = z.object({
  view: z.enum(DUE_VIEWS),
  count: z.number(),
  totals: totalsByCurrency,
  rows: z.array(billRowSchema),
});
export type DueViewResult = z.infer<typeof dueViewSchema>;

const page = {
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
};

export const BILL_LIST_FILTERS = ['all', 'open', 'overdue', ...BILL_STATUSES] as const;

// ---------------------------------------------------------------------------------------
// Recurring bills

export const recurringInput = z
  .strictObject({
    vendorId: chooseId(() => msg('validation.payables.chooseVendor')),
    name: requiredText('fields.name', 100),
    frequency: z.enum(FREQUENCIES, { error: () => msg('validation.payables.chooseHowOften') }),
    interval: z
      .number({ error: () => msg('validation.payables.enterHowManyPeriodsApart') })
      .int({ error: () => msg('validation.payables.mustBeAWholeNumber') })
      .min(1, { error: () => msg('validation.payables.atLeast1') })
      .max(52, { error: () => msg('validation.payables.atMost52') }),
    dayOfMonth: z
      .union([
        z
          .number()
          .int()
          .min(1, { error: () => msg('validation.payables.chooseADayFrom1') })
          .max(31, { error: () => msg('validation.payables.chooseADayFrom1') }),
        z.literal('last'),
      ])
      .nullable()
      .default(null),
    startDate: isoDate('fields.startDate'),
    endDate: isoDate('fields.endDate').nullable().default(null),
    count: z
      .number()
      .int()
      .min(1, { error: () => msg('validation.payables.atLeast1Bill') })
      .max(1000, { error: () => msg('validation.payables.atMost1000Bills') })
      .nullable()
      .default(null),
    createAs: z.enum(['draft', 'awaiting_payment']).default('awaiting_payment'),
    currency: currencyCode('fields.currency').optional(),
    /** Stored with the template: every bill it makes is at this rate. */
    exchangeRate: exchangeRate.optional(),
    terms: paymentTermsSchema.nullable().default(null),
    earlyPayment: earlyPaymentSchema.nullable().optional(),
    lines: z
      .array(billLineInput)
      .min(1, { error: () => msg('validation.payables.addAtLeastOneLine') })
      .max(50, { error: () => msg('validation.payables.atMost50Lines') }),
    notes: multilineText('fields.notes', 2000).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.endDate !== null && v.endDate < v.startDate)
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: msg('validation.payables.endBeforeStartDate', { date: v.startDate }),
      });
  });
export type RecurringInput = z.input<typeof recurringInput>;

export const recurringSchema = z.object({
  id: z.number(),
  /** Counts the saves; an update names the version it started from (services/versions.ts). */
  version: z.number(),
  vendorId: z.number(),
  vendorName: z.string(),
  name: z.string(),
  frequency: z.enum(FREQUENCIES),
  interval: z.number(),
  dayOfMonth: z.union([z.number(), z.literal('last')]).nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  count: z.number().nullable(),
  createAs: z.enum(['draft', 'awaiting_payment']),
  currency: z.string(),
  exchangeRate: z.string(),
  terms: paymentTermsSchema.nullable(),
  earlyPayment: earlyPaymentOutput.nullable(),
  lines: z.array(
    z.object({
      description: z.string(),
      categoryId: z.number().nullable(),
      quantity: z.number(),
      unitPrice: z.number(),
      tax: z.number(),
    }),
  ),
  notes: z.string(),
  total: z.number(),
  active: z.boolean(),
  /** "Every month on day 1". */
  scheduleLabel: z.string(),
  billsCreated: z.number(),
  nextDates: z.array(z.string()),
});
export type RecurringBill = z.infer<typeof recurringSchema>;

// ---------------------------------------------------------------------------------------
// Payments

const allocationInput = z.strictObject({
  billId: id('fields.bill'),
  amount: money('fields.amount'),
  /** Early-payment discount settled with this payment (0 for none). */
  discount: money('fields.discount').default(0),
});

export const paymentSchema = z.object({
  id: z.number(),
  vendorId: z.number(),
  vendorName: z.string(),
  paymentDate: z.string(),
  currency: z.string(),
  amount: z.number(),
  exchangeRate: z.string(),
  amountBase: z.number(),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string(),
  notes: z.string(),
  runId: z.string().nullable(),
  allocations: z.array(
    z.object({
      billId: z.number(),
      vendorInvoiceNumber: z.string(),
      amount: z.number(),
      discount: z.number(),
    }),
  ),
  createdAt: z.string(),
});
export type BillPayment = z.infer<typeof paymentSchema>;

const runRowSchema = z.object({
  billId: z.number(),
  vendorId: z.number(),
  vendorName: z.string(),
  vendorInvoiceNumber: z.string(),
  dueDate: z.string(),
  displayStatus,
  currency: z.string(),
  balance: z.number(),
  discount: z.number(),
  pay: z.number(),
  openWarnings: z.number(),
});

const runTotals = z.array(
  z.object({
    currency: z.string(),
    cash: z.number(),
    discounts: z.number(),
    bills: z.number(),
    /** The rate of the latest of these bills: what the payment form offers. */
    billRate: z.string(),
  }),
);

const paymentFields = {
  paymentDate: isoDate('fields.paymentDate'),
  method: z.enum(PAYMENT_METHODS, { error: () => msg('validation.payables.chooseHowItWasPaid') }),
  reference: text('fields.reference', 200).default(''),
};

// ---------------------------------------------------------------------------------------
// Purchase orders

const poLineInput = z.strictObject({
  description: requiredMultilineText('fields.description', 500),
  categoryId: chooseId(() => msg('validation.payables.chooseCategory'))
    .nullable()
    .default(null),
  quantity: quantity(),
  unitPrice: money('fields.unitPrice'),
});

export const purchaseOrderInput = z.strictObject({
  vendorId: chooseId(() => msg('validation.payables.chooseVendor')),
  /** Empty: the next PO-#### number. */
  number: text('fields.poNumber', 50).default(''),
  orderDate: isoDate('fields.orderDate'),
  currency: currencyCode('fields.currency').optional(),
  tolerancePercent: percent('fields.tolerance', 0, 100).default(5),
  notes: multilineText('fields.notes', 2000).default(''),
  lines: z
    .array(poLineInput)
    .min(1, { error: () => msg('validation.payables.addAtLeastOneLine') })
    .max(200, { error: () => msg('validation.payables.atMost200Lines') }),
});
export type PurchaseOrderInput = z.input<typeof purchaseOrderInput>;

export const purchaseOrderSummarySchema = z.object({
  id: z.number(),
  number: z.string(),
  vendorId: z.number(),
  vendorName: z.string(),
  orderDate: z.string(),
  currency: z.string(),
  total: z.number(),
  billed: z.number(),
  bills: z.number(),
  status: z.enum(['open', 'closed']),
  over: z.boolean(),
});
export type PurchaseOrderSummary = z.infer<typeof purchaseOrderSummarySchema>;

export const purchaseOrderSchema = purchaseOrderSummarySchema.extend({
  /** Counts the saves; an update names the version it started from (services/versions.ts). */
  version: z.number(),
  tolerancePercent: z.number(),
  notes: z.string(),
  lines: z.array(
    z.object({
      id: z.number(),
      description: z.string(),
      categoryId: z.number().nullable(),
      quantity: z.number(),
      unitPrice: z.number(),
      amount: z.number(),
    }),
  ),
  match: matchSchema,
  billList: z.array(
    z.object({
      id: z.number(),
      vendorInvoiceNumber: z.string(),
      billDate: z.string(),
      subtotal: z.number(),
      displayStatus,
    }),
  ),
});
export type PurchaseOrder = z.infer<typeof purchaseOrderSchema>;

// ---------------------------------------------------------------------------------------
// Reminders

export const reminderItemSchema = z.object({
  billId: z.number(),
  vendorName: z.string(),
  vendorInvoiceNumber: z.string(),
  kind: z.enum(['overdue', 'due', 'discount']),
  date: z.string(),
  days: z.number(),
  dueDate: z.string(),
  currency: z.string(),
  balance: z.number(),
  /** "Due in 3 days", "2 days overdue", "Pay by 12 Mar 2026 to save €20.00". */
  message: z.string(),
  snoozedUntil: z.string().nullable(),
});
export type ReminderItem = z.infer<typeof reminderItemSchema>;

// ---------------------------------------------------------------------------------------
// CSV import

export const CSV_MAX_CHARS = 5 * 1024 * 1024;
const csvText = z
  .string({ error: () => msg('validation.payables.chooseACsvFile') })
  .min(1, { error: () => msg('validation.payables.theCsvFileIsEmpty') })
  .max(CSV_MAX_CHARS, { error: () => msg('validation.payables.theCsvFileIsLarger') });

/** How to read the file: the column mapping and whether Amount includes tax (see import.ts). */
const importOptions = {
  mapping: z.array(z.string().nullable()).max(200).optional(),
  amountsIncludeTax: z.boolean().nullable().optional(),
};

const importRowSchema = z.object({
  line: z.number(),
  ok: z.boolean(),
  errors: z.array(z.object({ column: z.string(), message: z.string() })),
  vendorName: z.string(),
  newVendor: z.boolean(),
  vendorInvoiceNumber: z.string(),
  billDate: z.string(),
  dueDate: z.string(),
  currency: z.string(),
  /** Excluding tax. */
  net: z.number(),
  tax: z.number(),
  total: z.number(),
  warnings: z.array(z.string()),
});
export type ImportRow = z.infer<typeof importRowSchema>;

// ---------------------------------------------------------------------------------------

export const payablesApi = {
  'expenseCategories.list': { input: emptyInput, output: z.array(categorySchema) },
  'expenseCategories.create': {
    input: z.strictObject({ name: requiredText('fields.categoryName', 100) }),
    output: categorySchema,
  },
  'expenseCategories.update': {
    input: z.strictObject({
      id: id('fields.category'),
      name: requiredText('fields.categoryName', 100),
      archived: z.boolean(),
      version: editVersion.optional(),
    }),
    output: categorySchema,
  },

  'vendors.list': {
    input: z
      .strictObject({
        search: text('fields.search', 100).default(''),
        includeArchived: z.boolean().default(false),
      })
      .optional()
      .default({ search: '', includeArchived: false }),
    output: z.array(vendorSummarySchema),
  },
  'vendors.get': { input: z.strictObject({ id: id('fields.vendor') }), output: vendorSchema },
  'vendors.create': { input: vendorInput, output: vendorSchema },
  'vendors.update': {
    input: vendorInput.extend({ id: id('fields.vendor'), version: editVersion.optional() }),
    output: vendorSchema,
  },
  'vendors.setArchived': {
    input: z.strictObject({ id: id('fields.vendor'), archived: z.boolean() }),
    output: vendorSchema,
  },

  'bills.check': {
    input: billCheckInput,
    output: z.object({
      warnings: z.array(warningSchema),
      dueDate: z.string(),
      subtotal: z.number(),
      tax: z.number(),
      total: z.number(),
    }),
  },
  'bills.create': { input: billInput, output: savedBill },
  'bills.update': { input: billUpdateInput, output: savedBill },
  'bills.get': { input: z.strictObject({ id: id('fields.bill') }), output: billSchema },
  'bills.list': {
    input: z
      .strictObject({
        filter: z.enum(BILL_LIST_FILTERS).default('all'),
        vendorId: z.number().int().positive().optional(),
        search: text('fields.search', 100).default(''),
        ...page,
      })
      .optional()
      .default({ filter: 'all', search: '', limit: 100, offset: 0 }),
    output: z.object({
      rows: z.array(billRowSchema),
      count: z.number(),
      totals: z.array(z.object({ currency: z.string(), total: z.number(), balance: z.number() })),
    }),
  },
  'bills.due': {
    input: z.strictObject({ view: z.enum(DUE_VIEWS), ...page }),
    output: dueViewSchema,
  },
  'bills.dueSummary': {
    input: emptyInput,
    output: z.object({
      today: z.string(),
      /** Whether any bill exists at all (for the first-run empty state). */
      hasBills: z.boolean(),
      overdue: dueViewSchema.omit({ rows: true }),
      next7: dueViewSchema.omit({ rows: true }),
      later: dueViewSchema.omit({ rows: true }),
    }),
  },
  'bills.calendar': {
    input: z.strictObject({
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: () => msg('validation.payables.monthMustBeInThe') }),
    }),
    output: z.object({
      month: z.string(),
      today: z.string(),
      days: z.array(
        z.object({
          date: z.string(),
          bills: z.array(
            billRowSchema.pick({
              id: true,
              vendorName: true,
              vendorInvoiceNumber: true,
              currency: true,
              total: true,
              balance: true,
              displayStatus: true,
            }),
          ),
        }),
      ),
      totals: totalsByCurrency,
    }),
  },
  /** The rate of the vendor's latest bill in a currency, to prefill a new bill's rate. */
  'bills.suggestRate': {
    input: z.strictObject({ vendorId: id('fields.vendor'), currency: currencyCode('fields.currency') }),
    output: z.object({ rate: z.string().nullable() }),
  },
  'bills.approve': { input: z.strictObject({ id: id('fields.bill') }), output: savedBill },
  'bills.void': {
    input: z.strictObject({ id: id('fields.bill'), reason: requiredMultilineText('fields.reason', 500) }),
    output: billSchema,
  },
  'bills.delete': { input: z.strictObject({ id: id('fields.bill') }), output: okOutput },
  'bills.dismissWarning': {
    input: z.strictObject({
      billId: id('fields.bill'),
      warningId: id('fields.warning'),
      reason: requiredMultilineText('fields.reason', 500),
    }),
    output: billSchema,
  },
  'bills.uploadAttachment': {
    input: z.strictObject({
      fileName: fileNameText(),
      dataBase64: base64File('fields.attachment', ATTACHMENT_MAX_BYTES),
    }),
    output: attachmentSchema,
  },
  'bills.getAttachment': {
    input: z.strictObject({
      sha256: z.string().regex(SHA256_HEX, { error: () => msg('validation.payables.notAnAttachmentId') }),
    }),
    output: attachmentSchema.extend({ dataBase64: z.string() }),
  },

  'bills.recurring.list': { input: emptyInput, output: z.array(recurringSchema) },
  'bills.recurring.get': {
    input: z.strictObject({ id: id('fields.recurringBill') }),
    output: recurringSchema,
  },
  'bills.recurring.create': { input: recurringInput, output: recurringSchema },
  'bills.recurring.update': {
    input: z.strictObject({
      id: id('fields.recurringBill'),
      version: editVersion.optional(),
      template: recurringInput,
    }),
    output: recurringSchema,
  },
  'bills.recurring.setActive': {
    input: z.strictObject({ id: id('fields.recurringBill'), active: z.boolean() }),
    output: recurringSchema,
  },
  /** Makes every bill that is due now (the background job does this at start and hourly). */
  'bills.recurring.catchUp': { input: emptyInput, output: z.object({ created: z.number() }) },

  'billPayments.create': {
    input: z.strictObject({
      ...paymentFields,
      /** Needed when the bills are not in the base currency: the rate on the payment date. */
      exchangeRate: exchangeRate.optional(),
      notes: multilineText('fields.notes', 2000).default(''),
      allocations: z
        .array(allocationInput, { error: () => msg('validation.payables.chooseTheBillsThisPayment') })
        .min(1, { error: () => msg('validation.payables.chooseTheBillsThisPayment') })
        .max(500, { error: () => msg('validation.payables.atMost500BillsIn') }),
    }),
    output: paymentSchema,
  },
  'billPayments.list': {
    input: z
      .strictObject({
        vendorId: z.number().int().positive().optional(),
        billId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .optional()
      .default({ limit: 100 }),
    output: z.array(paymentSchema),
  },
  /** Undo: the bills it paid are open again. */
  'billPayments.delete': { input: z.strictObject({ id: id('fields.payment') }), output: okOutput },
  'billPayments.runPreview': {
    input: z.strictObject({
      paymentDate: isoDate('fields.paymentDate'),
      billIds: z
        .array(id('fields.bill'))
        .max(2000, { error: () => msg('validation.payables.atMost2000BillsIn') }),
      takeDiscounts: z.boolean().default(true),
    }),
    output: z.object({ rows: z.array(runRowSchema), totals: runTotals }),
  },
  'billPayments.run': {
    input: z.strictObject({
      ...paymentFields,
      billIds: z
        .array(id('fields.bill'))
        .min(1, { error: () => msg('validation.payables.chooseTheBillsToPay') })
        .max(2000, { error: () => msg('validation.payables.atMost2000BillsIn') }),
      takeDiscounts: z.boolean().default(true),
      /** The rate on the payment date of each foreign currency in the run. */
      exchangeRates: z
        .array(z.strictObject({ currency: currencyCode('fields.currency'), rate: exchangeRate }))
        .max(50)
        .default([]),
    }),
    output: z.object({
      runId: z.string(),
      payments: z.number(),
      bills: z.number(),
      totals: runTotals,
    }),
  },

  /** The payments of a run as a SEPA credit transfer file (pain.001) for the bank. */
  'billPayments.sepaFile': {
    input: z.strictObject({
      runId: requiredText('fields.paymentRun', 100),
      version: z.enum(SEPA_VERSIONS).default(DEFAULT_SEPA_VERSION),
      /** Booked as one debit on the statement (true) or one per payment. */
      batchBooking: z.boolean().default(true),
      /** Defaults to the run's payment date, or today when that has passed. */
      executionDate: isoDate('fields.executionDate').optional(),
    }),
    output: z.object({
      fileName: z.string(),
      xml: z.string(),
      version: z.enum(SEPA_VERSIONS),
      messageId: z.string(),
      executionDate: z.string(),
      transactions: z.number(),
      /** Euro cents. */
      controlSum: z.number(),
    }),
  },

  'purchaseOrders.list': {
    input: z
      .strictObject({
        vendorId: z.number().int().positive().optional(),
        status: z.enum(['open', 'closed', 'all']).default('all'),
      })
      .optional()
      .default({ status: 'all' }),
    output: z.array(purchaseOrderSummarySchema),
  },
  'purchaseOrders.get': {
    input: z.strictObject({ id: id('fields.purchaseOrder') }),
    output: purchaseOrderSchema,
  },
  'purchaseOrders.create': { input: purchaseOrderInput, output: purchaseOrderSchema },
  'purchaseOrders.update': {
    input: purchaseOrderInput.extend({ id: id('fields.purchaseOrder'), version: editVersion.optional() }),
    output: purchaseOrderSchema,
  },
  'purchaseOrders.setStatus': {
    input: z.strictObject({ id: id('fields.purchaseOrder'), status: z.enum(['open', 'closed']) }),
    output: purchaseOrderSchema,
  },

  'reminders.list': {
    input: emptyInput,
    output: z.object({
      today: z.string(),
      count: z.number(),
      items: z.array(reminderItemSchema),
      snoozed: z.array(reminderItemSchema),
    }),
  },
  'reminders.snooze': {
    input: z.strictObject({ billId: id('fields.bill'), until: isoDate('fields.snoozeUntil') }),
    output: okOutput,
  },
  'reminders.unsnooze': { input: z.strictObject({ billId: id('fields.bill') }), output: okOutput },
  /**
   * For the desktop shell: the reminders not yet notified today, each marked as notified in
   * the same transaction, so no bill is notified twice on one day.
   */
  'reminders.takeDesktopNotifications': {
    input: emptyInput,
    output: z.object({ items: z.array(reminderItemSchema) }),
  },
  'reminders.getSettings': { input: emptyInput, output: reminderSettingsSchema },
  'reminders.updateSettings': { input: reminderSettingsSchema, output: reminderSettingsSchema },

  'billImport.preview': {
    input: z.strictObject({
      csv: csvText,
      fileName: text('fields.fileName', 255).default(''),
      ...importOptions,
    }),
    output: z.object({
      /** Why no row could be read (a column a bill needs is missing), or null. */
      problem: z.string().nullable(),
      /** What was detected in the file. */
      delimiter: z.string(),
      decimalSeparator: z.string(),
      /** Whether an Amount column is read as including tax (as given, or guessed). */
      amountsIncludeTax: z.boolean(),
      hasAmountColumn: z.boolean(),
      /** Every field a column can be mapped to. */
      fields: z.array(z.object({ field: z.string(), label: z.string() })),
      /** What the good rows add up to, per currency. */
      totals: z.array(
        z.object({
          currency: z.string(),
          bills: z.number(),
          net: z.number(),
          tax: z.number(),
          total: z.number(),
        }),
      ),
      columns: z.array(
        z.object({ header: z.string(), field: z.string().nullable(), key: z.string().nullable() }),
      ),
      rows: z.array(importRowSchema),
      okCount: z.number(),
      errorCount: z.number(),
      newVendors: z.array(z.string()),
    }),
  },
  'billImport.commit': {
    input: z.strictObject({
      csv: csvText,
      fileName: text('fields.fileName', 255).default(''),
      ...importOptions,
      /** The number of good rows the user saw in the preview and confirmed. */
      expectedRows: z
        .number()
        .int()
        .min(1, { error: () => msg('validation.payables.thereAreNoGoodRows') }),
    }),
    output: z.object({
      imported: z.number(),
      skipped: z.number(),
      vendorsCreated: z.number(),
      billIds: z.array(z.number()),
    }),
  },
} as const;

export const BILL_STATUS_FILTER_LABELS: Record<(typeof BILL_LIST_FILTERS)[number], string> = {
  all: 'All',
  open: 'Open',
  overdue: 'Overdue',
  draft: 'Draft',
  awaiting_payment: 'Awaiting payment',
  partially_paid: 'Partially paid',
  paid: 'Paid',
  void: 'Void',
};
