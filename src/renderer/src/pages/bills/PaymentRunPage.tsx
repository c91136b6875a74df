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
import {
  PAYMENT_METHODS,
  PAYMENT_METHOD_LABELS,
  type PaymentMethod,
} from '../../../../shared/domain/bill-status';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { DateField } from './parts/DateField';
import { ExchangeRateField } from './parts/ExchangeRateField';
import { StatusBadge } from './parts/StatusBadge';
import { SepaDownload } from './parts/SepaDownload';
import { PAYABLES, billLabel, useFormat } from './parts/format';
import { parseRateInput } from '../../../../shared/domain/number-input';
import { useDecimalSeparator } from '../../lib/numbers';

/**
 * A payment run: choose the bills to pay this week, see the cash needed and the discounts
 * captured per currency, and mark them all paid in one step (one payment per vendor).
 */
export function PaymentRunPage() {
  const { money, date, baseCurrency } = useFormat();
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

  const foreignTotals = (preview.data?.totals ?? []).filter((t) => t.currency !== baseCurrency);
  const sep = useDecimalSeparator();
  const typedRate = (t: { currency: string; billRate: string }) =>
    (typedRates[t.currency] ?? t.billRate).trim();
  const rateOf = (t: { currency: string; billRate: string }) =>
    parseRateInput(typedRate(t), sep) ?? typedRate(t);

  const confirm = () => {
    const bad = Object.fromEntries(
      foreignTotals
        .filter((t) => parseRateInput(typedRate(t), sep) === null)
        .map((t) => [t.currency, `Enter what 1 ${t.currency} is worth in ${baseCurrency}, like 1.0845`]),
    );
    setRateErrors(bad);
    if (Object.keys(bad).length > 0) return;
    const exchangeRates = foreignTotals.map((t) => ({ currency: t.currency, rate: rateOf(t) }));
    modals.openConfirmModal({
      title: `Mark ${ids.length} bills paid?`,
      children: (
        <Text size="sm">
          Folio records one payment per vendor dated {date(paymentDate)}, for{' '}
          {(preview.data?.totals ?? []).map((t) => money(t.cash, t.currency)).join(' and ')}. You can undo
          each payment from its bill.
        </Text>
      ),
      labels: { confirm: 'Mark paid', cancel: 'Cancel' },
      onConfirm: () =>
        run.mutate(
          { paymentDate, method, reference, billIds: ids, takeDiscounts, exchangeRates },
          {
            onSuccess: (r) => {
              setSelected(new Set());
              modals.open({
                title: 'Payment run done',
                children: (
                  <Stack gap={0}>
                    <Text size="sm">
                      {r.bills} bills paid with {r.payments} payments:{' '}
                      {r.totals
                        .map(
                          (t) => `${money(t.cash, t.currency)} paid, ${money(t.discounts, t.currency)} saved`,
                        )
                        .join('; ')}
                      .
                    </Text>
                    {r.totals.some((t) => t.currency === 'EUR') && <SepaDownload runId={r.runId} />}
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
          <DateField label="Payment date" value={paymentDate} onChange={setPaymentDate} w={170} />
          <Select
            label="Method"
            data={PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[m] }))}
            value={method}
            onChange={(m) => m && setMethod(m as PaymentMethod)}
            allowDeselect={false}
            w={170}
          />
          <TextInput
            label="Reference"
            placeholder="Batch or bank reference"
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
          />
          <Switch
            label="Take early-payment discounts"
            checked={takeDiscounts}
            onChange={(e) => setTakeDiscounts(e.currentTarget.checked)}
            mb={8}
          />
        </Group>
      </Card>
      <Card withBorder padding="md" aria-label="Run totals">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h4">
              {ids.length} {ids.length === 1 ? 'bill' : 'bills'} to pay
            </Title>
            <Text size="sm" c="dimmed">
              Choose the bills below; totals follow your choice.
            </Text>
          </Stack>
          <Group gap="xl">
            {(preview.data && ids.length ? preview.data.totals : []).map((t) => (
              <Stack key={t.currency} gap={0} align="flex-end">
                <Text size="xs" c="dimmed">
                  Cash needed{preview.data!.totals.length > 1 ? ` (${t.currency})` : ''}
                </Text>
                <Text fw={700} size="lg" className="num" aria-label={`Cash needed ${t.currency}`}>
                  {money(t.cash, t.currency)}
                </Text>
                <Text size="xs" c="teal.7" className="num" aria-label={`Discounts captured ${t.currency}`}>
                  Discounts captured {money(t.discounts, t.currency)}
                </Text>
                <ExchangeRateField
                  currency={t.currency}
                  size="xs"
                  w={130}
                  mt={4}
                  value={typedRates[t.currency] ?? t.billRate}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setTypedRates((r) => ({ ...r, [t.currency]: value }));
                  }}
                  error={rateErrors[t.currency]}
                />
              </Stack>
            ))}
            <Button onClick={confirm} disabled={ids.length === 0 || !preview.data} loading={run.isPending}>
              Mark {ids.length} paid
            </Button>
          </Group>
        </Group>
        {withWarnings.length > 0 && (
          <Alert color="orange" mt="sm" icon={<IconAlertTriangle size={18} />}>
            {withWarnings.length} chosen {withWarnings.length === 1 ? 'bill has' : 'bills have'} warnings not
            yet reviewed: {withWarnings.map((r) => `${r.vendorName} ${r.vendorInvoiceNumber}`).join(', ')}.
            Check them before paying.
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
          No bills are waiting to be paid.
        </Text>
      ) : (
        <Table aria-label="Open bills" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>
                <Checkbox
                  aria-label="Choose all"
                  checked={all}
                  indeterminate={ids.length > 0 && !all}
                  onChange={(e) => setSelected(new Set(e.currentTarget.checked ? rows.map((r) => r.id) : []))}
                />
              </Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Vendor</Table.Th>
              <Table.Th>Invoice no.</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th className="num">Balance</Table.Th>
              <Table.Th className="num">Discount</Table.Th>
              <Table.Th className="num">To pay</Table.Th>
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
                      aria-label={`Pay ${billLabel(r)}`}
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
                        ? `up to ${money(r.offer.save, r.currency)}`
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
