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
} from './fields';
import { DOCUMENT_TYPES } from '../domain/numbering';
import { LOGO_MAX_BYTES } from '../domain/images';
import { electronicAddressProblem, normalizeVatId, vatIdProblem } from '../domain/einvoice/codes';

export const businessProfileSchema = z
  .strictObject({
    name: requiredText('Business name'),
    address: addressSchema,
    email: optionalEmail('Email'),
    phone: text('Phone', 50),
    website: text('Website', 200),
    taxNumber: text('Tax or VAT number', 50),
    /** E-invoices (EN 16931): BT-31 VAT ID, BT-30 legal registration, BT-34 electronic address, BG-6 contact. */
    vatId: vatIdField('VAT ID').default(''),
    legalRegistration: text('Company registration', 100).default(''),
    electronicAddress: text('Electronic address', 100).default(''),
    electronicAddressScheme: text('Scheme', 4).default(''),
    contactName: text('Contact person', 100).default(''),
    contactPhone: text('Contact phone', 50).default(''),
    contactEmail: optionalEmail('Contact email').default(''),
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
  baseCurrency: currencyCode('Base currency'),
  locale: localeTag('Locale'),
  defaultPaymentTerms: paymentTermsSchema,
  /** Month (1–12) and day the fiscal year starts, for reports by fiscal year. */
  fiscalYearStartMonth: z.number().int().min(1, 'Choose a month').max(12, 'Choose a month'),
  fiscalYearStartDay: z.number().int().min(1, 'Choose a day').max(31, 'Choose a day'),
  /** The language of Folio's screens; null follows the system's (the browser's) language. */
  language: languageCode('Language').nullable().default(null),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const numberSeriesSchema = z.strictObject({
  docType: z.enum(DOCUMENT_TYPES),
  prefix: text('Prefix', 20).refine((v) => !/[\\/:*?"<>|]/.test(v), {
    error: 'Prefix cannot contain \\ / : * ? " < > | (they break file names)',
  }),
  includeYear: z.boolean(),
  padding: z.number().int().min(1, 'Use 1 to 10 digits').max(10, 'Use 1 to 10 digits'),
  nextNumber: z
    .number({ error: 'Enter the next number' })
    .int('The next number must be a whole number')
    .min(1, 'The next number must be 1 or more')
    .max(999_999_999, 'The next number is too large'),
});
export type NumberSeries = z.infer<typeof numberSeriesSchema>;

export const logoInputSchema = z.strictObject({
  fileName: fileNameText(),
  dataBase64: base64File('Logo', LOGO_MAX_BYTES),
});

/** A VAT ID checked against the format of its country prefix, stored without spaces. */
export function vatIdField(label: string) {
  return text(label, 30)
    .transform((v) => normalizeVatId(v))
    .refine((v) => vatIdProblem(v) === null, { error: (i) => vatIdProblem(i.input as string) ?? label });
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
  note: text('Printed note', 500),
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
