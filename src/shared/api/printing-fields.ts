import { z } from 'zod';
import { msg } from '../i18n';
import { multilineText, text } from './fields';
import { ADDRESS_POSITIONS, PAPER_SIZES } from '../domain/document-view';
import { isValidBic, isValidIban } from '../domain/iban';
import { unknownFileNameFields } from '../domain/file-names';

/**
 * The document layout settings, apart from the rest of the printing contract (./printing.ts,
 * which re-exports it): services read these settings at open (through the e-invoice checks of
 * documents), while the contract's schemas are built on the first printing call (see
 * src/main/api/specs.ts).
 */
export const documentSettingsSchema = z.strictObject({
  paperSize: z.enum(PAPER_SIZES, { error: () => msg('validation.printing.chooseA4OrUsLetter') }),
  accentColor: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, { error: () => msg('validation.printing.accentColourMustBeA') }),
  addressPosition: z.enum(ADDRESS_POSITIONS, {
    error: () => msg('validation.printing.chooseWhereTheAddressGoes'),
  }),
  fileNamePattern: text('fields.fileNamePattern', 120)
    .min(1, { error: () => msg('validation.printing.enterAFileNamePattern') })
    .refine((v) => unknownFileNameFields(v).length === 0, {
      error: (i) =>
        `${unknownFileNameFields(i.input as string).join(', ')} is not a field: use {number}, {customer}, {type} or {date}`,
    })
    .refine((v) => /\{(number|date)\}/.test(v), {
      error: () => msg('validation.printing.includeNumberOrDateSo'),
    }),
  showLogo: z.boolean(),
  paymentInstructions: multilineText('fields.paymentInstructions', 1000),
  bankName: text('fields.bank', 100),
  accountHolder: text('fields.accountHolder', 70),
  iban: text('fields.iban', 42).refine((v) => v === '' || isValidIban(v), {
    error: () => msg('validation.printing.thisIbanIsNotValid'),
  }),
  bic: text('fields.bic', 11).refine((v) => v === '' || isValidBic(v), {
    error: () => msg('validation.printing.aBicHas8Or'),
  }),
  epcQr: z.boolean(),
  defaultFooter: multilineText('fields.footer', 500),
});
