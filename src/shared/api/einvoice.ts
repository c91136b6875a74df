import { msg } from '../i18n';
import { z } from 'zod';
import { id, text } from './fields';
import { EINVOICE_FORMATS, isUnitCode } from '../domain/einvoice/codes';

/** E-invoices out: formats a document can be, its preflight, downloads, the user's unit codes. */
export const einvoiceFormat = z.enum(EINVOICE_FORMATS, {
  error: () => msg('validation.einvoice.chooseAnEInvoiceFormat'),
});

export const UNIT_CODES_KEY = 'einvoice.units';
/** The user's unit → UN/ECE Rec 20 code choices, keyed by the unit as typed (lower case). */
export const unitCodesSchema = z.record(
  text('fields.unit', 30).toLowerCase(),
  text('fields.unitCode', 3)
    .toUpperCase()
    .refine(isUnitCode, { error: () => msg('validation.einvoice.aUnEceUnitCode') }),
);

const problem = z.object({ field: z.string(), message: z.string() });

export const einvoiceApi = {
  /** Which formats this document can be, the customer's preferred one first, with what each still needs. */
  'einvoice.options': {
    input: z.strictObject({ id: id('fields.document') }),
    output: z.object({
      preferred: z.enum(['', ...EINVOICE_FORMATS]),
      formats: z.array(z.object({ format: einvoiceFormat, label: z.string(), problems: z.array(problem) })),
    }),
  },
  /** Before issuing: what the customer's preferred format (or the given one) still needs. */
  'einvoice.preflight': {
    input: z.strictObject({ id: id('fields.document'), format: einvoiceFormat.nullable().default(null) }),
    output: z.object({ format: z.enum(['', ...EINVOICE_FORMATS]), problems: z.array(problem) }),
  },
  'einvoice.download': {
    input: z.strictObject({ id: id('fields.document'), format: einvoiceFormat }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), dataBase64: z.string() }),
  },
  'einvoice.getUnitCodes': {
    input: z.strictObject({}).optional().default({}),
    output: z.record(z.string(), z.string()),
  },
  'einvoice.setUnitCodes': {
    input: z.strictObject({ codes: unitCodesSchema }),
    output: z.record(z.string(), z.string()),
  },
} as const;
