import { msg } from '../i18n';
import { z } from 'zod';
import { emptyInput } from './common';
import { currencyCode, id, isoDate, languageCode, periodInOrder, text } from './fields';
import {
  DOCUMENT_FORMATS,
  documentWordingKeys,
  isDocumentWordingKey,
  messageArguments,
} from '../domain/document-language';
import { isLanguage } from '../i18n';
import { ADDRESS_POSITIONS, PAPER_SIZES } from '../domain/document-view';
import { documentSettingsSchema } from './printing-fields';

export { documentSettingsSchema };

/**
 * PDFs: the document layout settings, rendering one document for preview, print, download
 * or email, and the bulk export of a period as a zip.
 */
const documentSettingsOutput = z.object({
  paperSize: z.enum(PAPER_SIZES),
  accentColor: z.string(),
  addressPosition: z.enum(ADDRESS_POSITIONS),
  fileNamePattern: z.string(),
  showLogo: z.boolean(),
  paymentInstructions: z.string(),
  bankName: z.string(),
  accountHolder: z.string(),
  iban: z.string(),
  bic: z.string(),
  epcQr: z.boolean(),
  defaultFooter: z.string(),
});

/**
 * The business's document language, how documents write dates and amounts, and its own
 * wording per language: { de: { 'doc.title.invoice': 'Honorarrechnung' } }. An own word may
 * use the {arguments} of the message it replaces and no others; an empty one is dropped.
 */
export const documentLanguageInput = z
  .strictObject({
    language: languageCode('fields.documentLanguage'),
    format: z.enum(DOCUMENT_FORMATS, { error: 'Choose how documents write dates and amounts' }),
    wording: z
      .record(text('fields.language', 10), z.record(text('fields.word', 100), text('fields.wording', 200)))
      .default({}),
  })
  .superRefine((v, ctx) => {
    for (const [language, words] of Object.entries(v.wording)) {
      if (!isLanguage(language)) {
        ctx.addIssue({
          code: 'custom',
          path: ['wording', language],
          message: `${language} is not a language Folio speaks`,
        });
        continue;
      }
      for (const [key, own] of Object.entries(words)) {
        if (!isDocumentWordingKey(key)) {
          ctx.addIssue({
            code: 'custom',
            path: ['wording', language, key],
            message: `${key} is not a document word`,
          });
          continue;
        }
        const allowed = new Set(messageArguments(documentWordingKeys().get(key) ?? ''));
        const unknown = messageArguments(own).filter((a) => !allowed.has(a));
        if (unknown.length)
          ctx.addIssue({
            code: 'custom',
            path: ['wording', language, key],
            message: allowed.size
              ? `Use only ${[...allowed].map((a) => `{${a}}`).join(', ')} here, not ${unknown.map((a) => `{${a}}`).join(', ')}`
              : `This text takes no {placeholders}: remove ${unknown.map((a) => `{${a}}`).join(', ')}`,
          });
      }
    }
  });

const documentLanguageOutput = z.object({
  language: z.string(),
  format: z.enum(DOCUMENT_FORMATS),
  wording: z.record(z.string(), z.record(z.string(), z.string())),
  /** The words that may be changed: key, English text and the text in each language. */
  words: z.array(z.object({ key: z.string(), text: z.record(z.string(), z.string()) })),
});
export type DocumentLanguageSettingsOutput = z.infer<typeof documentLanguageOutput>;

/** What to print: a document, a payment's receipt, a statement, or a reminder letter. */
export const printRef = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('document'), id: id('fields.document') }),
  z.strictObject({ kind: z.literal('receipt'), paymentId: id('fields.payment') }),
  z
    .strictObject({
      kind: z.literal('statement'),
      customerId: id('fields.customer'),
      from: isoDate('fields.from'),
      to: isoDate('fields.to'),
      currency: currencyCode('fields.currency').nullable().default(null),
    })
    .refine(...periodInOrder),
  z.strictObject({
    kind: z.literal('reminder'),
    documentId: id('fields.invoice'),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  }),
  /** One reminder letter listing all of a customer's overdue invoices (in one currency). */
  z.strictObject({
    kind: z.literal('customer_reminder'),
    customerId: id('fields.customer'),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    currency: currencyCode('fields.currency').nullable().default(null),
  }),
]);
export type PrintRef = z.input<typeof printRef>;

const EXPORT_TYPES = ['invoice', 'quote', 'credit_note'] as const;

const exportStatus = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  done: z.number(),
  total: z.number(),
  fileName: z.string(),
  bytes: z.number(),
  error: z.string().nullable(),
  /** Rendering processes used (worker threads), for the curious and the benchmark. */
  workers: z.number(),
});
export type ExportStatus = z.infer<typeof exportStatus>;

export const printingApi = {
  'printing.getSettings': { input: emptyInput, output: documentSettingsOutput },
  'printing.updateSettings': { input: documentSettingsSchema, output: documentSettingsOutput },
  'printing.getLanguageSettings': { input: emptyInput, output: documentLanguageOutput },
  'printing.updateLanguageSettings': { input: documentLanguageInput, output: documentLanguageOutput },
  /** The PDF, base64, for the preview, the browser's print, a download or a check. */
  'printing.render': {
    input: z.strictObject({ ref: printRef }),
    output: z.object({ fileName: z.string(), dataBase64: z.string(), pages: z.number(), bytes: z.number() }),
  },
  /**
   * Desktop: writes the PDF to a temporary file and opens it in the system's PDF viewer, whose
   * Print command uses the OS print dialog. Browser mode answers opened: false; the page then
   * opens the PDF in a browser tab to print.
   */
  'printing.openForPrint': {
    input: z.strictObject({ ref: printRef }),
    output: z.object({ opened: z.boolean(), fileName: z.string() }),
  },
  /** Starts a zip of every document dated in the period (rendered on worker threads). */
  'printing.exportStart': {
    input: z
      .strictObject({
        from: isoDate('fields.from'),
        to: isoDate('fields.to'),
        types: z
          .array(z.enum(EXPORT_TYPES))
          .min(1, { error: () => msg('validation.printing.chooseAtLeastOneKind') })
          .default([...EXPORT_TYPES]),
        includeDrafts: z.boolean().default(false),
        /** Beside each issued invoice and credit note, its customer's preferred e-invoice XML. */
        includeEinvoices: z.boolean().default(false),
      })
      .refine(...periodInOrder),
    output: exportStatus,
  },
  'printing.exportStatus': {
    input: z.strictObject({ jobId: text('fields.export', 64) }),
    output: exportStatus,
  },
  'printing.exportDownload': {
    input: z.strictObject({ jobId: text('fields.export', 64) }),
    output: z.object({ fileName: z.string(), dataBase64: z.string() }),
  },
  'printing.exportCancel': {
    input: z.strictObject({ jobId: text('fields.export', 64) }),
    output: exportStatus,
  },
} as const;
