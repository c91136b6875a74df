import { msg } from '../i18n';
import { z } from 'zod';
import type { EInvoice } from '../domain/einvoice-in/model';
import type { RuleFinding } from '../domain/einvoice-in/rules';
import { exchangeRate, warningSchema } from './payables';
import { id, isBase64, text } from './fields';

/**
 * E-invoices in (issue 12): UBL, CII and Factur-X/ZUGFeRD files become bills (or vendor
 * credits), with every payables check, the EN 16931 rules, and a readable view on the bill.
 * Each file of a batch is judged alone; `preview` stores nothing, `commit` imports each good
 * file in its own transaction.
 */

/** Up to 20 MB per file is read (said in the refusal); the base64 text may be larger so that a bigger file is refused by name. */
const fileInput = z.strictObject({
  fileName: text('fields.fileName', 255).default(''),
  dataBase64: z
    .string()
    .max(76 * 1024 * 1024, { error: () => msg('validation.einvoiceImport.aFileThisLargeCannot') })
    .refine(isBase64, { error: () => msg('validation.einvoiceImport.theFileDidNotArrive') }),
});
const files = z
  .array(fileInput)
  .min(1, { error: () => msg('validation.einvoiceImport.chooseAtLeastOneFile') })
  .max(200, { error: () => msg('validation.einvoiceImport.importAtMost200Files') });

export const ruleFindingSchema = z.custom<RuleFinding>((v) => typeof v === 'object' && v !== null);
export const einvoiceDataSchema = z.custom<EInvoice>((v) => typeof v === 'object' && v !== null);

const vendorMatch = z.object({
  id: z.number(),
  name: z.string(),
  by: z.enum(['vat_id', 'iban', 'electronic_address', 'name']),
});
const vendorProposal = z.object({
  name: z.string(),
  taxNumber: z.string(),
  email: z.string(),
  address: z.string(),
  bankDetails: z.string(),
});

export const einvoiceFileResult = z.object({
  fileName: z.string(),
  status: z.enum(['ready', 'ready_with_warnings', 'imported', 'imported_with_warnings', 'refused']),
  /** For a refused file: what is wrong, starting with its name. */
  message: z.string(),
  kind: z.enum(['bill', 'vendor_credit']).nullable(),
  format: z.string(),
  number: z.string(),
  issueDate: z.string(),
  currency: z.string(),
  total: z.number(),
  payable: z.number(),
  lines: z.number(),
  sellerName: z.string(),
  vendor: vendorMatch.nullable(),
  /** When no vendor matched: the vendor the file describes, created on commit. */
  newVendor: vendorProposal.nullable(),
  /** The currency needs an exchange rate to the base currency that Folio does not know yet. */
  needsRate: z.string().nullable(),
  purchaseOrder: z.object({ id: z.number(), number: z.string() }).nullable(),
  /** The payables checks (duplicates, over-billing, changed bank details). */
  warnings: z.array(warningSchema),
  /** EN 16931 rule failures (and advice), in words with the rule id. */
  findings: z.array(ruleFindingSchema),
  billId: z.number().nullable(),
  vendorCreditId: z.number().nullable(),
});
export type EInvoiceFileResult = z.infer<typeof einvoiceFileResult>;

const batchResult = z.object({
  files: z.array(einvoiceFileResult),
  counts: z.object({ ok: z.number(), withWarnings: z.number(), refused: z.number() }),
});

export const einvoiceView = z.object({
  id: z.number(),
  fileName: z.string(),
  fileSha256: z.string(),
  container: z.enum(['xml', 'pdf']),
  format: z.string(),
  data: einvoiceDataSchema,
  findings: z.array(ruleFindingSchema),
  payable: z.number(),
  importedAt: z.string(),
});
export type EInvoiceView = z.infer<typeof einvoiceView>;

export const vendorCreditSchema = z.object({
  id: z.number(),
  vendorId: z.number(),
  number: z.string(),
  creditDate: z.string(),
  currency: z.string(),
  subtotal: z.number(),
  tax: z.number(),
  total: z.number(),
  /** The vendor's invoice number it credits (BT-25), and our bill with that number when found. */
  invoiceReference: z.string(),
  bill: z.object({ id: z.number(), number: z.string() }).nullable(),
  fromEInvoice: z.boolean(),
  /** What is left to apply to bills (total less what was applied). */
  remaining: z.number(),
});
export type VendorCredit = z.infer<typeof vendorCreditSchema>;

export const einvoiceImportApi = {
  /**
   * The import screen is about to be used (a file picker opens, files are dragged over it):
   * the rule threads start and warm up meanwhile. Nothing is read or saved; the answer is
   * the number of threads ready (0 on one core).
   */
  'einvoiceImport.prepare': {
    input: z.strictObject({}),
    output: z.object({ threads: z.number() }),
  },
  'einvoiceImport.preview': {
    input: z.strictObject({
      files,
      exchangeRates: z.record(text('fields.currency', 3), exchangeRate).default({}),
    }),
    output: batchResult,
  },
  'einvoiceImport.commit': {
    input: z.strictObject({
      files,
      exchangeRates: z.record(text('fields.currency', 3), exchangeRate).default({}),
      /** The user confirmed creating the vendors the preview proposed. */
      createVendors: z.boolean().default(false),
    }),
    output: batchResult,
  },
  'einvoices.forBill': {
    input: z.strictObject({ billId: id('fields.bill') }),
    output: z.object({ einvoice: einvoiceView.nullable() }),
  },
  /** Credits a vendor gave (credit notes imported as e-invoices), newest first. */
  'vendorCredits.list': {
    input: z.strictObject({ vendorId: id('fields.vendor') }),
    output: z.array(vendorCreditSchema),
  },
  'einvoices.forVendorCredit': {
    input: z.strictObject({ vendorCreditId: id('fields.vendorCredit') }),
    output: z.object({ einvoice: einvoiceView.nullable() }),
  },
} as const;
