import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localeName } from '../lib/format';

/** Locales that decide how numbers and dates look; the list covers Folio's markets. */
const LOCALES = [
  'en-US',
  'en-GB',
  'en-CA',
  'en-AU',
  'en-NZ',
  'en-IE',
  'en-IN',
  'en-ZA',
  'de-DE',
  'de-AT',
  'de-CH',
  'fr-FR',
  'fr-BE',
  'fr-CA',
  'fr-CH',
  'it-IT',
  'es-ES',
  'es-MX',
  'pt-PT',
  'pt-BR',
  'nl-NL',
  'nl-BE',
  'sv-SE',
  'da-DK',
  'nb-NO',
  'fi-FI',
  'pl-PL',
  'cs-CZ',
  'sk-SK',
  'hu-HU',
  'ro-RO',
  'bg-BG',
  'el-GR',
  'hr-HR',
  'sl-SI',
  'et-EE',
  'lv-LV',
  'lt-LT',
  'uk-UA',
  'ru-RU',
  'tr-TR',
  'ja-JP',
  'zh-CN',
  'ko-KR',
];

export function LocaleSelect({ value, ...props }: SelectProps) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const data = useMemo(() => {
    const tags = value && !LOCALES.includes(value) ? [value, ...LOCALES] : LOCALES;
    const sample = (tag: string) =>
      `${new Intl.NumberFormat(tag).format(1234.5)} · ${new Intl.DateTimeFormat(tag).format(new Date(Date.UTC(2026, 2, 31)))}`;
    return tags.map((tag) => ({
      value: tag,
      label: `${localeName(tag, language)} (${tag}) — ${sample(tag)}`,
    }));
  }, [value, language]);
  return (
    <Select searchable allowDeselect={false} data={data} value={value} maxDropdownHeight={280} {...props} />
  );
}
