import { z } from 'zod';
import type { documentLanguageInput } from '../../../shared/api/printing';
import {
  DOCUMENT_FORMATS,
  defaultDocumentLanguage,
  documentWordingKeys,
  type DocumentLanguageSettings,
} from '../../../shared/domain/document-language';
import { CATALOGS, type Catalog } from '../../../shared/i18n/catalogs';
import { LANGUAGES, isLanguage, type Language } from '../../../shared/i18n';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { readSetting, writeSetting } from '../kv';
import { getPreferences } from '../settings';

export const DOCUMENT_LANGUAGE_KEY = 'documents.language';

const stored = z.object({
  language: z.string().refine(isLanguage).optional(),
  format: z.enum(DOCUMENT_FORMATS).default('business'),
  wording: z.record(z.string(), z.record(z.string(), z.string())).default({}),
});

/**
 * The business's document language (until chosen: its locale's language, de-DE → de), how
 * documents write dates and amounts (like the business until chosen), and its own wording.
 */
export async function getDocumentLanguageSettings(ctx: ServiceContext): Promise<DocumentLanguageSettings> {
  const s = await readSetting(ctx, DOCUMENT_LANGUAGE_KEY, stored, { format: 'business', wording: {} });
  return {
    language: s.language ?? defaultDocumentLanguage((await getPreferences(ctx)).locale),
    format: s.format,
    wording: s.wording,
  };
}

function catalogueText(language: Language, key: string): string {
  let node: Catalog | string | undefined = CATALOGS[language];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : '';
}

export async function languageSettingsOutput(ctx: ServiceContext) {
  const s = await getDocumentLanguageSettings(ctx);
  return {
    ...s,
    words: [...documentWordingKeys().keys()].map((key) => ({
      key,
      text: Object.fromEntries(LANGUAGES.map((l) => [l, catalogueText(l, key)])),
    })),
  };
}

export async function updateDocumentLanguageSettings(
  ctx: ServiceContext,
  input: z.output<typeof documentLanguageInput>,
) {
  // Empty words are dropped (the catalogue's word applies again), and so are empty languages.
  const wording: Record<string, Record<string, string>> = {};
  for (const [language, words] of Object.entries(input.wording)) {
    const kept = Object.fromEntries(Object.entries(words).filter(([, v]) => v.trim() !== ''));
    if (Object.keys(kept).length) wording[language] = kept;
  }
  const next = { language: input.language, format: input.format, wording };
  await storeOf(ctx).tx(async () => {
    const before = await getDocumentLanguageSettings(ctx);
    await writeSetting(ctx, DOCUMENT_LANGUAGE_KEY, next);
    await recordAudit(ctx, {
      entity: 'document_settings',
      entityId: 'language',
      action: 'update',
      before: { language: before.language, format: before.format, wording: JSON.stringify(before.wording) },
      after: { language: next.language, format: next.format, wording: JSON.stringify(next.wording) },
    });
  });
  return await languageSettingsOutput(ctx);
}
