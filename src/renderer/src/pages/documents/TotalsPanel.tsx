import { Divider, Group, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  const v = form.getValues();
  const fmt = useMoneyFormat();
  const c = v.currency;
  return (
    <Stack gap={6} aria-label={t('documents.totals.label')} role="region">
      <Row
        label={v.pricesIncludeTax ? t('documents.totals.subtotalGross') : t('documents.totals.subtotal')}
        value={fmt(totals.subtotal, c)}
      />
      <Group gap={4} wrap="nowrap" align="flex-start">
        <Select
          aria-label={t('documents.totals.discountType')}
          data={[
            { value: 'none', label: t('documents.totals.noDiscount') },
            { value: 'percent', label: t('documents.totals.discountPercentOption') },
            { value: 'amount', label: t('documents.totals.discountIn', { currency: c }) },
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
            aria-label={t('documents.totals.discountPercent')}
            classNames={{ input: 'num' }}
            {...form.getInputProps('discountPercent')}
            style={{ flex: 1 }}
          />
        )}
        {v.discountKind === 'amount' && (
          <MoneyInput
            size="xs"
            aria-label={t('documents.totals.discountAmount')}
            currency={c}
            value={v.discountAmount}
            onChange={(x) => form.setFieldValue('discountAmount', x)}
            error={form.errors.discountPercent as string | undefined}
            style={{ flex: 1 }}
          />
        )}
      </Group>
      {totals.discount !== 0 && (
        <Row label={t('documents.lines.discount')} value={fmt(-totals.discount, c)} />
      )}
      <Group gap={4} wrap="nowrap" align="flex-start">
        <MoneyInput
          size="xs"
          label={t('documents.totals.shipping')}
          currency={c}
          value={v.shipping}
          onChange={(x) => form.setFieldValue('shipping', x)}
          style={{ flex: 1 }}
          error={form.errors.shipping as string | undefined}
        />
        <MultiSelect
          size="xs"
          label={t('documents.totals.shippingTaxes')}
          data={taxes.filter((t) => !t.archived).map((t) => ({ value: String(t.id), label: t.name }))}
          value={v.shippingTaxIds}
          onChange={(x) => form.setFieldValue('shippingTaxIds', x)}
          style={{ flex: 1 }}
        />
      </Group>
      <Divider />
      {!v.pricesIncludeTax && <Row label={t('documents.totals.net')} value={fmt(totals.net, c)} />}
      {totals.taxes.map((x) => (
        <Row
          key={x.taxId}
          label={
            v.pricesIncludeTax
              ? t('documents.totals.taxOnGross', { tax: taxLabel(x), base: fmt(x.base, c) })
              : t('documents.totals.taxOn', { tax: taxLabel(x), base: fmt(x.base, c) })
          }
          value={fmt(x.amount, c)}
        />
      ))}
      <Divider />
      <Row label={t('common.total')} value={fmt(totals.total, c, true)} strong />
    </Stack>
  );
}
