import { useTranslation } from 'react-i18next';
import { localToday } from '../../../../shared/domain/dates';
import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { Vendor } from '../../../../shared/api/payables';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../../shared/domain/bill-status';
import { ApiError } from '../../api/client';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { DateField } from '../bills/parts/DateField';
import { ExchangeRateField } from '../bills/parts/ExchangeRateField';
import { BillAmountsTable, errorsByBill } from '../bills/parts/BillAmountsTable';
import { PAYABLES, useFormat } from '../bills/parts/format';
import { PAYMENT_METHOD } from '../bills/parts/labels';
import { parseRateInput } from '../../../../shared/domain/number-input';
import { useDecimalSeparator } from '../../lib/numbers';

/** One payment to a vendor covering several of their open bills, each for all or part of its balance. */
export function VendorPaymentModal({ vendor, onClose }: { vendor: Vendor; onClose: () => void }) {
  const { money, baseCurrency } = useFormat();
  const { t } = useTranslation();
  const sep = useDecimalSeparator();
  const open = useApi('bills.list', { vendorId: vendor.id, filter: 'open', limit: 500 });
  const currencies = [...new Set((open.data?.rows ?? []).map((r) => r.currency))].sort();
  const [currency, setCurrency] = useState<string | null>(null);
  const chosenCurrency =
    currency ?? (currencies.includes(vendor.currency) ? vendor.currency : (currencies[0] ?? vendor.currency));
  const bills = useMemo(
    () =>
      (open.data?.rows ?? [])
        .filter((r) => r.currency === chosenCurrency)
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id - b.id),
    [open.data, chosenCurrency],
  );
  const [amounts, setAmounts] = useState<Record<number, number | null>>({});
  const [paymentDate, setPaymentDate] = useState(localToday());
  const [method, setMethod] = useState<PaymentMethod>('bank_transfer');
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const foreign = chosenCurrency !== baseCurrency;
  // Prefilled with the rate of the vendor's latest bill in the currency, until the user types one.
  const [typedRate, setTypedRate] = useState<string | null>(null);
  const suggested = useApi(
    'bills.suggestRate',
    { vendorId: vendor.id, currency: chosenCurrency },
    { enabled: foreign },
  );
  const rate = typedRate ?? suggested.data?.rate ?? '';
  const create = useApiMutation('billPayments.create', {
    invalidates: PAYABLES,
    success: t('payables.payment.recorded'),
  });
  const allocations = bills
    .filter((b) => (amounts[b.id] ?? 0) > 0)
    .map((b) => ({ billId: b.id, amount: amounts[b.id]! }));
  const total = allocations.reduce((s, a) => s + a.amount, 0);

  const submit = () => {
    setErrors({});
    if (foreign && parseRateInput(rate, sep) === null)
      return setErrors({
        exchangeRate: t('payables.rate.enterOnDate', { currency: chosenCurrency, base: baseCurrency }),
      });
    create.mutate(
      {
        paymentDate,
        method,
        reference,
        ...(foreign ? { exchangeRate: parseRateInput(rate, sep) ?? rate.trim() } : {}),
        allocations,
      },
      {
        onSuccess: onClose,
        onError: (e) => {
          if (!(e instanceof ApiError) || Object.keys(e.fields).length === 0) return notifyError(e);
          setErrors(errorsByBill(e.fields, allocations));
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('payables.payment.title', { name: vendor.name })} size="xl">
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <DateField
            label={t('payables.payment.date')}
            value={paymentDate}
            onChange={setPaymentDate}
            error={errors.paymentDate}
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
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
          />
          {currencies.length > 1 && (
            <Select
              label={t('common.currency')}
              data={currencies}
              value={chosenCurrency}
              onChange={(c) => {
                if (!c) return;
                setCurrency(c);
                setTypedRate(null);
              }}
              allowDeselect={false}
              w={110}
            />
          )}
          <ExchangeRateField
            currency={chosenCurrency}
            value={rate}
            onChange={(e) => setTypedRate(e.currentTarget.value)}
            error={errors.exchangeRate}
            w={150}
          />
        </Group>
        {bills.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('vendors.payment.none', { name: vendor.name })}
          </Text>
        ) : (
          <BillAmountsTable
            label={t('vendors.payment.covers')}
            headers={{
              bill: t('bills.table.invoiceNo'),
              due: t('bills.table.due'),
              balance: t('bills.table.balance'),
              amount: t('vendors.payment.payNow'),
            }}
            rows={bills.map((b) => ({
              id: b.id,
              label: b.vendorInvoiceNumber || `#${b.id}`,
              dueDate: b.dueDate,
              dueLabel: b.dueLabel,
              overdue: b.displayStatus === 'overdue',
              balance: b.balance,
              currency: b.currency,
            }))}
            values={amounts}
            onChange={(id, v) => setAmounts((a) => ({ ...a, [id]: v }))}
            amountLabel={(bill) => t('bills.run.pay', { bill })}
            errors={errors}
          />
        )}
        {errors.allocations && (
          <Text c="red" size="sm">
            {errors.allocations}
          </Text>
        )}
        <Group justify="space-between">
          <Button
            variant="subtle"
            onClick={() => setAmounts(Object.fromEntries(bills.map((b) => [b.id, b.balance])))}
            disabled={bills.length === 0}
          >
            {t('vendors.payment.payAll')}
          </Button>
          <Group gap="md">
            <Text fw={600} className="num" aria-label={t('vendors.payment.total')}>
              {t('common.total')} {money(total, chosenCurrency)}
            </Text>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button onClick={submit} disabled={allocations.length === 0} loading={create.isPending}>
              {t('payables.payment.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
