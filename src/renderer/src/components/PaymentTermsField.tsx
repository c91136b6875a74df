import { Group, NumberInput, Select } from '@mantine/core';
import type { PaymentTerms } from '../../../shared/domain/terms';

const KINDS = [
  { value: 'on_receipt', label: 'Due on receipt' },
  { value: 'net', label: 'Net (days after issue)' },
  { value: 'eom', label: 'End of month + days' },
];

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
  const days = value.kind === 'on_receipt' ? 0 : value.days;
  return (
    <Group align="flex-start" gap="xs" wrap="nowrap">
      <Select
        label={hideLabel ? undefined : label}
        aria-label={hideLabel ? label : undefined}
        data={KINDS}
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
          label={hideLabel ? undefined : 'Days'}
          aria-label={hideLabel ? 'Days' : undefined}
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
