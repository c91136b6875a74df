import { msg } from '../i18n';
import { z } from 'zod';
import {
  base64File,
  currencyCode,
  editVersion,
  id,
  isoDate,
  optionalBic,
  optionalIban,
  requiredText,
  text,
} from './fields';
import { CSV_DATE_FORMATS, CSV_DELIMITERS, CSV_ENCODINGS } from '../domain/bank/csv-mapping';

/** Statement files up to this size are read. */
export const STATEMENT_MAX_BYTES = 20 * 1024 * 1024;

/** What a line that is not a payment can be marked as. */
export const BANK_CATEGORIES = [
  'bank_fees',
  'owner_transfer',
  'tax_payment',
  'other_income',
  'other_expense',
  'transfer_between_accounts',
] as const;
export const BANK_CATEGORY_LABELS: Record<(typeof BANK_CATEGORIES)[number], string> = {
  bank_fees: 'Bank fees',
  owner_transfer: "Owner's transfer",
  tax_payment: 'Tax payment',
  other_income: 'Other income',
  other_expense: 'Other expense',
  transfer_between_accounts: 'Transfer between own accounts',
};

export const bankAccountInput = z.strictObject({
  name: requiredText('fields.accountName', 100),
  iban: optionalIban().default(''),
  accountNumber: text('fields.accountNumber', 40).default(''),
  bic: optionalBic().default(''),
  currency: currencyCode(),
  openingBalance: z.number({ error: () => msg('validation.bank.enterTheOpeningBalance') }).int(),
  openingDate: isoDate('fields.openingBalanceDate'),
});

export const bankAccountOutput = z.object({
  id: z.number(),
  name: z.string(),
  iban: z.string(),
  accountNumber: z.string(),
  bic: z.string(),
  currency: z.string(),
  openingBalance: z.number(),
  openingDate: z.string(),
  /** Opening balance plus every imported line. */
  balance: z.number(),
  /** The date of the newest line (or the opening date). */
  balanceDate: z.string(),
  openLines: z.number(),
  reconciledTo: z.string().nullable(),
  lastStatement: z
    .object({
      closingBalance: z.number().nullable(),
      closingDate: z.string().nullable(),
      importedAt: z.string(),
    })
    .nullable(),
  archived: z.boolean(),
  /** Counts the saves; an update names the version it started from (services/versions.ts). */
  version: z.number(),
});
export type BankAccount = z.infer<typeof bankAccountOutput>;

export const csvMappingSchema = z.strictObject({
  encoding: z.enum(CSV_ENCODINGS),
  delimiter: z.enum(CSV_DELIMITERS),
  skipRows: z.number().int().min(0).max(50),
  dateColumn: requiredText('fields.bookingDateColumn', 100),
  valueDateColumn: text('fields.column', 100).nullable(),
  dateFormat: z.enum(CSV_DATE_FORMATS),
  decimal: z.enum(['.', ',']),
  amountMode: z.enum(['signed', 'debitCredit']),
  amountColumn: text('fields.column', 100).nullable(),
  debitColumn: text('fields.column', 100).nullable(),
  creditColumn: text('fields.column', 100).nullable(),
  nameColumn: text('fields.column', 100).nullable(),
  ibanColumn: text('fields.column', 100).nullable(),
  referenceColumn: text('fields.column', 100).nullable(),
  textColumn: text('fields.column', 100).nullable(),
  idColumn: text('fields.column', 100).nullable(),
});

const fileInput = {
  accountId: id('fields.account'),
  fileName: text('fields.fileName', 255).default('statement'),
  dataBase64: base64File('fields.statementFile', STATEMENT_MAX_BYTES),
};

const balanceSchema = z.object({ amount: z.number(), date: z.string() }).nullable();

export const importPreviewOutput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('statement'),
    format: z.string(),
    lines: z.number(),
    newLines: z.number(),
    duplicates: z.number(),
    moneyIn: z.number(),
    moneyOut: z.number(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    opening: balanceSchema,
    closing: balanceSchema,
    warnings: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('csv'),
    mapping: csvMappingSchema,
    remembered: z.boolean(),
    headers: z.array(z.string()),
    sample: z.array(z.array(z.string())),
  }),
]);

export const bankLineOutput = z.object({
  id: z.number(),
  accountId: z.number(),
  bookingDate: z.string(),
  valueDate: z.string().nullable(),
  amount: z.number(),
  currency: z.string(),
  counterpartyName: z.string(),
  counterpartyIban: z.string(),
  reference: z.string(),
  text: z.string(),
  status: z.enum(['open', 'matched', 'categorized']),
  category: z.string().nullable(),
  note: z.string(),
  match: z
    .object({
      kind: z.enum(['payment', 'bill_payment']),
      id: z.number(),
      partyName: z.string(),
      documents: z.array(z.object({ id: z.number(), number: z.string() })),
    })
    .nullable(),
});
export type BankLine = z.infer<typeof bankLineOutput>;

export const suggestionOutput = z.object({
  kind: z.enum(['invoices', 'bills']),
  partyId: z.number(),
  partyName: z.string(),
  /** 0–100: how sure Folio is. */
  score: z.number(),
  reasons: z.array(z.string()),
  allocations: z.array(
    z.object({
      documentId: z.number(),
      number: z.string(),
      balance: z.number(),
      amount: z.number(),
      /** Early-payment discount taken on a bill (bills only). */
      discount: z.number(),
    }),
  ),
  /** What would be left over (customer credit) or missing (a partial payment). */
  unapplied: z.number(),
});
export type BankSuggestion = z.infer<typeof suggestionOutput>;

export const bankApi = {
  'bank.accounts.list': {
    input: z
      .strictObject({ includeArchived: z.boolean().default(false) })
      .optional()
      .default({ includeArchived: false }),
    output: z.array(bankAccountOutput),
  },
  'bank.accounts.get': { input: z.strictObject({ id: id('fields.account') }), output: bankAccountOutput },
  'bank.accounts.create': { input: bankAccountInput, output: bankAccountOutput },
  'bank.accounts.update': {
    input: bankAccountInput.extend({ id: id('fields.account'), version: editVersion.optional() }),
    output: bankAccountOutput,
  },
  'bank.accounts.archive': {
    input: z.strictObject({ id: id('fields.account'), archived: z.boolean() }),
    output: bankAccountOutput,
  },
  /** Reads a file without saving anything: what it holds, or the CSV columns to map. */
  'bank.import.preview': {
    input: z.strictObject({ ...fileInput, csvMapping: csvMappingSchema.optional() }),
    output: importPreviewOutput,
  },
  /** Imports a file: all its new lines or nothing. Lines already imported are skipped. */
  'bank.import.commit': {
    input: z.strictObject({ ...fileInput, csvMapping: csvMappingSchema.optional() }),
    output: z.object({
      importId: z.number(),
      added: z.number(),
      skipped: z.number(),
      closing: balanceSchema,
    }),
  },
  'bank.lines.list': {
    input: z.strictObject({
      accountId: id('fields.account'),
      status: z.enum(['open', 'matched', 'categorized', 'all']).default('open'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    output: z.object({ rows: z.array(bankLineOutput), total: z.number() }),
  },
  'bank.lines.suggest': {
    input: z.strictObject({ lineId: id('fields.line') }),
    output: z.array(suggestionOutput),
  },
  /** Records the payment (or bill payment) exactly as if typed, linked to the line. */
  'bank.lines.confirm': {
    input: z.strictObject({
      lineId: id('fields.line'),
      kind: z.enum(['invoices', 'bills']),
      partyId: id('fields.customerOrVendor'),
      allocations: z
        .array(
          z.strictObject({
            documentId: id('fields.invoiceOrBill'),
            amount: z
              .number()
              .int()
              .min(1, { error: () => msg('validation.bank.enterAnAmountAboveZero') }),
            discount: z.number().int().min(0).default(0),
          }),
        )
        .max(500),
    }),
    output: bankLineOutput,
  },
  /** Removes the payment recorded from the line and opens the line again. */
  'bank.lines.undo': { input: z.strictObject({ lineId: id('fields.line') }), output: bankLineOutput },
  'bank.lines.categorize': {
    input: z.strictObject({
      lineId: id('fields.line'),
      category: z
        .enum(BANK_CATEGORIES, { error: () => msg('validation.bank.chooseWhatThisLineIs') })
        .nullable(),
      note: text('fields.note', 500).default(''),
    }),
    output: bankLineOutput,
  },
  'bank.rules.list': {
    input: z.strictObject({}).optional().default({}),
    output: z.array(
      z.object({
        id: z.number(),
        kind: z.enum(['iban', 'name']),
        pattern: z.string(),
        partyKind: z.enum(['customer', 'vendor']),
        partyId: z.number(),
        partyName: z.string(),
        uses: z.number(),
        createdAt: z.string(),
      }),
    ),
  },
  'bank.rules.delete': {
    input: z.strictObject({ id: id('fields.rule') }),
    output: z.object({ deleted: z.boolean() }),
  },
  'bank.reconcile.status': {
    input: z.strictObject({ accountId: id('fields.account') }),
    output: z.object({
      statementClosing: balanceSchema,
      folioBalance: z.number(),
      difference: z.number().nullable(),
      openLines: z.number(),
      reconciledTo: z.string().nullable(),
    }),
  },
  'bank.reconcile.mark': {
    input: z.strictObject({ accountId: id('fields.account'), date: isoDate('fields.reconciledTo') }),
    output: bankAccountOutput,
  },
} as const;
