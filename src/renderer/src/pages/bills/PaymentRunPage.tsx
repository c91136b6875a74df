import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { BillRow } from '../../../../shared/api/payables';
import { addDays, localToday } from '../../../../shared/domain/dates';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../../shared/domain/bill-status';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { DateField } from './parts/DateField';
import { ExchangeRateField } from './parts/ExchangeRateField';
import { StatusBadge } from './parts/StatusBadge';
import { SepaDownload } from './parts/SepaDownload';
import { PAYABLES, billLabel, useFormat } from './parts/format';
import { PAYMENT_METHOD } from './parts/labels';
import { parseRateInput } from '../../../../shared/domain/number-input';
import { useDecimalSeparator } from '../../lib/numbers';

/**
 * A payment run: choose the bills to pay this week, see the cash needed and the discounts
 * captured per currency, and mark them all paid in one step (one payment per vendor).
 */
export function PaymentRunPage() {
  const { money, date, baseCurrency } = useFormat();
  const { t } = useTranslation();
  const overdue = useApi('bills.due', { view: 'overdue', limit: 500 });
  const next7 = useApi('bills.due', { view: 'next7', limit: 500 });
  const later = useApi('bills.due', { view: 'later', limit: 500 });
  const [selected, setSelected] = useState<Set<number> | null>(null);
  const [paymentDate, setPaymentDate] = useState(localToday());
  const [takeDiscounts, setTakeDiscounts] = useState(true);
  const [method, setMethod] = useState<PaymentMethod>('bank_transfer');
  const [reference, setReference] = useState('');
  const run = useApiMutation('billPayments.run', { invalidates: PAYABLES });
  // The rate of each foreign currency on the payment date, prefilled with its latest bill's.
  const [typedRates, setTypedRates] = useState<Record<string, string>>({});
  const [rateErrors, setRateErrors] = useState<Record<string, string>>({});

  const rows: BillRow[] = useMemo(
    () => [...(overdue.data?.rows ?? []), ...(next7.data?.rows ?? []), ...(later.data?.rows ?? [])],
    [overdue.data, next7.data, later.data],
  );
  // By default: everything overdue or due in the next 7 days, and bills whose discount ends by then.
  const defaults = useMemo(() => {
    if (!overdue.data || !next7.data || !later.data) return new Set<number>();
    const week = addDays(localToday(), 7);
    const soon = later.data.rows.filter((r) => r.offer && r.offer.payBy <= week);
    return new Set([...overdue.data.rows, ...next7.data.rows, ...soon].map((r) => r.id));
  }, [overdue.data, next7.data, later.data]);
  const chosen = selected ?? defaults;

  const ids = [...chosen].sort((a, b) => a - b);
  const preview = useApi(
    'billPayments.runPreview',
    { paymentDate, billIds: ids, takeDiscounts },
    { enabled: ids.length > 0 && /^\d{4}-\d{2}-\d{2}$/.test(paymentDate) },
  );
  const planned = new Map((preview.data?.rows ?? []).map((r) => [r.billId, r]));
  const toggle = (id: number, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const withWarnings = (preview.data?.rows ?? []).filter((r) => r.openWarnings > 0);

  const foreignTotals = (preview.data?.totals ?? []).filter((tot) => tot.currency !== baseCurrency);
  const sep = useDecimalSeparator();
  const typedRate = (tot: { currency: string; billRate: string }) =>
    (typedRates[tot.currency] ?? tot.billRate).trim();
  const rateOf = (tot: { currency: string; billRate: string }) =>
    parseRateInput(typedRate(tot), sep) ?? typedRate(tot);

  const confirm = () => {
    const bad = Object.fromEntries(
      foreignTotals
        .filter((tot) => parseRateInput(typedRate(tot), sep) === null)
        .map((tot) => [
          tot.currency,
          t('payables.rate.enter', { currency: tot.currency, base: baseCurrency }),
        ]),
    );
    setRateErrors(bad);
    if (Object.keys(bad).length > 0) return;
    const exchangeRates = foreignTotals.map((tot) => ({ currency: tot.currency, rate: rateOf(tot) }));
    modals.openConfirmModal({
      title: t('bills.run.confirmTitle', { count: ids.length }),
      children: (
        <Text size="sm">
          {t('bills.run.confirmText', {
            date: date(paymentDate),
            amounts: (preview.data?.totals ?? []).map((tot) => money(tot.cash, tot.currency)).join(' · '),
          })}
        </Text>
      ),
      labels: { confirm: t('bills.run.markPaid'), cancel: t('common.cancel') },
      onConfirm: () =>
        run.mutate(
          { paymentDate, method, reference, billIds: ids, takeDiscounts, exchangeRates },
          {
            onSuccess: (r) => {
              setSelected(new Set());
              modals.open({
                title: t('bills.run.done'),
                children: (
                  <Stack gap={0}>
                    <Text size="sm">
                      {t('bills.run.doneText', {
                        bills: r.bills,
                        payments: r.payments,
                        totals: r.totals
                          .map((tot) =>
                            t('bills.run.paidSaved', {
                              paid: money(tot.cash, tot.currency),
                              saved: money(tot.discounts, tot.currency),
                            }),
                          )
                          .join('; '),
                      })}
                    </Text>
                    {r.totals.some((tot) => tot.currency === 'EUR') && <SepaDownload runId={r.runId} />}
                  </Stack>
                ),
              });
            },
            onError: notifyError,
          },
        ),
    });
  };

  const all = rows.length > 0 && ids.length === rows.length;
  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Group align="flex-end" gap="md">
          <DateField
            label={t('payables.payment.date')}
            value={paymentDate}
            onChange={setPaymentDate}
            w={170}
          />
          <Select
            label={t('payables.payment.method')}
            data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(PAYMENT_METHOD[m]) }))}
            value={method}
            onChange={(m) => m && setMethod(m as PaymentMethod)}
            allowDeselect={false}
            w={170}
          />
          <TextInput
            label={t('common.reference')}
            placeholder={t('bills.run.referenceHint')}
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
          />
          <Switch
            label={t('bills.run.takeDiscounts')}
            checked={takeDiscounts}
            onChange={(e) => setTakeDiscounts(e.currentTarget.checked)}
            mb={8}
          />
        </Group>
      </Card>
      <Card withBorder padding="md" aria-label={t('bills.run.totals')}>
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h4">
              {t('bills.run.toPay', { count: ids.length })}
            </Title>
            <Text size="sm" c="dimmed">
              {t('bills.run.hint')}
            </Text>
          </Stack>
          <Group gap="xl">
            {(preview.data && ids.length ? preview.data.totals : []).map((tot) => (
              <Stack key={tot.currency} gap={0} align="flex-end">
                <Text size="xs" c="dimmed">
                  {preview.data!.totals.length > 1
                    ? t('bills.run.cashNeededIn', { currency: tot.currency })
                    : t('bills.run.cashNeeded')}
                </Text>
                <Text
                  fw={700}
                  size="lg"
                  className="num"
                  aria-label={t('bills.run.cashLabel', { currency: tot.currency })}
                >
                  {money(tot.cash, tot.currency)}
                </Text>
                <Text
                  size="xs"
                  c="teal.7"
                  className="num"
                  aria-label={t('bills.run.discountsLabel', { currency: tot.currency })}
                >
                  {t('bills.run.discounts', { amount: money(tot.discounts, tot.currency) })}
                </Text>
                <ExchangeRateField
                  currency={tot.currency}
                  size="xs"
                  w={130}
                  mt={4}
                  value={typedRates[tot.currency] ?? tot.billRate}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setTypedRates((r) => ({ ...r, [tot.currency]: value }));
                  }}
                  error={rateErrors[tot.currency]}
                />
              </Stack>
            ))}
            <Button onClick={confirm} disabled={ids.length === 0 || !preview.data} loading={run.isPending}>
              {t('bills.run.markN', { count: ids.length })}
            </Button>
          </Group>
        </Group>
        {withWarnings.length > 0 && (
          <Alert color="orange" mt="sm" icon={<IconAlertTriangle size={18} />}>
            {t('bills.run.warnings', {
              count: withWarnings.length,
              bills: withWarnings.map((r) => `${r.vendorName} ${r.vendorInvoiceNumber}`).join(', '),
            })}
          </Alert>
        )}
        {preview.error && (
          <Alert color="red" mt="sm">
            {preview.error.message}
          </Alert>
        )}
      </Card>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('bills.run.none')}
        </Text>
      ) : (
        <Table aria-label={t('bills.run.openBills')} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>
                <Checkbox
                  aria-label={t('bills.run.chooseAll')}
                  checked={all}
                  indeterminate={ids.length > 0 && !all}
                  onChange={(e) => setSelected(new Set(e.currentTarget.checked ? rows.map((r) => r.id) : []))}
                />
              </Table.Th>
              <Table.Th>{t('bills.table.due')}</Table.Th>
              <Table.Th>{t('common.vendor')}</Table.Th>
              <Table.Th>{t('bills.table.invoiceNo')}</Table.Th>
              <Table.Th>{t('common.status')}</Table.Th>
              <Table.Th className="num">{t('bills.table.balance')}</Table.Th>
              <Table.Th className="num">{t('bills.run.discount')}</Table.Th>
              <Table.Th className="num">{t('bills.run.toPayColumn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const p = planned.get(r.id);
              const on = chosen.has(r.id);
              return (
                <Table.Tr key={r.id} bg={on ? 'var(--mantine-color-indigo-light)' : undefined}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('bills.run.pay', { bill: billLabel(r, t) })}
                      checked={on}
                      onChange={(e) => toggle(r.id, e.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{date(r.dueDate)}</Text>
                    <Text size="xs" c={r.displayStatus === 'overdue' ? 'red' : 'dimmed'}>
                      {r.dueLabel}
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.vendorName}</Table.Td>
                  <Table.Td>{r.vendorInvoiceNumber || `#${r.id}`}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.displayStatus} />
                  </Table.Td>
                  <Table.Td className="num">{money(r.balance, r.currency)}</Table.Td>
                  <Table.Td className="num" c="teal.7">
                    {on && p
                      ? p.discount
                        ? money(p.discount, r.currency)
                        : '—'
                      : r.offer
                        ? t('bills.run.upTo', { amount: money(r.offer.save, r.currency) })
                        : '—'}
                  </Table.Td>
                  <Table.Td className="num" fw={500}>
                    {on && p ? money(p.pay, r.currency) : ''}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
