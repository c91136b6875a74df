import type { ParsedInput } from '../../shared/api/contract';
import {
  preferencesSchema,
  smallBusinessSchema,
  type BusinessProfile,
  type SmallBusiness,
  type SmallBusinessSetting,
  type NumberSeries,
  type Preferences,
  type Settings,
} from '../../shared/api/settings';
import { attachmentStructureProblem } from '../../shared/domain/attachments';
import { detectImageType } from '../../shared/domain/images';
import { formatDocumentNumber } from '../../shared/domain/numbering';
import { parseIsoDate } from '../../shared/domain/dates';
import { defaultSmallBusinessNote } from '../../shared/domain/small-business';
import { fieldError } from '../../shared/api/errors';
import { msg } from '../../shared/i18n';
import { qb } from '../db/store';
import type { BusinessProfileTable } from '../db/schema';
import { recordAudit } from './audit';
import { storeOf, type ServiceContext } from './context';
import { readSetting, writeSetting } from './kv';
import { guardNextNumber } from './receivables/numbering';

export const DEFAULT_PREFERENCES: Preferences = {
  baseCurrency: 'USD',
  locale: 'en-US',
  defaultPaymentTerms: { kind: 'net', days: 30 },
  fiscalYearStartMonth: 1,
  fiscalYearStartDay: 1,
  language: null,
};

export async function getPreferences(ctx: ServiceContext): Promise<Preferences> {
  return await readSetting(ctx, 'preferences', preferencesSchema, DEFAULT_PREFERENCES);
}

const SMALL_BUSINESS_KEY = 'tax.smallBusiness';

/** The small-business exemption (§ 19 UStG) as stored: off unless the user turns it on. */
export async function readSmallBusiness(ctx: ServiceContext): Promise<SmallBusiness> {
  return await readSetting(ctx, SMALL_BUSINESS_KEY, smallBusinessSchema, { enabled: false, note: '' });
}

export async function getSmallBusiness(ctx: ServiceContext): Promise<SmallBusinessSetting> {
  const row = await profileRow(ctx);
  return {
    ...(await readSmallBusiness(ctx)),
    defaultNote: defaultSmallBusinessNote(row.country, (await getPreferences(ctx)).locale),
  };
}

export async function updateSmallBusiness(
  ctx: ServiceContext,
  input: SmallBusiness,
): Promise<SmallBusinessSetting> {
  await storeOf(ctx).tx(async () => {
    const before = await readSmallBusiness(ctx);
    const after = { enabled: input.enabled, note: input.note.trim() };
    await writeSetting(ctx, SMALL_BUSINESS_KEY, after);
    await recordAudit(ctx, {
      entity: 'settings',
      entityId: SMALL_BUSINESS_KEY,
      action: 'update',
      before: { ...before },
      after: { ...after },
    });
  });
  return await getSmallBusiness(ctx);
}

async function profileRow(ctx: ServiceContext) {
  return (await storeOf(ctx).first(
    qb
      .selectFrom('business_profile')
      .select([
        'name',
        'address_line1',
        'address_line2',
        'city',
        'region',
        'postal_code',
        'country',
        'email',
        'phone',
        'website',
        'tax_number',
        'vat_id',
        'legal_registration',
        'eaddress',
        'eaddress_scheme',
        'contact_name',
        'contact_phone',
        'contact_email',
        'logo_mime',
        'setup_completed_at',
        (eb) => eb.fn<number | null>('length', ['logo']).as('logo_bytes'),
      ])
      .where('id', '=', 1),
  ))!;
}

function toProfile(row: Awaited<ReturnType<typeof profileRow>>): BusinessProfile {
  return {
    name: row.name,
    address: {
      line1: row.address_line1,
      line2: row.address_line2,
      city: row.city,
      region: row.region,
      postalCode: row.postal_code,
      country: row.country,
    },
    email: row.email,
    phone: row.phone,
    website: row.website,
    taxNumber: row.tax_number,
    vatId: row.vat_id,
    legalRegistration: row.legal_registration,
    electronicAddress: row.eaddress,
    electronicAddressScheme: row.eaddress_scheme,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
  };
}

function profileColumns(p: BusinessProfile): Partial<BusinessProfileTable> {
  return {
    name: p.name,
    address_line1: p.address.line1,
    address_line2: p.address.line2,
    city: p.address.city,
    region: p.address.region,
    postal_code: p.address.postalCode,
    country: p.address.country,
    email: p.email,
    phone: p.phone,
    website: p.website,
    tax_number: p.taxNumber,
    vat_id: p.vatId,
    legal_registration: p.legalRegistration,
    eaddress: p.electronicAddress,
    eaddress_scheme: p.electronicAddressScheme,
    contact_name: p.contactName,
    contact_phone: p.contactPhone,
    contact_email: p.contactEmail,
  };
}

export async function listNumberSeries(ctx: ServiceContext): Promise<NumberSeries[]> {
  return (await storeOf(ctx).all(qb.selectFrom('number_series').selectAll().orderBy('doc_type'))).map(
    (r) => ({
      docType: r.doc_type,
      prefix: r.prefix,
      includeYear: r.include_year === 1,
      padding: r.padding,
      nextNumber: r.next_number,
    }),
  );
}

export async function getSettings(ctx: ServiceContext): Promise<Settings> {
  const row = await profileRow(ctx);
  const year = parseIsoDate(ctx.clock.today()).year;
  return {
    setupComplete: row.setup_completed_at !== null,
    profile: toProfile(row),
    preferences: await getPreferences(ctx),
    numbering: (await listNumberSeries(ctx)).map((s) => ({
      ...s,
      preview: formatDocumentNumber(s, year, s.nextNumber),
    })),
    logo: row.logo_mime ? { mimeType: row.logo_mime, bytes: row.logo_bytes ?? 0 } : null,
  };
}

async function saveProfile(ctx: ServiceContext, profile: BusinessProfile): Promise<void> {
  const before = toProfile(await profileRow(ctx));
  await storeOf(ctx).run(qb.updateTable('business_profile').set(profileColumns(profile)).where('id', '=', 1));
  await recordAudit(ctx, {
    entity: 'business_profile',
    entityId: 1,
    action: 'update',
    before: flat(before),
    after: flat(profile),
  });
}

async function savePreferences(ctx: ServiceContext, prefs: Preferences): Promise<void> {
  const before = await getPreferences(ctx);
  await writeSetting(ctx, 'preferences', prefs);
  await recordAudit(ctx, {
    entity: 'preferences',
    entityId: 'preferences',
    action: 'update',
    before: flat(before),
    after: flat(prefs),
  });
}

/** Decodes and checks an uploaded logo: its bytes must really be a PNG or JPEG. */
function decodeLogo(input: { dataBase64: string }, field: string): { bytes: Buffer; mime: string } {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  const mime = detectImageType(bytes);
  if (!mime || attachmentStructureProblem(bytes, mime))
    throw fieldError(field, mime ? msg('errors.settings.logoDamaged') : msg('errors.settings.logoNotImage'));
  return { bytes, mime };
}

async function saveLogo(ctx: ServiceContext, logo: { bytes: Buffer; mime: string } | null): Promise<void> {
  const before = await profileRow(ctx);
  await storeOf(ctx).run(
    qb
      .updateTable('business_profile')
      .set({ logo: logo?.bytes ?? null, logo_mime: logo?.mime ?? null })
      .where('id', '=', 1),
  );
  await recordAudit(ctx, {
    entity: 'business_profile',
    entityId: 1,
    action: logo ? 'set_logo' : 'remove_logo',
    before: { logo: before.logo_mime ? `${before.logo_mime}, ${before.logo_bytes} bytes` : null },
    after: { logo: logo ? `${logo.mime}, ${logo.bytes.length} bytes` : null },
  });
}

async function saveNumbering(ctx: ServiceContext, series: NumberSeries): Promise<void> {
  const before = (await listNumberSeries(ctx)).find((s) => s.docType === series.docType);
  await storeOf(ctx).run(
    qb
      .updateTable('number_series')
      .set({
        prefix: series.prefix,
        include_year: series.includeYear ? 1 : 0,
        padding: series.padding,
        next_number: series.nextNumber,
      })
      .where('doc_type', '=', series.docType),
  );
  await recordAudit(ctx, {
    entity: 'number_series',
    entityId: series.docType,
    action: 'update',
    before: before ? { ...before } : null,
    after: { ...series },
  });
}

export async function completeSetup(
  ctx: ServiceContext,
  input: ParsedInput<'settings.completeSetup'>,
): Promise<Settings> {
  const logo = input.logo ? decodeLogo(input.logo, 'logo.dataBase64') : null;
  await storeOf(ctx).tx(async () => {
    await saveProfile(ctx, input.profile);
    await savePreferences(ctx, input.preferences);
    if (input.invoiceNumbering) await saveNumbering(ctx, { ...input.invoiceNumbering, docType: 'invoice' });
    if (logo) await saveLogo(ctx, logo);
    await storeOf(ctx).run(
      qb
        .updateTable('business_profile')
        .set({ setup_completed_at: ctx.clock.now().toISOString() })
        .where('id', '=', 1),
    );
    await recordAudit(ctx, { entity: 'business_profile', entityId: 1, action: 'complete_setup' });
  });
  return await getSettings(ctx);
}

export async function updateProfile(ctx: ServiceContext, input: BusinessProfile): Promise<Settings> {
  await storeOf(ctx).tx(async () => await saveProfile(ctx, input));
  return await getSettings(ctx);
}

export async function updatePreferences(ctx: ServiceContext, input: Preferences): Promise<Settings> {
  await storeOf(ctx).tx(async () => await savePreferences(ctx, input));
  return await getSettings(ctx);
}

export async function updateNumbering(ctx: ServiceContext, input: NumberSeries): Promise<Settings> {
  await storeOf(ctx).tx(async () => {
    await guardNextNumber(ctx, input.docType, input.nextNumber);
    await saveNumbering(ctx, input);
  });
  return await getSettings(ctx);
}

export async function setLogo(
  ctx: ServiceContext,
  input: ParsedInput<'settings.setLogo'>,
): Promise<Settings> {
  const logo = decodeLogo(input, 'dataBase64');
  await storeOf(ctx).tx(async () => await saveLogo(ctx, logo));
  return await getSettings(ctx);
}

export async function removeLogo(ctx: ServiceContext): Promise<Settings> {
  await storeOf(ctx).tx(async () => await saveLogo(ctx, null));
  return await getSettings(ctx);
}

export async function getLogo(ctx: ServiceContext): Promise<{ mimeType: string; dataBase64: string } | null> {
  const row = await storeOf(ctx).first(
    qb.selectFrom('business_profile').select(['logo', 'logo_mime']).where('id', '=', 1),
  );
  if (!row?.logo || !row.logo_mime) return null;
  return { mimeType: row.logo_mime, dataBase64: Buffer.from(row.logo).toString('base64') };
}

/** Flattens nested settings objects so the audit diff names each field ("address.city"). */
function flat(value: object, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flat(v, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}
