import { msg } from '../i18n';
import { z } from 'zod';
import { moneyAmount } from './catalog';
import { id, isoDate, multilineText, periodInOrder, searchText, text } from './fields';
import { AGING_BUCKETS } from '../domain/aging';

/** Every figure in a report is in the base currency, converted at each document's stored rate. */

const agingFigures = z.object({
  current: z.number(),
  d1_30: z.number(),
  d31_60: z.number(),
  d61_90: z.number(),
  d90plus: z.number(),
  total: z.number(),
});
export const agingRow = agingFigures.extend({ id: z.number(), name: z.string() });
export type AgingRow = z.infer<typeof agingRow>;

const agingReport = z.object({
  asOf: z.string(),
  currency: z.string(),
  rows: z.array(agingRow),
  totals: agingFigures,
});
export type AgingReport = z.infer<typeof agingReport>;

const agingItem = z.object({
  id: z.number(),
  number: z.string().nullable(),
  partyId: z.number(),
  partyName: z.string(),
  issueDate: z.string(),
  dueDate: z.string().nullable(),
  daysOverdue: z.number(),
  bucket: z.enum(AGING_BUCKETS),
  currency: z.string(),
  outstanding: z.number(),
  outstandingBase: z.number(),
});
export type AgingItem = z.infer<typeof agingItem>;

const agingDrillInput = z.strictObject({
  asOf: isoDate('fields.asOf'),
  partyId: z.number().int().positive().nullable().default(null),
  bucket: z.enum(AGING_BUCKETS).nullable().default(null),
});

export const cashflowWeek = z.object({
  start: z.string(),
  end: z.string(),
  receipts: z.number(),
  recurringReceipts: z.number(),
  bills: z.number(),
  recurringBills: z.number(),
  net: z.number(),
  balance: z.number(),
});
export type CashflowWeek = z.infer<typeof cashflowWeek>;

const cashflowReport = z.object({
  currency: z.string(),
  openingBalance: z.number(),
  openingDate: z.string().nullable(),
  /** Where the opening balance comes from: the bank accounts' balances, or the amount entered. */
  openingSource: z.enum(['bank', 'entered', 'none']),
  weeks: z.array(cashflowWeek),
  /** Open invoices expected later than the 13 weeks, and bills due later. */
  later: z.object({ receipts: z.number(), bills: z.number() }),
});
export type CashflowReport = z.infer<typeof cashflowReport>;

const period = z
  .strictObject({ from: isoDate('fields.from'), to: isoDate('fields.to') })
  .refine(...periodInOrder);

const incomeReport = z.object({
  currency: z.string(),
  months: z.array(
    z.object({
      month: z.string(),
      invoiced: z.number(),
      received: z.number(),
      billed: z.number(),
      paid: z.number(),
    }),
  ),
  byCustomer: z.array(
    z.object({ id: z.number(), name: z.string(), invoiced: z.number(), received: z.number() }),
  ),
  byCategory: z.array(
    z.object({ id: z.number().nullable(), name: z.string(), billed: z.number(), paid: z.number() }),
  ),
});
export type IncomeReport = z.infer<typeof incomeReport>;

const taxLine = z.object({ name: z.string(), percent: z.string(), base: z.number(), amount: z.number() });
const taxReport = z.object({
  basis: z.enum(['accrual', 'cash']),
  currency: z.string(),
  collected: z.array(taxLine),
  paid: z.array(taxLine),
  totalCollected: z.number(),
  totalPaid: z.number(),
  /** Collected minus reclaimable: what is owed to the tax office (negative: a refund). */
  net: z.number(),
});
export type TaxReport = z.infer<typeof taxReport>;

export const collectionRow = z.object({
  customerId: z.number(),
  name: z.string(),
  overdue: z.number(),
  invoices: z.number(),
  oldestDueDate: z.string(),
  daysOverdue: z.number(),
  lastReminder: z.object({ date: z.string(), level: z.string() }).nullable(),
  /** Reminders proposed for this customer's overdue invoices, waiting for approval in the outbox. */
  proposedReminders: z.number(),
  promise: z.object({ date: z.string(), amount: z.number().nullable(), note: z.string() }).nullable(),
  flagged: z.boolean(),
  lastNote: z.object({ at: z.string(), kind: z.string(), text: z.string() }).nullable(),
});
export type CollectionRow = z.infer<typeof collectionRow>;

export const REPORTS = [
  'receivablesAging',
  'payablesAging',
  'cashflow',
  'incomeExpenses',
  'taxSummary',
  'collections',
  'auditLog',
] as const;

export const dashboardOutput = z.object({
  currency: z.string(),
  today: z.string(),
  receivable: z.number(),
  overdue: z.object({ count: z.number(), amount: z.number() }),
  receivedThisMonth: z.number(),
  /** Open bills due from today to 7 days ahead, and open bills past due: count and balance. */
  billsDueSoon: z.object({ count: z.number(), amount: z.number() }),
  billsOverdue: z.object({ count: z.number(), amount: z.number() }),
  cashflow: z.array(cashflowWeek),
  mostOverdue: z.array(
    z.object({ customerId: z.number(), name: z.string(), amount: z.number(), daysOverdue: z.number() }),
  ),
  nextRecurring: z.array(
    z.object({
      kind: z.enum(['invoice', 'bill']),
      id: z.number(),
      name: z.string(),
      date: z.string(),
      amount: z.number(),
    }),
  ),
});
export type Dashboard = z.infer<typeof dashboardOutput>;

export const reportsApi = {
  'dashboard.summary': { input: z.strictObject({}).optional().default({}), output: dashboardOutput },
  'reports.receivablesAging': {
    input: z.strictObject({ asOf: isoDate('fields.asOf') }),
    output: agingReport,
  },
  'reports.receivablesAgingItems': { input: agingDrillInput, output: z.array(agingItem) },
  /** The same for bills, by vendor. */
  'reports.payablesAging': { input: z.strictObject({ asOf: isoDate('fields.asOf') }), output: agingReport },
  'reports.payablesAgingItems': { input: agingDrillInput, output: z.array(agingItem) },
  'reports.cashflow': { input: z.strictObject({}).optional().default({}), output: cashflowReport },
  /** The cash in the bank the forecast starts from, as the user knows it on a date. */
  'reports.setOpeningBalance': {
    input: z.strictObject({ amount: moneyAmount('fields.openingBalance'), date: isoDate('fields.date') }),
    output: z.object({ amount: z.number(), date: z.string() }),
  },
  'reports.incomeExpenses': { input: period, output: incomeReport },
  'reports.taxSummary': {
    input: z
      .strictObject({
        from: isoDate('fields.from'),
        to: isoDate('fields.to'),
        basis: z.enum(['accrual', 'cash']).nullable().default(null),
      })
      .refine(...periodInOrder),
    output: taxReport,
  },
  'reports.setTaxBasis': {
    input: z.strictObject({ basis: z.enum(['accrual', 'cash']) }),
    output: z.object({ basis: z.enum(['accrual', 'cash']) }),
  },
  /** A report as CSV, computed by the same service as the screen. */
  'reports.exportCsv': {
    input: z
      .strictObject({
        report: z.enum(REPORTS),
        asOf: isoDate('fields.asOf').optional(),
        from: isoDate('fields.from').optional(),
        to: isoDate('fields.to').optional(),
        /** Audit log only: the same filters as the screen. */
        entity: text('fields.recordType', 50).optional(),
        text: searchText().optional(),
      })
      .refine(...periodInOrder),
    output: z.object({ fileName: z.string(), csv: z.string() }),
  },
  'collections.list': { input: z.strictObject({}).optional().default({}), output: z.array(collectionRow) },
  'collections.notes': {
    input: z.strictObject({ customerId: id('fields.customer') }),
    output: z.array(
      z.object({ id: z.number(), at: z.string(), kind: z.string(), text: z.string(), user: z.string() }),
    ),
  },
  'collections.logCall': {
    input: z.strictObject({
      customerId: id('fields.customer'),
      text: multilineText('fields.notes', 2000).min(1, {
        error: () => msg('validation.reports.sayWhatWasDiscussed'),
      }),
    }),
    output: z.object({ ok: z.literal(true) }),
  },
  'collections.recordPromise': {
    input: z.strictObject({
      customerId: id('fields.customer'),
      date: isoDate('fields.promisedDate'),
      amount: moneyAmount('fields.promisedAmount')
        .min(1, { error: () => msg('validation.reports.enterThePromisedAmount') })
        .nullable()
        .default(null),
      note: text('fields.note', 500).default(''),
    }),
    output: z.object({ ok: z.literal(true) }),
  },
  'collections.setFlag': {
    input: z.strictObject({ customerId: id('fields.customer'), flagged: z.boolean() }),
    output: z.object({ ok: z.literal(true) }),
  },
} as const;
