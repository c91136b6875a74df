import { Select, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  EAS_SCHEMES,
  EINVOICE_FORMATS,
  FORMAT_LABELS,
  VAT_CATEGORIES,
  VAT_CATEGORY_LABELS,
  VATEX_CODES,
} from '../../../../shared/domain/einvoice/codes';

export const SCHEME_OPTIONS = Object.entries(EAS_SCHEMES).map(([value, label]) => ({
  value,
  label: `${label} (${value})`,
}));

/** The e-invoice formats a customer can prefer, "None (PDF only)" first, in the screen's language. */
export const formatOptions = (t: TFunction) => [
  { value: '', label: t('einvoice.formatNone') },
  ...EINVOICE_FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] })),
];

export const CATEGORY_OPTIONS = VAT_CATEGORIES.map((c) => ({ value: c, label: VAT_CATEGORY_LABELS[c] }));

export const VATEX_OPTIONS = Object.entries(VATEX_CODES).map(([value, label]) => ({
  value,
  label: `${value} — ${label}`,
}));

type AddressForm = UseFormReturnType<{ electronicAddress: string; electronicAddressScheme: string }>;

/** The electronic address (BT-34/BT-49) and its scheme; a Peppol ID typed as `scheme:id` is split. */
export function ElectronicAddressFields<
  T extends { electronicAddress: string; electronicAddressScheme: string },
>({ form }: { form: UseFormReturnType<T> }) {
  const { t } = useTranslation();
  const f = form as unknown as AddressForm;
  const addressProps = f.getInputProps('electronicAddress');
  return (
    <SimpleGrid cols={2} spacing="xs">
      <TextInput
        label={t('einvoice.address.label')}
        description={t('einvoice.address.hint')}
        {...addressProps}
        onChange={(e) => {
          const text = e.currentTarget.value;
          const m = /^(?:iso6523-actorid-upis::)?([0-9]{4}):(\S+)$/i.exec(text.trim());
          if (m) {
            f.setFieldValue('electronicAddressScheme', m[1]!);
            f.setFieldValue('electronicAddress', m[2]!);
          } else {
            f.setFieldValue('electronicAddress', text);
            if (/@/.test(text) && f.getValues().electronicAddressScheme === '')
              f.setFieldValue('electronicAddressScheme', 'EM');
          }
        }}
      />
      <Select
        label={t('einvoice.address.scheme')}
        description={t('einvoice.address.schemeHint')}
        searchable
        clearable
        data={SCHEME_OPTIONS}
        {...f.getInputProps('electronicAddressScheme')}
        value={f.getValues().electronicAddressScheme || null}
        onChange={(v) => f.setFieldValue('electronicAddressScheme', v ?? '')}
      />
    </SimpleGrid>
  );
}
