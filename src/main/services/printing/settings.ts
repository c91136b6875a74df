import type { z } from 'zod';
import { documentSettingsSchema } from '../../../shared/api/printing-fields';
import { regionOf, type DocumentSettings } from '../../../shared/domain/document-view';
import { DEFAULT_FILE_NAME_PATTERN } from '../../../shared/domain/file-names';
import { normalizeIban } from '../../../shared/domain/iban';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { readSetting, writeSetting } from '../kv';
import { getPreferences } from '../settings';

export const DOCUMENT_SETTINGS_KEY = 'documents.layout';

/** Countries that print on US Letter; everyone else uses A4. */
const LETTER_REGIONS = new Set([
  'US',
  'CA',
  'MX',
  'PH',
  'CL',
  'CO',
  'VE',
  'CR',
  'GT',
  'PR',
  'DO',
  'SV',
  'PA',
]);

export function defaultDocumentSettings(locale: string): DocumentSettings {
  const letter = LETTER_REGIONS.has(regionOf(locale));
  return {
    paperSize: letter ? 'Letter' : 'A4',
    accentColor: '#3B5BDB',
    addressPosition: letter ? 'us10' : 'din5008',
    fileNamePattern: DEFAULT_FILE_NAME_PATTERN,
    showLogo: true,
    paymentInstructions: '',
    bankName: '',
    accountHolder: '',
    iban: '',
    bic: '',
    epcQr: true,
    defaultFooter: '',
  };
}

export async function getDocumentSettings(ctx: ServiceContext): Promise<DocumentSettings> {
  return await readSetting(
    ctx,
    DOCUMENT_SETTINGS_KEY,
    documentSettingsSchema,
    defaultDocumentSettings((await getPreferences(ctx)).locale),
  );
}

export async function updateDocumentSettings(
  ctx: ServiceContext,
  input: z.output<typeof documentSettingsSchema>,
): Promise<DocumentSettings> {
  const next: DocumentSettings = {
    ...input,
    accentColor: input.accentColor.toUpperCase(),
    iban: input.iban ? normalizeIban(input.iban) : '',
    bic: input.bic.toUpperCase(),
  };
  await storeOf(ctx).tx(async () => {
    const before = await getDocumentSettings(ctx);
    await writeSetting(ctx, DOCUMENT_SETTINGS_KEY, next);
    await recordAudit(ctx, {
      entity: 'document_settings',
      entityId: 'documents',
      action: 'update',
      before: { ...before },
      after: { ...next },
    });
  });
  return await getDocumentSettings(ctx);
}
