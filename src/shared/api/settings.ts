import { msg } from '../i18n';
import { z } from 'zod';
import { addressSchema, emptyInput, paymentTermsSchema } from './common';
import {
  base64File,
  fileNameText,
  currencyCode,
  localeTag,
  languageCode,
  optionalEmail,
  requiredText,
  text,
  labelText,
} from './fields';
import { DOCUMENT_TYPES } from '../domain/numbering';
import { LOGO_MAX_BYTES } from '../domain/images';
import { electronicAddressProblem, normalizeVatId, vatIdProblem } from '../domain/einvoice/codes';

export const businessProfileSchema = z
  .strictObject({
    name: requiredText('fields.businessName'),
    address: addressSchema,
    email: optionalEmail('fields.email'),
    phone: text('fields.phone', 50),
    website: text('fields.website', 200),
    taxNumber: text('fields.taxOrVatNumber', 50),
    /** E-invoices (EN 16931): BT-31 VAT ID, BT-30 legal registration, BT-34 electronic address, BG-6 contact. */
    vatId: vatIdField('fields.vatId').default(''),
    legalRegistration: text('fields.companyRegistration', 100).default(''),
    electronicAddress: text('fields.electronicAddress', 100).default(''),
    electronicAddressScheme: text('fields.scheme', 4).default(''),
    contactName: text('fields.contactPerson', 100).default(''),
    contactPhone: text('fields.contactPhone', 50).default(''),
    contactEmail: optionalEmail('fields.contactEmail').default(''),
  })
  .superRefine((v, ctx) => {
    const problem = electronicAddressProblem(v.electronicAddressScheme, v.electronicAddress);
    if (problem)
      ctx.addIssue({
        code: 'custom',
        message: problem,
        path: [
          v.electronicAddress === ''
            ? 'electronicAddress'
            : v.electronicAddressScheme === ''
              ? 'electronicAddressScheme'
              : 'electronicAddress',
        ],
      });
  });
export type BusinessProfile = z.infer<typeof businessProfileSchema>;

export const preferencesSchema = z.strictObject({
  baseCurrency: currencyCode('fields.baseCurrency'),
  locale: localeTag('fields.locale'),
  defaultPaymentTerms: paymentTermsSchema,
  /** Month (1–12) and day the fiscal year starts, for reports by fiscal year. */
  fiscalYearStartMonth: z
    .number()
    .int()
    .min(1, { error: () => msg('validation.settings.chooseAMonth') })
    .max(12, { error: () => msg('validation.settings.chooseAMonth') }),
  fiscalYearStartDay: z
    .number()
    .int()
    .min(1, { error: () => msg('validation.settings.chooseADay') })
    .max(31, { error: () => msg('validation.settings.chooseADay') }),
  /** The language of Folio's screens; null follows the system's (the browser's) language. */
  language: languageCode('fields.language').nullable().default(null),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const numberSeriesSchema = z.strictObject({
  docType: z.enum(DOCUMENT_TYPES),
  prefix: text('fields.prefix', 20).refine((v) => !/[\\/:*?"<>|]/.test(v), {
    error: () => msg('validation.settings.prefixCannotContainTheyBreak'),
  }),
  includeYear: z.boolean(),
  padding: z
    .number()
    .int()
    .min(1, { error: () => msg('validation.settings.use1To10Digits') })
    .max(10, { error: () => msg('validation.settings.use1To10Digits') }),
  nextNumber: z
    .number({ error: () => msg('validation.settings.enterTheNextNumber') })
    .int({ error: () => msg('validation.settings.nextNumberWhole') })
    .min(1, { error: () => msg('validation.settings.nextNumberMin') })
    .max(999_999_999, { error: () => msg('validation.settings.theNextNumberIsToo') }),
});
export type NumberSeries = z.infer<typeof numberSeriesSchema>;

export const logoInputSchema = z.strictObject({
  fileName: fileNameText(),
  dataBase64: base64File('fields.logo', LOGO_MAX_BYTES),
});

/** A VAT ID checked against the format of its country prefix, stored without spaces. */
export function vatIdField(label: string) {
  return text(label, 30)
    .transform((v) => normalizeVatId(v))
    .refine((v) => vatIdProblem(v) === null, {
      error: (i) => vatIdProblem(i.input as string) ?? labelText(label),
    });
}

/** Output shapes describe what is stored; the input schemas above also enforce the rules. */
const stringFields = <K extends string>(...keys: K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.string()])) as Record<K, z.ZodString>);

const settingsOutput = z.object({
  setupComplete: z.boolean(),
  profile: stringFields(
    'name',
    'email',
    'phone',
    'website',
    'taxNumber',
    'vatId',
    'legalRegistration',
    'electronicAddress',
    'electronicAddressScheme',
    'contactName',
    'contactPhone',
    'contactEmail',
  ).extend({
    address: stringFields('line1', 'line2', 'city', 'region', 'postalCode', 'country'),
  }),
  preferences: z.object({
    baseCurrency: z.string(),
    locale: z.string(),
    defaultPaymentTerms: paymentTermsSchema,
    fiscalYearStartMonth: z.number(),
    fiscalYearStartDay: z.number(),
    language: z.string().nullable(),
  }),
  numbering: z.array(
    z.object({
      docType: z.enum(DOCUMENT_TYPES),
      prefix: z.string(),
      includeYear: z.boolean(),
      padding: z.number(),
      nextNumber: z.number(),
      preview: z.string(),
    }),
  ),
  logo: z.object({ mimeType: z.string(), bytes: z.number() }).nullable(),
});
export type Settings = z.infer<typeof settingsOutput>;

/** The small-business exemption (§ 19 UStG): no VAT on documents, and a printed note. */
export const smallBusinessSchema = z.strictObject({
  enabled: z.boolean(),
  /** The printed note; empty prints the default for the business's country and language. */
  note: text('fields.printedNote', 500),
});
export type SmallBusiness = z.infer<typeof smallBusinessSchema>;
const smallBusinessOutput = z.object({
  enabled: z.boolean(),
  note: z.string(),
  /** What prints when `note` is empty. */
  defaultNote: z.string(),
});
export type SmallBusinessSetting = z.infer<typeof smallBusinessOutput>;

export const settingsApi = {
  'settings.get': { input: emptyInput, output: settingsOutput },
  /** The first-run wizard saves everything in one step, so a failure leaves nothing half-set. */
  'settings.completeSetup': {
    input: z.strictObject({
      profile: businessProfileSchema,
      preferences: preferencesSchema,
      invoiceNumbering: numberSeriesSchema.omit({ docType: true }).optional(),
      logo: logoInputSchema.optional(),
    }),
    output: settingsOutput,
  },
  'settings.updateProfile': { input: businessProfileSchema, output: settingsOutput },
  'settings.updatePreferences': { input: preferencesSchema, output: settingsOutput },
  'settings.updateNumbering': { input: numberSeriesSchema, output: settingsOutput },
  'settings.setLogo': { input: logoInputSchema, output: settingsOutput },
  'settings.removeLogo': { input: emptyInput, output: settingsOutput },
  'settings.getSmallBusiness': { input: emptyInput, output: smallBusinessOutput },
  'settings.updateSmallBusiness': { input: smallBusinessSchema, output: smallBusinessOutput },
  'settings.getLogo': {
    input: emptyInput,
    output: z.object({ mimeType: z.string(), dataBase64: z.string() }).nullable(),
  },
} as const;
