import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, languageName } from '../../../shared/i18n';
import { useApi } from '../api/hooks';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value?: string | null;
  onChange: (value: string | null) => void;
  /** A customer's choice: empty means the business's document language (named in the list). */
  inherit?: boolean;
};

/** The language of documents: the business's in Settings, or a customer's own. */
export function DocumentLanguageSelect({ value, onChange, inherit = false, ...rest }: Props) {
  const { t } = useTranslation();
  const business = useApi('printing.getLanguageSettings', {}, { enabled: inherit }).data?.language;
  const languages = LANGUAGES.map((l) => ({ value: l, label: languageName(l) }));
  return (
    <Select
      label={t('doc.ui.language')}
      data={languages}
      value={value ?? null}
      onChange={(v) => onChange(v)}
      allowDeselect={inherit}
      clearable={inherit}
      placeholder={
        inherit && business ? t('doc.ui.likeBusiness', { language: languageName(business) }) : undefined
      }
      {...rest}
    />
  );
}
