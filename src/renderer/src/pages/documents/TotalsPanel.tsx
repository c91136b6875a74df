import { Divider, Group, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { Tax } from '../../../../shared/api/catalog';
import type { DocumentTotals } from '../../../../shared/domain/totals';
import { taxLabel } from '../../../../shared/domain/tax';
import { MoneyInput } from '../../components/MoneyInput';
import { useMoneyFormat } from '../../components/Money';
import type { DocumentForm } from './editor-form';

function Row({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm" fw={strong ? 700 : undefined}>
        {label}
      </Text>
      <Text size={strong ? 'lg' : 'sm'} fw={strong ? 700 : undefined} className="num">
        {value}
      </Text>
    </Group>
  );
}

/** The figures of the document as they are now, with the document discount and shipping. */
export function TotalsPanel({
  form,
  totals,
  taxes,
}: {
  form: UseFormReturnType<DocumentForm>;
  totals: DocumentTotals;
  taxes: Tax[];
}) {
  const v = form.getValues();
  const fmt = useMoneyFormat();
  const c = v.currency;
  return (
    <Stack gap={6} aria-label="Totals" role="region">
      <Row label={v.pricesIncludeTax ? 'Subtotal (incl. tax)' : 'Subtotal'} value={fmt(totals.subtotal, c)} />
      <Group gap={4} wrap="nowrap" align="flex-start">
        <Select
          aria-label="Document discount type"
          data={[
            { value: 'none', label: 'No discount' },
            { value: 'percent', label: 'Discount %' },
            { value: 'amount', label: `Discount ${c}` },
          ]}
          value={v.discountKind}
          allowDeselect={false}
          onChange={(k) => form.setFieldValue('discountKind', (k ?? 'none') as 'none')}
          w={140}
          size="xs"
        />
        {v.discountKind === 'percent' && (
          <TextInput
            size="xs"
            aria-label="Document discount percent"
            classNames={{ input: 'num' }}
            {...form.getInputProps('discountPercent')}
            style={{ flex: 1 }}
          />
        )}
        {v.discountKind === 'amount' && (
          <MoneyInput
            size="xs"
            aria-label="Document discount amount"
            currency={c}
            value={v.discountAmount}
            onChange={(x) => form.setFieldValue('discountAmount', x)}
            error={form.errors.discountPercent as string | undefined}
            style={{ flex: 1 }}
          />
        )}
      </Group>
      {totals.discount !== 0 && <Row label="Discount" value={fmt(-totals.discount, c)} />}
      <Group gap={4} wrap="nowrap" align="flex-start">
        <MoneyInput
          size="xs"
          label="Shipping"
          currency={c}
          value={v.shipping}
          onChange={(x) => form.setFieldValue('shipping', x)}
          style={{ flex: 1 }}
          error={form.errors.shipping as string | undefined}
        />
        <MultiSelect
          size="xs"
          label="Shipping taxes"
          data={taxes.filter((t) => !t.archived).map((t) => ({ value: String(t.id), label: t.name }))}
          value={v.shippingTaxIds}
          onChange={(x) => form.setFieldValue('shippingTaxIds', x)}
          style={{ flex: 1 }}
        />
      </Group>
      <Divider />
      {!v.pricesIncludeTax && <Row label="Net" value={fmt(totals.net, c)} />}
      {totals.taxes.map((t) => (
        <Row
          key={t.taxId}
          label={`${v.pricesIncludeTax ? 'incl. ' : ''}${taxLabel(t)} on ${fmt(t.base, c)}`}
          value={fmt(t.amount, c)}
        />
      ))}
      <Divider />
      <Row label="Total" value={fmt(totals.total, c, true)} strong />
    </Stack>
  );
}
