import { Group, NumberInput, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PaymentTerms } from '../../../shared/domain/terms';

const KINDS = [
  { value: 'on_receipt', label: 'components.terms.onReceipt' },
  { value: 'net', label: 'components.terms.net' },
  { value: 'eom', label: 'components.terms.eom' },
] as const;

export function PaymentTermsField({
  label,
  value,
  onChange,
  error,
  hideLabel,
}: {
  label: string;
  value: PaymentTerms;
  onChange: (terms: PaymentTerms) => void;
  error?: string;
  /** The label is read by screen readers but not shown (a heading above says it). */
  hideLabel?: boolean;
}) {
  const { t } = useTranslation();
  const days = value.kind === 'on_receipt' ? 0 : value.days;
  return (
    <Group align="flex-start" gap="xs" wrap="nowrap">
      <Select
        label={hideLabel ? undefined : label}
        aria-label={hideLabel ? label : undefined}
        data={KINDS.map((k) => ({ value: k.value, label: t(k.label) }))}
        value={value.kind}
        allowDeselect={false}
        onChange={(kind) => {
          if (kind === 'on_receipt') onChange({ kind });
          else if (kind === 'net' || kind === 'eom')
            onChange({ kind, days: kind === 'net' && days === 0 ? 30 : days });
        }}
        error={error}
        style={{ flex: 1 }}
      />
      {value.kind !== 'on_receipt' && (
        <NumberInput
          label={hideLabel ? undefined : t('components.terms.days')}
          aria-label={hideLabel ? t('components.terms.days') : undefined}
          min={0}
          max={365}
          allowDecimal={false}
          value={days}
          onChange={(v) => onChange({ kind: value.kind, days: typeof v === 'number' ? v : 0 })}
          w={100}
        />
      )}
    </Group>
  );
}
