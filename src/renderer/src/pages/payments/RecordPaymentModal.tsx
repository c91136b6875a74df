import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { DateField } from '../../components/DateField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAYMENT_METHODS } from '../../../../shared/api/payments';
import { PAYMENT_METHOD_KEYS } from './methods';
import type { DocumentRow } from '../../../../shared/api/documents';
import { ApiError } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { CustomerSelect } from '../../components/CustomerSelect';
import { Money, useMoneyFormat } from '../../components/Money';
import { MoneyInput } from '../../components/MoneyInput';
import { formatDate } from '../../lib/format';
import { ApplyPaymentCredit } from './ApplyPaymentCredit';
import { parseRateInput } from '../../../../shared/domain/number-input';
import { useDecimalSeparator } from '../../lib/numbers';

type Method = (typeof PAYMENT_METHODS)[number];

/** Shares an amount over invoices, oldest due date first. */
function autoAllocate(amount: number, invoices: DocumentRow[]): Record<number, number> {
  const out: Record<number, number> = {};
  let left = amount;
  for (const inv of [...invoices].sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''))) {
    if (left <= 0) break;
    const share = Math.min(left, inv.balance);
    out[inv.id] = share;
    left -= share;
  }
  return out;
}

/**
 * Money received: how much, when, how, and which invoices it pays. Amounts are shared over
 * the open invoices oldest first until you change them; whatever is not applied becomes
 * customer credit.
 */
export function RecordPaymentModal({
  opened,
  onClose,
  customerId: fixedCustomer,
  invoice,
}: {
  opened: boolean;
  onClose: () => void;
  customerId?: number;
  /** Opened from an invoice: its balance is proposed, applied to it. */
  invoice?: { id: number; balance: number; currency: string };
}) {
  const { t } = useTranslation();
  const { preferences } = useSettings();
  const sep = useDecimalSeparator();
  const fmt = useMoneyFormat();
  const today = new Date().toISOString().slice(0, 10);
  const [customerId, setCustomerId] = useState<number | null>(fixedCustomer ?? null);
  const [date, setDate] = useState(today);
  const [amount, setAmount] = useState<number | null>(invoice?.balance ?? null);
  const [method, setMethod] = useState<Method>('bank_transfer');
  const [reference, setReference] = useState('');
  const [rate, setRate] = useState('');
  const [notes, setNotes] = useState('');
  // What the user set by hand; until then the amount is spread over the open invoices, oldest
  // first, as soon as they are loaded (an amount typed before they arrived used to become
  // customer credit instead).
  const [chosen, setAllocations] = useState<Record<number, number>>({});
  const [manual, setManual] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const open = useApi(
    'documents.list',
    {
      type: 'invoice',
      customerId,
      statuses: ['issued', 'partially_paid', 'overdue'],
      sort: 'dueDate',
      direction: 'asc',
      limit: 500,
    },
    { enabled: opened && customerId !== null },
  );
  const currency = invoice?.currency ?? open.data?.rows[0]?.currency ?? preferences.baseCurrency;
  const invoices = (open.data?.rows ?? []).filter((r) => r.currency === currency);
  const record = useApiMutation('payments.record', {
    invalidates: ['payments', 'documents', 'customers'],
    success: () => t('payments.record.done'),
  });

  const loadingInvoices = customerId !== null && open.isPending;
  const allocations: Record<number, number> = manual
    ? chosen
    : open.data
      ? // From an invoice's page, that invoice first; then the oldest.
        autoAllocate(
          amount ?? 0,
          invoice
            ? [...invoices.filter((r) => r.id === invoice.id), ...invoices.filter((r) => r.id !== invoice.id)]
            : invoices,
        )
      : invoice && amount !== null
        ? { [invoice.id]: Math.min(amount, invoice.balance) }
        : {};

  const applied = Object.values(allocations).reduce((s, a) => s + a, 0);
  const credit = (amount ?? 0) - applied;

  const submit = async () => {
    setErrors({});
    if (customerId === null) return setErrors({ customerId: t('documents.errors.customer') });
    if (amount === null) return setErrors({ amount: t('payments.record.amountMissing') });
    const foreign = currency !== preferences.baseCurrency;
    if (foreign && parseRateInput(rate, sep) === null)
      return setErrors({
        exchangeRate: t('payments.record.rateMissing', {
          currency,
          base: preferences.baseCurrency,
          example: sep === ',' ? '1,17' : '1.17',
        }),
      });
    const list = Object.entries(allocations)
      .filter(([, a]) => a > 0)
      .map(([id, a]) => ({ invoiceId: Number(id), amount: a }));
    try {
      await record.mutateAsync({
        customerId,
        date,
        amount,
        currency,
        exchangeRate: foreign ? (parseRateInput(rate, sep) ?? rate) : '1',
        method,
        reference,
        notes,
        allocations: list,
      });
      onClose();
    } catch (error) {
      if (error instanceof ApiError)
        setErrors({ ...error.fields, ...(Object.keys(error.fields).length ? {} : { form: error.message }) });
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('payments.record.button')} size="xl">
      <Stack>
        {invoice && <CreditOffer invoiceId={invoice.id} onApplied={onClose} />}
        <SimpleGrid cols={3} spacing="sm">
          {fixedCustomer === undefined && (
            <CustomerSelect
              label={t('common.customer')}
              withAsterisk
              value={customerId}
              onChange={setCustomerId}
              error={errors.customerId}
            />
          )}
          <DateField
            label={t('payments.record.date')}
            value={date}
            onChange={(d) => setDate(d ?? today)}
            error={errors.date}
          />
          <MoneyInput
            label={t('payments.record.amount', { currency })}
            withAsterisk
            currency={currency}
            value={amount}
            onChange={(v) => {
              setAmount(v);
            }}
            error={errors.amount}
            data-autofocus
          />
          <Select
            label={t('payments.list.method')}
            data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(PAYMENT_METHOD_KEYS[m]) }))}
            value={method}
            allowDeselect={false}
            onChange={(m) => setMethod((m ?? 'bank_transfer') as Method)}
          />
          {currency !== preferences.baseCurrency && (
            <TextInput
              label={t('documents.fields.rateLabel', { currency, base: preferences.baseCurrency })}
              description={t('payments.record.rateHint')}
              classNames={{ input: 'num' }}
              value={rate}
              onChange={(e) => setRate(e.currentTarget.value)}
              error={errors.exchangeRate}
            />
          )}
          <TextInput
            label={t('common.reference')}
            placeholder={t('payments.record.referencePlaceholder')}
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
          />
        </SimpleGrid>
        {customerId !== null && (
          <>
            {invoices.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('payments.record.noInvoices', { currency })}
              </Text>
            ) : (
              <Table aria-label={t('payments.record.applyTable')} withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('payments.record.invoice')}</Table.Th>
                    <Table.Th>{t('documents.list.due')}</Table.Th>
                    <Table.Th className="num">{t('documents.list.balance')}</Table.Th>
                    <Table.Th className="num" w={180}>
                      {t('payments.record.apply')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {invoices.map((inv, i) => (
                    <Table.Tr key={inv.id}>
                      <Table.Td>
                        <Checkbox
                          label={inv.number}
                          checked={(allocations[inv.id] ?? 0) > 0}
                          onChange={(e) => {
                            setManual(true);
                            setAllocations({
                              ...allocations,
                              [inv.id]: e.currentTarget.checked
                                ? Math.min(inv.balance, Math.max(credit, 0) || inv.balance)
                                : 0,
                            });
                          }}
                        />
                      </Table.Td>
                      <Table.Td>{inv.dueDate ? formatDate(inv.dueDate, preferences.locale) : '—'}</Table.Td>
                      <Table.Td className="num">{fmt(inv.balance, inv.currency)}</Table.Td>
                      <Table.Td>
                        <MoneyInput
                          aria-label={t('payments.record.applyTo', { number: inv.number })}
                          size="xs"
                          currency={inv.currency}
                          value={allocations[inv.id] ?? null}
                          onChange={(v) => {
                            setManual(true);
                            setAllocations({ ...allocations, [inv.id]: v ?? 0 });
                          }}
                          error={errors[`allocations.${i}.amount`]}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Group justify="flex-end" gap="xl">
              <Text size="sm">
                {t('payments.record.applied')} <Money amount={applied} currency={currency} fw={600} />
              </Text>
              <Text size="sm" c={credit < 0 ? 'red' : undefined}>
                {credit < 0 ? t('payments.record.overApplied') : t('payments.record.keptAsCredit')}{' '}
                <Money amount={Math.abs(credit)} currency={currency} fw={600} />
              </Text>
            </Group>
          </>
        )}
        <Textarea
          label={t('common.notes')}
          autosize
          minRows={2}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
        />
        {Object.entries(errors)
          .filter(
            ([k]) =>
              !['customerId', 'amount', 'date', 'exchangeRate'].includes(k) && !k.startsWith('allocations.'),
          )
          .map(([k, m]) => (
            <Alert color="red" key={k}>
              {m}
            </Alert>
          ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={record.isPending || loadingInvoices}>
            {t('payments.record.button')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Credit the customer already has: offered before recording new money for this invoice. */
function CreditOffer({ invoiceId, onApplied }: { invoiceId: number; onApplied: () => void }) {
  const { t } = useTranslation();
  const credit = useApi('payments.creditFor', { invoiceId });
  const fmt = useMoneyFormat();
  if (!credit.data || credit.data.toApply <= 0) return null;
  return (
    <Alert color="teal" title={t('payments.credit.title')}>
      <Group justify="space-between">
        <Text size="sm">
          {t('payments.credit.body', { amount: fmt(credit.data.available, credit.data.currency) })}
        </Text>
        <ApplyPaymentCredit invoiceId={invoiceId} onApplied={onApplied} />
      </Group>
    </Alert>
  );
}
