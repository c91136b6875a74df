import { useTranslation } from 'react-i18next';
import { ActionIcon, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { lineAmount, quantityToMilli } from '../../../../../shared/domain/bill-amounts';
import { useApi } from '../../../api/hooks';
import { MoneyInput } from '../../../components/MoneyInput';
import { useFormat } from './format';
import { DecimalInput } from '../../../components/DecimalInput';

export interface LineValues {
  key: string;
  description: string;
  categoryId: string | null;
  quantity: number | string;
  unitPrice: number | null;
  tax: number | null;
  purchaseOrderLineId: number | null;
}

let keys = 0;
export const newLine = (overrides: Partial<LineValues> = {}): LineValues => ({
  key: `line-${++keys}`,
  description: '',
  categoryId: null,
  quantity: 1,
  unitPrice: null,
  tax: null,
  purchaseOrderLineId: null,
  ...overrides,
});

export function lineTotal(l: LineValues): number {
  const milli = quantityToMilli(Number(l.quantity));
  return milli === null || l.unitPrice === null ? 0 : lineAmount(milli, l.unitPrice);
}

/** The API's line from the form's: empty amounts are 0, categories are ids. */
export function toLineInput(l: LineValues) {
  return {
    description: l.description,
    categoryId: l.categoryId ? Number(l.categoryId) : null,
    quantity: Number(l.quantity),
    unitPrice: l.unitPrice ?? 0,
    tax: l.tax ?? 0,
    purchaseOrderLineId: l.purchaseOrderLineId,
  };
}

/**
 * Lines of a bill, order or template: Tab walks a line left to right; "Add line" adds one.
 * Every input is named by its line ("Line 2 price") for screen readers and tests.
 */
export function LinesEditor<T extends { lines: LineValues[] }>({
  form,
  currency,
  withTax = true,
  poLineLabels,
}: {
  form: UseFormReturnType<T>;
  currency: string;
  withTax?: boolean;
  /** Purchase order lines this bill's lines can point at, by id. */
  poLineLabels?: Map<number, string>;
}) {
  const { money } = useFormat();
  const { t } = useTranslation();
  const categories = useApi('expenseCategories.list', {});
  const categoryData = useMemo(
    () =>
      (categories.data ?? []).filter((c) => !c.archived).map((c) => ({ value: String(c.id), label: c.name })),
    [categories.data],
  );
  const lines = form.getValues().lines;
  const error = (i: number, field: string) => form.errors[`lines.${i}.${field}`] as string | undefined;
  return (
    <>
      <Table aria-label={t('bills.lines.label')} verticalSpacing={4} highlightOnHover={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="30%">{t('common.description')}</Table.Th>
            <Table.Th w="22%">{t('bills.lines.category')}</Table.Th>
            <Table.Th w={90}>{t('bills.lines.qty')}</Table.Th>
            <Table.Th w={130} className="num">
              {t('bills.lines.price')}
            </Table.Th>
            {withTax && (
              <Table.Th w={120} className="num">
                {t('common.tax')}
              </Table.Th>
            )}
            <Table.Th w={120} className="num">
              {t('common.amount')}
            </Table.Th>
            <Table.Th w={40}>
              <span className="visually-hidden">{t('bills.lines.remove')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line, i) => (
            <Table.Tr key={line.key} style={{ verticalAlign: 'top' }}>
              <Table.Td>
                <TextInput
                  aria-label={t('bills.lines.a11yDescription', { n: i + 1 })}
                  placeholder={
                    poLineLabels && line.purchaseOrderLineId ? poLineLabels.get(line.purchaseOrderLineId) : ''
                  }
                  {...form.getInputProps(`lines.${i}.description`)}
                />
                {poLineLabels && line.purchaseOrderLineId !== null && (
                  <Text size="xs" c="dimmed" mt={2}>
                    {t('bills.lines.onOrder', { line: poLineLabels.get(line.purchaseOrderLineId) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={t('bills.lines.a11yCategory', { n: i + 1 })}
                  data={categoryData}
                  searchable
                  clearable
                  placeholder={t('bills.lines.category')}
                  {...form.getInputProps(`lines.${i}.categoryId`)}
                />
              </Table.Td>
              <Table.Td>
                <DecimalInput
                  aria-label={t('bills.lines.a11yQuantity', { n: i + 1 })}
                  scale={3}
                  min={0}
                  {...form.getInputProps(`lines.${i}.quantity`)}
                />
              </Table.Td>
              <Table.Td>
                <MoneyInput
                  aria-label={t('bills.lines.a11yPrice', { n: i + 1 })}
                  currency={currency}
                  value={line.unitPrice}
                  onChange={(v) => form.setFieldValue(`lines.${i}.unitPrice` as never, v as never)}
                  // eslint-disable-next-line i18next/no-literal-string -- a form field path
                  error={error(i, 'unitPrice')}
                />
              </Table.Td>
              {withTax && (
                <Table.Td>
                  <MoneyInput
                    aria-label={t('bills.lines.a11yTax', { n: i + 1 })}
                    currency={currency}
                    value={line.tax}
                    onChange={(v) => form.setFieldValue(`lines.${i}.tax` as never, v as never)}
                    error={error(i, 'tax')}
                  />
                </Table.Td>
              )}
              <Table.Td className="num" pt={10}>
                <Text size="sm" className="num" aria-label={t('bills.lines.a11yAmount', { n: i + 1 })}>
                  {money(lineTotal(line), currency)}
                </Text>
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('bills.lines.removeLine', { n: i + 1 })}
                  disabled={lines.length === 1}
                  onClick={() => form.removeListItem('lines' as never, i)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          onClick={() => form.insertListItem('lines' as never, newLine() as never)}
        >
          {t('bills.lines.add')}
        </Button>
        {typeof form.errors.lines === 'string' && (
          <Text size="sm" c="red" role="alert">
            {form.errors.lines}
          </Text>
        )}
      </Group>
    </>
  );
}
