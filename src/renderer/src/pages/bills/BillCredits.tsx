import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { ApplyVendorCreditModal, CREDIT_QUERIES } from '../vendors/ApplyVendorCreditModal';
import { useFormat } from './parts/format';

/**
 * The rows the bill's totals add between "Paid" and "Balance due": what the vendor's e-invoice
 * says was paid in advance (BT-113) and the vendor credits applied. Nothing when both are zero.
 */
export function BillDeductions({ billId, currency }: { billId: number; currency: string }) {
  const { t } = useTranslation();
  const { money } = useFormat();
  const data = useApi('vendorCredits.forBill', { billId }).data;
  if (!data) return null;
  const rows: [string, number][] = [];
  if (data.prepaid !== 0) rows.push([t('vendorCredits.bill.prepaid'), -data.prepaid]);
  if (data.credited !== 0) rows.push([t('vendorCredits.bill.credited'), -data.credited]);
  return (
    <>
      {rows.map(([label, amount]) => (
        <Group key={label} gap="xl">
          <Text size="sm" c="dimmed">
            {label}
          </Text>
          <Text size="sm" className="num" miw={120}>
            {money(amount, currency)}
          </Text>
        </Group>
      ))}
    </>
  );
}

/**
 * The vendor credits applied to a bill, each reversible, and the vendor's credits with
 * something left that could be applied to it (while the bill is open).
 */
export function BillCredits({ billId, currency }: { billId: number; currency: string }) {
  const { t } = useTranslation();
  const { money, date } = useFormat();
  const data = useApi('vendorCredits.forBill', { billId }).data;
  const [applying, setApplying] = useState<number | null>(null);
  const unapply = useApiMutation('vendorCredits.unapply', {
    invalidates: CREDIT_QUERIES,
    success: t('vendorCredits.bill.reversed'),
  });
  if (!data || (data.applications.length === 0 && data.available.length === 0)) return null;
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h5" mb="xs">
        {t('vendorCredits.bill.title')}
      </Title>
      <Stack gap="xs">
        {data.applications.length > 0 && (
          <Table aria-label={t('vendorCredits.bill.appliedLabel')} verticalSpacing={4}>
            <Table.Tbody>
              {data.applications.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Text size="sm">{t('vendorCredits.bill.creditNote', { number: a.creditNumber })}</Text>
                    <Text size="xs" c="dimmed">
                      {t('vendorCredits.bill.appliedOn', { date: date(a.appliedOn) })}
                    </Text>
                  </Table.Td>
                  <Table.Td className="num">{money(a.amount, currency)}</Table.Td>
                  <Table.Td w={80}>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="gray"
                      aria-label={t('vendorCredits.bill.reverseLabel', {
                        number: a.creditNumber,
                        amount: money(a.amount, currency),
                      })}
                      onClick={() => unapply.mutate({ applicationId: a.id }, { onError: notifyError })}
                    >
                      {t('vendorCredits.bill.reverse')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {data.available.map((c) => (
          <Group key={c.id} justify="space-between" wrap="nowrap">
            <Text size="sm">
              {t('vendorCredits.bill.available', {
                number: c.number || `#${c.id}`,
                amount: money(c.remaining, c.currency),
              })}
            </Text>
            <Button
              size="compact-sm"
              variant="light"
              aria-label={t('vendorCredits.bill.applyLabel', { number: c.number || `#${c.id}` })}
              onClick={() => setApplying(c.id)}
            >
              {t('vendorCredits.bill.apply')}
            </Button>
          </Group>
        ))}
      </Stack>
      {applying !== null && (
        <ApplyVendorCreditModal vendorCreditId={applying} billId={billId} onClose={() => setApplying(null)} />
      )}
    </Card>
  );
}
